//! `normgraph serve`: the graph over HTTP, read-only.
//!
//! - `/sparql`: the SPARQL 1.1 Protocol (GET, POST form-encoded or `application/sparql-query`),
//!   results and graphs in the format the Accept header asks for; without a query, the
//!   service description. Updates are refused (403): the server has no write path.
//! - `/queries` lists the canned queries (JSON); `/queries/NAME?doc=...` runs one.
//! - `/store?graph=IRI` (or `?default`): the Graph Store Protocol, read side: a whole graph.
//! - `/.well-known/void`: the VoID description of the dataset.
//! - `/dump.nq`: every named graph as N-Quads, streamed (the one answer not written whole
//!   first: a dump is as large as the store).
//! - `/id/PATH`: every IRI the graph mints under its base dereferences: an HTML page for a
//!   browser (labels in the reader's language, links, the source paragraphs quoted), its
//!   description as Turtle, N-Triples, RDF/XML or JSON-LD for a program.
//! - `/`: the home page: the dataset and its size, a SPARQL editor, the canned queries as
//!   forms, and a resolution's citation chain and sponsors drawn as SVG (`/draw/...`).
//!   `/queries`, `/queries/NAME` and `/sparql` answer a browser (HTML preferred) with pages.
//! - `/health`.
//!
//! Every query runs on a blocking thread under a time limit and with a cancellation token: past
//! the limit, or when the client goes away, the query is cancelled. Results are written whole
//! before the response starts, so a query that fails or runs out of time gets a real error
//! status, never a 200 with a cut body. Concurrent queries are capped; every response carries
//! CORS headers; a line of log per request.

use crate::page::{self, Facts};
use crate::queries;
use crate::states::StateTable;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::cell::Cell;
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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            query_timeout: Duration::from_secs(10),
            max_concurrent: 4,
            max_body: 1 << 20,
            max_answer: 256 << 20,
            public_base: crate::vocab::DEFAULT_BASE.to_owned(),
        }
    }
}

#[derive(Clone)]
struct App {
    store: Store,
    config: Arc<Config>,
    permits: Arc<Semaphore>,
    /// Counted once: the store is read-only while it is served.
    facts: Arc<OnceLock<Facts>>,
}

/// The request handler: every route, ready to serve or to call in-process.
pub fn router(store: Store, config: Config) -> Router {
    let app = App {
        store,
        permits: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        config: Arc::new(config.clone()),
        facts: Arc::default(),
    };
    Router::new()
        .route("/", get(home))
        .route("/assets/style.css", get(|| asset("text/css", page::STYLE)))
        .route(
            "/assets/app.js",
            get(|| asset("text/javascript", page::SCRIPT)),
        )
        .route("/draw/citations.svg", get(draw_citations))
        .route("/draw/sponsors.svg", get(draw_sponsors))
        .route("/sparql", get(sparql_get).post(sparql_post))
        .route("/queries", get(list_queries))
        .route("/queries/{name}", get(run_canned))
        .route("/health", get(|| async { "ok\n" }))
        .route("/store", get(graph_store))
        .route("/dump.nq", get(dump))
        .route("/.well-known/void", get(void_description))
        .route("/id/{*path}", get(resource))
        .layer(DefaultBodyLimit::max(config.max_body))
        .layer(middleware::from_fn(cors_and_log))
        .with_state(app)
}

/// Serves until Ctrl-C.
pub async fn serve(store: Store, config: Config, bind: &str) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!(address = %listener.local_addr()?, "serving");
    eprintln!(
        "normgraph: serving on http://{}/ (SPARQL endpoint at /sparql; Ctrl-C stops)",
        listener.local_addr()?
    );
    axum::serve(listener, router(store, config))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// CORS on every response (and preflight answered), and a line of log per request.
