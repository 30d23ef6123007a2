//! The RDF Dataset Canonicalization (RDFC-1.0) of a dump: N-Quads whose bytes depend only on
//! the graph, and their SHA-256. Without blank nodes (the graph mints none) RDFC-1.0 is the
//! sorted set of canonical N-Quads lines, computed here in bounded memory; with blank nodes,
//! sophia's implementation of the whole algorithm, on the selection held in memory. A test
//! holds the two byte-identical.

use super::dump::{write, Selection};
use super::{DumpFormat, ExportError, Written};
use oxigraph::model::NamedNode;
use oxigraph::store::Store;
use sha2::{Digest, Sha256};
use std::hash::{BuildHasher, RandomState};
use std::io::Write;

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
    Ok((crate::hash::sha256_hex(&canonical), written))
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
        crate::hash::hex(&hash.finalize()),
        Written {
            statements: lines,
            graphs: selection.graphs(),
        },
    )))
}
