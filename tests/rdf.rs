//! Records into quads, pinned: the source graph each spec fixture of `tests/specs/extract/`
//! gives, as sorted N-Triples in `tests/specs/rdf/NAME.nt`, a file a reader checks against the
//! records without reading Rust. The build's stamp (`ng:builtWith`) is written `BUILD`, so
//! that a change of code elsewhere leaves the pins as they are. `NORMGRAPH_BLESS=1 cargo test`
//! rewrites them for review. A spec whose comment says `rdf: unpinned` (a whole real document, whose
//! graph runs to thousands of triples no reader would check line by line) is left out, and what
//! its mapping adds is pinned by a test of its own below.

use crate::common;
use crate::extract::{read, specs};
use normgraph::reference::curated::Curated;

#[test]
fn every_spec_fixture_maps_to_its_pinned_triples() {
    let blessing = std::env::var_os("NORMGRAPH_BLESS").is_some();
    let stamp = format!("\"{}\"", normgraph::hash::BUILD_HASH);
    let mut failures = Vec::new();
    let mut pinned = 0;
    for (_, spec) in specs("extract") {
        let Ok(x) = read(&spec) else {
            continue; // a refused input gives no graph
        };
        if spec.comment.contains("rdf: unpinned") {
            continue;
        }
        let (_, quads) = normgraph::rdf::source::source_graph(
            &common::iris(),
            &x,
            &format!("{}.txt", spec.name),
            &normgraph::hash::sha256_hex(&spec.input),
            Curated::bundled(),
        );
        let mut lines: Vec<String> = quads
            .iter()
            .map(|q| {
                format!("{} {} {} .", q.subject, q.predicate, q.object).replace(&stamp, "\"BUILD\"")
            })
            .collect();
        lines.sort();
        lines.dedup();
        let got = lines.join("\n") + "\n";
        let path = common::root()
            .join("tests/specs/rdf")
            .join(format!("{}.nt", spec.name));
        if blessing {
            std::fs::write(&path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: NORMGRAPH_BLESS=1 cargo test",
                path.display()
            )
        });
        if got != expected {
            failures.push(path.display().to_string());
        }
        pinned += 1;
    }
    assert!(pinned >= 3, "the pins are in tests/specs/rdf");
    assert!(
        failures.is_empty(),
        "the mapping differs from: {}",
        failures.join(", ")
    );
}

/// The one vote of the XML of session 78 cast under a name that denotes no State ("SOLOMON
/// ISLAND", cut short): kept with its option and the name as printed, no voter; the mis-encoded
/// "TÜRKÝYE" is Türkiye's vote.
#[test]
fn a_vote_under_an_unknown_name_keeps_its_option_and_the_name_as_printed() {
    let (_, spec) = specs("extract")
        .into_iter()
        .find(|(_, s)| s.name == "akn-en-names-of-later-sessions")
        .expect("the spec of the names of later sessions");
    let x = read(&spec).unwrap();
    let (_, quads) = normgraph::rdf::source::source_graph(
        &common::iris(),
        &x,
        "names.xml",
        &normgraph::hash::sha256_hex(&spec.input),
        Curated::bundled(),
    );
    let event = "https://normgraph.org/id/doc/A/RES/78/16/vote/plenary";
    let mut unresolved: Vec<String> = quads
        .iter()
        .filter(|q| {
            q.subject
                .to_string()
                .starts_with(&format!("<{event}/unresolved/"))
        })
        .map(|q| format!("{} {}", q.predicate, q.object))
        .collect();
    unresolved.sort();
    assert_eq!(
        unresolved,
        [
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/opengov#Vote>".to_string(),
            "<http://www.w3.org/2000/01/rdf-schema#label> \"SOLOMON ISLAND\"@en".to_string(),
            "<http://www.w3.org/ns/opengov#option> \"yes\"".to_string(),
            format!("<http://www.w3.org/ns/opengov#voteEvent> <{event}>"),
            "<http://www.w3.org/ns/prov#wasDerivedFrom> <https://normgraph.org/id/source/A/RES/78/16/en-akn/p/vote/yes>".to_string(),
            "<https://normgraph.org/ontology#unresolvedName> \"SOLOMON ISLAND\"@en".to_string(),
        ]
    );
    let turkiye = quads.iter().any(|q| {
        q.subject.to_string() == format!("<{event}/TUR>")
            && q.predicate.as_str() == "http://www.w3.org/2000/01/rdf-schema#label"
            && q.object.to_string() == "\"TÜRKÝYE\"@en"
    });
    assert!(turkiye, "the vote printed TÜRKÝYE is Türkiye's");
}
