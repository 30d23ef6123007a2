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

use crate::rdf::vocab::ng;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, Triple, TripleRef,
};
use oxigraph::store::{StorageError, Store, Transaction};
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
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

/// The document the merged graph gives this symbol (`ng:symbol`), if any.
pub fn document(store: &Store, symbol: &str) -> Result<Option<NamedOrBlankNode>, StorageError> {
    store
        .quads_for_pattern(
            None,
            Some(ng::symbol),
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

/// Marks the store incomplete: a build has begun. The mark is a quad of its own graph
/// (`ng:BuildInProgress`), written before anything else of the build and removed
/// ([`end_build`]) only once the computed graphs are written: a build killed at any moment in
/// between leaves a store that says it is incomplete ([`incomplete`]).
pub fn begin_build(store: &Store) -> Result<(), StorageError> {
    let g = ng::BuildInProgress;
    store.insert(QuadRef::new(
        g,
        ng::builtWith,
        Literal::new_simple_literal(crate::hash::BUILD_HASH).as_ref(),
        GraphNameRef::NamedNode(g),
    ))?;
    Ok(())
}

/// The build is over: the store is whole again.
pub fn end_build(store: &Store) -> Result<(), StorageError> {
    store.remove_named_graph(ng::BuildInProgress)
}

/// Why the store cannot be trusted to answer, if it cannot: a build began and did not finish,
/// or no build has ever computed its derived facts (a store created and left empty). Its
/// queries would answer nothing, or part, without saying so.
pub fn incomplete(store: &Store) -> Result<Option<&'static str>, StorageError> {
    let g = GraphNameRef::NamedNode(ng::BuildInProgress);
    if store
        .quads_for_pattern(None, None, None, Some(g))
        .next()
        .transpose()?
        .is_some()
    {
        return Ok(Some(
            "a build began and did not finish (it was stopped before its computed graphs were written)",
        ));
    }
    if recorded_hash(store, crate::rdf::graphs::DERIVED_FACTS)?.is_none() {
        return Ok(Some("no build has finished in it: it has no derived facts"));
    }
    Ok(None)
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

/// The hash recorded on a graph's own node.
pub fn recorded_hash(
    store: &Store,
    graph: NamedNodeRef<'_>,
) -> Result<Option<String>, StorageError> {
    recorded(store, graph, ng::sha256)
}

/// The build of normgraph recorded on a graph's own node (`ng:builtWith`): for a computed graph,
/// the build that computed it.
pub fn recorded_build(
    store: &Store,
    graph: NamedNodeRef<'_>,
) -> Result<Option<String>, StorageError> {
    recorded(store, graph, ng::builtWith)
}

/// A literal recorded on a graph's own node, in the graph, under `ng:{property}`.
fn recorded(
    store: &Store,
    graph: NamedNodeRef<'_>,
    property: NamedNodeRef<'_>,
) -> Result<Option<String>, StorageError> {
    Ok(store
        .quads_for_pattern(
            Some(graph.into()),
            Some(property),
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
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(ng::file), None, None) {
        let q = q?;
        if let (GraphName::NamedNode(g), NamedOrBlankNode::NamedNode(s), Term::Literal(l)) =
            (&q.graph_name, &q.subject, &q.object)
        {
            if g == s {
                out.push(Manifest {
                    graph: g.clone(),
                    file: l.value().to_owned(),
                    sha256: recorded(store, g.as_ref(), ng::sha256)?,
                    built_with: recorded(store, g.as_ref(), ng::builtWith)?,
                });
            }
        }
    }
    Ok(out)
}

/// Brings a computed graph to `quads` (by difference, see [`write_changes`]), then records
/// the fingerprint of what it was computed from: until that is written, the next build
/// computes the graph again.
pub fn write_computed(
    store: &Store,
    g: NamedNodeRef<'_>,
    quads: Vec<Quad>,
    fingerprint: &str,
) -> Result<(), StorageError> {
    write_changes(store, g, quads)?;
    let mut t = store.start_transaction()?;
    for (p, v) in [
        (ng::sha256, fingerprint),
        (ng::builtWith, crate::hash::BUILD_HASH),
    ] {
        t.insert(QuadRef::new(
            g,
            p,
            Literal::new_simple_literal(v).as_ref(),
            GraphNameRef::NamedNode(g),
        ));
    }
    t.commit()
}

/// Brings the derived graph from what it holds to `quads`, writing only the difference: a
/// rebuild after a small change rewrites little, and no single transaction holds millions of
/// deletions. The recorded fingerprint goes first, so that a build interrupted here leaves a
/// graph that the next build recomputes.
fn write_changes(store: &Store, g: NamedNodeRef<'_>, quads: Vec<Quad>) -> Result<(), StorageError> {
    const CHUNK: usize = 50_000;
    let hashers = (RandomState::new(), RandomState::new());
    let key = |q: &Quad| -> u128 {
        (u128::from(hashers.0.hash_one(q)) << 64) | u128::from(hashers.1.hash_one(q))
    };
    let wanted: HashSet<u128> = quads.iter().map(key).collect();
    let mut held = HashSet::new();
    let mut stale = Vec::new();
    let own_node = NamedOrBlankNode::from(g.into_owned());
    for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g))) {
        let q = q?;
        let k = key(&q);
        let own = q.subject == own_node
            && (q.predicate.as_ref() == ng::sha256 || q.predicate.as_ref() == ng::builtWith);
        if own || !wanted.contains(&k) {
            stale.push(q);
        } else {
            held.insert(k);
        }
    }
    // Fingerprint quads first (they sort first: the subject is the graph itself).
    stale.sort_by_key(|q| q.subject != own_node);
    for chunk in stale.chunks(CHUNK) {
        let mut t = store.start_transaction()?;
        for q in chunk {
            t.remove(q.as_ref());
        }
        t.commit()?;
    }
    let added: Vec<Quad> = quads
        .into_iter()
        .filter(|q| !held.contains(&key(q)))
        .collect();
    // A first computation, or a large change, through the bulk loader (compact table files,
    // one commit); a small change through transactions.
    if held.is_empty() || added.len() > 4 * CHUNK {
        let mut loader = store.bulk_loader();
        loader
            .load_quads(added)
            .map_err(|e| StorageError::Other(Box::new(e)))?;
        loader.commit()?;
    } else {
        for chunk in added.chunks(CHUNK) {
            let mut t = store.start_transaction()?;
            t.extend(chunk.iter().map(Quad::as_ref));
            t.commit()?;
        }
    }
    Ok(())
}
