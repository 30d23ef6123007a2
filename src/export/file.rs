//! A dump written to a file whole or not at all (`crate::files`), hashed as it is written, with
//! its VoID/DCAT description beside it (`FILE.void.ttl`), which gives the file's SHA-256 and the
//! canonical SHA-256 of what it holds.

use super::canonical::write_canonical;
use super::describe::{Description, DumpFile};
use super::dump::write;
use super::{DumpFormat, ExportError, Written};
use crate::rdf::vocab::{ng, prov};
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Term};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The symbols of the documents whose texts the selected graphs (all source graphs when
/// empty) were read from.
pub fn documents(store: &Store, graphs: &[NamedNode]) -> Result<Vec<String>, StorageError> {
    let mut out = Vec::new();
    for q in store.quads_for_pattern(None, Some(prov::hadPrimarySource), None, None) {
        let q = q?;
        let GraphName::NamedNode(g) = &q.graph_name else {
            continue;
        };
        if !graphs.is_empty() && !graphs.contains(g) {
            continue;
        }
        let Term::NamedNode(doc) = &q.object else {
            continue;
        };
        for s in store.quads_for_pattern(
            Some(doc.as_ref().into()),
            Some(ng::symbol),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Term::Literal(l) = s?.object {
                out.push(l.value().to_owned());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The source files among the selected graphs (every source graph when empty): the graphs
/// that name the file they were read from.
pub fn source_files(store: &Store, graphs: &[NamedNode]) -> Result<usize, StorageError> {
    Ok(crate::store::manifests(store)?
        .iter()
        .filter(|m| graphs.is_empty() || graphs.contains(&m.graph))
        .count())
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
    pub description: PathBuf,
}

/// Writes a dump to `path` whole or not at all, the canonical form when `canonical`, and its
/// VoID/DCAT description beside it (`path.void.ttl`), which gives the canonical hash of every
/// dump.
pub fn write_file(
    store: &Store,
    format: DumpFormat,
    graphs: &[NamedNode],
    canonical: bool,
    path: &Path,
    base: &str,
) -> Result<FileDump, ExportError> {
    let file_error = |p: &Path, error| ExportError::File {
        path: p.display().to_string(),
        error,
    };
    let (written, canonical_sha256, file_sha256) = crate::files::write_whole(
        path,
        |file| -> Result<(Written, String, String), ExportError> {
            let mut out = Hashing {
                inner: file,
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
            Ok((
                written,
                canonical_sha,
                crate::hash::hex(&out.sha.finalize()),
            ))
        },
        file_error,
    )?;
    let file = dump_file(path, format, base, file_sha256, canonical_sha256.clone())?;
    let description = Description {
        dataset: NamedNode::new_unchecked(format!("{base}dataset")),
        base: base.to_owned(),
        statements: written.statements,
        source_files: source_files(store, graphs)?,
        documents: documents(store, graphs)?,
        endpoint: None,
        dumps: Vec::new(),
        example: None,
        file: Some(file),
    };
    let void = PathBuf::from(format!("{}.void.ttl", path.display()));
    let mut text = Vec::new();
    description.write(RdfFormat::Turtle, &mut text)?;
    crate::files::write_bytes(&void, &text).map_err(|e| file_error(&void, e))?;
    Ok(FileDump {
        written,
        canonical_sha256,
        description: void,
    })
}

/// A dump file just written, as its description tells of it.
fn dump_file(
    path: &Path,
    format: DumpFormat,
    base: &str,
    sha256: String,
    canonical_sha256: String,
) -> std::io::Result<DumpFile> {
    let file_name = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let absolute = std::path::absolute(path)?;
    let download: String = format!(
        "file://{}",
        absolute
            .to_string_lossy()
            .split('/')
            .map(|p| form_urlencoded::byte_serialize(p.as_bytes()).collect::<String>())
            .collect::<Vec<_>>()
            .join("/")
    );
    Ok(DumpFile {
        distribution: NamedNode::new_unchecked(format!(
            "{base}dump/{}",
            form_urlencoded::byte_serialize(file_name.as_bytes()).collect::<String>()
        )),
        download,
        media_type: format.media_type(),
        byte_size: std::fs::metadata(path)?.len(),
        sha256,
        canonical_sha256,
        issued: oxsdatatypes::DateTime::now().to_string(),
    })
}
