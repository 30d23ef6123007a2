//! `normgraph push` against real servers: Virtuoso open source (Debian's virtuoso-t, started
//! here on loopback with its own data directory, Digest authentication), and a Graph Store of
//! our own that fails on purpose (retries, back-off, a bearer token, Basic credentials).

use crate::common;

use normgraph::ingest;
use normgraph::rdf::Iris;
use normgraph::remote::push::{self, Action, PushError};
use normgraph::remote::{Credentials, HttpError, Remote};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn build(store: &Store, data: &Path, prune: bool) {
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let summary = ingest::build(store, data, &iris, prune, |_| {}).unwrap();
    assert_eq!(summary.failed(), 0);
}

/// A Virtuoso server of its own, stopped on drop.
struct Virtuoso {
    child: Child,
    http: u16,
    _dir: common::TempDir,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Virtuoso {
    fn start() -> Option<Virtuoso> {
        let binary = common::require::program(
            "/usr/bin/virtuoso-t",
            "VIRTUOSO",
            "virtuoso-opensource-7-bin",
        )?;
        let dir = common::TempDir::new("virtuoso");
        let d = dir.0.display();
        let (sql, http) = (common::free_port(), common::free_port());
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\nStriping = 0\nTempStorage = TempDatabase\n\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\n\
             TransactionFile = {d}/virtuoso-temp.trx\nStriping = 0\n\n\
             [Parameters]\nServerPort = {sql}\nDisableUnixSocket = 1\nServerThreads = 10\n\
             NumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\nDirsAllowed = ., {d}\n\n\
             [HTTPServer]\nServerPort = {http}\nServerRoot = {d}\nMaxClientConnections = 10\n\
             ServerThreads = 10\n\n[SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 60\n"
        );
        std::fs::write(dir.0.join("virtuoso.ini"), ini).unwrap();
        let child = Command::new(&binary)
            .arg("-f")
            .arg("-c")
            .arg(dir.0.join("virtuoso.ini"))
            .current_dir(&dir.0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut v = Virtuoso {
            child,
            http,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = v.child.try_wait() {
                panic!("virtuoso-t exited: {status}");
            }
            if v.sparql("ASK {}").is_ok() {
                return Some(v);
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        panic!("Virtuoso did not answer within 120 s");
    }

    /// A query on the remote's own SPARQL endpoint, as CSV rows (header left out).
    fn sparql(&self, query: &str) -> Result<Vec<String>, String> {
        let response = reqwest::blocking::Client::new()
            .get(format!("http://127.0.0.1:{}/sparql", self.http))
            .query(&[("query", query)])
            .header("Accept", "text/csv")
            .send()
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(response.status().to_string());
        }
        let text = response.text().map_err(|e| e.to_string())?;
        Ok(text
            .lines()
            .skip(1)
            .map(|l| l.trim_matches('"').to_owned())
            .collect())
    }

    fn remote(&self, password: &str) -> Remote {
        Remote {
            url: format!("http://127.0.0.1:{}/sparql-graph-crud-auth", self.http),
            credentials: Credentials::User {
                user: "dba".into(),
                password: password.into(),
            },
            // As `normgraph push` asks by default: under the load of the whole suite, Virtuoso
            // has reset the connection of a large PUT for longer than 0.1 + 0.2 s.
            retries: Remote::PUSH_RETRIES,
            backoff: Remote::BACKOFF,
            timeout: Duration::from_secs(120),
        }
    }
}

const COMMON_SPONSORS: &str = "PREFIX ng: <https://normgraph.org/ontology#>
SELECT DISTINCT ?iso WHERE {
  ?a ng:symbol \"A/C.1/73/L.27/Rev.1\" . ?b ng:symbol \"A/C.1/73/L.37\" .
  ?sa ng:sponsorshipOf ?a ; ng:sponsor ?s . ?sb ng:sponsorshipOf ?b ; ng:sponsor ?s .
  ?s ng:iso3 ?iso } ORDER BY ?iso";

const PRINTED_DATE: &str = "PREFIX ng: <https://normgraph.org/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
SELECT DISTINCT ?d WHERE { GRAPH <https://normgraph.org/id/source/A/RES/75/240/fr-text> {
  ?c cito:hasCitedEntity ?t ; ng:printedDate ?d } ?t ng:symbol \"A/RES/74/29\" }";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// The whole round: push the bundled graph to Virtuoso (Digest), ask Virtuoso a question,
/// change a source file, push again (only what changed goes), remove a file (its graph is
/// deleted there), refuse a wrong password.
#[test]
fn pushes_to_virtuoso_and_keeps_it_in_step() {
    let Some(virtuoso) = Virtuoso::start() else {
        return;
    };
    let work = common::TempDir::new("push");
    let data = work.0.join("data");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &data);
    let store_path = work.0.join("store");
    let store = Store::open(&store_path).unwrap();
    build(&store, &data, false);
    let state = push::record_path(&store_path);
    let remote = virtuoso.remote("dba");
    let graphs = normgraph::export::named_graphs(&store).unwrap();

    let first = push::push(&store, &remote, &[], &state, false, |_| {}).unwrap();
    assert_eq!(
        first.count(|a| matches!(a, Action::Pushed { .. })),
        graphs.len()
    );
    // Every graph was counted on the remote (equal, or push() would have failed).
    assert_eq!(first.checked, graphs.len());
    assert_eq!(
        virtuoso.sparql(COMMON_SPONSORS).unwrap(),
        ["COD", "GIN", "MWI", "SLE", "WSM"]
    );
    assert_eq!(virtuoso.sparql(PRINTED_DATE).unwrap(), ["2019-12-12"]);

    // A changed source file: its graph and the computed graphs go again, nothing else.
    let french = data.join("seeds/A_RES_75_240.fr.txt");
    let text = std::fs::read_to_string(&french).unwrap();
    let changed = text.replace(
        "74/29 \n\ndu 12 décembre 2019",
        "74/29 \n\ndu 13 décembre 2019",
    );
    assert_ne!(changed, text, "the fixture edit must change the file");
    std::fs::write(&french, changed).unwrap();
    build(&store, &data, false);
    let second = push::push(&store, &remote, &[], &state, false, |_| {}).unwrap();
    let pushed: Vec<&str> = second
        .graphs
        .iter()
        .filter(|(_, a)| matches!(a, Action::Pushed { .. }))
        .map(|(g, _)| g.as_str())
        .collect();
    assert!(
        pushed.contains(&"https://normgraph.org/id/source/A/RES/75/240/fr-text"),
        "{pushed:?}"
    );
    assert!(pushed.len() <= 3, "only what changed: {pushed:?}");
    assert_eq!(
        second.count(|a| matches!(a, Action::Skipped { .. })),
        graphs.len() - pushed.len()
    );
    assert_eq!(virtuoso.sparql(PRINTED_DATE).unwrap(), ["2019-12-13"]);

    // A file gone (and pruned): its graph is deleted from the remote.
    let gone = "https://normgraph.org/id/source/A/RES/77/37/zh-akn";
    let zh: Vec<PathBuf> = walk(&data)
        .into_iter()
        .filter(|p| p.ends_with("akn/Chinese/A_RES_77_37-2228102C.xml"))
        .collect();
    assert_eq!(zh.len(), 1, "{zh:?}");
    std::fs::remove_file(&zh[0]).unwrap();
    build(&store, &data, true);
    let third = push::push(&store, &remote, &[], &state, false, |_| {}).unwrap();
    assert!(third
        .graphs
        .iter()
        .any(|(g, a)| g == gone && *a == Action::Deleted));
    let count = virtuoso
        .sparql(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{gone}> {{ ?s ?p ?o }} }}"
        ))
        .unwrap();
    assert_eq!(count, ["0"]);

    // Wrong credentials: a clear error naming the graph and the status.
    let e = push::push(&store, &virtuoso.remote("wrong"), &[], &state, true, |_| {})
        .unwrap_err()
        .to_string();
    assert!(e.contains("401") && e.contains("credentials"), "{e}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A Graph Store of our own on loopback that answers 503 to the first `failures` requests, wants
/// a bearer token, and keeps what it is given.
struct Flaky {
    address: std::net::SocketAddr,
    _runtime: tokio::runtime::Runtime,
    requests: Arc<Mutex<Vec<String>>>,
}

fn flaky(failures: usize) -> Flaky {
    use axum::extract::{RawQuery, State};
    use axum::http::{HeaderMap, Method, StatusCode};
    use axum::response::IntoResponse;
    #[derive(Clone, Default)]
    struct Shared {
        requests: Arc<Mutex<Vec<String>>>,
        graphs: Arc<Mutex<std::collections::HashMap<String, Vec<u8>>>>,
        failures: usize,
    }
    async fn handle(
        State(s): State<Shared>,
        method: Method,
        RawQuery(q): RawQuery,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> axum::response::Response {
        let seen = {
            let mut r = s.requests.lock().unwrap();
            r.push(method.to_string());
            r.len()
        };
        if seen <= s.failures {
            return (StatusCode::SERVICE_UNAVAILABLE, "busy").into_response();
        }
        // A token, or Basic credentials (alice, wonderland).
        let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
        if !matches!(
            auth,
            Some("Bearer s3cret") | Some("Basic YWxpY2U6d29uZGVybGFuZA==")
        ) {
            return (
                StatusCode::UNAUTHORIZED,
                [("www-authenticate", "Basic realm=\"graphs\"")],
                "who are you?",
            )
                .into_response();
        }
        let graph = q.unwrap_or_default();
        let mut graphs = s.graphs.lock().unwrap();
        match method {
            Method::PUT => {
                graphs.insert(graph, body.to_vec());
                StatusCode::NO_CONTENT.into_response()
            }
            Method::GET => match graphs.get(&graph) {
                Some(b) => ([("content-type", "application/n-triples")], b.clone()).into_response(),
                None => StatusCode::NOT_FOUND.into_response(),
            },
            _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
        }
    }
    let shared = Shared {
        failures,
        ..Default::default()
    };
    let requests = shared.requests.clone();
    let app = axum::Router::new()
        .route("/store", axum::routing::any(handle))
        .with_state(shared);
    let (runtime, address) = common::serve(app);
    Flaky {
        address,
        _runtime: runtime,
        requests,
    }
}

fn small_store(dir: &common::TempDir) -> Store {
    let docs = dir.0.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds/A_RES_75_240.fr.txt"),
        docs.join("fr.txt"),
    )
    .unwrap();
    let store = Store::open(dir.0.join("store")).unwrap();
    build(&store, &docs, false);
    store
}

#[test]
fn transient_failures_are_retried_with_back_off_and_tokens_or_basic_credentials_are_sent() {
    let server = flaky(2);
    let dir = common::TempDir::new("push-flaky");
    let store = small_store(&dir);
    let graph = normgraph::export::graphs_named(&store, "75/240").unwrap();
    let remote = Remote {
        url: format!("http://{}/store", server.address),
        credentials: Credentials::Bearer("s3cret".into()),
        retries: 3,
        backoff: Duration::from_millis(10),
        timeout: Duration::from_secs(30),
    };
    let state = dir.0.join("state.json");
    let report = push::push(&store, &remote, &graph, &state, false, |_| {}).unwrap();
    assert_eq!(report.retried, 2);
    assert_eq!(report.checked, 1);
    // Two refused PUTs, the PUT that went through, the GET of the check.
    assert_eq!(
        *server.requests.lock().unwrap(),
        ["PUT", "PUT", "PUT", "GET"]
    );

    // Without the token: refused, not retried, and said so.
    let no_token = Remote {
        credentials: Credentials::None,
        ..remote.clone()
    };
    let e = push::push(&store, &no_token, &graph, &state, true, |_| {}).unwrap_err();
    assert!(
        matches!(e, PushError::Http(HttpError::Refused { status: 401, .. })),
        "{e}"
    );

    // A user and password, sent as Basic when the remote's challenge asks for it.
    let basic = Remote {
        credentials: Credentials::User {
            user: "alice".into(),
            password: "wonderland".into(),
        },
        ..remote.clone()
    };
    let report = push::push(&store, &basic, &graph, &state, true, |_| {}).unwrap();
    assert_eq!(report.checked, 1);

    // A remote that never recovers: the error names the graph and the attempts.
    let down = flaky(usize::MAX);
    let e = push::push(
        &store,
        &Remote {
            url: format!("http://{}/store", down.address),
            ..remote
        },
        &graph,
        &dir.0.join("state2.json"),
        false,
        |_| {},
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("source/A/RES/75/240/fr-text") && e.contains("4 attempts") && e.contains("503"),
        "{e}"
    );
}
