//! Where each file's graph goes: a file is prepared (read, extracted, mapped) off the writing
//! thread, then placed, file by file in order: unchanged (same bytes, same build), new (to the
//! bulk loader, with its share of the merged default graph), or replacing its earlier graph in
//! one transaction. Two files that describe the same document in the same language are one
//! source too many: the one whose graph the store already holds keeps it, whatever the names
//! (a copy named to sort first does not take it over); between two new files, the first in
//! order keeps it. The other is refused and reported with both names.

use super::build::Outcome;
use super::read::extract_file;
use super::refusal::{Refusal, RefusalKind};
use crate::rdf::source::source_graph;
use crate::rdf::Iris;
use crate::records::Diagnostic;
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;
use crate::store;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::Store;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;

/// A file read, extracted and turned into its graph, off the writing thread.
pub(super) struct Prepared {
    graph: NamedNode,
    quads: Vec<Quad>,
    hash: String,
    pub(super) warnings: Vec<Diagnostic>,
}

/// Reads, extracts and maps one file. The extractors are fuzzed never to panic; should one
/// still, that file is refused with the reason, and the build goes on.
pub(super) fn prepare(
    path: &Path,
    name: &str,
    iris: &Iris,
    states: &StateTable,
    curated: &Curated,
) -> Result<Prepared, Refusal> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (x, hash) = extract_file(path, states, curated)?;
        let (graph, quads) = source_graph(iris, &x, name, &hash, curated);
        Ok(Prepared {
            graph,
            quads,
            hash,
            warnings: x.warnings,
        })
    }))
    .unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Refusal::new(
            RefusalKind::Internal,
            format!(
                "internal error while reading this file (a bug in normgraph; please report it with the file): {what}"
            ),
        ))
    })
}

/// Decides, file by file in order, where each prepared graph goes.
pub(super) struct Placer<'a> {
    store: &'a Store,
    /// The graphs each file produced in earlier builds.
    by_file: BTreeMap<String, Vec<store::Manifest>>,
    /// Every source graph in the store before this build.
    known: HashSet<NamedNode>,
    /// The file each source graph of the store came from, when that file is in this build too:
    /// it keeps its graph against any other file that describes the same document.
    established: BTreeMap<NamedNode, (String, Option<String>)>,
    /// Graphs produced in this build, with their file and its hash: one source per document
    /// and language.
    claimed: BTreeMap<NamedNode, (PathBuf, String)>,
    /// Whether the last graph placed went to the bulk loader.
    pub(super) last_bulk: bool,
}

impl<'a> Placer<'a> {
    /// A placer for `store`, which holds the graphs of `manifests`, building the files `names`.
    pub(super) fn new(store: &'a Store, manifests: &[store::Manifest], names: &[String]) -> Self {
        let present: HashSet<&str> = names.iter().map(String::as_str).collect();
        let mut by_file: BTreeMap<String, Vec<store::Manifest>> = BTreeMap::new();
        for m in manifests {
            by_file.entry(m.file.clone()).or_default().push(m.clone());
        }
        Placer {
            store,
            by_file,
            known: manifests.iter().map(|m| m.graph.clone()).collect(),
            established: manifests
                .iter()
                .filter(|m| present.contains(m.file.as_str()))
                .map(|m| (m.graph.clone(), (m.file.clone(), m.sha256.clone())))
                .collect(),
            claimed: BTreeMap::new(),
            last_bulk: false,
        }
    }

    pub(super) fn place(
        &mut self,
        path: &Path,
        name: &str,
        p: Prepared,
        bulk: &SyncSender<Vec<Quad>>,
    ) -> Outcome {
        self.last_bulk = false;
        // Before the file the store holds this graph from is reached in this build: that file
        // keeps it. The same bytes as it held are a copy; other bytes, one source too many.
        if let Some((owner, held)) = self
            .established
            .get(&p.graph)
            .filter(|(o, _)| o != name && !self.claimed.contains_key(&p.graph))
        {
            if held.as_deref() == Some(p.hash.as_str()) {
                let folder = path
                    .ancestors()
                    .nth(name.split('/').count())
                    .unwrap_or(path);
                return Outcome::Copy {
                    of: folder.join(owner),
                };
            }
            return Outcome::Failed(Refusal::new(
                RefusalKind::Duplicate,
                format!("describes the same document in the same language as {owner}, whose graph the store already holds; one source per document and language (remove one of the two)"),
            ));
        }
        if let Some((other, hash)) = self.claimed.get(&p.graph) {
            // The same bytes under another name (75_274_F.xml of the UN's XML is in both its
            // English and its French folder): nothing to refuse, nothing new to read.
            if *hash == p.hash {
                return Outcome::Copy { of: other.clone() };
            }
            return Outcome::Failed(Refusal::new(
                RefusalKind::Duplicate,
                format!("describes the same document in the same language as {}; one source per document and language", other.display()),
            ));
        }
        self.claimed
            .insert(p.graph.clone(), (path.to_path_buf(), p.hash.clone()));
        let graph = p.graph.as_str().to_owned();
        let triples = p.quads.len();
        let previous = self.by_file.get(name).map(Vec::as_slice).unwrap_or(&[]);
        if let [m] = previous {
            if m.graph == p.graph
                && m.sha256.as_deref() == Some(p.hash.as_str())
                && m.built_with.as_deref() == Some(crate::hash::BUILD_HASH)
            {
                return Outcome::Unchanged { graph };
            }
        }
        if previous.is_empty() && !self.known.contains(&p.graph) {
            // A new graph: it and its share of the merge go to the bulk loader.
            let mut quads = p.quads;
            let merged: Vec<Quad> = quads
                .iter()
                .map(|q| {
                    Quad::new(
                        q.subject.clone(),
                        q.predicate.clone(),
                        q.object.clone(),
                        GraphName::DefaultGraph,
                    )
                })
                .collect();
            quads.extend(merged);
            return match bulk.send(quads) {
                Ok(()) => {
                    self.last_bulk = true;
                    Outcome::Ingested { graph, triples }
                }
                Err(_) => Outcome::Failed(Refusal::new(
                    RefusalKind::Store,
                    "store: the bulk loader stopped (its error follows the build)",
                )),
            };
        }
        let stale: Vec<NamedNode> = previous
            .iter()
            .map(|m| m.graph.clone())
            .filter(|g| *g != p.graph)
            .collect();
        match store::replace_graph(self.store, &stale, p.graph.as_ref(), &p.quads) {
            Ok(()) => Outcome::Ingested { graph, triples },
            Err(e) => Outcome::Failed(Refusal::new(RefusalKind::Store, format!("store: {e}"))),
        }
    }
}
