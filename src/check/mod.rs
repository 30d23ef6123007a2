//! What the built graph says against itself ([`consistency`](mod@consistency): printed totals against the State
//! lists, sponsors who did not vote yes, sources that disagree) and against its shapes
//! ([`shapes`]: SHACL Core, compiled to SPARQL). Every check is a query anyone can run again.

pub mod consistency;
pub mod shapes;

pub use consistency::{consistency, Consistency};
