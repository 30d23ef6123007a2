//! The on-disk Oxigraph store: one named graph per source file, replaced atomically, and the
//! default graph holding their merge.
//!
//! A source graph carries its own manifest (the source node's `ng:file` and `ng:sha256`), so
//! the store alone tells which file produced which graph and whether the file has changed.
//!
//! The default graph is the RDF merge of the named graphs, kept up to date by every write here:
//! a fact that six sources state is in six named graphs (its provenance) and once in the default
//! graph. Oxigraph's own "default graph as union" option is a bag, not a set: a triple stated by
//! six graphs comes back six times, so counts are wrong and joins multiply (a five-pattern join
//! over the bundled votes took minutes). Queries therefore run on the real default graph.

use crate::vocab::ng;
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term,
    Triple, TripleRef,
};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where the store lives when `--store` is not given.
pub const DEFAULT_STORE: &str = "normgraph-store";

/// `$NORMGRAPH_STORE`, or [`DEFAULT_STORE`] when it is unset or empty.
pub fn default_store_path() -> PathBuf {
    std::env::var_os("NORMGRAPH_STORE")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE))
}

/// The graphs computed from the source graphs at the end of a build: the derived facts and the
/// RDFS entailments. They lie outside the default graph, the merge of the sources.
pub fn computed_graphs() -> [NamedNode; 2] {
    [crate::derive::graph(), crate::infer::graph()]
}

/// The document the merged graph gives this symbol (`ng:symbol`), if any.
pub fn document(store: &Store, symbol: &str) -> Result<Option<NamedOrBlankNode>, StorageError> {
    let p = NamedNode::new_unchecked(ng("symbol"));
    store
        .quads_for_pattern(
            None,
            Some(p.as_ref()),
            Some(oxigraph::model::LiteralRef::new_simple_literal(symbol).into()),
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .transpose()
        .map(|q| q.map(|q| q.subject))
}

pub fn open(path: &Path) -> Result<Store, StorageError> {
    Store::open(path)
}

pub fn open_read_only(path: &Path) -> Result<Store, StorageError> {
    Store::open_read_only(path)
}

/// Replaces, in one transaction, the graphs listed in `remove` and `graph` by `quads` (all in
/// `graph`), and brings the default graph in line. Either all of it is written or nothing is.
pub fn replace_graph(
    store: &Store,
    remove: &[NamedNode],
    graph: NamedNodeRef<'_>,
    quads: &[Quad],
) -> Result<(), StorageError> {
    let mut t = store.start_transaction()?;
    let mut gone: Vec<NamedNode> = remove.to_vec();
    gone.push(graph.into_owned());
    let old = drop_graphs(&mut t, &gone)?;
    t.insert_named_graph(graph);
    t.extend(quads);
    t.extend(quads.iter().map(|q| {
        QuadRef::new(
            &q.subject,
            &q.predicate,
            &q.object,
            GraphNameRef::DefaultGraph,
        )
    }));
    let new: HashSet<TripleRef<'_>> = quads.iter().map(|q| q.as_ref().into()).collect();
    retract_unsupported(
        &mut t,
        old.into_iter().filter(|tr| !new.contains(&tr.as_ref())),
    )?;
    t.commit()
}

/// Removes whole graphs, in one transaction, with what only they stated in the default graph.
pub fn remove_graphs(store: &Store, graphs: &[NamedNode]) -> Result<(), StorageError> {
    let mut t = store.start_transaction()?;
    let old = drop_graphs(&mut t, graphs)?;
    retract_unsupported(&mut t, old.into_iter())?;
    t.commit()
}

/// Removes named graphs and returns the triples they held.
fn drop_graphs(
    t: &mut Transaction<'_>,
    graphs: &[NamedNode],
) -> Result<HashSet<Triple>, StorageError> {
    let mut old = HashSet::new();
    for g in graphs {
        for q in t.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
            old.insert(Triple::from(q?));
        }
        t.remove_named_graph(g)?;
    }
    Ok(old)
}

