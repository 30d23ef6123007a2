//! Building the store from a folder of documents: every file either becomes its graph, whole,
//! or is refused with the file, the line and what was expected, and the store keeps what it had.
//! An unchanged file (same SHA-256) is skipped; a changed one replaces only its own graph.

use crate::extract::{akn, text, Diagnostic, Extraction, SourceFormat};
use crate::parallel;
use crate::rdf::{self, Iris};
use crate::states::StateTable;
use crate::store;
use crate::tables::Tables;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::Store;
use regex::Regex;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ingested { graph: String, triples: usize },
    Unchanged { graph: String },
    Failed { reason: String },
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
    /// The derived facts the canned queries read (see [`crate::derive`]).
    pub derived: crate::derive::Derived,
    /// The RDFS entailments (see [`crate::infer`]).
    pub inferred: crate::infer::Inferred,
}

impl BuildSummary {
    pub fn failed(&self) -> usize {
        self.files
            .iter()
            .filter(|(_, o)| matches!(o, Outcome::Failed { .. }))
            .count()
    }

    /// The refused files grouped by the kind of reason (the reason with its particulars, such
    /// as lines, names and paths, left out), largest group first; each file with its reason.
    pub fn refusals_by_reason(&self) -> Vec<(String, Vec<(&Path, &str)>)> {
        let mut groups: BTreeMap<String, Vec<(&Path, &str)>> = BTreeMap::new();
        for (path, outcome) in &self.files {
            if let Outcome::Failed { reason } = outcome {
                groups
                    .entry(reason_kind(reason))
                    .or_default()
                    .push((path.as_path(), reason.as_str()));
            }
        }
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
        groups
    }
}

/// What kind of reason a refusal gives: `line 87: unknown State name "Viet Nama" (nearest…)`
/// and `line 3: unknown State name "Qata" (…)` are both `unknown State name "…"`.
pub fn reason_kind(reason: &str) -> String {
    static PARTICULARS: OnceLock<[Regex; 4]> = OnceLock::new();
    let [line, quoted, token, repeated] = PARTICULARS.get_or_init(|| {
        [
            // Where: "line 12: ".
            Regex::new(r"^line \d+: ").unwrap(),
            // What was printed: "…", “…”.
            Regex::new(r#""[^"]*"|“[^”]*”"#).unwrap(),
            // Paths, symbols, numbers.
            Regex::new(r"[^\s;,]*/[^\s;,]*|(^|\s)\d[\d.:-]*").unwrap(),
            Regex::new(r"…(?:[ ,]+…)+").unwrap(),
        ]
    });
    // Nearest names and examples in parentheses are particulars too.
    let r = line.replace(reason.trim(), "");
    let r = r.split(" (").next().unwrap_or(&r);
    let r = quoted.replace_all(r, "\"…\"");
    let r = token.replace_all(&r, "${1}…");
    repeated.replace_all(&r, "…").into_owned()
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

/// Lower-case hexadecimal, as the recorded hashes are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The hash of everything the reference graph is made of.
fn reference_hash(iris: &Iris) -> String {
    let mut h = Sha256::new();
    h.update(crate::vocab::BUILD_HASH.as_bytes());
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
    mut progress: impl FnMut(Step<'_>),
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
    let names: Vec<String> = files.iter().map(|p| relative_name(folder, p)).collect();
    let manifests = store::manifests(store).map_err(|e| e.to_string())?;
    let mut placer = Placer {
        store,
        by_file: BTreeMap::new(),
        known: manifests.iter().map(|m| m.graph.clone()).collect(),
        claimed: BTreeMap::new(),
        last_bulk: false,
    };
    for m in &manifests {
        placer
            .by_file
            .entry(m.file.clone())
            .or_default()
            .push(m.clone());
    }

    // New graphs stream to Oxigraph's bulk loader on a thread of their own (it sorts and
    // writes them as table files, committed at the end in one step); graphs that replace
    // earlier ones go through transactions. Extraction runs on every core meanwhile.
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
            |i| prepare(&files[i], &names[i], iris, states, tables),
            |i, prepared| {
                let path = &files[i];
                let outcome = match prepared {
                    Err(reason) => Outcome::Failed { reason },
                    Ok(p) => {
                        for w in &p.warnings {
                            summary.warnings.push((path.clone(), w.clone()));
                        }
                        let outcome = placer.place(path, &names[i], p, &tx);
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
                summary.files[k].1 = Outcome::Failed {
                    reason: format!("store: the bulk load failed: {e}"),
                };
            }
        }
    });

    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        "bulk load committed"
    );
    let stale: Vec<(NamedNode, String)> = store::manifests(store)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|m| !names.contains(&m.file))
        .map(|m| (m.graph, m.file))
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
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        "stale graphs handled"
    );
    let sources = crate::derive::fingerprint(store, iris.reference_graph().as_ref())
        .map_err(|e| e.to_string())?;
    summary.derived =
        crate::derive::refresh_from(store, iris, &sources).map_err(|e| e.to_string())?;
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        recomputed = summary.derived.recomputed,
        quads = summary.derived.quads,
        "derived facts"
    );
    summary.inferred = crate::infer::refresh(store, &sources).map_err(|e| e.to_string())?;
    tracing::info!(
        secs = started.elapsed().as_secs_f64(),
        recomputed = summary.inferred.recomputed,
        triples = summary.inferred.triples,
        "RDFS entailments"
    );
    (summary.merged_triples, summary.source_quads) =
        store::sizes(store).map_err(|e| e.to_string())?;
    tracing::info!(secs = started.elapsed().as_secs_f64(), "store counted");
    Ok(summary)
}

