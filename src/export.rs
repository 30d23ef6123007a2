//! `normgraph export`: the graph as a dump that other repositories take whole.
//!
//! - The dataset formats (N-Quads, TriG) carry every named graph under its name: one graph per
//!   source file (its provenance), the reference tables, the derived facts and the RDFS
//!   entailments. The default graph is left out: it is the merge of the source graphs, which a
//!   store rebuilds by taking their union.
//! - The triple formats (Turtle, N-Triples, RDF/XML, JSON-LD) carry the merge: the default
//!   graph, or the union of the graphs selected.
//!
//! Everything is streamed from the store to the writer, graph by graph, so memory stays flat
//! as the store grows; the one exception is the union of several selected graphs in a triple
//! format, which remembers a hash of each triple written to write it once.
//!
//! `--canonical` writes the RDF Dataset Canonicalization (RDFC-1.0) of the selection, computed
//! by sophia: N-Quads whose bytes depend only on the graph, and their SHA-256.

use crate::symbol::Symbol;
use crate::vocab::{ng, PREFIXES};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, QuadRef, TripleRef};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::io::Write;

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

    fn rdf_format(self) -> RdfFormat {
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
        "--graph {0}: no such graph in the store (give a document symbol such as A/RES/75/240, \
         the IRI of a graph, `derived` or `inferred`)"
    )]
    NoGraph(String),
    #[error("canonicalizing: {0}")]
    Canonical(String),
    #[error("{path}: {error}")]
    File { path: String, error: std::io::Error },
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

