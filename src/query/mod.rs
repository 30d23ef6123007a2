//! Asking the graph: [`sparql`], the one runner every query goes through, and [`canned`], the
//! catalogue of questions of `queries/` with their parameters bound as RDF terms, answered from
//! the [`answers`] tables when they are current; [`open()`], how a store is opened to be asked;
//! [`guard`], what keeps a query from overflowing a stack.

pub mod answers;
pub mod canned;
pub mod guard;
pub mod open;
pub mod sparql;

pub use canned::{catalogue, find, Canned, ParamKind, QueryError};
pub use open::{open, OpenError, Opened};
pub use sparql::{Rows, SparqlError};
