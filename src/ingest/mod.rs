//! Ingesting a folder: files ──► extract ──► rdf ──► store ──► compute. The layer that drives
//! the others, so it sits after all of them; nothing below imports it.
//!
//! - [`read`]: which files are documents, and each one's records (the only I/O of extraction);
//! - [`placer`]: each file prepared off the writing thread, then placed: unchanged, new (bulk
//!   loaded) or replacing its earlier graph;
//! - [`build`](mod@build): the whole build, with the reference graph, stale graphs, the computed graphs and
//!   the store's size;
//! - [`refusal`]: why a file was refused, typed.

pub mod build;
mod placer;
pub mod read;
pub mod refusal;

pub use build::{build, BuildError, BuildSummary, Outcome, Step};
pub use read::{documents_in, extract_file};
pub use refusal::{Refusal, RefusalKind};
