//! The bundled graph, checked in SPARQL: every `tests/graph/NAME.rq` is run on the merged graph
//! and its rows compared with `tests/graph/NAME.tsv` (a header row, then the rows, values as
//! the command line prints them: a symbol, a code, an ISO date), a pair a reader checks against
//! the sources without reading Rust; each query says in its comment what it checks.
//! `NORMGRAPH_BLESS=1 cargo test` rewrites the expected files for review. Below, the checks that
//! are not a table: every IRI valid, the consistency report, the vocabulary declared, the SHACL
//! shapes (ours and pySHACL's), the default graph as the merge of the sources.

use crate::common::{self, require, store};
use normgraph::query::sparql::select_text as select;
use normgraph::rdf::graphs::COMPUTED;
use normgraph::rdf::vocab::ng;
use oxigraph::model::{GraphName, GraphNameRef, Triple};
use std::collections::BTreeSet;

/// A table as the command line writes TSV: a header row, then the rows, tabs and line breaks
/// escaped.
pub fn tsv(columns: &[String], rows: &[Vec<String>]) -> String {
    let escape = |c: &String| {
        c.replace('\\', "\\\\")
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\r', "\\r")
    };
    let mut s = columns.iter().map(escape).collect::<Vec<_>>().join("\t") + "\n";
    for r in rows {
        s += &(r.iter().map(escape).collect::<Vec<_>>().join("\t") + "\n");
    }
    s
}

