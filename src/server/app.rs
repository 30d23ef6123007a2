//! The server's configuration and state, and what every handler needs of a request: its
//! form-encoded pairs, the endpoint's own address, the answers that are a page or an asset.

use super::page::Figures;
use crate::query::answers::Tables;
use crate::query::Opened;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use oxigraph::store::Store;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The longest a query may run before it is cancelled.
    pub query_timeout: Duration,
    /// Queries evaluated at once; the others wait (up to the time limit) for a turn.
    pub max_concurrent: usize,
    /// The largest request body accepted (a query, a form).
    pub max_body: usize,
    /// The largest answer a query may give, in bytes: answers are written whole before they
    /// are sent, so this bounds the memory a query takes.
    pub max_answer: usize,
    /// The base the graph's IRIs were minted under: `/id/PATH` serves `{public_base}PATH`
    /// (and `http://HOST/id/PATH`, for a graph built with the server's own address as base).
    pub public_base: String,
    /// The longest a client may take to send a request's head, and then its body.
    pub request_timeout: Duration,
    /// The most connections open at once (`serve`).
    pub max_connections: usize,
    /// The longest a streamed answer (`/dump.nq`) waits for a client that reads nothing.
    pub stall_timeout: Duration,
    /// Where the queries of `/sparql` run: in worker processes ([`super::isolate`]) when
    /// given, what `normgraph serve` does; otherwise on this process's threads.
    pub isolation: Option<super::isolate::Isolation>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            query_timeout: Duration::from_secs(10),
            max_concurrent: 4,
            max_body: 1 << 20,
            max_answer: 256 << 20,
            public_base: crate::rdf::DEFAULT_BASE.to_owned(),
            request_timeout: Duration::from_secs(10),
            max_connections: 1000,
            stall_timeout: Duration::from_secs(30),
            isolation: None,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    /// Whether the canned questions read the store's answer tables: read once, as the figures
    /// are, since nothing writes the store while it is served.
    pub tables: Tables,
    pub config: Arc<Config>,
    /// Turns for the queries of `/sparql`.
    pub permits: Arc<Semaphore>,
    /// Turns for the large reads (`/dump.nq`, `/store`), as many as for queries.
    pub streams: Arc<Semaphore>,
    /// Turns for our own questions (the canned queries, the pages, the pictures), as many
    /// again: neither heavy queries nor large reads can keep a canned question waiting.
    pub pages: Arc<Semaphore>,
    /// Counted once: the store is read-only while it is served.
    pub figures: Arc<OnceLock<Figures>>,
    /// The query workers, when the configuration isolates queries.
    pub pool: Option<Arc<super::isolate::Pool>>,
    /// The values the canned forms suggest, read once.
    pub values: Arc<OnceLock<super::page::FormValues>>,
    /// The search box's index, read from the store at the first search.
    pub search: Arc<OnceLock<super::kinds::search::SearchIndex>>,
}

impl App {
    pub fn new(opened: Opened, config: Config) -> Self {
        App {
            store: opened.store,
            tables: opened.tables,
            permits: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            streams: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            pages: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
            pool: config.isolation.clone().map(|i| {
                let pool = Arc::new(super::isolate::Pool::new(i, config.max_concurrent));
                // Workers started before the first query needs one (when there is a runtime
                // to start them on).
                if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                    runtime.spawn(pool.clone().warm(config.max_concurrent));
                }
                pool
            }),
            config: Arc::new(config),
            figures: Arc::default(),
            search: Arc::default(),
            values: Arc::default(),
        }
    }
}

impl App {
    /// The store with its tables' state, as the canned questions take it.
    pub fn opened(&self) -> Opened {
        Opened {
            store: self.store.clone(),
            tables: self.tables,
        }
    }
}

/// Which turns a piece of work waits for (see [`App`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slots {
    Queries,
    Streams,
    Pages,
}

impl App {
    pub fn slots(&self, which: Slots) -> Arc<Semaphore> {
        match which {
            Slots::Queries => self.permits.clone(),
            Slots::Streams => self.streams.clone(),
            Slots::Pages => self.pages.clone(),
        }
    }
}

/// The pairs of a form-encoded text (a query string, a form body).
pub fn form_pairs(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The endpoint's own address, from the Host header: the base IRI of the queries it is sent
/// (the protocol lets the service define it) and the address its descriptions give.
pub fn endpoint(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}/sparql")
}

/// The server's own root address (`http://HOST`), from the Host header.
pub fn root(headers: &HeaderMap) -> String {
    endpoint(headers).trim_end_matches("/sparql").to_owned()
}

/// A page.
pub fn html(page: String) -> Response {
    ([(header::CONTENT_TYPE, super::negotiate::HTML)], page).into_response()
}

/// A style sheet or a script, compiled in.
pub async fn asset(media: &'static str, text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, media),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        text,
    )
        .into_response()
}

/// Reads a request's body whole, up to `max` bytes and within `limit`, before any handler
/// sees it: a client that sends its body slowly, or without end, gets 408 or 413 and frees
/// its connection.
pub async fn read_body(
    axum::extract::State((max, limit)): axum::extract::State<(usize, Duration)>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(limit, axum::body::to_bytes(body, max)).await {
        Ok(Ok(bytes)) => next.run(Request::from_parts(parts, bytes.into())).await,
        Ok(Err(_)) => super::error::ApiError::BodyTooLarge(max).into_response(),
        Err(_) => super::error::ApiError::SlowRequest(limit).into_response(),
    }
}

/// The headers every answer carries: what a browser may do with it (`nosniff`, a content
/// security policy that lets a page load only the server's own script and style), and what
/// the answer varies with (`Accept`, `Accept-Language`: the same URL gives a page or data).
const HARDENING: [(header::HeaderName, &str); 4] = [
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (header::VARY, "Accept, Accept-Language"),
    (header::REFERRER_POLICY, "no-referrer"),
];

/// The policy of the editor's page: the same, but YASGUI's table sets inline styles (its
/// scripts still come from this server alone).
pub const EDITOR_POLICY: &str =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
     connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn harden(headers: &mut HeaderMap) {
    for (name, value) in HARDENING {
        // A route may set a stricter or its own policy (the editor's); the others get ours.
        if name == header::CONTENT_SECURITY_POLICY && headers.contains_key(&name) {
            continue;
        }
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// CORS on every response (and preflight answered), and a line of log per request.
pub async fn cors_and_log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let mut response = if method == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, POST, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Accept, Content-Type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("86400"),
        );
        r
    } else {
        next.run(request).await
    };
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    harden(response.headers_mut());
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1e3,
        "request"
    );
    response
}
