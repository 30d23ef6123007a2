//! Building the store from a folder of documents: every file either becomes its graph, whole,
//! or is refused with the file, the line and what was expected, and the store keeps what it had.
//! An unchanged file (same SHA-256, same build) is skipped; a changed one replaces only its own
//! graph. Then the reference graph, stale graphs and the computed graphs are brought in step.

use super::placer::{prepare, Placer};
use super::read::{documents_in, relative_name};
use super::refusal::{Refusal, RefusalKind};
use crate::compute::derive::Derived;
use crate::compute::infer::Inferred;
use crate::parallel;
use crate::query::SparqlError;
use crate::rdf::reference::reference_graph;
use crate::rdf::vocab::ng;
use crate::rdf::Iris;
use crate::records::Diagnostic;
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;
use crate::store;
use oxigraph::model::{Literal, NamedNode, Quad};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ingested {
        graph: String,
        triples: usize,
    },
    Unchanged {
        graph: String,
    },
    /// The same bytes as a file read before it in this build: read once, under that file.
    Copy {
        of: PathBuf,
    },
    Failed(Refusal),
}

/// One file done, as the build reports it while it runs.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    /// Files done so far, this one included, of `total`.
    pub done: usize,
    pub total: usize,
    pub path: &'a Path,
    pub outcome: &'a Outcome,
}

/// Why a build could not be made at all (a file that cannot be read is refused, not this).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{folder}: cannot list the folder: {error}")]
    Folder {
        folder: String,
        error: std::io::Error,
    },
    #[error("{0}: no document (*.txt, *.xml) found")]
    Empty(String),
    #[error("store: {0}")]
    Storage(#[from] StorageError),
    #[error("counting the store: {0}")]
    Count(#[from] SparqlError),
}

#[derive(Debug, Default)]
pub struct BuildSummary {
    pub files: Vec<(PathBuf, Outcome)>,
    pub warnings: Vec<(PathBuf, Diagnostic)>,
    pub reference_rebuilt: bool,
    /// Triples of the default graph, the merge of the sources.
    pub merged_triples: usize,
    /// Quads of the named graphs, one per source (the same fact counts once per source).
    pub source_quads: usize,
    /// Graphs built from files that are not in the folder (any more): (graph, file).
    pub stale: Vec<(String, String)>,
    /// Whether those graphs were removed.
    pub pruned: bool,
    /// The derived facts the canned queries read (see [`crate::compute::derive`]).
    pub derived: Derived,
    /// The RDFS entailments (see [`crate::compute::infer`]).
    pub inferred: Inferred,
    /// The answer tables of the canned questions (see [`crate::compute::answers`]).
    pub answered: crate::compute::answers::Answered,
}

impl BuildSummary {
    pub fn failed(&self) -> usize {
        self.refusals().count()
    }

    /// The refused files, each with its refusal.
    pub fn refusals(&self) -> impl Iterator<Item = (&Path, &Refusal)> {
        self.files.iter().filter_map(|(path, o)| match o {
            Outcome::Failed(r) => Some((path.as_path(), r)),
            _ => None,
        })
    }

    /// The refused files grouped by the kind of refusal, largest group first.
    pub fn refusals_by_kind(&self) -> Vec<(RefusalKind, Vec<(&Path, &Refusal)>)> {
        let mut groups: BTreeMap<RefusalKind, Vec<(&Path, &Refusal)>> = BTreeMap::new();
        for (path, r) in self.refusals() {
            groups.entry(r.kind).or_default().push((path, r));
        }
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        groups
    }
}

/// The memory the bulk loader may use for its batches (Oxigraph's default is 2 GB per thread).
const BULK_MEMORY_MB: usize = 1000;

/// Ingests every document of `folder` into `store`. Graphs whose file is not in the folder are
/// kept and listed in [`BuildSummary::stale`], or removed when `prune` is set.
pub fn build(
    store: &Store,
    folder: &Path,
    iris: &Iris,
    prune: bool,
    progress: impl FnMut(Step<'_>),
) -> Result<BuildSummary, BuildError> {
    let started = std::time::Instant::now();
    let mut summary = BuildSummary {
        reference_rebuilt: refresh_reference(store, iris)?,
        ..BuildSummary::default()
    };
    let files = documents_in(folder).map_err(|error| BuildError::Folder {
        folder: folder.display().to_string(),
        error,
    })?;
    if files.is_empty() {
        return Err(BuildError::Empty(folder.display().to_string()));
    }
    store::begin_build(store)?;
    let names: Vec<String> = files.iter().map(|p| relative_name(folder, p)).collect();
    ingest_files(store, iris, &files, &names, &mut summary, progress)?;
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        "bulk load committed"
    );
    let stale: Vec<(NamedNode, String)> = store::manifests(store)?
        .into_iter()
        .filter(|m| !names.contains(&m.file))
        .map(|m| (m.graph, m.file))
        .collect();
    if prune && !stale.is_empty() {
        let graphs: Vec<NamedNode> = stale.iter().map(|(g, _)| g.clone()).collect();
        store::remove_graphs(store, &graphs)?;
        summary.pruned = true;
    }
    summary.stale = stale
        .into_iter()
        .map(|(g, f)| (g.as_str().to_owned(), f))
        .collect();
    let sources = crate::compute::fingerprint(store, iris.reference_graph().as_ref())?;
    summary.derived = crate::compute::derive::refresh_from(store, iris, &sources)?;
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        recomputed = summary.derived.recomputed,
        quads = summary.derived.quads,
        "derived facts"
    );
    summary.answered = crate::compute::answers::refresh_from(store, &sources)?;
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        recomputed = summary.answered.recomputed,
        bytes = summary.answered.bytes,
        "answer tables"
    );
    summary.inferred = crate::compute::infer::refresh(store, &sources)?;
    crate::compute::infer::refresh_vocabulary(store)?;
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        recomputed = summary.inferred.recomputed,
        triples = summary.inferred.triples,
        "RDFS entailments"
    );
    store::end_build(store)?;
    (summary.merged_triples, summary.source_quads) = crate::query::sparql::sizes(store)?;
    tracing::info!(secs = started.elapsed().as_secs_f64(), "store counted");
    Ok(summary)
}

