//! Records into quads, pinned: the source graph each spec fixture of `tests/specs/extract/`
//! gives, as sorted N-Triples in `tests/specs/rdf/NAME.nt`, a file a reader checks against the
//! records without reading Rust. The build's stamp (`ng:builtWith`) is written `BUILD`, so
//! that a change of code elsewhere leaves the pins as they are. `NORMGRAPH_BLESS=1 cargo test`
//! rewrites them for review.

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
