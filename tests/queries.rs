//! The canned queries of `queries/` on the bundled graph: the catalogue agrees with the folder,
//! every query's answer is pinned (`tests/expected/queries/NAME.tsv`, rewritten by
//! `NORMGRAPH_BLESS=1 cargo test` for a reader to review), the questions of the issue get their
//! answers, hostile parameters are refused, and a re-ingested document shows in the answers.

use crate::common::{self, root, store};
use normgraph::ingest;
use normgraph::query::{self as queries, QueryError, Rows};
use normgraph::rdf::Iris;
use oxigraph::store::Store;
use std::path::PathBuf;
use std::process::Command;

fn run(name: &str, params: &[(&str, &str)]) -> Rows {
    let given: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    queries::find(name)
        .unwrap()
        .run(store(), &given)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The values of one column.
fn column(t: &Rows, name: &str) -> Vec<String> {
    let k = t.columns.iter().position(|c| c == name).unwrap();
    t.text_rows().into_iter().map(|r| r[k].clone()).collect()
}

fn tsv(t: &Rows) -> String {
    let mut s = t.columns.join("\t") + "\n";
    for r in t.text_rows() {
        s += &(r.join("\t") + "\n");
    }
    s
}

#[test]
fn the_embedded_catalogue_is_the_folder() {
    let mut on_disk: Vec<(String, String)> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    on_disk.sort();
    let mut embedded: Vec<(String, String)> = queries::canned::FILES
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    embedded.sort();
    assert_eq!(
        on_disk.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        embedded.iter().map(|(f, _)| f).collect::<Vec<_>>(),
        "queries/ and queries::canned::FILES list different files"
    );
    assert_eq!(on_disk, embedded);
}

/// Every query, run with the example values its own header gives (`# example:`, what the
/// server's forms are filled in with), has an answer, and it is the one pinned in
/// `tests/expected/queries/NAME.tsv`.
#[test]
fn every_query_gives_its_pinned_answer_on_the_bundled_graph() {
    let bless = std::env::var_os("NORMGRAPH_BLESS").is_some();
    let mut differ = Vec::new();
    for c in queries::catalogue() {
        let name = &c.name;
        let rows = c.run(store(), &c.examples).unwrap();
        assert!(
            !rows.rows.is_empty(),
            "{name} with {:?} gives no row",
            c.examples
        );
        let got = tsv(&rows);
        let path = root().join(format!("tests/expected/queries/{name}.tsv"));
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run NORMGRAPH_BLESS=1 cargo test",
                path.display()
            )
        });
        if got != expected {
            differ.push(format!("{name}: got\n{got}\nexpected ({})", path.display()));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn citation_chain_of_75_240_lists_the_23_resolutions_it_cites_with_their_dates() {
    let t = run("citation-chain", &[("doc", "75/240")]);
    let direct: Vec<Vec<String>> = t
        .text_rows()
        .into_iter()
        .filter(|r| r[0] == "1" && r[1].starts_with("A/RES/"))
        .collect();
    assert_eq!(direct.len(), 23, "{direct:?}");
    assert!(direct.iter().all(|r| r[2].len() == 10), "{direct:?}");
    // Each with what 75/240's paragraphs do with it: its preamble recalls 53/70.
    assert!(direct.contains(&vec![
        "1".to_string(),
        "A/RES/53/70".into(),
        "1998-12-04".into(),
        "recalling (pp1)".into()
    ]));
    // The reports of the groups of experts are cited too, dated by their year: 75/240 confirms
    // the conclusions of the 2013 and 2015 reports (pp18) and recalls them in its pp17.
    let report = t
        .text_rows()
        .into_iter()
        .find(|r| r[1] == "A/70/174")
        .unwrap();
    assert_eq!(
        report[..3],
        ["1".to_string(), "A/70/174".into(), "2015".into()]
    );
    assert!(report[3].contains("confirming (pp18)"), "{report:?}");
    // Depth is the shortest distance: nothing reached at depth 1 comes again deeper.
    let symbols = column(&t, "symbol");
    let unique: std::collections::BTreeSet<_> = symbols.iter().collect();
    assert_eq!(unique.len(), symbols.len());
}

#[test]
fn cited_by_walks_citations_backwards() {
    let t = run("cited-by", &[("doc", "A/RES/53/70")]);
    let rows = t.text_rows();
    // 75/240 cites 53/70 directly; 77/36 cites it directly too.
    assert!(rows.iter().any(|r| r[0] == "1" && r[1] == "A/RES/75/240"));
    // Whatever cites 75/240 reaches 53/70 through it, at least as near.
    let via = run("cited-by", &[("doc", "A/RES/75/240")]);
    for r in via.text_rows() {
        assert!(
            rows.iter().any(|x| x[1] == r[1]),
            "{} cites 75/240 but does not reach 53/70",
            r[1]
        );
    }
}

#[test]
fn common_sponsors_of_the_rival_drafts_are_five_states() {
    let t = run(
        "common-sponsors",
        &[("a", "A/C.1/73/L.27/Rev.1"), ("b", "A/C.1/73/L.37")],
    );
    assert_eq!(column(&t, "state"), ["COD", "GIN", "MWI", "SLE", "WSM"]);
    // The same question about the resolutions the drafts became.
    let r = run("common-sponsors", &[("a", "73/27"), ("b", "73/266")]);
    assert_eq!(r.rows, t.rows);
}

#[test]
fn sponsors_name_the_introducer_and_the_roles() {
    let t = run("sponsors", &[("doc", "A/RES/73/27")]);
    let rows = t.text_rows();
    let introducers: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "true").collect();
    assert_eq!(introducers.len(), 1);
    assert_eq!(introducers[0][0], "RUS");
    let t = run("sponsors", &[("doc", "A/RES/75/240")]);
    let roles = column(&t, "role");
    assert_eq!(roles.iter().filter(|r| *r == "original").count(), 18);
    assert_eq!(roles.iter().filter(|r| *r == "joined").count(), 9);
}

