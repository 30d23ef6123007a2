//! The selection of a dump (which graphs, kept apart or merged) and its streaming write in
//! any format.

use super::jsonld::JsonLdContext;
use super::{named_graphs, DumpFormat, ExportError, Written};
use crate::rdf::vocab::PREFIXES;
use oxigraph::io::RdfSerializer;
use oxigraph::model::{NamedNode, Quad, QuadRef, TripleRef};
use oxigraph::store::{StorageError, Store};
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;

/// What a dump in one format of some graphs holds: the named graphs, each under its name (a
/// dataset format), or triples: the merged graph, or the union of the graphs selected (a
/// triple format).
pub struct Selection {
    /// The graphs read, in order; the default graph alone for the merged graph.
    sources: Vec<oxigraph::model::GraphName>,
    /// Whether the quads keep their graph.
    pub keeps_graphs: bool,
}

impl Selection {
    /// The selection of `graphs` (every named graph, or the merged graph, when empty).
    pub fn new(
        store: &Store,
        format: DumpFormat,
        graphs: &[NamedNode],
    ) -> Result<Self, StorageError> {
        use oxigraph::model::GraphName;
        let named = |gs: &[NamedNode]| gs.iter().cloned().map(GraphName::NamedNode).collect();
        let sources = match (format.holds_graphs(), graphs.is_empty()) {
            (true, true) => named(&named_graphs(store)?),
            (false, true) => vec![GraphName::DefaultGraph],
            (_, false) => named(graphs),
        };
        Ok(Selection {
            sources,
            keeps_graphs: format.holds_graphs(),
        })
    }

    /// The named graphs read (0 for the merged graph).
    pub fn graphs(&self) -> usize {
        self.sources.iter().filter(|g| g.is_named_node()).count()
    }

    /// The quads, graph by graph. Without `keeps_graphs` a triple that several selected graphs
    /// state comes once when `once` is set (by a hash of each triple read).
    pub fn quads<'a>(
        &'a self,
        store: &'a Store,
        once: bool,
    ) -> impl Iterator<Item = Result<Quad, StorageError>> + 'a {
        let hasher = RandomState::new();
        let mut seen: HashSet<u64> = HashSet::new();
        let dedup = once && !self.keeps_graphs && self.sources.len() > 1;
        self.sources
            .iter()
            .flat_map(move |g| store.quads_for_pattern(None, None, None, Some(g.as_ref())))
            .filter(move |q| match q {
                Ok(q) if dedup => seen.insert(hasher.hash_one(TripleRef::from(QuadRef::from(q)))),
                _ => true,
            })
    }
}

/// Writes the selected graphs (all of them when `graphs` is empty) in `format`, streamed.
pub fn write(
    store: &Store,
    format: DumpFormat,
    graphs: &[NamedNode],
    out: impl Write,
) -> Result<Written, ExportError> {
    if format == DumpFormat::JsonLd {
        return write_json_ld(store, graphs, out);
    }
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (p, ns) in PREFIXES {
        serializer = serializer
            .with_prefix(p, ns)
            .expect("the vocabulary's prefixes are valid");
    }
    let mut w = serializer.for_writer(out);
    let selection = Selection::new(store, format, graphs)?;
    let mut written = Written {
        statements: 0,
        graphs: selection.graphs(),
    };
    for q in selection.quads(store, true) {
        let q = q?;
        if selection.keeps_graphs {
            w.serialize_quad(&q)?;
        } else {
            w.serialize_triple(TripleRef::from(QuadRef::from(&q)))?;
        }
        written.statements += 1;
    }
    w.finish()?;
    Ok(written)
}

/// The merged graph, or the union of the selected graphs, as JSON-LD compacted with our
/// context (see [`super::jsonld`]).
fn write_json_ld(
    store: &Store,
    graphs: &[NamedNode],
    out: impl Write,
) -> Result<Written, ExportError> {
    let context = JsonLdContext::of_ontology();
    let selection = Selection::new(store, DumpFormat::JsonLd, graphs)?;
    let statements = super::jsonld::write(&context, selection.quads(store, true), out)?;
    Ok(Written {
        statements,
        graphs: selection.graphs(),
    })
}
