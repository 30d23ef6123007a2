//! Reading the folder: which files are documents, in a stable order, and each file's records
//! with the SHA-256 of its bytes. The only I/O of extraction is here.

use super::refusal::{Refusal, RefusalKind};
use crate::records::{ErrorKind, ExtractError, Extraction, SourceFormat};
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;
use std::path::{Path, PathBuf};

/// The documents a folder holds (`*.txt`: PDF text; `*.xml`: Akoma Ntoso), in a stable order.
/// Tables and scripts are not documents. Links to folders are followed, each folder read once
/// (a link that loops back is not read again); what is not a regular file under a document's
/// name (a FIFO, a device) is listed, and [`extract_file`] refuses it unread.
pub fn documents_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if !seen.insert(std::fs::canonicalize(&dir)?) {
            continue;
        }
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

/// The largest file read as a document: the longest UN document of the corpus is under 2 MiB.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// Reads and extracts one file: pure apart from reading it. Returns its records and the
/// SHA-256 of its bytes.
pub fn extract_file(
    path: &Path,
    states: &StateTable,
    curated: &Curated,
) -> Result<(Extraction, String), Refusal> {
    let unreadable = |why: String| Refusal::new(RefusalKind::Unreadable, why);
    // Looked at before it is opened: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).map_err(|e| unreadable(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(unreadable(
            "not a regular file (a FIFO, a device or a socket): not read".into(),
        ));
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(unreadable(format!(
            "{} MiB, larger than any UN document ({} MiB at most): not read",
            meta.len() >> 20,
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(|e| unreadable(format!("cannot read: {e}")))?,
            MAX_DOCUMENT_BYTES + 1,
        ),
        &mut bytes,
    )
    .map_err(|e| unreadable(format!("cannot read: {e}")))?;
    let hash = crate::hash::sha256_hex(&bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        ExtractError::new(
            line,
            ErrorKind::Encoding,
            "expected UTF-8 text, found an invalid byte",
        )
    })?;
    let format = SourceFormat::of_path(path).unwrap_or(SourceFormat::Text);
    let x = crate::extract::extract(&text, format, states, curated)?;
    Ok((x, hash))
}

/// A file's name as recorded in its graph: relative to the folder built, with `/`.
pub fn relative_name(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