#[test]
fn every_graph_query_gives_its_expected_rows() {
    let blessing = std::env::var_os("NORMGRAPH_BLESS").is_some();
    let dir = common::root().join("tests/graph");
    let mut queries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    queries.sort();
    assert!(queries.len() >= 20, "the queries are in {}", dir.display());
    let mut failures = Vec::new();
    for q in &queries {
        let text = std::fs::read_to_string(q).unwrap();
        let rows = normgraph::query::sparql::select(store(), &text)
            .unwrap_or_else(|e| panic!("{}: {e}", q.display()));
        let got = tsv(&rows.columns, &rows.text_rows());
        let expected_path = q.with_extension("tsv");
        if blessing {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} is missing", expected_path.display()));
        if got != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                q.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_iri_in_the_store_is_valid_when_written_and_read_back() {
    // Minted IRIs (paragraph ids from the XML among them) must survive a round trip through
    // N-Quads: a strict parser refuses "{" or a space in an IRI.
    common::assert_round_trips_through_nquads(store());
}

#[test]
fn the_consistency_report_finds_the_totals_right_and_the_sources_agreeing() {
    let r = normgraph::check::consistency(store()).unwrap();
    assert_eq!(
        r.vote_events, 18,
        "in the First Committee: L.27/Rev.1 and L.37 (A/73/505), L.23/Rev.1 as a whole and on \
         three preambular paragraphs, L.73 (A/77/380); in plenary: 74/28, 74/29, 75/32, 75/240, \
         77/36 as a whole and on the same three paragraphs, 77/37, 78/16, 78/237"
    );
    assert!(r.total_mismatches.is_empty(), "{:?}", r.total_mismatches);
    // The plenary records and the XML agree State by State on 74/28, 74/29, 75/32, 77/36 and
    // 77/37; the one difference of sources is a footnote the XML of 77/36 does not carry.
    assert_eq!(
        r.source_disagreements,
        ["A/RES/77/36: cites A/AC.292/2022/INF/4 only according to text-en/A_RES_77_36.en.txt"],
    );
    assert_eq!(
        r.multi_source_documents, 22,
        "the 11 resolutions of data/akn and their drafts are each read from several files"
    );
    // The committee's votes of 2022 beside the plenary's on the resolutions they became: A/77/380
    // prints L.73 adopted 157-6-14, A/77/PV.46 the Central African Republic against 77/37.
    assert_eq!(
        r.committee_to_plenary.len(),
        5,
        "{:?}",
        r.committee_to_plenary
    );
    assert!(
        r.committee_to_plenary.iter().any(|c| c.starts_with(
            "A/C.1/77/L.73 → A/RES/77/37: 157/6/14 in committee, 156/7/14 in plenary"
        ) && c.contains("CAF yes→no")),
        "{:?}",
        r.committee_to_plenary
    );
    assert!(r.unresolved_names.is_empty(), "{:?}", r.unresolved_names);
    // The Democratic Republic of the Congo joined the sponsors of L.37, cast no vote on it and
    // later said it had meant to vote yes; the United States introduced it and voted yes.
    assert!(
        r.sponsor_defections
            .contains(&"A/C.1/73/L.37: COD cast no vote".to_string()),
        "{:?}",
        r.sponsor_defections
    );
    assert!(
        r.sponsor_defections.iter().all(|d| !d.contains("USA")),
        "{:?}",
        r.sponsor_defections
    );
}

#[test]
fn every_ng_term_the_code_writes_is_declared_in_the_ontology() {
    let ttl = std::fs::read_to_string(common::root().join("ontology/normgraph.ttl")).unwrap();
    let locals: Vec<&str> = ng::TERMS
        .iter()
        .map(|t| t.as_str().trim_start_matches(ng::NS))
        .collect();
    for term in &locals {
        assert!(
            ttl.contains(&format!("ng:{term} a ")),
            "ng:{term} is not declared in ontology/normgraph.ttl"
        );
    }
    let used = select(store(), r#"SELECT DISTINCT ?p WHERE { { ?s ?p ?o } UNION { ?s a ?p } FILTER(STRSTARTS(STR(?p), "https://normgraph.org/ontology#")) }"#).unwrap();
    for p in used.concat() {
        let local = p.rsplit('#').next().unwrap();
        assert!(
            locals.contains(&local),
            "the graph uses ng:{local}, which rdf::vocab::ng does not declare"
        );
    }
}

#[test]
fn the_bundled_graph_passes_the_shacl_shapes() {
    let (violations, constraints) =
        normgraph::check::shapes::validate(store(), normgraph::check::shapes::SHAPES_TTL).unwrap();
    assert!(constraints > 40);
    assert!(violations.is_empty(), "{violations:#?}");
}

/// The same shapes checked by pySHACL, the reference SHACL engine, on the default graph.
#[test]
fn pyshacl_agrees_that_the_bundled_graph_conforms() {
    if !require::python("pyshacl", "pyshacl") {
        return;
    }
    let dir = common::TempDir::new("pyshacl");
    let data = dir.0.join("graph.nt");
    let triples: Vec<String> = store()
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .map(|q| {
            let q = q.unwrap();
            format!("{} {} {} .", q.subject, q.predicate, q.object)
        })
        .collect();
    std::fs::write(&data, triples.join("\n") + "\n").unwrap();
    let shapes = common::root().join("ontology/shapes.ttl");
    let out = std::process::Command::new("python3")
        .args(["-m", "pyshacl", "-s"])
        .arg(&shapes)
        .args(["-df", "nt"])
        .arg(&data)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && report.contains("Conforms: True"),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The default graph is the RDF merge of the source graphs: every fact a source states, once.
#[test]
fn the_default_graph_is_the_set_union_of_the_source_graphs() {
    let (mut merged, mut named) = (BTreeSet::new(), BTreeSet::new());
    let mut quads = 0;
    let computed = COMPUTED.map(|g| GraphName::NamedNode(g.into_owned()));
    for q in store().iter() {
        let q = q.unwrap();
        if computed.contains(&q.graph_name) {
            continue;
        }
        let is_default = q.graph_name == GraphName::DefaultGraph;
        let t = Triple::from(q).to_string();
        if is_default {
            assert!(merged.insert(t));
        } else {
            quads += 1;
            named.insert(t);
        }
    }
    assert!(
        merged == named,
        "default graph and union of the sources differ"
    );
    assert!(
        quads > merged.len(),
        "{quads} quads, {} triples",
        merged.len()
    );
}
