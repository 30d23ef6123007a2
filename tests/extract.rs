//! The extractor on the spec fixtures of `tests/specs/extract/` (one per trap of the sources,
//! each an input and the records it must give, in the format of `normgraph extract`), every
//! bundled document against its expected records in `tests/expected/`, mutated real files, and
//! the inputs the fuzzers found.

use crate::common;
use normgraph::extract::text;
use normgraph::reference::curated::Curated;
use normgraph::reference::states::StateTable;
use std::path::{Path, PathBuf};

/// A spec fixture: what it pins (its comment lines), its input, and its expected records (or
/// the error it is refused with, as `error: line N: ...`).
pub struct Spec {
    pub name: String,
    /// The comment lines before the input: what the spec pins.
    pub comment: String,
    pub input: String,
    pub records: String,
}

/// The spec fixtures of a folder of `tests/specs/`, in the order of their names.
pub fn specs(folder: &str) -> Vec<(PathBuf, Spec)> {
    let dir = common::root().join("tests/specs").join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let (comment, after) = text
                .split_once("=== input\n")
                .unwrap_or_else(|| panic!("{}: no \"=== input\" line", path.display()));
            let (input, records) = after
                .split_once("=== records\n")
                .unwrap_or_else(|| panic!("{}: no \"=== records\" line", path.display()));
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let spec = Spec {
                name,
                comment: comment.to_owned(),
                input: input.to_owned(),
                records: records.to_owned(),
            };
            (path, spec)
        })
        .collect()
}

/// What the extractor gives for a spec's input: its records, or the error it is refused with.
pub fn read(spec: &Spec) -> Result<normgraph::records::Extraction, String> {
    let format = if spec.input.trim_start().starts_with('<') {
        normgraph::records::SourceFormat::Akn
    } else {
        normgraph::records::SourceFormat::Text
    };
    normgraph::extract::extract(
        &spec.input,
        format,
        StateTable::bundled(),
        Curated::bundled(),
    )
    .map_err(|e| format!("error: {e}\n"))
}

/// Writes `got` over the expected part of a spec (`NORMGRAPH_BLESS=1`).
fn bless(path: &Path, got: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let (head, _) = text.split_once("=== records\n").unwrap();
    std::fs::write(path, format!("{head}=== records\n{got}")).unwrap();
}

/// Every spec fixture gives exactly its records. `NORMGRAPH_BLESS=1 cargo test` rewrites the
/// records part of each for review, like any change.
#[test]
fn every_spec_fixture_reads_as_its_records() {
    let blessing = std::env::var_os("NORMGRAPH_BLESS").is_some();
    let mut failures = Vec::new();
    let all = specs("extract");
    assert!(
        all.len() >= 5,
        "the spec fixtures are in tests/specs/extract"
    );
    for (path, spec) in &all {
        let got = match read(spec) {
            Ok(x) => x.to_text(),
            Err(e) => e,
        };
        if blessing {
            bless(path, &got);
        } else if got != spec.records {
            failures.push(format!(
                "{}:\n--- expected\n{}--- got\n{got}",
                path.display(),
                spec.records
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every bundled document, read into records and compared with `tests/expected/NAME.txt`, a file
/// a reader checks against the source without reading Rust. `NORMGRAPH_BLESS=1 cargo test`
/// rewrites them; the diff is then reviewed like any change.
#[test]
fn bundled_documents_read_as_the_expected_records() {
    let root = common::root();
    let bless = std::env::var_os("NORMGRAPH_BLESS").is_some();
    let mut checked = 0;
    for file in normgraph::ingest::documents_in(&root.join("data")).unwrap() {
        let (x, _) =
            normgraph::ingest::extract_file(&file, StateTable::bundled(), Curated::bundled())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut ids: Vec<&str> = x.paragraphs.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(
            before,
            ids.len(),
            "{}: paragraph ids repeat",
            file.display()
        );
        let relative = file
            .strip_prefix(root.join("data"))
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\'], "__");
        let expected_path = root.join("tests/expected").join(format!("{relative}.txt"));
        let got = x.to_text();
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run NORMGRAPH_BLESS=1 cargo test",
                expected_path.display()
            )
        });
        assert_eq!(
            got,
            expected,
            "{} differs from {}",
            file.display(),
            expected_path.display()
        );
        checked += 1;
    }
    assert_eq!(checked, 99, "34 PDF texts and 65 AKN files");
}

/// The extractor never panics: real files, mutated (lines dropped, doubled and swapped, bytes
/// cut, stray characters inserted), give records or an error, never a panic. Deterministic
/// (a fixed xorshift seed), so a failure names the case to replay.
#[test]
fn mutated_real_files_never_panic() {
    const ROUNDS: usize = 30;
    let root = common::root();
    let texts: Vec<String> = normgraph::ingest::documents_in(&root.join("data"))
        .unwrap()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let inserts = [
        "\u{c}",
        "______________",
        "¹",
        "2015³",
        " -",
        "«",
        "»",
        "(",
        ")",
        "1.",
        "Ont voté pour :",
        "A/",
        "/",
        "é",
        "\n\n",
        "Par la suite, ",
        "99/999 du 1er février",
    ];
    let mut cases = 0;
    for (t, text) in texts.iter().enumerate() {
        for round in 0..ROUNDS {
            let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
            for _ in 0..(1 + next() % 6) {
                let n = lines.len().max(1);
                let i = (next() as usize) % n;
                match next() % 6 {
                    0 if lines.len() > 1 => {
                        lines.remove(i);
                    }
                    1 => {
                        let l = lines[i].clone();
                        lines.insert(i, l);
                    }
                    2 => {
                        let j = (next() as usize) % n;
                        lines.swap(i, j);
                    }
                    3 => {
                        let l = &mut lines[i];
                        let cut = l
                            .char_indices()
                            .nth((next() as usize) % (l.chars().count() + 1))
                            .map_or(l.len(), |(b, _)| b);
                        l.truncate(cut);
                    }
                    _ => {
                        let l = &mut lines[i];
                        let at = l
                            .char_indices()
                            .nth((next() as usize) % (l.chars().count() + 1))
                            .map_or(l.len(), |(b, _)| b);
                        l.insert_str(at, inserts[(next() as usize) % inserts.len()]);
                    }
                }
            }
            let mutated = lines.join("\n");
            let result = std::panic::catch_unwind(|| {
                let _ = text::extract(&mutated, StateTable::bundled(), Curated::bundled());
                let _ = normgraph::extract::akn::extract(
                    &mutated,
                    StateTable::bundled(),
                    Curated::bundled(),
                );
            });
            assert!(
                result.is_ok(),
                "file {t}, round {round} panicked; mutated text:\n{mutated}"
            );
            cases += 1;
        }
    }
    assert_eq!(cases, texts.len() * ROUNDS);
}

/// Every input the fuzzers (`fuzz/run`) ever found troublesome, kept in
/// `tests/fuzz-regressions/<target>/`: each goes through its extractor again and comes back
/// with records or an error, never a panic.
#[test]
fn inputs_the_fuzzers_found_stay_handled() {
    let root = common::root().join("tests/fuzz-regressions");
    let mut cases = 0;
    for target in ["text", "plenary", "akn"] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let Ok(input) = std::str::from_utf8(&bytes) else {
                continue; // the fuzz targets skip what is not UTF-8 too
            };
            let result = std::panic::catch_unwind(|| match target {
                "text" => {
                    text::extract(input, StateTable::bundled(), Curated::bundled()).map(|_| ())
                }
                // As fuzz/fuzz_targets/plenary.rs gives it: after a record's heading.
                "plenary" => text::extract(
                    &format!("A/74/PV.46\nGeneral Assembly\nSeventy-fourth session\n{input}"),
                    StateTable::bundled(),
                    Curated::bundled(),
                )
                .map(|_| ()),
                _ => normgraph::extract::akn::extract(
                    input,
                    StateTable::bundled(),
                    Curated::bundled(),
                )
                .map(|_| ()),
            });
            assert!(result.is_ok(), "{} panicked", path.display());
            cases += 1;
        }
    }
    assert!(
        cases >= 1,
        "the regression inputs are in {}",
        root.display()
    );
}

