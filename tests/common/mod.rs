//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod require;

use normgraph::ingest;
use normgraph::rdf::{Iris, DEFAULT_BASE};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled corpus, `data/`.
pub fn data() -> PathBuf {
    root().join("data")
}

/// The IRIs of the default base.
pub fn iris() -> Iris {
    Iris::new(DEFAULT_BASE).unwrap()
}

/// The bundled graph, built once for the whole test binary into a store of its own (read it,
/// never write it: the tests that write build their own).
pub struct Bundled {
    pub dir: TempDir,
    pub store: Store,
}

pub fn bundled() -> &'static Bundled {
    static BUILT: OnceLock<Bundled> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = TempDir::new("bundled");
        let store = Store::open(dir.0.join("store")).unwrap();
        let summary = ingest::build(&store, &data(), &iris(), false, |_| {}).unwrap();
        let failed: Vec<_> = summary.refusals().collect();
        assert!(failed.is_empty(), "{failed:?}");
        assert_eq!(
            summary.files.len(),
            99,
            "34 PDF texts (2 seeds, 19 of history, 9 English resolutions, a committee report, 3 plenary records) and 65 AKN files"
        );
        assert!(summary.derived.recomputed);
        Bundled { dir, store }
    })
}

/// The bundled graph's store.
pub fn store() -> &'static Store {
    &bundled().store
}

/// Every IRI the store holds is valid: the whole store, written as N-Quads, parses back with a
/// strict parser (which refuses "{" or a space in an IRI) into as many quads.
pub fn assert_round_trips_through_nquads(store: &Store) {
    let mut dump = Vec::new();
    store.dump_to_writer(RdfFormat::NQuads, &mut dump).unwrap();
    let parsed = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&dump)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("the dump does not parse back: {e}"));
    assert_eq!(parsed.len(), store.len().unwrap());
}

/// A directory under the system's temporary folder, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        let p = std::env::temp_dir().join(format!("normgraph-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A loopback port free at the time of asking.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Serves `app` on a loopback port of the system's choosing, as long as the runtime lives.
pub fn serve(app: axum::Router) -> (tokio::runtime::Runtime, std::net::SocketAddr) {
    serve_at(|_| app)
}

/// Runs a client of the ecosystem (`program script args...`, the script under the repository)
/// that prints what it found as JSON; fails the test, with the client's errors, if it fails.
pub fn client(program: &str, script: &str, args: &[String]) -> serde_json::Value {
    let out = std::process::Command::new(program)
        .arg(root().join(script))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// [`serve`], for an app that needs to know its own address.
pub fn serve_at(
    app: impl FnOnce(std::net::SocketAddr) -> axum::Router,
) -> (tokio::runtime::Runtime, std::net::SocketAddr) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let address = listener.local_addr().unwrap();
    let app = app(address);
    runtime.spawn(async move { axum::serve(listener, app).await.unwrap() });
    (runtime, address)
}

/// The normgraph executable, as a command.
pub fn normgraph() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_normgraph"))
}