/// The named graphs of the store, sorted by IRI (a dump lists them in a stable order).
pub fn named_graphs(store: &Store) -> Result<Vec<NamedNode>, StorageError> {
    let mut graphs: Vec<NamedNode> = store
        .named_graphs()
        .filter_map(|g| match g {
            Ok(NamedOrBlankNode::NamedNode(n)) => Some(Ok(n)),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    graphs.sort();
    Ok(graphs)
}

/// The graphs `--graph VALUE` names: `derived`, `inferred`, the IRI of a named graph, or a
/// document symbol (every source graph that describes that document).
pub fn graphs_named(store: &Store, value: &str) -> Result<Vec<NamedNode>, ExportError> {
    let missing = || ExportError::NoGraph(value.to_owned());
    match value {
        "derived" => return Ok(vec![crate::derive::graph()]),
        "inferred" => return Ok(vec![crate::infer::graph()]),
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
    let describes = NamedNode::new_unchecked(ng("describes"));
    let mut graphs = Vec::new();
    for q in store.quads_for_pattern(
        None,
        Some(describes.as_ref()),
        Some(doc.as_ref().into()),
        None,
    ) {
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
/// context (see [`crate::jsonld`]).
fn write_json_ld(
    store: &Store,
    graphs: &[NamedNode],
    out: impl Write,
) -> Result<Written, ExportError> {
    let context = crate::jsonld::Context::of_ontology()?;
    let selection = Selection::new(store, DumpFormat::JsonLd, graphs)?;
    let statements = crate::jsonld::write(&context, selection.quads(store, true), out)?;
    Ok(Written {
        statements,
        graphs: selection.graphs(),
    })
}

/// Writes the RDFC-1.0 canonical N-Quads of what a dump in `format` of the selected graphs
/// holds (the named graphs for a dataset format, the merged graph for a triple format) and
/// returns their SHA-256, in hex.
///
/// RDFC-1.0 relabels blank nodes and sorts the quads. Without blank nodes (our graph mints
/// none) it is the sorted set of canonical N-Quads lines, which [`canonical_by_sorting`]
/// computes in bounded memory; with blank nodes, sophia's implementation of the whole
/// algorithm does, on the selection held in memory. A test checks that the two agree byte
/// for byte.
pub fn write_canonical(
    store: &Store,
    format: DumpFormat,
    graphs: &[NamedNode],
    out: impl Write,
) -> Result<(String, Written), ExportError> {
    let mut out = out;
    match canonical_by_sorting(store, format, graphs, &mut out, 64 << 20)? {
        Some(done) => Ok(done),
        None => canonical_with_sophia(store, format, graphs, out),
    }
}

/// RDFC-1.0 by sophia, on the selection held in memory.
pub fn canonical_with_sophia(
    store: &Store,
    format: DumpFormat,
    graphs: &[NamedNode],
    mut out: impl Write,
) -> Result<(String, Written), ExportError> {
    use sophia::api::parser::QuadParser;
    use sophia::api::source::QuadSource;
    let plain = if format.holds_graphs() {
        DumpFormat::NQuads
    } else {
        DumpFormat::NTriples
    };
    // Oxigraph writes the quads, sophia reads them (N-Triples are N-Quads) and canonicalizes.
    let mut nquads = Vec::new();
    let written = write(store, plain, graphs, &mut nquads)?;
    let dataset: sophia::inmem::dataset::LightDataset =
        sophia::turtle::parser::nq::NQuadsParser::new()
            .parse(std::io::Cursor::new(nquads))
            .collect_quads()
            .map_err(|e| ExportError::Canonical(e.to_string()))?;
    let mut canonical = Vec::new();
    sophia::c14n::rdfc10::normalize(&dataset, &mut canonical)
        .map_err(|e| ExportError::Canonical(e.to_string()))?;
    out.write_all(&canonical)?;
    out.flush()?;
    Ok((crate::ingest::hex(&Sha256::digest(&canonical)), written))
}

/// A term in canonical N-Quads (RDFC-1.0, section 4.8.1, as sophia writes it).
fn canonical_term(t: oxigraph::model::TermRef<'_>, line: &mut String) {
    use oxigraph::model::TermRef;
    match t {
        TermRef::NamedNode(n) => {
            line.push('<');
            line.push_str(n.as_str());
            line.push('>');
        }
        TermRef::BlankNode(b) => {
            line.push_str("_:");
            line.push_str(b.as_str());
        }
        TermRef::Literal(l) => {
            line.push('"');
            for c in l.value().chars() {
                match c {
                    '"' => line.push_str("\\\""),
                    '\\' => line.push_str("\\\\"),
                    '\n' => line.push_str("\\n"),
                    '\r' => line.push_str("\\r"),
                    '\t' => line.push_str("\\t"),
                    '\x08' => line.push_str("\\b"),
                    '\x0c' => line.push_str("\\f"),
                    '\x7f' => line.push_str("\\u007F"),
                    c if c <= '\x1f' => line.push_str(&format!("\\u{:04X}", c as u8)),
                    c => line.push(c),
                }
            }
            line.push('"');
            if let Some(lang) = l.language() {
                line.push('@');
                line.push_str(&lang.to_ascii_lowercase());
            } else if l.datatype() != oxigraph::model::vocab::xsd::STRING {
                line.push_str("^^<");
                line.push_str(l.datatype().as_str());
                line.push('>');
            }
        }
        #[allow(unreachable_patterns)]
        other => line.push_str(&other.to_string()),
    }
}

/// RDFC-1.0 for a selection without blank nodes: its canonical N-Quads lines, sorted (by
/// bytes: code point order in UTF-8) and each once. Lines are sorted in runs of at most
/// `run_bytes`, spilled to temporary files and merged, so memory stays bounded whatever the
/// size of the store. Returns None, having written nothing, at the first blank node.
pub fn canonical_by_sorting(
    store: &Store,
    format: DumpFormat,
    graphs: &[NamedNode],
    out: impl Write,
    run_bytes: usize,
) -> Result<Option<(String, Written)>, ExportError> {
    use std::io::{BufRead, BufReader, BufWriter};
    let selection = Selection::new(store, format, graphs)?;
    let spill_dir = std::env::temp_dir().join(format!(
        "normgraph-canonical-{}-{:x}",
        std::process::id(),
        RandomState::new().hash_one(0u8)
    ));
    struct Cleanup(std::path::PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(spill_dir.clone());
    let mut runs: Vec<std::path::PathBuf> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut size = 0;
    let spill =
        |run: &mut Vec<String>, runs: &mut Vec<std::path::PathBuf>| -> std::io::Result<()> {
            run.sort_unstable();
            run.dedup();
            std::fs::create_dir_all(&spill_dir)?;
            let path = spill_dir.join(format!("run-{}", runs.len()));
            let mut w = BufWriter::new(std::fs::File::create(&path)?);
            for line in run.drain(..) {
                w.write_all(line.as_bytes())?;
            }
            w.flush()?;
            runs.push(path);
            Ok(())
        };
    // Duplicates go when the runs are sorted: no set of hashes to keep.
    for q in selection.quads(store, false) {
        let q = q?;
        if q.subject.is_blank_node() || q.object.is_blank_node() {
            return Ok(None);
        }
        let mut line = String::new();
        canonical_term(q.subject.as_ref().into(), &mut line);
        line.push(' ');
        canonical_term(q.predicate.as_ref().into(), &mut line);
        line.push(' ');
        canonical_term(q.object.as_ref(), &mut line);
        line.push(' ');
        if let (true, oxigraph::model::GraphName::NamedNode(g)) =
            (selection.keeps_graphs, &q.graph_name)
        {
            canonical_term(g.as_ref().into(), &mut line);
            line.push(' ');
        }
        line.push_str(".\n");
        size += line.len();
        run.push(line);
        if size >= run_bytes {
            spill(&mut run, &mut runs)?;
            size = 0;
        }
    }
    // Merge the runs (and what is left in memory), each line once, hashing as it goes.
    run.sort_unstable();
    run.dedup();
    let mut readers: Vec<std::io::Lines<BufReader<std::fs::File>>> = runs
        .iter()
        .map(|p| std::fs::File::open(p).map(|f| BufReader::new(f).lines()))
        .collect::<Result<_, _>>()?;
    let mut heap = std::collections::BinaryHeap::new();
    for (i, r) in readers.iter_mut().enumerate() {
        if let Some(line) = r.next() {
            heap.push(std::cmp::Reverse((line? + "\n", i)));
        }
    }
    let mut memory = run.into_iter().peekable();
    let mut out = BufWriter::new(out);
    let mut hash = Sha256::new();
    let mut last: Option<String> = None;
    let mut lines = 0;
    loop {
        let from_heap = heap.peek().map(|std::cmp::Reverse((l, _))| l.as_str());
        let take_memory = match (memory.peek(), from_heap) {
            (None, None) => break,
            (Some(m), Some(h)) => m.as_str() <= h,
            (Some(_), None) => true,
            (None, Some(_)) => false,
        };
        let line = if take_memory {
            memory.next().expect("peeked")
        } else {
            let std::cmp::Reverse((line, i)) = heap.pop().expect("peeked");
            if let Some(next) = readers[i].next() {
                heap.push(std::cmp::Reverse((next? + "\n", i)));
            }
            line
        };
        if last.as_deref() == Some(line.as_str()) {
            continue;
        }
        out.write_all(line.as_bytes())?;
        hash.update(line.as_bytes());
        lines += 1;
        last = Some(line);
    }
    out.flush()?;
    Ok(Some((
        crate::ingest::hex(&hash.finalize()),
        Written {
            statements: lines,
            graphs: selection.graphs(),
        },
    )))
}

/// The symbols of the documents whose texts the selected graphs (all source graphs when
/// empty) were read from.
pub fn documents(store: &Store, graphs: &[NamedNode]) -> Result<Vec<String>, StorageError> {
    let primary = NamedNode::new_unchecked(format!("{}hadPrimarySource", crate::vocab::PROV));
    let symbol = NamedNode::new_unchecked(ng("symbol"));
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(primary.as_ref()), None, None) {
        let q = q?;
        let oxigraph::model::GraphName::NamedNode(g) = &q.graph_name else {
            continue;
        };
        if !graphs.is_empty() && !graphs.contains(g) {
            continue;
        }
        let oxigraph::model::Term::NamedNode(doc) = &q.object else {
            continue;
        };
        for s in store.quads_for_pattern(
            Some(doc.as_ref().into()),
            Some(symbol.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let oxigraph::model::Term::Literal(l) = s?.object {
                out.push(l.value().to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// A dump as the description beside it tells of it.
#[derive(Debug, Clone)]
pub struct Dump<'a> {
    /// The dump's file.
    pub file: &'a std::path::Path,
    pub format: DumpFormat,
    pub written: Written,
    /// SHA-256 of the file's bytes.
    pub file_sha256: String,
    /// SHA-256 of the RDFC-1.0 canonical N-Quads of what the dump holds.
    pub canonical_sha256: String,
    /// The symbols of the documents it comes from.
    pub documents: Vec<String>,
    /// The base the graph's IRIs were minted under.
    pub base: &'a str,
}

/// A writer that hashes (SHA-256) what goes through it.
struct Hashing<W> {
    inner: W,
    sha: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.sha.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A dump written to a file.
#[derive(Debug, Clone)]
pub struct FileDump {
    pub written: Written,
    /// SHA-256 of the RDFC-1.0 canonical N-Quads of what it holds.
    pub canonical_sha256: String,
    /// Where its description was written: `FILE.void.ttl`.
    pub description: std::path::PathBuf,
}

/// Writes a dump to `path` whole or not at all (through `path.partial` and a rename), the
/// canonical form when `canonical`, and its VoID/DCAT description beside it
/// (`path.void.ttl`), which gives the canonical hash of every dump.
pub fn write_file(
    store: &Store,
    format: DumpFormat,
    graphs: &[NamedNode],
    canonical: bool,
    path: &std::path::Path,
    base: &str,
) -> Result<FileDump, ExportError> {
    let file_error = |p: &std::path::Path| {
        let path = p.display().to_string();
        move |error| ExportError::File { path, error }
    };
    let partial = path.with_extension(format!(
        "{}.partial",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    let result = (|| -> Result<(Written, String, String), ExportError> {
        let file = std::fs::File::create(&partial).map_err(file_error(&partial))?;
        let mut out = Hashing {
            inner: std::io::BufWriter::new(file),
            sha: Sha256::new(),
        };
        let (written, canonical_sha) = if canonical {
            let (sha, written) = write_canonical(store, format, graphs, &mut out)?;
            (written, sha)
        } else {
            let written = write(store, format, graphs, &mut out)?;
            let (sha, _) = write_canonical(store, format, graphs, std::io::sink())?;
            (written, sha)
        };
        let file_sha = crate::ingest::hex(&out.sha.finalize());
        out.inner
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .map_err(file_error(&partial))?;
        Ok((written, canonical_sha, file_sha))
    })();
    let (written, canonical_sha256, file_sha256) = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, path).map_err(file_error(path))?;
    let description = describe(&Dump {
        file: path,
        format,
        written: written.clone(),
        file_sha256,
        canonical_sha256: canonical_sha256.clone(),
        documents: documents(store, graphs)?,
        base,
    })?;
    let void = std::path::PathBuf::from(format!("{}.void.ttl", path.display()));
    std::fs::write(&void, description).map_err(file_error(&void))?;
    Ok(FileDump {
        written,
        canonical_sha256,
        description: void,
    })
}

/// The licence of the dataset (the texts it quotes are the UN's; the graph is ours).
pub const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The VoID and DCAT description of a dump, in Turtle: what it is, how many statements, its
/// licence and sources (the UN documents), the vocabularies it uses, when it was made, its
/// file's and its canonical form's SHA-256.
pub fn describe(dump: &Dump<'_>) -> Result<String, ExportError> {
    const VOID: &str = "http://rdfs.org/ns/void#";
    const DCAT: &str = "http://www.w3.org/ns/dcat#";
    const DCT: &str = "http://purl.org/dc/terms/";
    const SPDX: &str = "http://spdx.org/rdf/terms#";
    const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
    use oxigraph::model::{BlankNode, Literal, Term, Triple};
    let n = |s: &str| NamedNode::new_unchecked(s);
    let file_name = dump
        .file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let absolute = std::path::absolute(dump.file)?;
    let download: String = format!(
        "file://{}",
        absolute
            .to_string_lossy()
            .split('/')
            .map(|p| form_urlencoded::byte_serialize(p.as_bytes()).collect::<String>())
            .collect::<Vec<_>>()
            .join("/")
    );
    let dataset = n(&format!("{}dataset", dump.base));
    let distribution = n(&format!(
        "{}dump/{}",
        dump.base,
        form_urlencoded::byte_serialize(file_name.as_bytes()).collect::<String>()
    ));
    let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
    let typed = |s: &str, t: &str| Term::from(Literal::new_typed_literal(s, n(t)));
    let mut t: Vec<Triple> = Vec::new();
    let mut add = |s: &NamedOrBlankNode, p: String, o: Term| {
        t.push(Triple::new(s.clone(), n(&p), o));
    };
    let d = NamedOrBlankNode::from(dataset.clone());
    let rdf_type = format!("{}type", crate::vocab::RDF);
    add(&d, rdf_type.clone(), n(&format!("{VOID}Dataset")).into());
    add(&d, rdf_type.clone(), n(&format!("{DCAT}Dataset")).into());
    add(
        &d,
        format!("{DCT}title"),
        Term::from(Literal::new_language_tagged_literal_unchecked(
            "normgraph: how States govern cyberspace at the United Nations",
            "en",
        )),
    );
    add(&d, format!("{DCT}description"), Term::from(Literal::new_language_tagged_literal_unchecked(
        "UN documents on ICT and international security as linked data: resolutions, drafts, committee reports and the reports of the groups of governmental experts; their citations, sponsors, recorded votes State by State, the norms of responsible State behaviour and the bodies the resolutions set up. Every fact names the source file and paragraph it was read from.",
        "en",
    )));
    add(&d, format!("{DCT}license"), n(LICENCE).into());
    add(
        &d,
        format!("{DCT}publisher"),
        lit("normgraph (https://normgraph.org/)"),
    );
    add(
        &d,
        format!("{DCT}rightsHolder"),
        lit("The texts quoted are the United Nations' (https://www.un.org/); the graph built from them is normgraph's."),
    );
    for symbol in &dump.documents {
        add(
            &d,
            format!("{DCT}source"),
            n(&format!(
                "https://undocs.org/{}",
                crate::symbol::slug(symbol)
            ))
            .into(),
        );
    }
    add(
        &d,
        format!("{DCT}issued"),
        typed(
            &oxsdatatypes::DateTime::now().to_string(),
            &format!("{XSD}dateTime"),
        ),
    );
    add(
        &d,
        format!("{VOID}triples"),
        Term::from(Literal::from(dump.written.statements as i64)),
    );
    if dump.format.holds_graphs() {
        add(
            &d,
            format!("{VOID}documents"),
            Term::from(Literal::from(dump.written.graphs as i64)),
        );
    }
    for (_, ns) in PREFIXES {
        add(&d, format!("{VOID}vocabulary"), n(ns).into());
    }
    add(&d, format!("{VOID}uriSpace"), lit(dump.base));
    add(&d, format!("{VOID}dataDump"), n(&download).into());
    add(
        &d,
        format!("{DCAT}distribution"),
        distribution.clone().into(),
    );
    add(&d, ng("canonicalSha256"), lit(&dump.canonical_sha256));
    let dist = NamedOrBlankNode::from(distribution);
    add(
        &dist,
        rdf_type.clone(),
        n(&format!("{DCAT}Distribution")).into(),
    );
    add(&dist, format!("{DCAT}downloadURL"), n(&download).into());
    add(
        &dist,
        format!("{DCAT}mediaType"),
        lit(dump.format.media_type()),
    );
    add(
        &dist,
        format!("{DCAT}byteSize"),
        typed(
            &std::fs::metadata(dump.file)?.len().to_string(),
            &format!("{XSD}nonNegativeInteger"),
        ),
    );
    let checksum = NamedOrBlankNode::from(BlankNode::default());
    add(
        &dist,
        format!("{SPDX}checksum"),
        Term::from(checksum.clone()),
    );
    add(&checksum, rdf_type, n(&format!("{SPDX}Checksum")).into());
    add(
        &checksum,
        format!("{SPDX}algorithm"),
        n(&format!("{SPDX}checksumAlgorithm_sha256")).into(),
    );
    add(
        &checksum,
        format!("{SPDX}checksumValue"),
        typed(&dump.file_sha256, &format!("{XSD}hexBinary")),
    );
    let mut out = Vec::new();
    let mut w = RdfSerializer::from_format(RdfFormat::Turtle);
    for (p, ns) in [
        ("void", VOID),
        ("dcat", DCAT),
        ("dcterms", DCT),
        ("spdx", SPDX),
        ("ng", crate::vocab::NG),
        ("xsd", XSD),
    ] {
        w = w.with_prefix(p, ns).expect("valid prefixes");
    }
    let mut w = w.for_writer(&mut out);
    for triple in &t {
        w.serialize_triple(triple)?;
    }
    w.finish()?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}
