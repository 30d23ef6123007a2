//! Stamps the binary with a hash of what decides the graph a file gives: the code under `src/`
//! and the tables under `data/states` and `data/tables`. A store remembers the stamp each graph
//! was built with, so that `normgraph build` re-reads files, unchanged themselves, once the
//! code that reads them has changed.

use std::path::Path;

fn main() {
    let mut files = Vec::new();
    for dir in ["src", "data/states", "data/tables"] {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
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

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p);
        }
    }
}
