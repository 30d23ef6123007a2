//! `normgraph serve`: the graph over HTTP, read-only.
//!
//! - `/sparql`: the SPARQL 1.1 Protocol ([`sparql`]); without a query, the service description.
//! - `/queries` lists the canned queries; `/queries/NAME?doc=...` runs one ([`web`]).
//! - `/store?graph=IRI` (or `?default`): a graph whole; `/dump.nq`: every named graph,
//!   streamed; `/.well-known/void`: the VoID description; `/id/PATH`: every IRI minted under
//!   the base, as a page or as RDF ([`data`]).
//! - `/ontology`: the vocabulary, a page or data, and `/context.jsonld` its JSON-LD context
//!   ([`vocabulary`]); `/editor`: YASGUI.
//! - `/`: the home page, `/search?q=` the search box's answers, and `/draw/...`: a document's
//!   citation chain and sponsors as SVG ([`web`]); `/health`.
//! - For people: the page of each kind of resource and the index pages ([`kinds`]), labelled
//!   ([`labels`]) and framed in the reader's language ([`chrome`]); `?format=` and `?lang=` in
//!   any URL, and errors as pages for a browser ([`browser`]).
//!
//! How it is built: [`app`] holds the configuration and what handlers share; [`error`] is the
//! one table of errors, statuses and codes; [`negotiate`] chooses formats and languages;
//! [`isolate`] runs the queries of `/sparql` in worker processes that the server kills past
//! their limits; [`blocking`] runs other store work off the runtime, under the time limit and the cap on queries at
//! once, cancelling a query past the limit or when its client goes away. The views ([`page`],
//! [`draw`], [`html`]) take plain values and never a store; [`lookup`] reads those values.
//! Every response carries CORS headers; a line of log per request.

pub mod app;
pub mod blocking;
pub mod browser;
pub mod chrome;
pub mod data;
pub mod draw;
pub mod error;
pub mod html;
pub mod isolate;
pub mod kinds;
pub mod labels;
pub mod lookup;
pub mod negotiate;
pub mod page;
pub mod sparql;
pub mod vocabulary;
pub mod web;

pub use app::Config;

use crate::query::answers::Tables;
use crate::query::Opened;
use app::{asset, cors_and_log, App};
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::get;
use axum::Router;
use oxigraph::store::Store;

/// The document the home page draws and the VoID description gives as an example when none
/// is asked for: A/RES/75/240, one of the project's two founding documents.
pub const EXAMPLE_DOCUMENT: &str = "A/RES/75/240";

/// The style sheet every page links to, served at `/assets/style.css`.
pub const STYLE: &str = include_str!("assets/style.css");
/// The script every page loads, served at `/assets/app.js`.
pub const SCRIPT: &str = include_str!("assets/app.js");
/// The editor's own script, served at `/assets/editor.js`.
pub const EDITOR: &str = include_str!("assets/editor.js");
/// The editor's own style sheet, served at `/assets/editor.css`.
pub const EDITOR_STYLE: &str = include_str!("assets/editor.css");
/// YASGUI 4.6.2 (npm `@zazuko/yasgui`, MIT), its script and style sheet: see
/// `assets/yasgui/README.md`.
pub const YASGUI_JS: &str = include_str!("assets/yasgui/yasgui.min.js");
pub const YASGUI_CSS: &str = include_str!("assets/yasgui/yasgui.min.css");

/// The request handler: every route, ready to serve or to call in-process. The store's answer
/// tables' state is read here; [`router_for`] takes it already read.
pub fn router(store: Store, config: Config) -> Router {
    // A record that cannot be read leaves the questions to SPARQL, which reports the store's
    // error to whoever asks.
    let tables = Tables::of(&store).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "reading whether the answer tables are current");
        Tables::Stale
    });
    router_for(Opened { store, tables }, config)
}

/// [`router`] for a store opened to be asked ([`crate::query::open()`]).
pub fn router_for(opened: Opened, config: Config) -> Router {
    let (max_body, request_timeout) = (config.max_body, config.request_timeout);
    Router::new()
        .route("/", get(web::home))
        .route("/assets/style.css", get(|| asset("text/css", STYLE)))
        .route("/assets/app.js", get(|| asset("text/javascript", SCRIPT)))
        .route(
            "/assets/editor.js",
            get(|| asset("text/javascript", EDITOR)),
        )
        .route(
            "/assets/editor.css",
            get(|| asset("text/css", EDITOR_STYLE)),
        )
        .route(
            "/assets/yasgui/yasgui.min.js",
            get(|| asset("text/javascript", YASGUI_JS)),
        )
        .route(
            "/assets/yasgui/yasgui.min.css",
            get(|| asset("text/css", YASGUI_CSS)),
        )
        .route("/editor", get(web::yasgui))
        .route("/ontology", get(vocabulary::ontology))
        .route("/context.jsonld", get(vocabulary::context))
        .route("/draw/citations.svg", get(web::draw_citations))
        .route("/draw/sponsors.svg", get(web::draw_sponsors))
        .route("/sparql", get(sparql::sparql_get).post(sparql::sparql_post))
        .route("/queries", get(web::list_queries))
        .route("/queries/{name}", get(web::run_canned))
        .route("/search", get(web::search))
        .route("/health", get(|| async { "ok\n" }))
        .route("/store", get(data::graph_store))
        .route("/dump.nq", get(data::dump))
        .route("/.well-known/void", get(data::void_description))
        .route("/id/{*path}", get(data::resource))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(
            (max_body, request_timeout),
            app::read_body,
        ))
        .layer(middleware::from_fn(browser::error_pages))
        .layer(middleware::from_fn(browser::format_and_lang))
        .layer(middleware::from_fn(cors_and_log))
        .with_state(App::new(opened, config))
}

/// Serves until Ctrl-C. Each connection must send a request's head within
/// [`Config::request_timeout`] (and its body within as long again), and no more than
/// [`Config::max_connections`] are open at once: past the cap a new one is closed at once, so
/// slow or idle clients cannot take the file descriptors the server needs.
pub async fn serve(opened: Opened, config: Config, bind: &str) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!(address = %listener.local_addr()?, "serving");
    eprintln!(
        "normgraph: serving on http://{}/ (SPARQL endpoint at /sparql; Ctrl-C stops)",
        listener.local_addr()?
    );
    let head_timeout = config.request_timeout;
    let connections = std::sync::Arc::new(tokio::sync::Semaphore::new(config.max_connections));
    let app = router_for(opened, config);
    let stop = tokio::signal::ctrl_c();
    tokio::pin!(stop);
    loop {
        let socket = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = &mut stop => return Ok(()),
        };
        let socket = match socket {
            Ok((socket, _)) => socket,
            // Out of file descriptors, or a connection reset before it was taken: wait a
            // little and go on; the server does not end for it.
            Err(e) => {
                tracing::warn!(error = %e, "accepting a connection");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tracing::warn!("too many connections: one closed at once");
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(head_timeout)
                .serve_connection(TokioIo::new(socket), service);
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "a connection ended");
            }
        });
    }
}