async fn cors_and_log(request: Request, next: Next) -> Response {
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
    tracing::info!(
        %method,
        path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1e3,
        "request"
    );
    response
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    let mut text = message.into();
    text.push('\n');
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The parameters of a protocol request.
#[derive(Debug, Default)]
struct Protocol {
    query: Option<String>,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

impl Protocol {
    /// Reads the protocol's parameters; the error is the message of a 400.
    fn read(pairs: &[(String, String)], into: &mut Protocol) -> Result<(), &'static str> {
        for (k, v) in pairs {
            match k.as_str() {
                "query" => {
                    if into.query.is_some() {
                        return Err("the request gives more than one query");
                    }
                    into.query = Some(v.clone());
                }
                "update" | "using-graph-uri" | "using-named-graph-uri" => into.update = true,
                "default-graph-uri" => into.default_graphs.push(v.clone()),
                "named-graph-uri" => into.named_graphs.push(v.clone()),
                _ => {}
            }
        }
        Ok(())
    }
}

fn form_pairs(text: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

async fn sparql_get(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let mut p = Protocol::default();
    if let Err(e) = Protocol::read(&form_pairs(raw.as_deref().unwrap_or("")), &mut p) {
        return error(StatusCode::BAD_REQUEST, e);
    }
    if p.update {
        return read_only();
    }
    match p.query.take() {
        None if prefers_html(&headers, &graph_types()) => {
            let query = format!(
                "{}\nSELECT * WHERE {{ ?s ?p ?o }} LIMIT 10\n",
                crate::vocab::prefix_lines()
            );
            html(page::sparql_answer(&query, "", &app.config.public_base))
        }
        None => service_description(&headers),
        Some(q) => evaluate(app, q, p, &headers).await,
    }
}

/// Whether the Accept header prefers a page to every one of `offers` (a browser does).
fn prefers_html<T: Clone>(headers: &HeaderMap, offers: &[(&str, T)]) -> bool {
    let mut with_html: Vec<(&str, Option<T>)> =
        offers.iter().map(|(m, f)| (*m, Some(f.clone()))).collect();
    with_html.push(("text/html", None));
    matches!(negotiate(headers, &with_html), Some((_, None)))
}

fn html(page: String) -> Response {
    ([(header::CONTENT_TYPE, HTML)], page).into_response()
}

async fn asset(media: &'static str, text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, media),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        text,
    )
        .into_response()
}

async fn sparql_post(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut p = Protocol::default();
    if let Err(e) = Protocol::read(&form_pairs(raw.as_deref().unwrap_or("")), &mut p) {
        return error(StatusCode::BAD_REQUEST, e);
    }
    let full_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut parts = full_type.split(';');
    let content_type = parts.next().unwrap_or("").trim().to_owned();
    if let Some(charset) = parts.find_map(|p| p.trim().strip_prefix("charset=")) {
        let charset = charset.trim_matches('"');
        if charset != "utf-8" && charset != "utf8" {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("charset \"{charset}\": the body must be UTF-8"),
            );
        }
    }
    let Ok(text) = std::str::from_utf8(&body) else {
        return error(StatusCode::BAD_REQUEST, "the request body is not UTF-8");
    };
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => {
            if let Err(e) = Protocol::read(&form_pairs(text), &mut p) {
                return error(StatusCode::BAD_REQUEST, e);
            }
        }
        "application/sparql-query" => {
            if p.query.is_some() {
                return error(
                    StatusCode::BAD_REQUEST,
                    "a query in the body and another in the URL",
                );
            }
            p.query = Some(text.to_owned());
        }
        "application/sparql-update" => return read_only(),
        other => {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "content type \"{other}\": expected application/x-www-form-urlencoded or application/sparql-query"
                ),
            )
        }
    }
    if p.update {
        return read_only();
    }
    match p.query.take() {
        None => error(
            StatusCode::BAD_REQUEST,
            "no query given (parameter \"query\")",
        ),
        Some(q) => evaluate(app, q, p, &headers).await,
    }
}

fn read_only() -> Response {
    error(
        StatusCode::FORBIDDEN,
        "this endpoint is read-only: SPARQL updates are refused",
    )
}

/// How solutions and booleans are answered: in a SPARQL results format, or as a page.
#[derive(Debug, Clone, Copy)]
enum ResultsAs {
    Sparql(QueryResultsFormat),
    Html,
}

/// Result formats for solutions and booleans, by media type; the first is the default. HTML
/// is for browsers, which ask for it first.
const RESULT_TYPES: [(&str, ResultsAs); 5] = [
    (
        "application/sparql-results+json",
        ResultsAs::Sparql(QueryResultsFormat::Json),
    ),
    (
        "application/sparql-results+xml",
        ResultsAs::Sparql(QueryResultsFormat::Xml),
    ),
    ("text/csv", ResultsAs::Sparql(QueryResultsFormat::Csv)),
    (
        "text/tab-separated-values",
        ResultsAs::Sparql(QueryResultsFormat::Tsv),
    ),
    ("text/html", ResultsAs::Html),
];

const HTML: &str = "text/html; charset=utf-8";

/// Formats for graphs (CONSTRUCT, DESCRIBE, the service description); the first is the default.
fn graph_types() -> [(&'static str, RdfFormat); 4] {
    [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ]
}

/// The offered media type the Accept header prefers (q-values honoured, `*/*` and `type/*`
/// understood); the first offer when there is no Accept header; None when nothing offered is
/// acceptable.
fn negotiate<T: Clone>(headers: &HeaderMap, offers: &[(&str, T)]) -> Option<(String, T)> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("*/*");
    let mut best: Option<(f32, usize)> = None;
    for (media, q) in weighted(accept) {
        for (i, (offer, _)) in offers.iter().enumerate() {
            let matches = media == "*/*"
                || media == *offer
                || media
                    .strip_suffix("/*")
                    .is_some_and(|t| offer.starts_with(&format!("{t}/")));
            // Aliases clients send.
            let alias = matches!(
                (media.as_str(), *offer),
                ("application/json", "application/sparql-results+json")
                    | ("application/xml", "application/sparql-results+xml")
                    | ("text/plain", "application/n-triples")
            );
            if (matches || alias) && best.is_none_or(|(bq, bi)| q > bq || (q == bq && i < bi)) {
                best = Some((q, i));
            }
        }
    }
    best.map(|(_, i)| (offers[i].0.to_owned(), offers[i].1.clone()))
}