/// Removes from the default graph each triple that no named graph states any more.
fn retract_unsupported(
    t: &mut Transaction<'_>,
    triples: impl Iterator<Item = Triple>,
) -> Result<(), StorageError> {
    for tr in triples {
        let mut supported = false;
        for q in t.quads_for_pattern(
            Some(tr.subject.as_ref()),
            Some(tr.predicate.as_ref()),
            Some(tr.object.as_ref()),
            None,
        ) {
            if !matches!(q?.graph_name, GraphName::DefaultGraph) {
                supported = true;
                break;
            }
        }
        if !supported {
            t.remove(QuadRef::new(
                &tr.subject,
                &tr.predicate,
                &tr.object,
                GraphNameRef::DefaultGraph,
            ));
        }
    }
    Ok(())
}

/// How many triples the default graph (the merge) holds, and how many quads the source graphs
/// (the named graphs but the derived one).
/// Counted by SPARQL, which counts encoded terms without decoding them (a scan of `Store::iter`
/// decodes every term and takes seconds per million quads).
pub fn sizes(store: &Store) -> Result<(usize, usize), StorageError> {
    let count = |query: &str| -> Result<usize, StorageError> {
        let results = oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(query)
            .map_err(|e| StorageError::Other(Box::new(e)))?
            .on_store(store)
            .execute()
            .map_err(|e| StorageError::Other(Box::new(e)))?;
        if let oxigraph::sparql::QueryResults::Solutions(mut rows) = results {
            if let Some(row) = rows.next() {
                let row = row.map_err(|e| StorageError::Other(Box::new(e)))?;
                if let Some(Term::Literal(n)) = row.get("n") {
                    return Ok(n.value().parse().unwrap_or(0));
                }
            }
        }
        Ok(0)
    };
    Ok((
        count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?,
        count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")?
            - count(&format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ <{}> <{}> }} GRAPH ?g {{ ?s ?p ?o }} }}",
                computed_graphs()[0].as_str(),
                computed_graphs()[1].as_str()
            ))?,
    ))
}

/// The hash recorded on a graph's own node.
pub fn recorded_hash(
    store: &Store,
    graph: NamedNodeRef<'_>,
) -> Result<Option<String>, StorageError> {
    recorded(store, graph, "sha256")
}

/// A literal recorded on a graph's own node, in the graph, under `ng:{property}`.
fn recorded(
    store: &Store,
    graph: NamedNodeRef<'_>,
    property: &str,
) -> Result<Option<String>, StorageError> {
    let sha_p = NamedNode::new_unchecked(ng(property));
    Ok(store
        .quads_for_pattern(
            Some(graph.into()),
            Some(sha_p.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(graph)),
        )
        .next()
        .transpose()?
        .and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
}

/// What a source graph says of itself: the file it was built from and that file's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    pub graph: NamedNode,
    pub file: String,
    pub sha256: Option<String>,
    /// The build of normgraph that wrote the graph (`ng:builtWith`).
    pub built_with: Option<String>,
}

/// The manifest of every source graph in the store, in one pass over `ng:file`.
pub fn manifests(store: &Store) -> Result<Vec<Manifest>, StorageError> {
    let file_p = NamedNode::new_unchecked(ng("file"));
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(file_p.as_ref()), None, None) {
        let q = q?;
        if let (GraphName::NamedNode(g), NamedOrBlankNode::NamedNode(s), Term::Literal(l)) =
            (&q.graph_name, &q.subject, &q.object)
        {
            if g == s {
                out.push(Manifest {
                    graph: g.clone(),
                    file: l.value().to_owned(),
                    sha256: recorded(store, g.as_ref(), "sha256")?,
                    built_with: recorded(store, g.as_ref(), "builtWith")?,
                });
            }
        }
    }
    Ok(out)
}
