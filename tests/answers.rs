//! The answer tables (`compute::answers`, `query::answers`) give, for every question and every
//! value of its parameters, the rows the canned SPARQL gives, in its order: on the bundled graph
//! (every value) and on a synthetic history (a sample of the values of each kind). A table that
//! is stale or damaged is never read as an answer, and `serve` says so of a store whose tables
//! are stale.

use crate::common;
use normgraph::query::answers::{self, Tables};
use normgraph::query::{self as queries, Canned, Rows};
use normgraph::rdf::Iris;
use normgraph::reference::states::StateTable;
use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, QuadRef, Term};
use oxigraph::store::Store;

/// The values the graph holds for a parameter of `kind`: every symbol, every State code, every
/// norm notation (and the documents that set norms out).
fn values(store: &Store, kind: queries::ParamKind) -> Vec<String> {
    let q = match kind {
        queries::ParamKind::Document => "SELECT DISTINCT ?v WHERE { ?d ng:symbol ?v } ORDER BY ?v",
        queries::ParamKind::State => "SELECT DISTINCT ?v WHERE { ?s ng:iso3 ?v } ORDER BY ?v",
        queries::ParamKind::Norm => {
            "SELECT DISTINCT ?v WHERE { { ?n skos:notation ?v } UNION { ?s ng:schemeOf/ng:symbol ?v } } ORDER BY ?v"
        }
    };
    normgraph::query::sparql::select_text(store, q)
        .unwrap()
        .into_iter()
        .map(|r| r[0].clone())
        // Clause verbs have notations too: only those a norm parameter takes.
        .filter(|v| {
            kind != queries::ParamKind::Norm
                || normgraph::query::canned::norm_value(v).as_ref() == Ok(v)
        })
        .collect()
}

/// Asks `canned` for `key` both ways and says how they differ, if they do.
fn differs(store: &Store, canned: &Canned, key: &[String]) -> Option<String> {
    let given: Vec<(String, String)> = canned
        .params
        .iter()
        .zip(key)
        .map(|(p, v)| (p.name.clone(), v.clone()))
        .collect();
    let bound = canned.bind(&given, StateTable::bundled()).unwrap();
    let tabled: Rows = canned.run_bound(store, bound.clone()).unwrap();
    let sparql: Rows = canned.run_sparql(store, bound).unwrap();
    (tabled != sparql).then(|| {
        format!(
            "{} {key:?}: the table gives {} rows, SPARQL {}; first difference: {:?}",
            canned.name,
            tabled.rows.len(),
            sparql.rows.len(),
            tabled.rows.iter().zip(&sparql.rows).find(|(a, b)| a != b)
        )
    })
}

/// Every key of `canned` from the values of its parameters, taking every `step`-th of each
/// (pairs: each value beside the next ones), up to `most`.
fn keys(store: &Store, canned: &Canned, step: usize, most: usize) -> Vec<Vec<String>> {
    let lists: Vec<Vec<String>> = canned
        .params
        .iter()
        .map(|p| values(store, p.kind).into_iter().step_by(step).collect())
        .collect();
    match lists.as_slice() {
        [] => vec![vec![]],
        [one] => one.iter().take(most).map(|v| vec![v.clone()]).collect(),
        [a, b] => a
            .iter()
            .enumerate()
            .flat_map(|(i, x)| {
                b.iter()
                    .skip(i)
                    .take(3)
                    .map(move |y| vec![x.clone(), y.clone()])
            })
            .take(most)
            .collect(),
        _ => panic!("{}: more than two parameters", canned.name),
    }
}