/// Cancels the token when dropped before `done`: a client that goes away cancels its query.
struct CancelOnDrop {
    token: CancellationToken,
    done: bool,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.token.cancel();
        }
    }
}

enum Outcome {
    Body(String, Vec<u8>),
    NotAcceptable(&'static str),
    Missing(String),
    Failed(String),
}

/// The endpoint's own address, from the Host header: the base IRI of the queries it is sent
/// (the protocol lets the service define it) and the address its description gives.
fn endpoint(headers: &HeaderMap) -> String {
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

fn evaluator(base: &str) -> SparqlEvaluator {
    let e = SparqlEvaluator::new();
    e.clone().with_base_iri(base).unwrap_or(e)
}

async fn evaluate(app: App, query: String, protocol: Protocol, headers: &HeaderMap) -> Response {
    let formats = Formats {
        results: negotiate(headers, &RESULT_TYPES),
        graph: negotiate(headers, &graph_types()),
    };
    let token = CancellationToken::new();
    let mut prepared = match evaluator(&endpoint(headers))
        .with_cancellation_token(token.clone())
        .parse_query(&query)
    {
        Ok(p) => p,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                format!("the query does not parse: {e}"),
            )
        }
    };
    // The dataset the protocol names, in place of the query's own FROM and FROM NAMED.
    let iris = |graphs: &[String]| -> Result<Vec<NamedNode>, String> {
        graphs
            .iter()
            .map(|g| NamedNode::new(g.clone()).map_err(|e| format!("graph IRI <{g}>: {e}")))
            .collect()
    };
    let (defaults, named) = match (iris(&protocol.default_graphs), iris(&protocol.named_graphs)) {
        (Ok(d), Ok(n)) => (d, n),
        (Err(e), _) | (_, Err(e)) => return error(StatusCode::BAD_REQUEST, e),
    };
    if !defaults.is_empty() {
        prepared
            .dataset_mut()
            .set_default_graph(defaults.into_iter().map(GraphName::NamedNode).collect());
    }
    if !named.is_empty() {
        prepared
            .dataset_mut()
            .set_available_named_graphs(named.into_iter().map(Into::into).collect());
    }
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let max_answer = app.config.max_answer;
    limited(&app, token.clone(), move || {
        match prepared.on_store(&store).execute() {
            Ok(results) => write_results(results, formats, max_answer, &token, |answer| {
                let shown = match answer {
                    PageAnswer::Table(columns, rows) => page::table(&columns, &rows, &base),
                    PageAnswer::Boolean(b) => format!("<p class=\"count\">{b}</p>"),
                };
                page::sparql_answer(&query, &shown, &base)
            }),
            Err(e) => Outcome::Failed(format!("the query failed: {e}")),
        }
    })
    .await
}

/// Runs `work` on a blocking thread when a turn comes, under the time limit: past it, or when
/// the client goes away, `token` is cancelled and the client gets 503.
async fn limited(
    app: &App,
    token: CancellationToken,
    work: impl FnOnce() -> Outcome + Send + 'static,
) -> Response {
    let timeout = app.config.query_timeout;
    let started = Instant::now();
    let Ok(Ok(permit)) = tokio::time::timeout(timeout, app.permits.clone().acquire_owned()).await
    else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "too many queries at once: none finished within the {} s limit",
                timeout.as_secs_f64()
            ),
        );
    };
    let too_late = || {
        error(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query ran past the {} s limit and was cancelled",
                timeout.as_secs_f64()
            ),
        )
    };
    let remaining = timeout.saturating_sub(started.elapsed());
    if remaining.is_zero() {
        // The limit was spent waiting for a turn: the query does not start.
        token.cancel();
        return too_late();
    }
    let mut guard = CancelOnDrop { token, done: false };
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    });
    let outcome = tokio::time::timeout(remaining, task).await;
    if outcome.is_err() {
        guard.token.cancel();
    }
    guard.done = true;
    match outcome {
        Ok(Ok(Outcome::Body(media, body))) => {
            ([(header::CONTENT_TYPE, media)], body).into_response()
        }
        Ok(Ok(Outcome::NotAcceptable(kind))) => error(
            StatusCode::NOT_ACCEPTABLE,
            format!("none of the formats in the Accept header can carry {kind}"),
        ),
        Ok(Ok(Outcome::Missing(e))) => error(StatusCode::NOT_FOUND, e),
        Ok(Ok(Outcome::Failed(e))) => error(StatusCode::INTERNAL_SERVER_ERROR, e),
        Ok(Err(e)) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the query's thread failed: {e}"),
        ),
        Err(_) => too_late(),
    }
}

