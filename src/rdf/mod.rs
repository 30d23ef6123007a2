//! Records into quads, and the terms they are made of.
//!
//! - [`vocab`]: the vocabularies, as constants; [`graphs`]: the names of the computed graphs;
//!   [`ontology`]: the ontology and the SHACL shapes, compiled in.
//! - [`iris`]: deterministic IRIs under a configurable base, no blank nodes.
//! - [`writer`]: the quads of one graph, and the literals they carry.
//! - [`source`]: the graph of one source file, from its records; [`reference`](mod@reference): the graph of
//!   the reference tables (States, curated tables).
//!
//! One named graph per source file. A fact shared by two sources (the same citation read from
//! the French and the English text) has the same IRI in both graphs; each graph says where it
//! read it.

pub mod graphs;
pub mod iris;
pub mod ontology;
pub mod reference;
pub mod source;
pub mod vocab;
pub mod writer;

pub use iris::{Iris, DEFAULT_BASE};
