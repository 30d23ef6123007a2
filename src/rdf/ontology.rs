//! The ontology (`ontology/normgraph.ttl`) and the SHACL shapes (`ontology/shapes.ttl`), compiled
//! in and parsed once: the RDFS entailments follow the ontology, the JSON-LD context is computed
//! from it, the server serves it, and every build is checked against the shapes.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;
use std::sync::OnceLock;

/// The ontology, as Turtle.
pub const ONTOLOGY: &str = include_str!("../../ontology/normgraph.ttl");

/// The SHACL shapes, as Turtle.
pub const SHAPES: &str = include_str!("../../ontology/shapes.ttl");

/// The ontology's triples, parsed once (the file is compiled in, so it parses: a test reads it).
pub fn triples() -> &'static [Triple] {
    static TRIPLES: OnceLock<Vec<Triple>> = OnceLock::new();
    TRIPLES.get_or_init(|| {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ONTOLOGY.as_bytes())
            .map(|q| q.map(Triple::from))
            .collect::<Result<_, _>>()
            .expect("ontology/normgraph.ttl is valid Turtle")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_ontology_parses() {
        assert!(super::triples().len() > 300);
    }
}