/// An answer to be shown on a page.
enum PageAnswer {
    Table(Vec<String>, Vec<Vec<Option<Term>>>),
    Boolean(bool),
}

/// The formats the Accept header chose, for results and for graphs (None: none acceptable).
struct Formats {
    results: Option<(String, ResultsAs)>,
    graph: Option<(String, RdfFormat)>,
}

/// A buffer that tells how much has been written into it while a serializer holds it.
struct Measured<'a> {
    body: &'a mut Vec<u8>,
    written: &'a Cell<usize>,
}

impl std::io::Write for Measured<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.body.extend_from_slice(bytes);
        self.written.set(self.body.len());
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Writes the answer whole, up to `max_answer` bytes. Oxigraph checks the token when it reads
/// the store; the loops here check it between results too, so that a query that computes
/// results without reading (a join already in memory) stops as well. (An aggregate over such
/// a join still runs to its end on its thread: a limit of Oxigraph's evaluator; its client has
/// had its 503.)
fn write_results(
    results: QueryResults<'_>,
    formats: Formats,
    max_answer: usize,
    token: &CancellationToken,
    as_page: impl FnOnce(PageAnswer) -> String,
) -> Outcome {
    let written = Cell::new(0);
    let alive = || {
        if token.is_cancelled() {
            Err("the query was cancelled".to_owned())
        } else if written.get() > max_answer {
            Err(format!(
                "the answer passed {} MiB and was abandoned: ask for fewer rows (LIMIT), or take \
                 the whole graph from /store?default",
                max_answer >> 20
            ))
        } else {
            Ok(())
        }
    };
    let failed = |e: &dyn std::fmt::Display| format!("the query failed: {e}");
    let mut body = Vec::new();
    let out = Measured {
        body: &mut body,
        written: &written,
    };
    let answer: Result<String, String> = match (results, formats.results, formats.graph) {
        (QueryResults::Solutions(_) | QueryResults::Boolean(_), None, _) => {
            return Outcome::NotAcceptable("query results")
        }
        (QueryResults::Graph(_), _, None) => return Outcome::NotAcceptable("a graph"),
        (QueryResults::Solutions(solutions), Some((_, ResultsAs::Html)), _) => (|| {
            let columns = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let mut rows = Vec::new();
            for s in solutions {
                alive()?;
                let s = s.map_err(|e| failed(&e))?;
                let size: usize = s
                    .values()
                    .iter()
                    .flatten()
                    .map(|t| t.to_string().len())
                    .sum();
                written.set(written.get() + size);
                rows.push(s.values().to_vec());
            }
            out.body
                .extend(as_page(PageAnswer::Table(columns, rows)).into_bytes());
            Ok(HTML.to_owned())
        })(),
        (QueryResults::Boolean(b), Some((_, ResultsAs::Html)), _) => {
            out.body
                .extend(as_page(PageAnswer::Boolean(b)).into_bytes());
            Ok(HTML.to_owned())
        }
        (QueryResults::Solutions(solutions), Some((media, ResultsAs::Sparql(format))), _) => {
            (|| {
                let mut w = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(out, solutions.variables().to_vec())
                    .map_err(|e| failed(&e))?;
                for s in solutions {
                    alive()?;
                    w.serialize(&s.map_err(|e| failed(&e))?)
                        .map_err(|e| failed(&e))?;
                }
                w.finish().map_err(|e| failed(&e))?;
                Ok(media)
            })()
        }
        (QueryResults::Boolean(b), Some((media, ResultsAs::Sparql(format))), _) => {
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(out, b)
                .map(|_| media)
                .map_err(|e| failed(&e))
        }
        (QueryResults::Graph(triples), _, Some((media, format))) => (|| {
            let mut w = RdfSerializer::from_format(format).for_writer(out);
            for t in triples {
                alive()?;
                w.serialize_triple(&t.map_err(|e| failed(&e))?)
                    .map_err(|e| failed(&e))?;
            }
            w.finish().map_err(|e| failed(&e))?;
            Ok(media)
        })(),
    };
    match answer {
        Ok(media) => Outcome::Body(media, body),
        Err(e) => Outcome::Failed(e),
    }
}