#[test]
fn votes_on_l37_give_czechia_yes_and_every_member_state() {
    let t = run("votes", &[("doc", "A/C.1/73/L.37")]);
    let rows = t.text_rows();
    assert_eq!(rows.len(), 193, "one row per Member State");
    let cze = rows.iter().find(|r| r[0] == "CZE").unwrap();
    assert_eq!(cze[1..3], ["Czechia".to_string(), "yes".into()]);
    let count = |v: &str| rows.iter().filter(|r| r[2] == v).count();
    assert_eq!(
        (count("yes"), count("no"), count("abstain"), count("absent")),
        (139, 11, 18, 25)
    );
    // Pakistan cast no vote and said it had meant to abstain.
    let pak = rows.iter().find(|r| r[0] == "PAK").unwrap();
    assert_eq!(pak[2..], ["absent".to_string(), "abstain".into()]);
}

#[test]
fn vote_totals_agree_with_the_printed_totals() {
    let t = run("vote-totals", &[]);
    // 15 votes on texts as a whole and the six separate votes of 2022 on three preambular
    // paragraphs of A/C.1/77/L.23/Rev.1, in committee (A/77/380) and in plenary (A/77/PV.46).
    assert_eq!(t.rows.len(), 18);
    assert_eq!(
        column(&t, "part").iter().filter(|p| !p.is_empty()).count(),
        6
    );
    for r in t.text_rows() {
        assert_eq!(r[4..7], r[7..10], "{r:?}");
    }
}

#[test]
fn voting_agreement_is_symmetric_and_counts_votes_both_cast() {
    let ab = run(
        "voting-agreement",
        &[("a", "USA"), ("b", "Fédération de Russie")],
    );
    let ba = run("voting-agreement", &[("a", "RUS"), ("b", "United States")]);
    assert_eq!(ab.text_rows(), ba.text_rows());
    let r = &ab.text_rows()[0];
    let (votes, agreements): (u32, u32) = (r[0].parse().unwrap(), r[1].parse().unwrap());
    // Both cast every one of the 18 recorded votes of the graph, on opposite sides each time
    // (A/73/505, A/77/380, A/77/PV.46 and the XML of the resolutions print each of them).
    assert_eq!((votes, agreements), (18, 0), "{r:?}");
}

