//! `normgraph fetch` against a repository served on loopback in the shape of GitHub's contents
//! API (there is no internet here): the right file is recognised by what it says, not by its
//! name; a symbol that does not exist is a clear error; nothing is half-written.

use crate::common;

use normgraph::remote::fetch::{self, FetchError};
use normgraph::remote::{Credentials, Remote};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

struct Repository {
    address: std::net::SocketAddr,
    _runtime: tokio::runtime::Runtime,
    requests: Arc<AtomicUsize>,
}

/// Serves `root` (SESSION/LANGUAGE/FILE) as `/contents/SESSION/LANGUAGE` (a JSON listing) and
/// `/raw/...` (the files); the first request gets 503.
fn serve(root: PathBuf) -> Repository {
    use axum::extract::{Path as UrlPath, State};
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    #[derive(Clone)]
    struct Shared {
        root: PathBuf,
        requests: Arc<AtomicUsize>,
        address: String,
    }
    async fn listing(
        State(s): State<Shared>,
        UrlPath((session, language)): UrlPath<(String, String)>,
    ) -> axum::response::Response {
        if s.requests.fetch_add(1, Ordering::SeqCst) == 0 {
            return (StatusCode::SERVICE_UNAVAILABLE, "try again").into_response();
        }
        let dir = s.root.join(&session).join(&language);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return (StatusCode::NOT_FOUND, r#"{"message":"Not Found"}"#).into_response();
        };
        let list: Vec<serde_json::Value> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .map(|name| {
                serde_json::json!({
                    "name": name,
                    "type": "file",
                    "download_url": format!("http://{}/raw/{session}/{language}/{name}", s.address),
                })
            })
            .collect();
        axum::Json(list).into_response()
    }
    async fn raw(
        State(s): State<Shared>,
        UrlPath((session, language, name)): UrlPath<(String, String, String)>,
    ) -> axum::response::Response {
        s.requests.fetch_add(1, Ordering::SeqCst);
        match std::fs::read(s.root.join(session).join(language).join(name)) {
            Ok(bytes) => bytes.into_response(),
            Err(_) => StatusCode::NOT_FOUND.into_response(),
        }
    }
    let requests = Arc::new(AtomicUsize::new(0));
    let shared = Shared {
        root,
        requests: requests.clone(),
        address: String::new(),
    };
    let (runtime, address) = common::serve_at(|address| {
        axum::Router::new()
            .route(
                "/contents/{session}/{language}",
                axum::routing::get(listing),
            )
            .route("/raw/{session}/{language}/{name}", axum::routing::get(raw))
            .with_state(Shared {
                address: address.to_string(),
                ..shared
            })
    });
    Repository {
        address,
        _runtime: runtime,
        requests,
    }
}

fn bundled(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data/akn")
        .join(path)
}

/// A repository laid out as UNxml/GAresolutions: 75/240 under a name with a job number, and a
/// decoy named like 75/240 that is another resolution's text.
fn repository(dir: &Path) -> PathBuf {
    let root = dir.join("repo");
    for (from, to) in [
        (
            "English/75_240_E.xml",
            "75/English/A_RES_75_240-2017497E.xml",
        ),
        ("French/75_240_F.xml", "75/French/A_RES_75_240-2017497F.xml"),
        // The decoy: named like 75/240, holding 75/32.
        ("English/75_32_E.xml", "75/English/75_240_E.xml"),
        ("English/75_32_E.xml", "75/English/75_32_E.xml"),
        ("English/74_28.xml", "74/English/74_28.xml"),
    ] {
        let to = root.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(bundled(from), to).unwrap();
    }
    root
}