/// The SPARQL 1.1 Service Description of the endpoint.
fn service_description(headers: &HeaderMap) -> Response {
    const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
    const FORMATS: &str = "http://www.w3.org/ns/formats/";
    let Some((media, format)) = negotiate(headers, &graph_types()) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "none of the formats in the Accept header can carry the service description",
        );
    };
    let n = |s: String| NamedNode::new_unchecked(s);
    let service = oxigraph::model::BlankNode::default();
    let dataset = oxigraph::model::BlankNode::default();
    let graph = oxigraph::model::BlankNode::default();
    let mut triples: Vec<oxigraph::model::Triple> = Vec::new();
    let mut add = |s: oxigraph::model::NamedOrBlankNode, p: &str, o: Term| {
        triples.push(oxigraph::model::Triple::new(s, n(p.to_owned()), o));
    };
    let rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    add(
        service.clone().into(),
        rdf_type,
        n(format!("{SD}Service")).into(),
    );
    add(
        service.clone().into(),
        &format!("{SD}endpoint"),
        n(endpoint(headers)).into(),
    );
    add(
        service.clone().into(),
        &format!("{SD}supportedLanguage"),
        n(format!("{SD}SPARQL11Query")).into(),
    );
    add(
        service.clone().into(),
        &format!("{SD}feature"),
        n(format!("{SD}UnionDefaultGraph")).into(),
    );
    for f in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
    ] {
        add(
            service.clone().into(),
            &format!("{SD}resultFormat"),
            n(format!("{FORMATS}{f}")).into(),
        );
    }
    add(
        service.into(),
        &format!("{SD}defaultDataset"),
        dataset.clone().into(),
    );
    add(
        dataset.clone().into(),
        rdf_type,
        n(format!("{SD}Dataset")).into(),
    );
    add(
        dataset.into(),
        &format!("{SD}defaultGraph"),
        graph.clone().into(),
    );
    add(graph.into(), rdf_type, n(format!("{SD}Graph")).into());
    let mut body = Vec::new();
    let mut w = RdfSerializer::from_format(format)
        .with_prefix("sd", SD)
        .expect("a valid prefix")
        .for_writer(&mut body);
    for t in &triples {
        if w.serialize_triple(t).is_err() {
            return error(StatusCode::INTERNAL_SERVER_ERROR, "writing the description");
        }
    }
    if w.finish().is_err() {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "writing the description");
    }
    ([(header::CONTENT_TYPE, media)], body).into_response()
}

async fn list_queries(State(app): State<App>, headers: HeaderMap) -> Response {
    if prefers_html(&headers, &[("application/json", ())]) {
        return html(page::queries(queries::catalogue(), &app.config.public_base));
    }
    let list: Vec<serde_json::Value> = queries::catalogue()
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name,
                "description": c.description,
                "parameters": c.params.iter().map(|p| serde_json::json!({
                    "name": p.name, "kind": p.kind.as_str()
                })).collect::<Vec<_>>(),
                "columns": c.columns,
                "url": format!("/queries/{}", c.name),
            })
        })
        .collect();
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string_pretty(&list).unwrap_or_default(),
    )
        .into_response()
}

async fn run_canned(
    State(app): State<App>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let canned = match queries::find(&name) {
        Ok(c) => c,
        Err(e) => return error(StatusCode::NOT_FOUND, e.to_string()),
    };
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let bound: Vec<(Variable, Term)> = match canned.bind(&given, StateTable::bundled()) {
        Ok(b) => b,
        Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
    };
    let Some((media, answer_as)) = negotiate(&headers, &RESULT_TYPES) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "none of the formats in the Accept header can carry query results",
        );
    };
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let token = CancellationToken::new();
    limited(&app, token.clone(), move || {
        let (media, written) = match canned.run_cancellable(&store, bound, token) {
            Err(e) => (media, Err(e.to_string())),
            Ok(table) => match answer_as {
                ResultsAs::Html => (
                    HTML.to_owned(),
                    Ok(
                        page::canned_answer(canned, &given, &table.columns, &table.rows, &base)
                            .into_bytes(),
                    ),
                ),
                ResultsAs::Sparql(format) => {
                    let mut body = Vec::new();
                    let written = table.write_results(format, &mut body);
                    (media, written.map(|_| body).map_err(|e| e.to_string()))
                }
            },
        };
        match written {
            Ok(body) => Outcome::Body(media, body),
            Err(e) => Outcome::Failed(e),
        }
    })
    .await
}

/// Runs `work` on a blocking thread (it reads the store); a failure is the client's 500.
async fn on_blocking_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, Response> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(e)) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, e)),
        Err(e) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

/// A writer that sends what it is given, in chunks, down a channel to the response body; it
/// fails once the client has gone, which stops the export.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buffer: Vec<u8>,
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= 64 << 10 {
            self.flush()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buffer));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

