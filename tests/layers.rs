//! The flow of `src/` holds: every module imports only modules of its own layer or of the layers
//! before it, in the order `lib.rs` declares them (and its diagram draws). A `use crate::X`
//! or a path `crate::X::` in a file of layer L names layer X; X must not come after L. The
//! command line (`src/cli/`, in the binary) sits on top and may use everything; nothing in the
//! library may use it.

use crate::common;
use std::path::Path;

/// The layers in the order `lib.rs` declares them.
fn declared_order() -> Vec<String> {
    let lib = std::fs::read_to_string(common::root().join("src/lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_owned())
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The layers a file names: `crate::X` wherever it appears, `use crate::{X, Y}` included.
fn named_layers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn no_module_imports_one_that_comes_later_in_the_flow() {
    let order = declared_order();
    assert_eq!(
        order,
        [
            "files",
            "hash",
            "parallel",
            "reference",
            "records",
            "extract",
            "rdf",
            "store",
            "query",
            "compute",
            "ingest",
            "check",
            "export",
            "remote",
            "server"
        ],
        "lib.rs declares the layers in the order of the flow"
    );
    let rank = |layer: &str| order.iter().position(|l| l == layer);
    let src = common::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut crossings = Vec::new();
    let mut checked = 0;
    for f in &files {
        let relative = f.strip_prefix(&src).unwrap();
        let first = relative.components().next().unwrap().as_os_str();
        let layer = first.to_string_lossy().trim_end_matches(".rs").to_owned();
        if ["lib", "main", "cli"].contains(&layer.as_str()) {
            continue;
        }
        let own = rank(&layer)
            .unwrap_or_else(|| panic!("{}: a layer lib.rs does not declare", relative.display()));
        let text = std::fs::read_to_string(f).unwrap();
        for named in named_layers(&text) {
            checked += 1;
            match rank(&named) {
                Some(r) if r <= own => {}
                Some(_) => crossings.push(format!(
                    "{} ({layer}) uses crate::{named}",
                    relative.display()
                )),
                None => crossings.push(format!(
                    "{} uses crate::{named}, which is no layer",
                    relative.display()
                )),
            }
        }
    }
    assert!(checked > 100, "{checked} imports read");
    assert!(crossings.is_empty(), "{}", crossings.join("\n"));
}