#[test]
fn norms_are_the_thirteen_of_73_27_with_their_roots() {
    let t = run("norms", &[]);
    assert_eq!(
        column(&t, "notation"),
        (1..=13).map(|k| format!("1.{k}")).collect::<Vec<_>>()
    );
    assert!(column(&t, "welcomed_by").iter().all(|w| w == "A/RES/73/27"));
    assert_eq!(column(&t, "gge_paragraph")[0], "13(a)");
    assert!(column(&t, "text").iter().all(|x| x.len() > 40));
}

#[test]
fn mandates_include_the_working_group_2021_2025_of_75_240() {
    let t = run("mandates", &[]);
    let rows = t.text_rows();
    let oewg = rows
        .iter()
        .find(|r| r[2] == "A/RES/75/240")
        .expect("a body set up by 75/240");
    assert_eq!(
        oewg[1..7],
        [
            "OpenEndedWorkingGroup".to_string(),
            "A/RES/75/240".into(),
            "2021".into(),
            "2025".into(),
            "80".into(),
            "A/RES/75/240".into()
        ]
    );
    // Its reports: three annual progress reports and the final report endorsed by 80/16.
    let mut reports: Vec<&str> = oewg[7].split(' ').collect();
    reports.sort_unstable();
    assert_eq!(reports, ["A/77/275", "A/78/265", "A/79/214", "A/80/257"]);
    // Each group of governmental experts is one body, with the resolution that set it up and
    // the year it began.
    let gge: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r[1] == "GroupOfGovernmentalExperts")
        .map(|r| (r[3].clone(), r[2].clone()))
        .collect();
    assert_eq!(
        gge,
        [
            ("2004".to_string(), "A/RES/58/32".to_string()),
            ("2009".into(), "A/RES/60/45".into()),
            ("2012".into(), "A/RES/66/24".into()),
            ("2014".into(), "A/RES/68/243".into()),
            ("2016".into(), "A/RES/70/237".into()),
            ("2019".into(), "A/RES/73/266".into()),
        ]
    );
}

#[test]
fn timeline_runs_oldest_first_with_votes_and_bodies() {
    let t = run("timeline", &[]);
    let dates = column(&t, "date");
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let rows = t.text_rows();
    let row = rows.iter().find(|r| r[0] == "A/RES/75/240").unwrap();
    assert_eq!(
        row[3..8],
        [
            "48".to_string(),
            "recorded vote".into(),
            "92".into(),
            "50".into(),
            "21".into()
        ]
    );
    assert!(row[9].contains("open-ended working group"), "{row:?}");
    // The line from 53/70 (4 December 1998) to 80/16 (1 December 2025): no resolution of it a
    // bare node, each with its date, its title and how it was adopted as far as a source says.
    let symbols = column(&t, "symbol");
    let first = symbols.iter().position(|s| s == "A/RES/53/70").unwrap();
    let last = symbols.iter().position(|s| s == "A/RES/80/16").unwrap();
    assert_eq!(rows[first][1], "1998-12-04");
    assert_eq!(rows[last][1], "2025-12-01");
    let resolutions: Vec<&Vec<String>> =
        rows.iter().filter(|r| r[0].starts_with("A/RES/")).collect();
    assert_eq!(resolutions.len(), 32, "19 of 1998-2016, 13 since 2018");
    assert!(
        resolutions
            .iter()
            .all(|r| !r[1].is_empty() && !r[2].is_empty()),
        "{resolutions:?}"
    );
    let how = |s: &str| rows.iter().find(|r| r[0] == s).unwrap()[4].clone();
    assert_eq!(how("A/RES/74/28"), "recorded vote");
    assert_eq!(how("A/RES/76/19"), "without a vote");
    assert_eq!(how("A/RES/80/16"), "without a vote");
    assert_eq!(how("A/DEC/77/512"), "without a vote");
    // No text of the corpus says how the resolutions of 1998-2016 were adopted.
    assert_eq!(how("A/RES/53/70"), "not stated");
    // The committee's vote on the draft of 73/27 (A/73/505), where no plenary record is read.
    assert_eq!(
        rows.iter().find(|r| r[0] == "A/RES/73/27").unwrap()[8],
        "109-45-16"
    );
}

