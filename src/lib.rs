//! normgraph: UN documents on ICT and international security as linked data.
//!
//! Data flows one way, each arrow a module:
//!
//! ```text
//! source text --extract--> records --rdf--> quads --store--> Oxigraph (on disk)
//!                                                      '--> report (consistency checks)
//! ```
//!
//! [`extract`] is pure (text in, records and diagnostics out); [`rdf`] mints deterministic IRIs
//! under a configurable base; [`store`] writes one named graph per source file, atomically.

pub mod extract;
pub mod ingest;
pub mod parallel;
pub mod rdf;
pub mod report;
pub mod shapes;
pub mod states;
pub mod store;
pub mod symbol;
pub mod tables;
pub mod vocab;