/// The fuzzer's first find: a list of States run together with prose over a page made the
/// extractor try every reading of the list and measure every one against 600 names (14 s under
/// the fuzzer). Now the list is refused at once, naming its line and quoting the start of what
/// was printed: a sentence is never read as a list of States.
#[test]
fn a_state_list_run_together_with_prose_is_refused_naming_its_line() {
    let input = std::fs::read_to_string(
        common::root().join("tests/fuzz-regressions/text/state-list-quadratic-timeout.txt"),
    )
    .unwrap();
    let err = text::extract(&input, StateTable::bundled(), Curated::bundled()).unwrap_err();
    assert_eq!(err.line, 47);
    assert!(
        err.message
            .starts_with("expected a vote list naming States, found prose: \"A)gérie, Angola,"),
        "{}",
        err.message
    );
    assert!(
        err.message.len() < 400,
        "the message quotes the start only: {}",
        err.message
    );
}

/// The key as first written, a pass per step over the whole text's NFKD: what the one-pass
/// `name_key` must give.
fn name_key_by_nfkd(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => '\'',
            '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let collapsed = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace(" -", "-")
        .replace("- ", "-")
        .replace("' ", "'")
}

/// Every State name, in every language, is looked up by `name_key`: on every line of `data/` and
/// of the shared corpus (2,700 files, 120 MB) the one-pass key is the NFKD key.
#[test]
fn the_one_pass_name_key_is_the_nfkd_key_on_every_line_of_the_sources() {
    use normgraph::reference::states::name_key;
    for line in [
        " Open -ended  working\tgroup ",
        "İstanbul ´ l’Ukraine ‘x’ a\u{00A0}b ﬁ Ⅻ ß ǅ ΐ",
        "d’ Irlande - - du - Nord",
    ] {
        assert_eq!(name_key(line), name_key_by_nfkd(line), "{line:?}");
    }
    let mut folders = vec![common::root().join("data")];
    // Absent outside CI, the shared corpus is said missing and data/ alone is checked.
    let corpus = common::require::shared("corpus");
    folders.extend(corpus.clone());
    let (mut files, mut lines) = (0, 0);
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files += 1;
                for line in text.lines() {
                    lines += 1;
                    assert_eq!(
                        name_key(line),
                        name_key_by_nfkd(line),
                        "{}: {line:?}",
                        path.display()
                    );
                }
            }
        }
    }
    let least = if corpus.is_some() {
        (2_500, 1_000_000)
    } else {
        (100, 30_000)
    };
    assert!(
        files > least.0 && lines > least.1,
        "{files} files, {lines} lines"
    );
}
