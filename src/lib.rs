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
//!
//! Without the `store` feature (on by default) the crate is the extractors alone, free of
//! Oxigraph and RocksDB: what the fuzz targets build.

#[cfg(feature = "store")]
pub mod derive;
#[cfg(feature = "store")]
pub mod draw;
#[cfg(feature = "store")]
pub mod export;
pub mod extract;
#[cfg(feature = "store")]
pub mod fetch;
#[cfg(feature = "store")]
pub mod infer;
#[cfg(feature = "store")]
pub mod ingest;
#[cfg(feature = "store")]
pub mod jsonld;
#[cfg(feature = "store")]
pub mod page;
pub mod parallel;
#[cfg(feature = "store")]
pub mod push;
#[cfg(feature = "store")]
pub mod queries;
#[cfg(feature = "store")]
pub mod rdf;
#[cfg(feature = "store")]
pub mod report;
#[cfg(feature = "store")]
pub mod server;
#[cfg(feature = "store")]
pub mod shapes;
pub mod states;
#[cfg(feature = "store")]
pub mod store;
pub mod symbol;
#[cfg(feature = "store")]
pub mod synthetic;
pub mod tables;
pub mod vocab;