fn assert_tables_agree(store: &Store, step: usize, most: usize) {
    assert!(answers::current(store).unwrap(), "the tables are current");
    let mut failures = Vec::new();
    let mut asked = 0;
    for canned in queries::catalogue() {
        for key in keys(store, canned, step, most) {
            asked += 1;
            failures.extend(differs(store, canned, &key));
        }
    }
    assert!(asked > 100, "{asked} answers compared");
    assert!(
        failures.is_empty(),
        "{} of {asked} answers differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn on_the_bundled_graph_every_answer_is_the_canned_sparqls() {
    let store = common::store();
    assert_tables_agree(store, 1, usize::MAX);
    // And the tables are what answers: a known key reads one quad of the answers graph.
    let node = answers::key_node("votes", &["A/RES/75/240"]);
    assert_eq!(
        store
            .quads_for_pattern(Some(node.as_ref().into()), None, None, None)
            .count(),
        1
    );
}

#[test]
fn on_a_synthetic_history_every_sampled_answer_is_the_canned_sparqls() {
    use crate::synthetic::{History, Spec};
    let dir = common::TempDir::new("answers-synthetic");
    let store = Store::open(dir.0.join("store")).unwrap();
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let spec = Spec {
        resolutions: 1200,
        lines: 20,
        ..Spec::default()
    };
    let history = History::plan(spec, &iris, StateTable::bundled());
    history.load(&store, &iris).unwrap();
    normgraph::compute::derive::refresh(&store, &iris).unwrap();
    let answered = normgraph::compute::answers::refresh(&store, &iris).unwrap();
    assert!(answered.recomputed);
    // Every question has a table, and the large ones have many keys.
    let keys_of = |name: &str| {
        answered
            .questions
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, k, ..)| *k)
            .unwrap_or(0)
    };
    assert_eq!(answered.questions.len(), queries::catalogue().len() - 1);
    assert!(keys_of("votes") > 100, "{:?}", answered.questions);
    assert!(keys_of("citation-chain") > 1000, "{:?}", answered.questions);
    assert_tables_agree(&store, 7, 120);
    // A second refresh finds them current.
    assert!(
        !normgraph::compute::answers::refresh(&store, &iris)
            .unwrap()
            .recomputed
    );
}

