//! Reference data, at the bottom of the flow: what every layer above may consult and none
//! writes. UN document symbols, the six official languages, the State table and its resolver,
//! and the curated tables of `data/tables/` (facts our texts do not print in one place, each
//! with its source). All of it is compiled into the binary.

pub mod curated;
pub mod languages;
pub mod states;
pub mod symbol;
