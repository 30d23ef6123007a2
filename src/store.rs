//! The on-disk Oxigraph store: one named graph per source file, replaced atomically.
//!
//! A source graph carries its own manifest (the source node's `ng:file` and `ng:sha256`), so
//! the store alone tells which file produced which graph and whether the file has changed.

use crate::vocab::ng;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::path::{Path, PathBuf};

/// Where the store lives when `--store` is not given.
pub const DEFAULT_STORE: &str = "normgraph-store";

pub fn default_store_path() -> PathBuf {
    std::env::var_os("NORMGRAPH_STORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_STORE))
}

pub fn open(path: &Path) -> Result<Store, StorageError> {
    Store::open(path)
}

pub fn open_read_only(path: &Path) -> Result<Store, StorageError> {
    Store::open_read_only(path)
}

/// The graphs previously built from `file`, with the hash recorded for each.
pub fn graphs_of_file(
    store: &Store,
    file: &str,
) -> Result<Vec<(NamedNode, Option<String>)>, StorageError> {
    let file_p = NamedNode::new_unchecked(ng("file"));
    let sha_p = NamedNode::new_unchecked(ng("sha256"));
    let mut out = Vec::new();
    for q in store.quads_for_pattern(
        None,
        Some(file_p.as_ref()),
        Some(oxigraph::model::LiteralRef::new_simple_literal(file).into()),
        None,
    ) {
        let q = q?;
        let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name else {
            continue;
        };
        let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        if s != g {
            continue;
        }
        let hash = store
            .quads_for_pattern(
                Some(s.as_ref().into()),
                Some(sha_p.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            )
            .next()
            .transpose()?
            .and_then(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            });
        out.push((g.clone(), hash));
    }
    Ok(out)
}

/// Replaces, in one transaction, the graphs listed in `remove` and `graph` by `quads`. Either
/// all of it is written or nothing is.
pub fn replace_graph(
    store: &Store,
    remove: &[NamedNode],
    graph: NamedNodeRef<'_>,
    quads: &[Quad],
) -> Result<(), StorageError> {
    let mut t = store.start_transaction()?;
    for g in remove {
        t.remove_named_graph(g)?;
    }
    t.remove_named_graph(graph)?;
    t.insert_named_graph(graph);
    t.extend(quads);
    t.commit()
}

/// The hash recorded on a graph's own node.
pub fn recorded_hash(
    store: &Store,
    graph: NamedNodeRef<'_>,
) -> Result<Option<String>, StorageError> {
    let sha_p = NamedNode::new_unchecked(ng("sha256"));
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

/// Every source graph in the store, with the file it was built from.
pub fn source_files(store: &Store) -> Result<Vec<(NamedNode, String)>, StorageError> {
    let file_p = NamedNode::new_unchecked(ng("file"));
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(file_p.as_ref()), None, None) {
        let q = q?;
        match (&q.graph_name, &q.subject, &q.object) {
            (
                oxigraph::model::GraphName::NamedNode(g),
                oxigraph::model::NamedOrBlankNode::NamedNode(s),
                Term::Literal(l),
            ) if g == s => {
                out.push((g.clone(), l.value().to_owned()));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Removes whole graphs, in one transaction.
pub fn remove_graphs(store: &Store, graphs: &[NamedNode]) -> Result<(), StorageError> {
    let mut t = store.start_transaction()?;
    for g in graphs {
        t.remove_named_graph(g)?;
    }
    t.commit()
}
