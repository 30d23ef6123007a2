//! The integration tests, one binary: RocksDB is linked once and the bundled corpus built once
//! (`common::bundled`). Each module says what belongs in it.

/// Helpers every module shares: temporary folders, ports, servers, the bundled graph built
/// once, and what a test needs from outside the repository (`common::require`).
mod common;
/// The synthetic General Assembly the query tests and benchmarks share.
#[path = "support/synthetic.rs"]
mod synthetic;

/// The answer tables against the canned SPARQL, every value on the bundled graph and a sample
/// on a synthetic history; stale and damaged tables.
mod answers;
/// Building a store: rebuilds, refusals, pruning, bulk loads against transactions.
mod build;
/// Dumps in every format, the canonical form, JSON-LD, the RDFS entailments against owlrl.
mod export;
/// The extractor on the spec fixtures (`specs/extract/`), every bundled document against its
/// expected records (`expected/`), mutations and the fuzzers' finds.
mod extract;
/// Fetching from a repository in the shape of GitHub's.
mod fetch;
/// The bundled graph checked in SPARQL: `graph/NAME.rq` against `graph/NAME.tsv`, and the
/// checks that are not a table (round trips, the merge, the shapes, pySHACL).
mod graph;
/// Hostile input against the real server and command line: each attack and its outcome.
mod hostile;
/// The import order of `src/` against the flow that `lib.rs` draws.
mod layers;
/// The pages for people: each kind of resource, the indexes, search, errors as pages, and a
/// browser with axe-core reading them.
mod pages;
/// The W3C SPARQL 1.1 Protocol tests, read from their manifest.
mod protocol;
/// Pushing to a real Virtuoso and to a failing server of our own.
mod push;
/// The canned queries: pinned answers, the catalogue, parameters, the command line, derived
/// facts against plain SPARQL on a synthetic history.
mod queries;
/// Records into quads: each spec fixture's source graph as sorted N-Triples (`specs/rdf/`).
mod rdf;
/// The server in-process and over a socket, a Python client, a browser.
mod server;
/// The SHACL validator on small graphs.
mod shapes;