/// The hash of everything the reference graph is made of.
fn reference_hash(iris: &Iris) -> String {
    let mut h = Sha256::new();
    h.update(crate::hash::BUILD_HASH.as_bytes());
    h.update(iris.base().as_bytes());
    for (_, t) in crate::reference::states::sources() {
        h.update(t.as_bytes());
    }
    for (_, t) in Curated::sources() {
        h.update(t.as_bytes());
    }
    crate::hash::hex(&h.finalize())
}

/// Writes the reference graph again if what it is made of changed; says whether it did.
fn refresh_reference(store: &Store, iris: &Iris) -> Result<bool, StorageError> {
    let reference = iris.reference_graph();
    let hash = reference_hash(iris);
    if store::recorded_hash(store, reference.as_ref())?.as_deref() == Some(hash.as_str()) {
        return Ok(false);
    }
    let (g, mut quads) = reference_graph(iris, StateTable::bundled(), Curated::bundled());
    quads.push(Quad::new(
        g.clone(),
        ng::sha256,
        Literal::new_simple_literal(&hash),
        g.clone(),
    ));
    store::replace_graph(store, &[], g.as_ref(), &quads)?;
    Ok(true)
}

/// Reads and places every file. New graphs stream to Oxigraph's bulk loader on a thread of
/// their own (it sorts and writes them as table files, committed at the end in one step);
/// graphs that replace earlier ones go through transactions. Extraction runs on every core
/// meanwhile.
fn ingest_files(
    store: &Store,
    iris: &Iris,
    files: &[PathBuf],
    names: &[String],
    summary: &mut BuildSummary,
    mut progress: impl FnMut(Step<'_>),
) -> Result<(), StorageError> {
    let (states, curated) = (StateTable::bundled(), Curated::bundled());
    let mut placer = Placer::new(store, &store::manifests(store)?, names);
    let mut bulk_loaded = Vec::new();
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Vec<Quad>>(16);
        let loader = scope.spawn(move || {
            let mut loader = store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(BULK_MEMORY_MB);
            loader.load_quads(rx.into_iter().flatten())?;
            loader.commit()
        });
        parallel::map_in_order(
            files.len(),
            parallel::threads(),
            |i| prepare(&files[i], &names[i], iris, states, curated),
            |i, prepared| {
                let path = &files[i];
                let outcome = match prepared {
                    Err(refusal) => Outcome::Failed(refusal),
                    Ok(mut p) => {
                        let warnings = std::mem::take(&mut p.warnings);
                        let outcome = placer.place(path, &names[i], p, &tx);
                        if !matches!(outcome, Outcome::Copy { .. }) {
                            for w in warnings {
                                summary.warnings.push((path.clone(), w));
                            }
                        }
                        if let (Outcome::Ingested { .. }, true) = (&outcome, placer.last_bulk) {
                            bulk_loaded.push(summary.files.len());
                        }
                        outcome
                    }
                };
                progress(Step {
                    done: i + 1,
                    total: files.len(),
                    path,
                    outcome: &outcome,
                });
                summary.files.push((path.clone(), outcome));
            },
        );
        drop(tx);
        tracing::info!(
            secs = started.elapsed().as_secs_f64(),
            "files read and placed"
        );
        let committed = match loader.join() {
            Ok(r) => r.map_err(|e| e.to_string()),
            Err(panic) => std::panic::resume_unwind(panic),
        };
        if let Err(e) = committed {
            // Nothing of the bulk load is in the store: those files failed, whole.
            for &k in &bulk_loaded {
                summary.files[k].1 = Outcome::Failed(Refusal::new(
                    RefusalKind::Store,
                    format!("store: the bulk load failed: {e}"),
                ));
            }
        }
    });
    Ok(())
}
