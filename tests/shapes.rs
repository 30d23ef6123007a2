//! The SHACL validator: it finds what is wrong, and the bundled graph has nothing wrong.

use normgraph::check::shapes::{validate, SHAPES_TTL};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

fn store_with(trig: &str) -> Store {
    let s = Store::new().unwrap();
    s.load_from_reader(RdfFormat::TriG, trig.as_bytes())
        .unwrap();
    s
}

const PREFIXES: &str = "@prefix ng: <https://normgraph.org/ontology#> . @prefix opengov: <http://www.w3.org/ns/opengov#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix prov: <http://www.w3.org/ns/prov#> . @prefix : <https://example.org/> .\n";

#[test]
fn a_sponsorship_without_its_state_and_a_vote_with_a_bad_option_are_violations() {
    let s = store_with(&format!(
        "{PREFIXES} {{ :sp a ng:Sponsorship ; ng:sponsorshipOf :d ; ng:role \"maybe\" .
           :e a opengov:VoteEvent ; ng:onDocument :d ; ng:votingBody ng:FirstCommittee ; ng:printedYes 1 ; ng:printedNo 0 ; ng:printedAbstain 0 .
           :v a opengov:Vote ; opengov:voteEvent :e ; opengov:voter :x ; opengov:option \"perhaps\" . }}"
    ));
    let (violations, constraints) = validate(&s, SHAPES_TTL).unwrap();
    assert!(constraints > 40, "{constraints}");
    let said: Vec<(String, String)> = violations
        .iter()
        .map(|v| {
            (
                v.focus.rsplit('/').next().unwrap().to_owned(),
                v.path.rsplit(['#', '/']).next().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("sp", "sponsor"),
        ("sp", "role"),
        ("sp", "wasDerivedFrom"),
        ("v", "voter"),
        ("v", "option"),
    ] {
        assert!(
            said.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} not in {said:?}"
        );
    }
}

#[test]
fn a_shapes_file_with_an_unsupported_constraint_is_refused() {
    let s = Store::new().unwrap();
    let shapes = "@prefix sh: <http://www.w3.org/ns/shacl#> . <x:s> a sh:NodeShape ; sh:targetClass <x:C> ; sh:property [ sh:path <x:p> ; sh:qualifiedMinCount 1 ] .";
    let err = validate(&s, shapes).unwrap_err();
    assert!(err.to_string().contains("sh:qualifiedMinCount"), "{err}");
}
