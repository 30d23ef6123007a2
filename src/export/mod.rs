//! `normgraph export`: the graph as a dump that other repositories take whole.
//!
//! - The dataset formats (N-Quads, TriG) carry every named graph under its name: one graph per
//!   source file (its provenance), the reference tables, the derived facts and the RDFS
//!   entailments. The default graph is left out: it is the merge of the source graphs, which a
//!   store rebuilds by taking their union.
//! - The triple formats (Turtle, N-Triples, RDF/XML, JSON-LD) carry the merge: the default
//!   graph, or the union of the graphs selected.
//!
//! [`dump`] streams the selection from the store to the writer, graph by graph, so memory stays
//! flat as the store grows; [`jsonld`] compacts JSON-LD with our context; [`canonical`] writes
//! the RDF Dataset Canonicalization (RDFC-1.0) and its SHA-256; [`file`](mod@file) writes a dump to a
//! file whole or not at all with its description beside it; [`describe`] is the one VoID/DCAT
//! description of the dataset, for a dump file and for the server.

pub mod canonical;
pub mod describe;
pub mod dump;
pub mod file;
pub mod jsonld;

pub use canonical::{canonical_by_sorting, canonical_with_sophia, write_canonical};
pub use describe::LICENCE;
pub use dump::{write, Selection};
pub use file::{write_file, FileDump};

use crate::rdf::graphs::{DERIVED_FACTS, INFERRED_FACTS};
use crate::rdf::vocab::ng;
use crate::reference::symbol::Symbol;
use jsonld::JsonLdError;
use oxigraph::io::RdfFormat;
use oxigraph::model::{NamedNode, NamedOrBlankNode};
use oxigraph::store::{StorageError, Store};

/// The formats of a dump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpFormat {
    NQuads,
    TriG,
    Turtle,
    NTriples,
    RdfXml,
    JsonLd,
}

impl DumpFormat {
    /// Whether the format carries named graphs.
    pub fn holds_graphs(self) -> bool {
        matches!(self, DumpFormat::NQuads | DumpFormat::TriG)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            DumpFormat::NQuads => "application/n-quads",
            DumpFormat::TriG => "application/trig",
            DumpFormat::Turtle => "text/turtle",
            DumpFormat::NTriples => "application/n-triples",
            DumpFormat::RdfXml => "application/rdf+xml",
            DumpFormat::JsonLd => "application/ld+json",
        }
    }

    pub fn rdf_format(self) -> RdfFormat {
        match self {
            DumpFormat::NQuads => RdfFormat::NQuads,
            DumpFormat::TriG => RdfFormat::TriG,
            DumpFormat::Turtle => RdfFormat::Turtle,
            DumpFormat::NTriples => RdfFormat::NTriples,
            DumpFormat::RdfXml => RdfFormat::RdfXml,
            DumpFormat::JsonLd => RdfFormat::JsonLd {
                profile: Default::default(),
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("writing the dump: {0}")]
    Io(#[from] std::io::Error),
    #[error(
        "{0}: no such graph in the store (expected a document symbol such as A/RES/75/240, \
         the IRI of a graph, `derived` or `inferred`)"
    )]
    NoGraph(String),
    #[error("canonicalizing: {0}")]
    Canonical(String),
    #[error("{path}: {error}")]
    File { path: String, error: std::io::Error },
    #[error("{0}")]
    JsonLd(#[from] JsonLdError),
}

/// What a dump holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Quads (dataset formats) or triples (triple formats) written.
    pub statements: usize,
    /// Named graphs written (dataset formats), or merged (triple formats; 0 for the default
    /// graph).
    pub graphs: usize,
}

/// The named graphs of the store, sorted by IRI (a dump lists them in a stable order), but for
/// the answer tables (`rdf::graphs::ANSWERS`): an index in normgraph's own text, which a
/// consumer of the dumps cannot read and a build writes again from the rest.
pub fn named_graphs(store: &Store) -> Result<Vec<NamedNode>, StorageError> {
    let mut graphs: Vec<NamedNode> = store
        .named_graphs()
        .filter_map(|g| match g {
            Ok(NamedOrBlankNode::NamedNode(n)) if n.as_ref() == crate::rdf::graphs::ANSWERS => None,
            Ok(NamedOrBlankNode::NamedNode(n)) => Some(Ok(n)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    graphs.sort();
    Ok(graphs)
}

/// The graphs `--graph VALUE` names: `derived`, `inferred`, `vocabulary`, the IRI of a named graph, or a
/// document symbol (every source graph that describes that document).
pub fn graphs_named(store: &Store, value: &str) -> Result<Vec<NamedNode>, ExportError> {
    let missing = || ExportError::NoGraph(value.to_owned());
    match value {
        "derived" => return Ok(vec![DERIVED_FACTS.into_owned()]),
        "inferred" => return Ok(vec![INFERRED_FACTS.into_owned()]),
        "vocabulary" => return Ok(vec![crate::rdf::graphs::VOCABULARY.into_owned()]),
        _ => {}
    }
    if let Ok(iri) = NamedNode::new(value) {
        if value.contains("://") {
            return if store.contains_named_graph(&iri)? {
                Ok(vec![iri])
            } else {
                Err(missing())
            };
        }
    }
    let symbol = Symbol::parse(value).ok_or_else(missing)?;
    let Some(doc) = crate::store::document(store, symbol.as_str())? else {
        return Err(missing());
    };
    let mut graphs = Vec::new();
    for q in store.quads_for_pattern(None, Some(ng::describes), Some(doc.as_ref().into()), None) {
        let q = q?;
        if let (oxigraph::model::GraphName::NamedNode(g), NamedOrBlankNode::NamedNode(s)) =
            (&q.graph_name, &q.subject)
        {
            // The source node is the name of its own graph.
            if g == s {
                graphs.push(g.clone());
            }
        }
    }
    graphs.sort();
    graphs.dedup();
    if graphs.is_empty() {
        return Err(missing());
    }
    Ok(graphs)
}

/// The graphs a list of `--graph` values names (see [`graphs_named`]), each once, sorted; none
/// for an empty list (everything).
pub fn graphs_named_all(store: &Store, values: &[String]) -> Result<Vec<NamedNode>, ExportError> {
    let mut graphs = Vec::new();
    for value in values {
        graphs.extend(graphs_named(store, value)?);
    }
    graphs.sort();
    graphs.dedup();
    Ok(graphs)
}
