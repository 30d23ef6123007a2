//! Stamps the binary with a hash of what decides the graph a file gives: the code that reads
//! documents (`src/extract/`, over `src/records.rs` and the reference data of
//! `src/reference/`), maps them to quads (`src/rdf/`) and computes from them (`src/compute/`),
//! and the tables compiled in (`data/states/`, `data/tables/`). A store remembers the stamp
//! each graph was built with, so that `normgraph build` reads files again, unchanged
//! themselves, once the code that reads them has changed, and only then: a change to the
//! server, the command line, the style sheet or the tests leaves the stamp as it was.

use std::path::Path;

/// What decides the graph: folders and files, relative to the package.
const DECIDING: [&str; 7] = [
    "src/reference",
    "src/records.rs",
    "src/extract",
    "src/rdf",
    "src/compute",
    "data/states",
    "data/tables",
];

fn main() {
    let mut files = Vec::new();
    for path in DECIDING {
        println!("cargo:rerun-if-changed={path}");
        collect(Path::new(path), &mut files);
    }
    files.sort();
    // FNV-1a, 64 bits: deterministic across toolchains, no dependency.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        for b in f
            .to_string_lossy()
            .bytes()
            .chain(std::fs::read(f).unwrap_or_default())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=NORMGRAPH_BUILD_HASH={h:016x}");
}

fn collect(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    for e in entries.flatten() {
        collect(&e.path(), out);
    }
}
