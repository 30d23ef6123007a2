//! Helpers shared by the integration tests (each test binary uses some of them).
#![allow(dead_code)]

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;

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
pub struct TempDir(pub std::path::PathBuf);

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
