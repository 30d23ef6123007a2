//! Building the store from a folder of documents: every file either becomes its graph, whole,
//! or is refused with the file, the line and what was expected, and the store keeps what it had.
//! An unchanged file (same SHA-256) is skipped; a changed one replaces only its own graph.

use crate::extract::{akn, text, Diagnostic, Extraction, SourceFormat};
use crate::rdf::{self, Iris};
use crate::states::StateTable;
use crate::store;
use crate::tables::Tables;
use oxigraph::model::{NamedNode, Quad};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ingested { graph: String, triples: usize },
    Unchanged { graph: String },
    Failed { reason: String },
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
}

impl BuildSummary {
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Failed { .. }))
            .count()
    }
}

/// The documents a folder holds (`*.txt`: PDF text; `*.xml`: Akoma Ntoso), in a stable order.
/// Tables and scripts are not documents.
pub fn documents_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if SourceFormat::of_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads and extracts one file: pure apart from reading it.
pub fn extract_file(
    path: &Path,
    states: &StateTable,
    tables: &Tables,
) -> Result<(Extraction, String), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let hash = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        format!("line {line}: expected UTF-8 text, found an invalid byte")
    })?;
    let x = match SourceFormat::of_path(path) {
        Some(SourceFormat::Akn) => akn::extract(&text, states, tables),
        _ => text::extract(&text, states, tables),
    }
    .map_err(|e| e.to_string())?;
    Ok((x, hash))
}

/// A file's name as recorded in its graph: relative to the folder built, with `/`.
fn relative_name(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The hash of everything the reference graph is made of.
fn reference_hash(iris: &Iris) -> String {
    let mut h = Sha256::new();
    h.update(iris.base().as_bytes());
    h.update(include_str!("../data/states/states.tsv").as_bytes());
    h.update(include_str!("../data/states/aliases.tsv").as_bytes());
    for (_, t) in Tables::sources() {
        h.update(t.as_bytes());
    }
    hex(&h.finalize())
}

/// Ingests every document of `folder` into `store`.
/// Graphs whose file is not in the folder are kept and listed in
/// [`BuildSummary::stale`], or removed when `prune` is set.
pub fn build(
    store: &Store,
    folder: &Path,
    iris: &Iris,
    prune: bool,
    mut progress: impl FnMut(&Path, &Outcome),
) -> Result<BuildSummary, String> {
    let states = StateTable::bundled();
    let tables = Tables::bundled();
    let mut summary = BuildSummary::default();

    let reference = iris.reference_graph();
    let hash = reference_hash(iris);
    if store::recorded_hash(store, reference.as_ref())
        .map_err(|e| e.to_string())?
        .as_deref()
        != Some(hash.as_str())
    {
        let (g, mut quads) = rdf::reference_graph(iris, states, tables);
        quads.push(Quad::new(
            g.clone(),
            NamedNode::new_unchecked(crate::vocab::ng("sha256")),
            oxigraph::model::Literal::new_simple_literal(&hash),
            g.clone(),
        ));
        store::replace_graph(store, &[], g.as_ref(), &quads).map_err(|e| e.to_string())?;
        summary.reference_rebuilt = true;
    }

    let files = documents_in(folder)
        .map_err(|e| format!("{}: cannot list the folder: {e}", folder.display()))?;
    if files.is_empty() {
        return Err(format!(
            "{}: no document (*.txt, *.xml) found",
            folder.display()
        ));
    }
    let mut claimed: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in files {
        let name = relative_name(folder, &path);
        let outcome = ingest_one(
            store,
            &path,
            &name,
            iris,
            states,
            tables,
            &mut claimed,
            &mut summary,
        );
        progress(&path, &outcome);
        summary.files.push((path, outcome));
    }
    let present: Vec<String> = summary
        .files
        .iter()
        .map(|(p, _)| relative_name(folder, p))
        .collect();
    let stale: Vec<(NamedNode, String)> = store::source_files(store)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|(_, f)| !present.contains(f))
        .collect();
    if prune && !stale.is_empty() {
        let graphs: Vec<NamedNode> = stale.iter().map(|(g, _)| g.clone()).collect();
        store::remove_graphs(store, &graphs).map_err(|e| e.to_string())?;
        summary.pruned = true;
    }
    summary.stale = stale
        .into_iter()
        .map(|(g, f)| (g.as_str().to_owned(), f))
        .collect();
    (summary.merged_triples, summary.source_quads) =
        store::sizes(store).map_err(|e| e.to_string())?;
    Ok(summary)
}

#[allow(clippy::too_many_arguments)]
fn ingest_one(
    store: &Store,
    path: &Path,
    name: &str,
    iris: &Iris,
    states: &StateTable,
    tables: &Tables,
    claimed: &mut BTreeMap<String, PathBuf>,
    summary: &mut BuildSummary,
) -> Outcome {
    let (x, hash) = match extract_file(path, states, tables) {
        Ok(r) => r,
        Err(reason) => return Outcome::Failed { reason },
    };
    let (graph, quads) = rdf::source_graph(iris, &x, name, &hash, tables);
    if let Some(other) = claimed.get(graph.as_str()) {
        return Outcome::Failed {
            reason: format!("describes the same document in the same language as {}; one source per document and language", other.display()),
        };
    }
    claimed.insert(graph.as_str().to_owned(), path.to_path_buf());
    for w in &x.warnings {
        summary.warnings.push((path.to_path_buf(), w.clone()));
    }
    let previous = match store::graphs_of_file(store, name) {
        Ok(p) => p,
        Err(e) => {
            return Outcome::Failed {
                reason: format!("store: {e}"),
            }
        }
    };
    if previous
        .iter()
        .any(|(g, h)| *g == graph && h.as_deref() == Some(hash.as_str()))
        && previous.len() == 1
    {
        return Outcome::Unchanged {
            graph: graph.as_str().to_owned(),
        };
    }
    let stale: Vec<NamedNode> = previous
        .into_iter()
        .map(|(g, _)| g)
        .filter(|g| *g != graph)
        .collect();
    match store::replace_graph(store, &stale, graph.as_ref(), &quads) {
        Ok(()) => Outcome::Ingested {
            graph: graph.as_str().to_owned(),
            triples: quads.len(),
        },
        Err(e) => Outcome::Failed {
            reason: format!("store: {e}"),
        },
    }
}