#[test]
fn hostile_or_wrong_parameters_are_refused_before_anything_runs() {
    let q = queries::find("citation-chain").unwrap();
    let store = store();
    let refuse = |params: &[(&str, &str)]| -> QueryError {
        let given: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        q.run(store, &given).unwrap_err()
    };
    for hostile in [
        "A/RES/75/240\" } UNION { ?s ?p ?o } #",
        "A/RES/75/240> ; DROP ALL",
        "?doc",
        "1; DELETE WHERE { ?s ?p ?o }",
    ] {
        let e = refuse(&[("doc", hostile)]);
        assert!(matches!(e, QueryError::BadValue { .. }), "{hostile}: {e}");
        assert!(e.to_string().contains("not a UN document symbol"), "{e}");
    }
    assert!(matches!(refuse(&[]), QueryError::Missing { .. }));
    assert!(matches!(
        refuse(&[("doc", "75/240"), ("depth", "1")]),
        QueryError::UnknownParam { .. }
    ));
    assert!(matches!(
        refuse(&[("doc", "75/240"), ("doc", "74/29")]),
        QueryError::Twice { .. }
    ));
    let e = queries::find("voting-agreement")
        .unwrap()
        .run(
            store,
            &[
                ("a".into(), "USA".into()),
                ("b".into(), "Narnia\" . } #".into()),
            ],
        )
        .unwrap_err();
    assert!(e.to_string().contains("is not a State"), "{e}");
    // A well-formed symbol the graph does not know is a question with no answer, not an error.
    assert!(run("citation-chain", &[("doc", "A/RES/1/1")])
        .rows
        .is_empty());
}