/// What `normgraph serve` writes on standard error on `store` until it serves (it opens the
/// store read-only, beside the test's own handle).
fn serve_says(store: &std::path::Path) -> String {
    use std::io::Read;
    let mut child = common::normgraph()
        .arg("serve")
        .arg("--store")
        .arg(store)
        .args(["--bind", &format!("127.0.0.1:{}", common::free_port())])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let mut said = String::new();
    let mut buf = [0u8; 4096];
    // Until it says it serves, or stops.
    while !said.contains("serving on") {
        match err.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => said.push_str(&String::from_utf8_lossy(&buf[..n])),
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    said
}

/// The fingerprint the tables record, then their rows, changed by hand: a table computed from
/// other sources is not read (the answer is SPARQL's), and a damaged one is an error that names
/// it and its row.
#[test]
fn a_stale_or_damaged_table_is_never_an_answer() {
    let dir = common::TempDir::new("answers-stale");
    let store = Store::open(dir.0.join("store")).unwrap();
    normgraph::ingest::build(&store, &common::data(), &common::iris(), false, |_| {}).unwrap();
    let g: NamedNodeRef<'_> = normgraph::rdf::graphs::ANSWERS;
    let graph = GraphNameRef::NamedNode(g);
    let canned = queries::find("votes").unwrap();
    let given = [("doc".to_owned(), "A/RES/75/240".to_owned())];
    let right = canned.run(&store, &given).unwrap();
    assert!(right.rows.len() > 150);

    // Rows replaced by others, under a fingerprint of other sources: not read.
    let node = answers::key_node("votes", &["A/RES/75/240"]);
    let rows = normgraph::rdf::vocab::ng::answerRows;
    let held: Vec<_> = store
        .quads_for_pattern(Some(node.as_ref().into()), Some(rows), None, Some(graph))
        .map(Result::unwrap)
        .collect();
    assert_eq!(held.len(), 1);
    store.remove(&held[0]).unwrap();
    let wrong = Literal::new_simple_literal("\"XXX\t\"Nowhere\t\"yes\t\"\n");
    store
        .insert(QuadRef::new(&node, rows, &wrong, graph))
        .unwrap();
    let sha = normgraph::rdf::vocab::ng::sha256;
    let recorded: Vec<_> = store
        .quads_for_pattern(Some(g.into()), Some(sha), None, Some(graph))
        .map(Result::unwrap)
        .collect();
    for q in &recorded {
        store.remove(q).unwrap();
    }
    store
        .insert(QuadRef::new(
            g,
            sha,
            &Literal::new_simple_literal("other"),
            graph,
        ))
        .unwrap();
    assert!(!answers::current(&store).unwrap());
    assert_eq!(canned.run(&store, &given).unwrap(), right);
    // `serve` says that its canned answers will be SPARQL's.
    let said = serve_says(&dir.0.join("store"));
    assert!(said.contains(answers::STALE), "{said}");

    // The fingerprint put back: the one-row table is read (the tables are trusted once current).
    store
        .remove(QuadRef::new(
            g,
            sha,
            &Literal::new_simple_literal("other"),
            graph,
        ))
        .unwrap();
    for q in &recorded {
        store.insert(q).unwrap();
    }
    assert!(answers::current(&store).unwrap());
    let said = serve_says(&dir.0.join("store"));
    assert!(!said.contains(answers::STALE), "{said}");
    let read = canned.run(&store, &given).unwrap();
    assert_eq!(read.rows.len(), 1);
    assert_eq!(
        read.rows[0][0],
        Some(Term::from(Literal::new_simple_literal("XXX")))
    );
    // A handle opened to be asked reads the tables' state once; told they are stale, it asks
    // SPARQL without looking at them.
    let opened = queries::open(&dir.0.join("store")).unwrap();
    assert_eq!(opened.tables, Tables::Current);
    let bound = canned.bind(&given, StateTable::bundled()).unwrap();
    assert_eq!(
        canned
            .run_with(&store, Tables::Current, bound.clone())
            .unwrap(),
        read
    );
    assert_eq!(
        canned.run_with(&store, Tables::Stale, bound).unwrap(),
        right
    );
    drop(opened);

    // Damaged rows: an error naming the table and the row.
    store
        .remove(QuadRef::new(&node, rows, &wrong, graph))
        .unwrap();
    let damaged = Literal::new_simple_literal("\"A\t\"B\t\"yes\t\"\n\"only two\t\"cells\n");
    store
        .insert(QuadRef::new(&node, rows, &damaged, graph))
        .unwrap();
    let e = canned.run(&store, &given).unwrap_err().to_string();
    assert!(
        e.contains("urn:normgraph:answer:votes:A/RES/75/240") && e.contains("row 2"),
        "{e}"
    );

    // The tables cleared (a store of an earlier build has none): SPARQL answers, and the next
    // build writes them again.
    store.clear_graph(g).unwrap();
    assert!(!answers::current(&store).unwrap());
    let opened = queries::open(&dir.0.join("store")).unwrap();
    assert_eq!(opened.tables, Tables::Stale);
    drop(opened);
    assert_eq!(canned.run(&store, &given).unwrap(), right);
    // `serve` says that its canned answers will be SPARQL's.
    let said = serve_says(&dir.0.join("store"));
    assert!(said.contains(answers::STALE), "{said}");
    let summary =
        normgraph::ingest::build(&store, &common::data(), &common::iris(), false, |_| {}).unwrap();
    assert!(summary.answered.recomputed);
    assert_eq!(canned.run(&store, &given).unwrap(), right);
}

/// `query::open`, how `query`, `serve` and the bench open a store, refuses one that is absent or
/// that no build finished, naming it and why.
#[test]
fn a_store_is_opened_to_be_asked_only_when_a_build_finished_in_it() {
    let dir = common::TempDir::new("answers-open");
    let absent = dir.0.join("absent");
    let e = queries::open(&absent).err().expect("no store there");
    assert!(matches!(e, queries::OpenError::Missing(_)), "{e}");
    assert!(e.to_string().contains("no store at"), "{e}");

    let empty = dir.0.join("empty");
    drop(Store::open(&empty).unwrap());
    let e = queries::open(&empty).err().expect("an empty store");
    assert!(
        e.to_string()
            .contains(&format!("{} is incomplete", empty.display()))
            && e.to_string().contains("no build has finished"),
        "{e}"
    );

    let begun = dir.0.join("begun");
    let store = Store::open(&begun).unwrap();
    normgraph::store::begin_build(&store).unwrap();
    drop(store);
    let e = queries::open(&begun).err().expect("a build begun");
    assert!(e.to_string().contains("did not finish"), "{e}");
}
