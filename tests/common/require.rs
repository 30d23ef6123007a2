//! What a test needs from outside the repository: a Python tool, a program from Debian, a
//! browser, the shared corpus or the W3C conformance folder. This is the one place that decides
//! what its absence does.
//!
//! - In CI (`CI` set, not "false" or "0") or with `NORMGRAPH_REQUIRE_ALL=1`, an absence fails
//!   the test, naming what is missing and how to get it: a green CI run has run everything.
//! - Otherwise the test is skipped: one line on the terminal (written past the test harness's
//!   capture, so it shows even though the test passes), also appended to
//!   `$NORMGRAPH_SKIP_LOG`, which `./dev test` sums up at the end of the run.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether every need must be met (CI, or `NORMGRAPH_REQUIRE_ALL=1`).
pub fn all_required() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "false" | "0"));
    ci || std::env::var("NORMGRAPH_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// Reports that `what` is missing (`how` says how to get it): fails the test when everything is
/// required, else prints the one line of a skip.
pub fn missing(what: &str, how: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    assert!(
        !all_required(),
        "{test}: {what} is missing ({how}); CI and NORMGRAPH_REQUIRE_ALL=1 require it"
    );
    let line = format!("skipped {test}: {what} is missing ({how})");
    let _ = writeln!(std::io::stderr(), "{line}");
    if let Some(log) = std::env::var_os("NORMGRAPH_SKIP_LOG") {
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
        {
            let _ = writeln!(f, "{line}");
        }
    }
}

/// Whether `python3` can import `module` (from the PyPI package `package`).
pub fn python(module: &str, package: &str) -> bool {
    let found = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        missing(
            &format!("the Python module {module}"),
            &format!("python3 -m pip install {package}, or ./dev setup test"),
        );
    }
    found
}

/// A program at `path` (or at `$override_var`), from the Debian package `package`.
pub fn program(path: &str, override_var: &str, package: &str) -> Option<PathBuf> {
    let path = std::env::var_os(override_var).map_or_else(|| PathBuf::from(path), PathBuf::from);
    if path.is_file() {
        return Some(path);
    }
    missing(
        &path.display().to_string(),
        &format!("apt-get install {package}, or ./dev setup test"),
    );
    None
}

/// The folder that holds the shared material beside the repository: `$NORMGRAPH_SHARED`, or
/// `../shared`.
pub fn shared_root() -> PathBuf {
    std::env::var_os("NORMGRAPH_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    )
}

/// `relative` under the shared folder (`corpus/unxml`, `conformance/w3c-sparql-protocol`), if
/// it is there.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = shared_root().join(relative);
    if path.exists() {
        return Some(path);
    }
    missing(
        &path.display().to_string(),
        "it comes with the shared folder beside the repository; set NORMGRAPH_SHARED to the folder that holds corpus/ and conformance/",
    );
    None
}

/// node, and `packages` installed by npm in `dir` (under the repository).
fn npm_packages(dir: &str, packages: &[&str]) -> bool {
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node {
        missing("node", "apt-get install nodejs npm, or ./dev setup test");
        return false;
    }
    for package in packages {
        let installed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(dir)
            .join("node_modules")
            .join(package);
        if !installed.exists() {
            missing(
                &installed.display().to_string(),
                &format!("npm ci --prefix {dir}, or ./dev setup test"),
            );
            return false;
        }
    }
    true
}

/// Headless Chromium and what drives it: node, Debian's chromium (or `$CHROMIUM`), and
/// playwright-core and axe-core installed in `tests/browser`. Returns the browser's path.
pub fn browser() -> Option<PathBuf> {
    if !npm_packages("tests/browser", &["playwright-core", "axe-core"]) {
        return None;
    }
    program("/usr/bin/chromium", "CHROMIUM", "chromium")
}

/// Comunica installed in `tests/clients/comunica` (and node to run it).
pub fn comunica() -> bool {
    npm_packages("tests/clients/comunica", &["@comunica/query-sparql"])
}