/// Every named graph as N-Quads (`normgraph export` over HTTP), streamed from the store.
async fn dump(State(app): State<App>) -> Response {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buffer: Vec::new(),
        };
        let written = crate::export::write(&store, crate::export::DumpFormat::NQuads, &[], &mut w)
            .map_err(|e| e.to_string())
            .and_then(|_| std::io::Write::flush(&mut w).map_err(|e| e.to_string()));
        if let Err(e) = written {
            // The status has gone: the body ends in an error, which aborts the connection,
            // so the client cannot take a cut dump for a whole one.
            let _ = tx.blocking_send(Err(std::io::Error::other(e)));
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    (
        [
            (header::CONTENT_TYPE, "application/n-quads"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"normgraph.nq\"",
            ),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

/// The Graph Store Protocol, read side: `GET /store?graph=IRI` gives that named graph whole,
/// `GET /store?default` the default graph (the merge of the sources).
async fn graph_store(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let pairs = form_pairs(raw.as_deref().unwrap_or(""));
    let graph = match (
        pairs.iter().find(|(k, _)| k == "graph"),
        pairs.iter().any(|(k, _)| k == "default"),
    ) {
        (Some((_, g)), false) => match NamedNode::new(g.clone()) {
            Ok(n) => GraphName::NamedNode(n),
            Err(e) => return error(StatusCode::BAD_REQUEST, format!("graph IRI <{g}>: {e}")),
        },
        (None, true) => GraphName::DefaultGraph,
        _ => {
            return error(
                StatusCode::BAD_REQUEST,
                "give either ?graph=IRI or ?default",
            )
        }
    };
    let Some((media, format)) = negotiate(&headers, &graph_types()) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "none of the formats in the Accept header can carry a graph",
        );
    };
    let store = app.store.clone();
    let body = on_blocking_thread(move || -> Result<Option<Vec<u8>>, String> {
        if let GraphName::NamedNode(n) = &graph {
            if !store.contains_named_graph(n).map_err(|e| e.to_string())? {
                return Ok(None);
            }
        }
        let quads = store
            .quads_for_pattern(None, None, None, Some(graph.as_ref()))
            .map(|q| q.map_err(|e| e.to_string()));
        triples_as(RdfSerializer::from_format(format), quads).map(Some)
    });
    match body.await {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, media)], body).into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "no such graph in the store"),
        Err(response) => response,
    }
}

/// The VoID description: what the dataset is, how big, its vocabularies, an example resource,
/// where to query it.
async fn void_description(State(app): State<App>, headers: HeaderMap) -> Response {
    const VOID: &str = "http://rdfs.org/ns/void#";
    const DCT: &str = "http://purl.org/dc/terms/";
    let Some((media, format)) = negotiate(&headers, &graph_types()) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "none of the formats in the Accept header can carry the description",
        );
    };
    let endpoint = endpoint(&headers);
    let facts = match facts(&app).await {
        Ok(f) => f,
        Err(response) => return response,
    };
    let store = app.store.clone();
    let body = on_blocking_thread(move || -> Result<Vec<u8>, String> {
        let (triples, graphs) = (facts.triples, facts.graphs);
        let example = crate::store::document(&store, "A/RES/75/240").map_err(|e| e.to_string())?;
        let n = |s: String| NamedNode::new_unchecked(s);
        let dataset = n(format!(
            "{}/.well-known/void#dataset",
            endpoint.trim_end_matches("/sparql")
        ));
        let lit = |s: String| Term::from(oxigraph::model::Literal::new_simple_literal(s));
        let int = |v: usize| Term::from(oxigraph::model::Literal::from(v as i64));
        let mut t: Vec<(String, Term)> = vec![
            (RDF_TYPE.to_string(), n(format!("{VOID}Dataset")).into()),
            (format!("{DCT}title"), lit("normgraph: how States govern cyberspace at the United Nations".into())),
            (format!("{DCT}description"), lit("UN documents on ICT and international security (resolutions, drafts, committee reports, reports of the groups of governmental experts) as linked data: citations, sponsors, recorded votes State by State, the norms of responsible State behaviour, the bodies the resolutions set up.".into())),
            (format!("{DCT}source"), n("https://www.un.org/".into()).into()),
            (format!("{VOID}sparqlEndpoint"), n(endpoint.clone()).into()),
            (
                format!("{VOID}dataDump"),
                n(format!("{}/dump.nq", endpoint.trim_end_matches("/sparql"))).into(),
            ),
            (
                format!("{VOID}dataDump"),
                n(format!("{}/store?default", endpoint.trim_end_matches("/sparql"))).into(),
            ),
            (format!("{VOID}triples"), int(triples)),
            (format!("{VOID}documents"), int(graphs)),
        ];
        for (_, ns) in crate::vocab::PREFIXES {
            t.push((format!("{VOID}vocabulary"), n(ns.to_owned()).into()));
        }
        if let Some(NamedOrBlankNode::NamedNode(e)) = example {
            if let Some(space) = e.as_str().strip_suffix("doc/A/RES/75/240") {
                t.push((format!("{VOID}uriSpace"), lit(space.to_owned())));
            }
            t.push((format!("{VOID}exampleResource"), e.into()));
        }
        let mut body = Vec::new();
        let mut w = RdfSerializer::from_format(format)
            .with_prefix("void", VOID)
            .and_then(|s| s.with_prefix("dcterms", DCT))
            .map_err(|e| e.to_string())?
            .for_writer(&mut body);
        for (p, o) in t {
            w.serialize_triple(&oxigraph::model::Triple::new(dataset.clone(), n(p), o))
                .map_err(|e| e.to_string())?;
        }
        w.finish().map_err(|e| e.to_string())?;
        Ok(body)
    });
    match body.await {
        Ok(body) => ([(header::CONTENT_TYPE, media)], body).into_response(),
        Err(response) => response,
    }
}

