//! Hostile files for `build` and `extract`, hostile paths for `export -o`, and builds killed at
//! any moment.

use crate::common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_build_killed_at_any_moment_leaves_a_store_that_refuses_to_answer() {
    // Killed at any moment, a store either refuses to answer, saying why, or answers exactly
    // as a store built to the end does (the kill came after its computed graphs were written,
    // while the build was still checking them).
    let dir = common::TempDir::new("killed-builds");
    let data = common::data().join("history");
    let build = |store: &std::path::Path| {
        common::normgraph()
            .args(["build", "--data"])
            .arg(&data)
            .arg("--store")
            .arg(store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let ask = |store: &std::path::Path| {
        common::normgraph()
            .args(["sparql", "--format", "tsv", "--store"])
            .arg(store)
            .arg("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
            .output()
            .unwrap()
    };
    let whole = dir.0.join("whole");
    assert!(build(&whole).wait().unwrap().success());
    let expected = ask(&whole);
    assert_eq!(expected.status.code(), Some(0), "{expected:?}");
    let (mut refused, mut answered) = (0, 0);
    for ms in [100, 400, 900, 1600, 2500, 4000] {
        let store = dir.0.join(format!("store-{ms}"));
        let mut child = build(&store);
        std::thread::sleep(Duration::from_millis(ms));
        if child.try_wait().unwrap().is_some() || !store.exists() {
            continue; // finished before the kill, or killed before the store was made
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let out = ask(&store);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() == Some(0) {
            answered += 1;
            assert_eq!(
                out.stdout, expected.stdout,
                "killed at {ms} ms, it answers otherwise"
            );
            continue;
        }
        refused += 1;
        assert_eq!(out.status.code(), Some(2), "killed at {ms} ms: {stderr}");
        // Killed before RocksDB wrote its first files, the store cannot be opened at all.
        assert!(
            stderr.contains("is incomplete") || stderr.contains("opening the store"),
            "killed at {ms} ms: {stderr}"
        );
        // The server will not serve it either.
        let out = common::normgraph()
            .args(["serve", "--bind", "127.0.0.1:1", "--store"])
            .arg(&store)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        // Built again to its end, it answers as the whole one.
        assert!(build(&store).wait().unwrap().success());
        assert_eq!(ask(&store).stdout, expected.stdout, "rebuilt after {ms} ms");
    }
    assert!(
        refused >= 3,
        "only {refused} builds were killed before their computed graphs ({answered} after)"
    );
}

/// Waits for a child up to `limit`, killing it past that: a test of a hang must not hang.
fn wait_within(mut child: Child, limit: Duration) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn hostile_files_are_refused_by_name_and_the_good_ones_kept() {
    use std::os::unix::fs::symlink;
    let dir = common::TempDir::new("hostile-files");
    let docs = dir.0.join("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    let real = common::data().join("akn/English/A_RES_76_19-2118253E.xml");
    std::fs::copy(&real, docs.join("good.xml")).unwrap();
    // 100,000 nested inline elements in a real resolution's first operative paragraph.
    let text = std::fs::read_to_string(&real).unwrap();
    let open = "<p xml:space=\"preserve\">";
    let at = text[text.find("mainBody").unwrap()..].find(open).unwrap()
        + text.find("mainBody").unwrap()
        + open.len();
    let deep = format!(
        "{}{}x{}{}",
        &text[..at],
        "<span>".repeat(100_000),
        "</span>".repeat(100_000),
        &text[at..]
    );
    std::fs::write(docs.join("sub/deep.xml"), deep).unwrap();
    symlink(&docs, docs.join("sub/loop")).unwrap();
    symlink("/dev/zero", docs.join("zero.xml")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(docs.join("pipe.txt"))
        .status()
        .unwrap()
        .success());
    let store = dir.0.join("store");
    let child = common::normgraph()
        .args(["build", "--data"])
        .arg(&docs)
        .arg("--store")
        .arg(&store)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_within(child, Duration::from_secs(300));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("sub/deep.xml: line 215: expected elements nested at most 256 deep"),
        "{said}"
    );
    assert!(said.contains("pipe.txt: not a regular file"), "{said}");
    assert!(said.contains("zero.xml: not a regular file"), "{said}");
    // The good file, and only it, was read once (not again through the loop).
    let out = common::normgraph()
        .args(["sparql", "--format", "tsv", "--store"])
        .arg(&store)
        .arg("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?s ng:file ?f }")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().nth(1),
        Some("1"),
        "{out:?}"
    );
    let out = common::normgraph()
        .arg("extract")
        .arg(docs.join("sub/deep.xml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested at most 256 deep"));
}

#[test]
fn an_export_writes_only_where_it_is_asked() {
    use std::os::unix::fs::{symlink, FileTypeExt};
    let dir = common::TempDir::new("hostile-export");
    let store = common::bundled().dir.0.join("store");
    let export = |to: &std::path::Path| {
        let child = common::normgraph()
            .args(["export", "--graph", "75/240", "--store"])
            .arg(&store)
            .arg("-o")
            .arg(to)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_within(child, Duration::from_secs(120))
    };
    let victim = dir.0.join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // A link at the path: refused, the link and its target kept.
    let link = dir.0.join("linked.nq");
    symlink(&victim, &link).unwrap();
    let out = export(&link);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a symbolic link is there"));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    // A FIFO at the path: refused at once, not written into (nor waited on).
    let fifo = dir.0.join("fifo.nq");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = export(&fifo);
    assert_ne!(out.status.code(), Some(0));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A link planted at the temporary name: removed, not followed.
    let target = dir.0.join("dump.nq");
    symlink(&victim, dir.0.join("dump.nq.partial")).unwrap();
    let out = export(&target);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("A/RES/75/240"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}
