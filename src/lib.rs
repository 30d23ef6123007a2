//! normgraph: UN documents on ICT and international security as linked data.
//!
//! Data flows one way. Each layer below imports only the layers above it in this list (a test,
//! `tests/layers.rs`, reads every `use crate::` of `src/` and holds it to this order):
//!
//! ```text
//! hash, files, parallel  small helpers every layer uses: SHA-256 hex and the build's stamp,
//!                        writing a file whole or not at all, work on every core in order
//! reference              UN symbols, the six languages, the State table, the curated tables
//! records                what extraction yields: documents, citations, sponsors, votes, norms
//! extract                source text / AKN XML ──► records          (pure: no I/O, no RDF)
//! rdf                    records ──► quads: vocabulary, graph names, ontology, IRIs
//! store                  quads ──► Oxigraph on disk: one named graph per source file
//! query                  the one SPARQL runner; the canned questions of queries/
//! compute                source graphs ──► derived facts, RDFS entailments
//! ingest                 a folder ──► extract ──► rdf ──► store ──► compute
//! check                  the consistency of the graph; its SHACL shapes
//! export                 the graph ──► dumps (N-Quads, JSON-LD, canonical) and their VoID
//! remote                 one HTTP client; push to another store; fetch the UN's XML
//! server                 the graph over HTTP: routes, errors, negotiation, pure views
//! ```
//!
//! The command line (`src/cli/`, in the binary) sits on top of all of them.
//!
//! Without the `store` feature (on by default) the crate is `hash`, `files`, `parallel`,
//! `reference`, `records` and `extract` alone, free of Oxigraph and RocksDB: what the fuzz
//! targets build.

pub mod files;

pub mod hash;

pub mod parallel;

pub mod reference;

pub mod records;

pub mod extract;

#[cfg(feature = "store")]
pub mod rdf;

#[cfg(feature = "store")]
pub mod store;

#[cfg(feature = "store")]
pub mod query;

#[cfg(feature = "store")]
pub mod compute;

#[cfg(feature = "store")]
pub mod ingest;

#[cfg(feature = "store")]
pub mod check;

#[cfg(feature = "store")]
pub mod export;

#[cfg(feature = "store")]
pub mod remote;

#[cfg(feature = "store")]
pub mod server;