/// The dataset's figures, counted on first use.
async fn facts(app: &App) -> Result<Facts, Response> {
    if let Some(f) = app.facts.get() {
        return Ok(f.clone());
    }
    let store = app.store.clone();
    let counted = on_blocking_thread(move || count_facts(&store)).await?;
    Ok(app.facts.get_or_init(|| counted).clone())
}

fn count_facts(store: &Store) -> Result<Facts, String> {
    let (triples, source_quads) = crate::store::sizes(store).map_err(|e| e.to_string())?;
    let computed = crate::store::computed_graphs();
    let graphs = store
        .named_graphs()
        .filter(|g| !matches!(g, Ok(NamedOrBlankNode::NamedNode(n)) if computed.contains(n)))
        .count();
    let classes = crate::report::select(
        store,
        "SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
           VALUES ?class { ng:Resolution ng:DraftResolution ng:GGEReport ng:CommitteeReport
                           ng:State ng:Sponsorship opengov:VoteEvent opengov:Vote }
           ?x a ?class } GROUP BY ?class",
    )?
    .into_iter()
    .map(|row| (crate::vocab::compact(&row[0]), row[1].parse().unwrap_or(0)))
    .collect();
    Ok(Facts {
        triples,
        source_quads,
        graphs,
        classes,
    })
}

/// The home page; `?doc=SYMBOL` chooses the resolution drawn (by default A/RES/75/240 when the
/// graph has it).
async fn home(State(app): State<App>, RawQuery(raw): RawQuery) -> Response {
    let facts = match facts(&app).await {
        Ok(f) => f,
        Err(response) => return response,
    };
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let asked = given
        .iter()
        .find(|(k, _)| k == "doc")
        .map(|(_, v)| v.clone());
    let doc = match queries::document_symbol(asked.as_deref().unwrap_or("A/RES/75/240")) {
        Ok(d) => d,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("doc: {e}")),
    };
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let token = CancellationToken::new();
    limited(&app, token.clone(), move || {
        let known = match crate::store::document(&store, doc.as_str()) {
            Ok(d) => d.is_some(),
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let picture = if known {
            match (
                crate::draw::chain(&store, &doc, &token),
                crate::draw::sponsors(&store, &doc, &token),
            ) {
                (Ok(chain), Ok(sponsors)) => Some((
                    crate::draw::chain_svg(&chain),
                    crate::draw::sponsors_svg(doc.as_str(), &sponsors),
                )),
                (Err(e), _) | (_, Err(e)) => return Outcome::Failed(e),
            }
        } else if asked.is_some() {
            return Outcome::Missing(format!("no document {} in the graph", doc.as_str()));
        } else {
            None
        };
        let page = page::home(
            &facts,
            queries::catalogue(),
            picture
                .as_ref()
                .map(|(c, s)| (doc.as_str(), c.as_str(), s.as_str())),
            &base,
        );
        Outcome::Body(HTML.to_owned(), page.into_bytes())
    })
    .await
}

/// A picture of `?doc=SYMBOL`, as an SVG document.
async fn draw(
    app: App,
    raw: Option<String>,
    picture: fn(&Store, &crate::symbol::Symbol, &CancellationToken) -> Result<String, String>,
) -> Response {
    let given = form_pairs(raw.as_deref().unwrap_or(""));
    let Some((_, asked)) = given.iter().find(|(k, _)| k == "doc") else {
        return error(StatusCode::BAD_REQUEST, "give ?doc=SYMBOL");
    };
    let doc = match queries::document_symbol(asked) {
        Ok(d) => d,
        Err(e) => return error(StatusCode::BAD_REQUEST, format!("doc: {e}")),
    };
    let store = app.store.clone();
    let token = CancellationToken::new();
    limited(&app, token.clone(), move || {
        match crate::store::document(&store, doc.as_str()) {
            Ok(Some(_)) => {}
            Ok(None) => {
                return Outcome::Missing(format!("no document {} in the graph", doc.as_str()))
            }
            Err(e) => return Outcome::Failed(e.to_string()),
        }
        match picture(&store, &doc, &token) {
            Ok(svg) => Outcome::Body("image/svg+xml".to_owned(), svg.into_bytes()),
            Err(e) => Outcome::Failed(e),
        }
    })
    .await
}