/// The memory the bulk loader may use for its batches (Oxigraph's default is 2 GB per thread).
const BULK_MEMORY_MB: usize = 1000;

/// A file read, extracted and turned into its graph, off the writing thread.
struct Prepared {
    graph: NamedNode,
    quads: Vec<Quad>,
    hash: String,
    warnings: Vec<Diagnostic>,
}

fn prepare(
    path: &Path,
    name: &str,
    iris: &Iris,
    states: &StateTable,
    tables: &Tables,
) -> Result<Prepared, String> {
    // The extractors are fuzzed never to panic; should one still, that file is refused with
    // the reason, and the build goes on.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (x, hash) = extract_file(path, states, tables)?;
        let (graph, quads) = rdf::source_graph(iris, &x, name, &hash, tables);
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
        Err(format!(
            "internal error while reading this file (a bug in normgraph; please report it with the file): {what}"
        ))
    })
}

/// Decides, file by file in order, where each prepared graph goes.
struct Placer<'a> {
    store: &'a Store,
    /// The graphs each file produced in earlier builds.
    by_file: BTreeMap<String, Vec<store::Manifest>>,
    /// Every source graph in the store before this build.
    known: HashSet<NamedNode>,
    /// Graphs produced in this build, with their file: one source per document and language.
    claimed: BTreeMap<NamedNode, PathBuf>,
    /// Whether the last graph placed went to the bulk loader.
    last_bulk: bool,
}

impl Placer<'_> {
    fn place(
        &mut self,
        path: &Path,
        name: &str,
        p: Prepared,
        bulk: &SyncSender<Vec<Quad>>,
    ) -> Outcome {
        self.last_bulk = false;
        if let Some(other) = self.claimed.get(&p.graph) {
            return Outcome::Failed {
                reason: format!("describes the same document in the same language as {}; one source per document and language", other.display()),
            };
        }
        self.claimed.insert(p.graph.clone(), path.to_path_buf());
        let graph = p.graph.as_str().to_owned();
        let triples = p.quads.len();
        let previous = self.by_file.get(name).map(Vec::as_slice).unwrap_or(&[]);
        if let [m] = previous {
            if m.graph == p.graph
                && m.sha256.as_deref() == Some(p.hash.as_str())
                && m.built_with.as_deref() == Some(crate::vocab::BUILD_HASH)
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
                Err(_) => Outcome::Failed {
                    reason: "store: the bulk loader stopped (its error follows the build)".into(),
                },
            };
        }
        let stale: Vec<NamedNode> = previous
            .iter()
            .map(|m| m.graph.clone())
            .filter(|g| *g != p.graph)
            .collect();
        match store::replace_graph(self.store, &stale, p.graph.as_ref(), &p.quads) {
            Ok(()) => Outcome::Ingested { graph, triples },
            Err(e) => Outcome::Failed {
                reason: format!("store: {e}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reason_kind;

    #[test]
    fn reasons_group_by_kind_without_their_particulars() {
        let a = reason_kind(
            r#"line 87: unknown State name "Viet Nama" (nearest known names: Viet Nam, Grenada)"#,
        );
        let b = reason_kind(
            r#"line 3: unknown State name "Qata" (nearest known names: Qatar, QAT, ATG)"#,
        );
        assert_eq!(a, r#"unknown State name "…""#);
        assert_eq!(a, b);
        assert_eq!(
            reason_kind("describes the same document in the same language as ../x/75/English/75_274_F.xml; one source per document and language"),
            "describes the same document in the same language as …; one source per document and language"
        );
        assert_eq!(
            reason_kind("line 4: expected UTF-8 text, found an invalid byte"),
            "expected UTF-8 text, found an invalid byte"
        );
        assert_ne!(
            a,
            reason_kind("line 4: expected UTF-8 text, found an invalid byte")
        );
    }
}