fn remote(repo: &Repository) -> Remote {
    Remote {
        url: format!("http://{}/contents", repo.address),
        credentials: Credentials::None,
        retries: 2,
        backoff: Duration::from_millis(10),
        timeout: Duration::from_secs(30),
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn fetches_the_file_that_says_it_is_the_resolution_and_records_its_origin() {
    let dir = common::TempDir::new("fetch");
    let repo = serve(repository(&dir.0));
    let data = dir.0.join("data");
    let langs = ["en".to_owned(), "fr".to_owned()];
    let got = fetch::fetch(&remote(&repo), "75/240", &langs, &data).unwrap();
    assert_eq!(got.len(), 2);
    // The first listing was refused with 503 and asked again.
    assert!(repo.requests.load(Ordering::SeqCst) >= 4);
    // The decoy named 75_240_E.xml was read and passed over for the file that is 75/240.
    assert!(got[0]
        .path
        .ends_with("fetched/75/English/A_RES_75_240-2017497E.xml"));
    assert!(got[1]
        .path
        .ends_with("fetched/75/French/A_RES_75_240-2017497F.xml"));
    let bytes = std::fs::read(bundled("English/75_240_E.xml")).unwrap();
    use sha2::Digest;
    assert_eq!(
        got[0].sha256,
        normgraph::hash::hex(&sha2::Sha256::digest(&bytes))
    );
    assert_eq!(std::fs::read(&got[0].path).unwrap(), bytes);
    let record = std::fs::read_to_string(data.join("fetched/FETCHED.tsv")).unwrap();
    let lines: Vec<&str> = record.lines().collect();
    assert_eq!(lines[0], "symbol\tlanguage\tfile\turl\tsha256\tfetched");
    assert!(lines[1]
        .starts_with("A/RES/75/240\ten\tfetched/75/English/A_RES_75_240-2017497E.xml\thttp://"));
    assert!(lines[1].contains(&got[0].sha256));
    assert_eq!(lines.len(), 3);

    // What was fetched builds.
    let store = oxigraph::store::Store::open(dir.0.join("store")).unwrap();
    let iris = normgraph::rdf::Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let summary = normgraph::ingest::build(&store, &data, &iris, false, |_| {}).unwrap();
    assert_eq!((summary.files.len(), summary.failed()), (2, 0));

    // Again: the same bytes, nothing new, one record line per symbol and language.
    let again = fetch::fetch(&remote(&repo), "A/RES/75/240", &langs[..1], &data).unwrap();
    assert!(!again[0].new);
    let record = std::fs::read_to_string(data.join("fetched/FETCHED.tsv")).unwrap();
    assert_eq!(record.lines().count(), 3);
}

#[test]
fn a_symbol_that_is_not_there_is_a_clear_error_and_writes_nothing() {
    let dir = common::TempDir::new("fetch-missing");
    let repo = serve(repository(&dir.0));
    let data = dir.0.join("data");
    let en = ["en".to_owned()];
    /// A symbol, the languages asked, the kind of error expected, words it must say.
    type Case<'a> = (&'a str, &'a [String], fn(&FetchError) -> bool, &'a str);
    let cases: [Case; 5] = [
        (
            "75/999",
            &en,
            |e| matches!(e, FetchError::NotListed { .. }),
            "lists no file for resolution 999 of session 75",
        ),
        (
            "99/1",
            &en,
            |e| matches!(e, FetchError::NoSession { .. }),
            "no session folder",
        ),
        // Only the decoy is named like 75/32 in French... there is none: not listed.
        (
            "75/32",
            &["fr".to_owned()],
            |e| matches!(e, FetchError::NotListed { .. }),
            "lists no file",
        ),
        (
            "A/C.1/73/L.37",
            &en,
            |e| matches!(e, FetchError::NotAResolution(_)),
            "expected a resolution symbol",
        ),
        (
            "75/240",
            &["xx".to_owned()],
            |e| matches!(e, FetchError::Language(_)),
            "language xx",
        ),
    ];
    for (symbol, langs, kind, words) in cases {
        let e = fetch::fetch(&remote(&repo), symbol, langs, &data).unwrap_err();
        assert!(kind(&e), "{symbol}: {e:?}");
        assert!(e.to_string().contains(words), "{symbol}: {e}");
    }
    // 74/28 is listed only under a name like 74/28 that holds 74/28: fine. A name like 74/28
    // holding something else is refused, naming what it holds.
    std::fs::copy(
        bundled("English/74_29.xml"),
        dir.0.join("repo/74/English/74_28.xml"),
    )
    .unwrap();
    let e = fetch::fetch(&remote(&repo), "74/28", &en, &data)
        .unwrap_err()
        .to_string();
    assert!(e.contains("74_28.xml is A/RES/74/29"), "{e}");
    assert!(files_under(&data).is_empty(), "{:?}", files_under(&data));
}

#[test]
fn the_command_fetches_and_says_to_build() {
    let dir = common::TempDir::new("fetch-cli");
    let repo = serve(repository(&dir.0));
    let data = dir.0.join("data");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_normgraph"))
        .args(["fetch", "75/240", "--lang", "en", "--from"])
        .arg(format!("http://{}/contents", repo.address))
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("fetched   A/RES/75/240 (en)"), "{said}");
    assert!(said.contains("run `normgraph build"), "{said}");
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_normgraph"))
        .args(["fetch", "75/999", "--from"])
        .arg(format!("http://{}/contents", repo.address))
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("A/RES/75/999"));
}