#[test]
fn the_command_line_lists_runs_and_refuses() {
    let exe = env!("CARGO_BIN_EXE_normgraph");
    let store = common::bundled().dir.0.join("store-cli");
    // The test binary holds the built store open; the command line reads its own copy.
    let status = Command::new(exe)
        .args(["build", "--data"])
        .arg(root().join("data"))
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let list = Command::new(exe)
        .args(["query", "--list"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(list.stdout).unwrap().lines().count(),
        queries::canned::FILES.len()
    );
    let out = Command::new(exe)
        .args([
            "query",
            "common-sponsors",
            "-p",
            "a=A/C.1/73/L.27/Rev.1",
            "-p",
            "b=A/C.1/73/L.37",
            "--format",
            "csv",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("state,name,role_a,role_b\r\n"), "{csv}");
    assert_eq!(csv.lines().count(), 6, "{csv}");
    let json = Command::new(exe)
        .args(["query", "norms", "--format", "json", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        v["head"]["vars"],
        serde_json::json!(["notation", "text", "gge_paragraph", "welcomed_by"])
    );
    assert_eq!(v["results"]["bindings"].as_array().unwrap().len(), 13);
    let bad = Command::new(exe)
        .args(["query", "votes", "-p", "doc=\" } ; DROP ALL", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(err.contains("votes: parameter doc:"), "{err}");
    // `sparql --file -` reads the query from standard input.
    let mut piped = Command::new(exe)
        .args(["sparql", "--file", "-", "--store"])
        .arg(&store)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        piped.stdin.as_mut().unwrap(),
        b"SELECT ?s WHERE { ?d ng:symbol \"A/RES/75/240\" ; ng:symbol ?s }",
    )
    .unwrap();
    drop(piped.stdin.take());
    let out = piped.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "s\nA/RES/75/240\n");
    // An empty NORMGRAPH_STORE is no store path: the default is used, and named when absent.
    let empty = Command::new(exe)
        .args(["query", "norms"])
        .env("NORMGRAPH_STORE", "")
        .current_dir(common::bundled().dir.0.as_path())
        .output()
        .unwrap();
    let err = String::from_utf8(empty.stderr).unwrap();
    assert!(err.contains("no store at normgraph-store"), "{err}");
}

#[test]
fn a_re_ingested_document_changes_the_answers_at_the_end_of_its_build() {
    let dir = common::TempDir::new("queries-reingest");
    let docs = dir.0.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let text = std::fs::read_to_string(root().join("data/text-en/A_RES_74_29.en.txt")).unwrap();
    let file: PathBuf = docs.join("A_RES_74_29.en.txt");
    std::fs::write(&file, &text).unwrap();
    let store = Store::open(dir.0.join("store")).unwrap();
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let build = || ingest::build(&store, &docs, &iris, true, |_| {}).unwrap();
    let chain = || {
        column(
            &queries::find("citation-chain")
                .unwrap()
                .run(&store, &[("doc".into(), "74/29".into())])
                .unwrap(),
            "symbol",
        )
    };
    assert!(build().derived.recomputed);
    assert!(chain().contains(&"A/RES/73/27".to_string()));
    // Unchanged: nothing recomputed, same answer.
    assert!(!build().derived.recomputed);
    // The citation of 73/27 taken out of the text.
    let edited = text.replace(" and 73/27 of 5 December 2018,", ",");
    assert_ne!(edited, text, "the fixture still prints the citation");
    std::fs::write(&file, edited).unwrap();
    assert!(build().derived.recomputed);
    let after = chain();
    assert!(!after.is_empty());
    assert!(!after.contains(&"A/RES/73/27".to_string()), "{after:?}");
    // The graph brought up to date by difference is the one a fresh build computes.
    let fresh = Store::open(dir.0.join("fresh")).unwrap();
    ingest::build(&fresh, &docs, &iris, true, |_| {}).unwrap();
    assert_eq!(derived_facts(&store), derived_facts(&fresh));
    // The document gone (pruned): no chain at all.
    std::fs::remove_file(&file).unwrap();
    std::fs::write(
        docs.join("A_RES_77_36.en.txt"),
        std::fs::read_to_string(root().join("data/text-en/A_RES_77_36.en.txt")).unwrap(),
    )
    .unwrap();
    build();
    assert!(chain().is_empty());
}

/// The derived graph as sorted lines of N-Quads.
fn derived_facts(store: &Store) -> Vec<String> {
    let g = normgraph::rdf::graphs::DERIVED_FACTS;
    let mut lines: Vec<String> = store
        .quads_for_pattern(None, None, None, Some(g.into()))
        .map(|q| q.unwrap().to_string())
        .collect();
    lines.sort();
    assert!(lines.len() > 1000, "{} derived quads", lines.len());
    lines
}

/// On a synthetic history (a few hundred resolutions of the generator the benchmark uses), the
/// canned queries that read derived facts give what plain SPARQL over the source facts gives.
#[test]
fn derived_answers_agree_with_plain_sparql_on_a_synthetic_history() {
    use crate::synthetic::{History, Spec};
    let dir = common::TempDir::new("queries-synthetic");
    let store = Store::open(dir.0.join("store")).unwrap();
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let spec = Spec {
        resolutions: 1200,
        lines: 20,
        ..Spec::default()
    };
    let history = History::plan(
        spec,
        &iris,
        normgraph::reference::states::StateTable::bundled(),
    );
    let generated = history.load(&store, &iris).unwrap();
    assert!(
        generated.vote_events > 100 && generated.citations > 1000,
        "{generated:?}"
    );
    assert!(
        normgraph::compute::derive::refresh(&store, &iris)
            .unwrap()
            .recomputed
    );
    let canned = |name: &str, params: &[(&str, &str)]| -> Rows {
        let given: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        queries::find(name).unwrap().run(&store, &given).unwrap()
    };
    let plain =
        |q: &str| -> Vec<Vec<String>> { normgraph::query::sparql::select_text(&store, q).unwrap() };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };

    let doc = history.latest_of_a_long_line();
    let chain = canned("citation-chain", &[("doc", doc.as_str())]);
    let reached: Vec<String> = plain(&format!(
        r#"SELECT DISTINCT ?s WHERE {{ ?d ng:symbol "{doc}" ; cito:cites+ ?t . ?t ng:symbol ?s }}"#
    ))
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert!(reached.len() > 10, "{reached:?}");
    assert_eq!(sorted(column(&chain, "symbol")), sorted(reached));
    // Depth 1 is what the document cites directly.
    let direct: Vec<String> = plain(&format!(
        r#"SELECT DISTINCT ?s WHERE {{ ?d ng:symbol "{doc}" ; cito:cites ?t . ?t ng:symbol ?s }}"#
    ))
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    let at_one: Vec<String> = chain
        .text_rows()
        .into_iter()
        .filter(|r| r[0] == "1")
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(sorted(at_one), sorted(direct));

    let first = history.a_landmark();
    let cited_by = canned("cited-by", &[("doc", first.as_str())]);
    let leading: Vec<String> = plain(&format!(
        r#"SELECT DISTINCT ?s WHERE {{ ?d ng:symbol "{first}" . ?f cito:cites+ ?d . ?f ng:symbol ?s }}"#
    ))
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert_eq!(sorted(column(&cited_by, "symbol")), sorted(leading));

    let agreement = canned("voting-agreement", &[("a", "FRA"), ("b", "BRA")]);
    let counted = plain(
        r#"SELECT (COUNT(*) AS ?n) (SUM(IF(?oa = ?ob, 1, 0)) AS ?k) WHERE {
             ?va opengov:voter/ng:iso3 "FRA" ; opengov:voteEvent ?e ; opengov:option ?oa .
             ?vb opengov:voter/ng:iso3 "BRA" ; opengov:voteEvent ?e ; opengov:option ?ob . }"#,
    );
    assert_eq!(agreement.text_rows()[0][..2], counted[0][..]);

    let voted = history.latest_voted();
    let votes = canned("votes", &[("doc", voted.as_str())]);
    let cast: Vec<String> = plain(&format!(
        r#"SELECT ?state ?o WHERE {{ ?d ng:symbol "{voted}" . ?e ng:onDocument ?d .
             ?v opengov:voteEvent ?e ; opengov:voter/ng:iso3 ?state ; opengov:option ?o }}"#
    ))
    .into_iter()
    .map(|r| format!("{} {}", r[0], r[1]))
    .collect();
    let listed: Vec<String> = votes
        .text_rows()
        .into_iter()
        .filter(|r| r[2] != "absent")
        .map(|r| format!("{} {}", r[0], r[2]))
        .collect();
    assert_eq!(sorted(listed), sorted(cast));
    // Every Member State admitted before 2022 has a row; South Sudan (2011) too.
    assert!(column(&votes, "state").contains(&"SSD".to_string()));

    let defections = canned("sponsor-defections", &[]);
    let plain_defections = plain(
        r#"SELECT DISTINCT ?symbol ?state ?o WHERE {
             ?sp ng:sponsorshipOf ?text ; ng:sponsor ?s . ?text ng:becameResolution ?res .
             ?e ng:onDocument ?res . ?res ng:symbol ?symbol . ?s ng:iso3 ?state .
             ?v opengov:voteEvent ?e ; opengov:voter ?s ; opengov:option ?o FILTER(?o != "yes") }"#,
    );
    let not_absent = defections
        .text_rows()
        .into_iter()
        .filter(|r| r[3] != "absent")
        .count();
    assert!(not_absent > 10);
    assert_eq!(not_absent, plain_defections.len());

    let totals = canned("vote-totals", &[]);
    assert_eq!(totals.rows.len(), generated.vote_events);
    for r in totals.text_rows() {
        assert_eq!(r[4..7], r[7..10], "{r:?}");
    }
}