async fn draw_citations(State(app): State<App>, RawQuery(raw): RawQuery) -> Response {
    draw(app, raw, |store, doc, token| {
        crate::draw::chain(store, doc, token).map(|c| crate::draw::chain_svg(&c))
    })
    .await
}

async fn draw_sponsors(State(app): State<App>, RawQuery(raw): RawQuery) -> Response {
    draw(app, raw, |store, doc, token| {
        crate::draw::sponsors(store, doc, token)
            .map(|s| crate::draw::sponsors_svg(doc.as_str(), &s))
    })
    .await
}

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// A resource of the graph: its description, as a page or as RDF.
async fn resource(
    State(app): State<App>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Response {
    let own = format!(
        "{}/id/{path}",
        endpoint(&headers).trim_end_matches("/sparql")
    );
    let candidates = [format!("{}{path}", app.config.public_base), own];
    let mut offers: Vec<(&str, Option<RdfFormat>)> = vec![("text/html", None)];
    offers.extend(graph_types().into_iter().map(|(m, f)| (m, Some(f))));
    let Some((media, format)) = negotiate(&headers, &offers) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            "none of the formats in the Accept header can carry a description",
        );
    };
    // A browser sends */* among its types: HTML first unless RDF is preferred.
    let languages = accepted_languages(&headers);
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let body = on_blocking_thread(move || -> Result<Option<Vec<u8>>, String> {
        let Some(iri) = candidates.iter().find_map(|c| {
            let node = NamedNode::new(c.clone()).ok()?;
            store
                .quads_for_pattern(
                    Some(node.as_ref().into()),
                    None,
                    None,
                    Some(oxigraph::model::GraphNameRef::DefaultGraph),
                )
                .next()
                .map(|_| node)
        }) else {
            return Ok(None);
        };
        let outgoing: Vec<oxigraph::model::Quad> = store
            .quads_for_pattern(
                Some(iri.as_ref().into()),
                None,
                None,
                Some(oxigraph::model::GraphNameRef::DefaultGraph),
            )
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let incoming: Vec<oxigraph::model::Quad> = store
            .quads_for_pattern(
                None,
                None,
                Some(iri.as_ref().into()),
                Some(oxigraph::model::GraphNameRef::DefaultGraph),
            )
            .take(500)
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        let body = match format {
            Some(format) => {
                let mut w = RdfSerializer::from_format(format);
                for (p, ns) in crate::vocab::PREFIXES {
                    w = w.with_prefix(p, ns).map_err(|e| e.to_string())?;
                }
                triples_as(w, outgoing.into_iter().chain(incoming).map(Ok))?
            }
            None => crate::page::resource(&store, &iri, &outgoing, &incoming, &languages, &base)
                .into_bytes(),
        };
        Ok(Some(body))
    });
    match body.await {
        Ok(Some(body)) => {
            let media = if media == "text/html" {
                "text/html; charset=utf-8".to_owned()
            } else {
                media
            };
            (
                [
                    (header::CONTENT_TYPE, media),
                    (header::VARY, "Accept, Accept-Language".to_owned()),
                ],
                body,
            )
                .into_response()
        }
        Ok(None) => error(
            StatusCode::NOT_FOUND,
            format!("no resource /id/{path} in the graph"),
        ),
        Err(response) => response,
    }
}

/// The languages of the Accept-Language header, preferred first.
fn accepted_languages(headers: &HeaderMap) -> Vec<String> {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut langs: Vec<(String, f32)> = weighted(accept)
        .into_iter()
        .filter_map(|(tag, q)| {
            let primary = tag.split('-').next()?.to_owned();
            (!primary.is_empty() && primary != "*").then_some((primary, q))
        })
        .collect();
    langs.sort_by(|a, b| b.1.total_cmp(&a.1));
    langs.into_iter().map(|(l, _)| l).collect()
}

/// The items of an Accept or Accept-Language header, lower-cased, with their q-values (1 when
/// not given); the items a q of 0 refuses left out.
fn weighted(header: &str) -> Vec<(String, f32)> {
    header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let value = parts.next()?.trim().to_ascii_lowercase();
            let q: f32 = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            (!value.is_empty() && q > 0.0).then_some((value, q))
        })
        .collect()
}

/// The triples of `quads` (their graph names dropped), written whole.
fn triples_as(
    serializer: RdfSerializer,
    quads: impl Iterator<Item = Result<oxigraph::model::Quad, String>>,
) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    let mut w = serializer.for_writer(&mut body);
    for q in quads {
        let q = q?;
        w.serialize_triple(oxigraph::model::TripleRef::new(
            &q.subject,
            &q.predicate,
            &q.object,
        ))
        .map_err(|e| e.to_string())?;
    }
    w.finish().map_err(|e| e.to_string())?;
    Ok(body)
}
