//! Hashes as the graph records them: SHA-256 in lower-case hexadecimal (of a file, of a graph,
//! of what a computed graph was computed from), and the stamp of this build.
//!
//! Every layer hashes (ingest the files it reads, compute its fingerprints, export its dumps,
//! remote its pushes and downloads), so the helper sits at the bottom, where all of them can
//! reach it without reaching into one another.

use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Lower-case hexadecimal, as the recorded hashes are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The SHA-256 of `bytes`, in hexadecimal.
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    hex(&Sha256::digest(bytes.as_ref()))
}

/// A hash of what decides the graph a file gives: the code of the layers that read documents,
/// map them to quads and compute from them, and the tables compiled in (see `build.rs`). It is
/// recorded with every graph as `ng:builtWith`, so that a file unchanged itself is read again
/// once the code that reads it has changed.
pub const BUILD_HASH: &str = env!("NORMGRAPH_BUILD_HASH");

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_the_empty_string() {
        assert_eq!(
            super::sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