/// A cancelled token stops every canned query: what the server's time limit and a client gone
/// away rely on.
#[test]
fn a_cancelled_query_stops_and_says_so() {
    for c in queries::catalogue() {
        let bound = c
            .bind(
                &c.examples,
                normgraph::reference::states::StateTable::bundled(),
            )
            .unwrap();
        let token = oxigraph::sparql::CancellationToken::new();
        token.cancel();
        let tables = normgraph::query::answers::Tables::of(store()).unwrap();
        let e = c
            .run_cancellable(store(), tables, bound, token)
            .expect_err(&c.name);
        assert!(e.to_string().contains("cancel"), "{}: {e}", c.name);
    }
}

#[test]
fn a_symbol_of_no_document_in_the_graph_is_refused_naming_the_nearest() {
    // A symbol mistyped (a letter O for the zero) must not read as "no citations": exit 2,
    // the symbols the graph does hold nearest to it. A document the graph holds, asked what it
    // does not have (A/RES/73/27: no recorded vote in the bundled corpus), is an empty answer.
    let store = common::bundled().dir.0.join("store");
    let ask = |query: &str, doc: &str| {
        common::normgraph()
            .args(["query", query, "-p", &format!("doc={doc}"), "--store"])
            .arg(&store)
            .output()
            .unwrap()
    };
    let out = ask("citation-chain", "A/RES/75/24O");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no document A/RES/75/24O in the graph (nearest: A/RES/75/240"),
        "{stderr}"
    );
    let out = ask("votes", "A/RES/73/27");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
