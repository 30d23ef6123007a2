//! Writing a file whole or not at all: the one way normgraph writes what it keeps (a dump, the
//! record of a push, a downloaded document). The bytes go to a temporary file beside the target
//! (`NAME.partial`), are flushed to disk, and the temporary file is renamed over the target in one
//! step; on any failure the temporary file is removed and the target is left as it was.
//!
//! Only a regular file is replaced: a symbolic link, a FIFO, a device or a folder at the path is
//! an error, left as it is. The temporary file is created new (`O_EXCL`): a link planted at its
//! name is removed, never followed.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary file beside `path` that [`write_whole`] writes first: `NAME.partial`.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

/// Writes a file whole or not at all: `write` fills the temporary file, which then replaces
/// `path`. `write`'s own error is returned as it is; an I/O error of the file itself is wrapped
/// by `io` (which names the file).
pub fn write_whole<T, E>(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T, E>,
    io: impl Fn(&Path, std::io::Error) -> E,
) -> Result<T, E> {
    let partial = partial_path(path);
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            let what = if meta.file_type().is_symlink() {
                "a symbolic link"
            } else if meta.is_dir() {
                "a folder"
            } else {
                "not a regular file (a FIFO, a device or a socket)"
            };
            return Err(io(
                path,
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!("{what} is there: it is not replaced (remove it, or write elsewhere)"),
                ),
            ));
        }
    }
    // A leftover of a run that was killed, or a link planted there: removed, not followed.
    if std::fs::symlink_metadata(&partial).is_ok_and(|m| !m.is_dir()) {
        std::fs::remove_file(&partial).map_err(|e| io(&partial, e))?;
    }
    let result = (|| {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&partial)
            .map_err(|e| io(&partial, e))?;
        let mut out = std::io::BufWriter::new(file);
        let value = write(&mut out)?;
        out.flush().map_err(|e| io(&partial, e))?;
        let file = out.into_inner().map_err(|e| io(&partial, e.into_error()))?;
        file.sync_all().map_err(|e| io(&partial, e))?;
        std::fs::rename(&partial, path).map_err(|e| io(path, e))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// [`write_whole`] for bytes already in hand.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_whole(path, |out| out.write_all(bytes), |_, e| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_target_as_it_was_and_no_partial_file() {
        let dir = std::env::temp_dir().join(format!("normgraph-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("kept.txt");
        write_bytes(&target, b"first").unwrap();
        let failed: Result<(), std::io::Error> = write_whole(
            &target,
            |out| {
                out.write_all(b"half")?;
                Err(std::io::Error::other("stopped"))
            },
            |_, e| e,
        );
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        assert!(!partial_path(&target).exists());
        write_bytes(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_a_regular_file_is_replaced_and_a_planted_link_is_not_followed() {
        use std::os::unix::fs::symlink;
        let dir = std::env::temp_dir().join(format!("normgraph-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        // A link at the path asked for: refused, the link and what it points to kept.
        let link = dir.join("out.nq");
        symlink(&victim, &link).unwrap();
        let e = write_bytes(&link, b"dump").unwrap_err();
        assert!(e.to_string().contains("a symbolic link is there"), "{e}");
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        // A link planted at the temporary name: removed, not written through.
        let target = dir.join("dump.nq");
        symlink(&victim, partial_path(&target)).unwrap();
        write_bytes(&target, b"dump").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"dump");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        // A device and a folder are refused.
        assert!(write_bytes(Path::new("/dev/null"), b"x").is_err());
        assert!(write_bytes(&dir, b"x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
