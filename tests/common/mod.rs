//! Helpers shared by the integration tests.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

/// Every IRI the store holds is valid: the whole store, written as N-Quads, parses back with a
/// strict parser (which refuses "{" or a space in an IRI) into as many quads.
pub fn assert_round_trips_through_nquads(store: &Store) {
    let mut dump = Vec::new();
    store.dump_to_writer(RdfFormat::NQuads, &mut dump).unwrap();
    let parsed = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&dump)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("the dump does not parse back: {e}"));
    assert_eq!(parsed.len(), store.len().unwrap());
}
