//! The SPARQL 1.1 Protocol at `/sparql`: GET, POST form-encoded or `application/sparql-query`;
//! the dataset the request names in place of the query's own; results and graphs in the format
//! the Accept header asks for, or as a page for a browser; without a query, the service
//! description. Updates are refused: the server has no write path.
//!
//! Answers are written whole before the response starts, up to the size limit, so a query that
//! fails or runs out of time gets a real error status, never a 200 with a cut body.

use super::app::{endpoint, form_pairs, html, App, Slots};
use super::blocking::{limited, Body};
use super::error::ApiError;
use super::negotiate::{graph_types, negotiate, prefers_html, ResultsAs, HTML, RESULT_TYPES};
use super::page;
use crate::query::sparql::{self, Options};
use crate::rdf::vocab::{prefix_lines, rdf, sd};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};
use oxigraph::store::Store;
use std::cell::Cell;

/// The parameters of a protocol request.
#[derive(Debug, Default)]
struct Protocol {
    query: Option<String>,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

impl Protocol {
    /// Reads the protocol's parameters.
    fn read(pairs: &[(String, String)], into: &mut Protocol) -> Result<(), ApiError> {
        for (k, v) in pairs {
            match k.as_str() {
                "query" => {
                    if into.query.is_some() {
                        return Err(ApiError::BadRequest(
                            "the request gives more than one query".into(),
                        ));
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

pub async fn sparql_get(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let mut p = Protocol::default();
    if let Err(e) = Protocol::read(&form_pairs(raw.as_deref().unwrap_or("")), &mut p) {
        return e.into_response();
    }
    if p.update {
        return ApiError::ReadOnly.into_response();
    }
    match p.query.take() {
        None if prefers_html(&headers, &graph_types()) => {
            let query = format!(
                "{}\nSELECT * WHERE {{ ?s ?p ?o }} LIMIT 10\n",
                prefix_lines()
            );
            let chrome = super::chrome::Chrome::new(super::negotiate::accepted_languages(&headers));
            html(page::sparql_answer(
                &chrome,
                &query,
                "",
                &app.config.public_base,
            ))
        }
        None => service_description(&headers).into_response(),
        Some(q) => evaluate(app, q, p, &headers).await,
    }
}

pub async fn sparql_post(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match post_protocol(raw.as_deref(), &headers, &body) {
        Ok(Protocol { update: true, .. }) => ApiError::ReadOnly.into_response(),
        Ok(mut p) => match p.query.take() {
            None => {
                ApiError::BadRequest("no query given (parameter \"query\")".into()).into_response()
            }
            Some(q) => evaluate(app, q, p, &headers).await,
        },
        Err(e) => e.into_response(),
    }
}

/// The protocol's parameters of a POST: from the URL and from the body, by its content type.
fn post_protocol(
    raw: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Protocol, ApiError> {
    let mut p = Protocol::default();
    Protocol::read(&form_pairs(raw.unwrap_or("")), &mut p)?;
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
            return Err(ApiError::UnsupportedMediaType(format!(
                "charset \"{charset}\": the body must be UTF-8"
            )));
        }
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(ApiError::BadRequest("the request body is not UTF-8".into()));
    };
    match content_type.as_str() {
        "application/x-www-form-urlencoded" => Protocol::read(&form_pairs(text), &mut p)?,
        "application/sparql-query" => {
            if p.query.is_some() {
                return Err(ApiError::BadRequest(
                    "a query in the body and another in the URL".into(),
                ));
            }
            p.query = Some(text.to_owned());
        }
        "application/sparql-update" => return Err(ApiError::ReadOnly),
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "content type \"{other}\": expected application/x-www-form-urlencoded or application/sparql-query"
            )))
        }
    }
    Ok(p)
}

/// The formats the Accept header chose, for results and for graphs (None: none acceptable).
struct Formats {
    results: Option<(String, ResultsAs)>,
    graph: Option<(String, RdfFormat)>,
}

/// A query to evaluate and all the request says about its answer: what a query worker
/// ([`super::isolate`]) is sent, or what is evaluated in-process.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Job {
    pub query: String,
    /// The base IRI of the query: the endpoint's own address.
    pub base: String,
    /// The request's Accept header, if it has one.
    pub accept: Option<String>,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    pub max_answer: usize,
    /// The base of the graph's IRIs, for the links of a page.
    pub public_base: String,
    /// The reader's languages, for a page's chrome.
    #[serde(default)]
    pub languages: Vec<String>,
}

async fn evaluate(app: App, query: String, protocol: Protocol, headers: &HeaderMap) -> Response {
    // Refused at once when too deep, before it waits for a turn.
    if let Err(e) = crate::query::guard::check(&query) {
        return ApiError::QueryTooComplex(e.0).into_response();
    }
    let job = Job {
        query,
        base: endpoint(headers),
        accept: headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        default_graphs: protocol.default_graphs,
        named_graphs: protocol.named_graphs,
        max_answer: app.config.max_answer,
        public_base: app.config.public_base.clone(),
        languages: super::negotiate::accepted_languages(headers),
    };
    if let Some(pool) = app.pool.clone() {
        return super::isolate::limited(&app, pool, job).await;
    }
    let store = app.store.clone();
    let token = CancellationToken::new();
    limited(&app, Slots::Queries, token.clone(), move || {
        crate::query::guard::on_query_stack(move || answer(&store, job, &token))
    })
    .await
}

/// Evaluates `job` on `store` and writes its answer whole. Run it on
/// [`crate::query::guard::on_query_stack`].
pub fn answer(store: &Store, job: Job, token: &CancellationToken) -> Result<Body, ApiError> {
    let mut accept = HeaderMap::new();
    if let Some(v) = job.accept.as_deref().and_then(|a| a.parse().ok()) {
        accept.insert(header::ACCEPT, v);
    }
    let formats = Formats {
        results: negotiate(&accept, &RESULT_TYPES),
        graph: negotiate(&accept, &graph_types()),
    };
    // The dataset the protocol names, in place of the query's own FROM and FROM NAMED.
    let iris = |graphs: &[String]| -> Result<Vec<NamedNode>, ApiError> {
        graphs
            .iter()
            .map(|g| {
                NamedNode::new(g.clone())
                    .map_err(|e| ApiError::BadRequest(format!("graph IRI <{g}>: {e}")))
            })
            .collect()
    };
    let (defaults, named) = (iris(&job.default_graphs)?, iris(&job.named_graphs)?);
    // Our prefixes predeclared, as on the command line: a query may use `ng:` and the others
    // without declaring them (its own PREFIX of the same name wins).
    let options = Options {
        prefixes: true,
        base: Some(job.base.clone()),
        token: Some(token.clone()),
    };
    let mut prepared = sparql::prepare(&job.query, &options)?;
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
    let results = prepared
        .on_store(store)
        .execute()
        .map_err(|e| ApiError::QueryFailed(format!("the query failed: {e}")))?;
    write_results(results, formats, job.max_answer, token, |answer| {
        let shown = match answer {
            PageAnswer::Table(columns, rows, total) => {
                let mut shown = String::new();
                if total > rows.len() {
                    let query: String =
                        form_urlencoded::byte_serialize(job.query.as_bytes()).collect();
                    let link = |format: &str| {
                        format!(
                            "<a href=\"/sparql?query={query}&amp;format={format}\">{}</a>",
                            format.to_uppercase()
                        )
                    };
                    shown.push_str(&format!(
                        "<p class=\"note\">The first {} rows of {}; the whole answer as {}, {} or {}, \
                         or page it in the <a href=\"/editor?query={query}\">editor</a>.</p>",
                        super::html::thousands(rows.len()),
                        super::html::thousands(total),
                        link("csv"),
                        link("tsv"),
                        link("json"),
                    ));
                }
                shown.push_str(&page::table(&columns, &rows, &job.public_base));
                shown
            }
            PageAnswer::Boolean(b) => format!("<p class=\"count\">{b}</p>"),
        };
        let chrome = super::chrome::Chrome::new(job.languages.clone());
        page::sparql_answer(&chrome, &job.query, &shown, &job.public_base)
    })
}

/// An answer to be shown on a page.
enum PageAnswer {
    /// The columns, the rows shown (at most [`PAGE_ROWS`]) and how many rows the answer has.
    Table(Vec<String>, Vec<Vec<Option<Term>>>, usize),
    Boolean(bool),
}

/// The most rows an answer shows on a page: a browser is not a download (the whole answer is
/// a link away, as CSV, TSV or JSON).
pub const PAGE_ROWS: usize = 1000;

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
) -> Result<Body, ApiError> {
    let written = Cell::new(0);
    let alive = || {
        if token.is_cancelled() {
            Err(ApiError::QueryFailed("the query was cancelled".to_owned()))
        } else if written.get() > max_answer {
            Err(ApiError::AnswerTooLarge(max_answer >> 20))
        } else {
            Ok(())
        }
    };
    let failed =
        |e: &dyn std::fmt::Display| ApiError::QueryFailed(format!("the query failed: {e}"));
    let mut body = Vec::new();
    let out = Measured {
        body: &mut body,
        written: &written,
    };
    let media = match (results, formats.results, formats.graph) {
        (QueryResults::Solutions(_) | QueryResults::Boolean(_), None, _) => {
            return Err(ApiError::NotAcceptable("query results".into()))
        }
        (QueryResults::Graph(_), _, None) => return Err(ApiError::NotAcceptable("a graph".into())),
        (QueryResults::Solutions(solutions), Some((_, ResultsAs::Html)), _) => {
            let columns = solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect();
            let (mut rows, mut total) = (Vec::new(), 0usize);
            for s in solutions {
                alive()?;
                let s = s.map_err(|e| failed(&e))?;
                total += 1;
                if rows.len() == PAGE_ROWS {
                    // Counted, not kept.
                    continue;
                }
                let size: usize = s
                    .values()
                    .iter()
                    .flatten()
                    .map(|t| t.to_string().len())
                    .sum();
                written.set(written.get() + size);
                rows.push(s.values().to_vec());
            }
            alive()?;
            out.body
                .extend(as_page(PageAnswer::Table(columns, rows, total)).into_bytes());
            HTML.to_owned()
        }
        (QueryResults::Boolean(b), Some((_, ResultsAs::Html)), _) => {
            out.body
                .extend(as_page(PageAnswer::Boolean(b)).into_bytes());
            HTML.to_owned()
        }
        (QueryResults::Solutions(solutions), Some((media, ResultsAs::Sparql(format))), _) => {
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(out, solutions.variables().to_vec())
                .map_err(|e| failed(&e))?;
            for s in solutions {
                alive()?;
                w.serialize(&s.map_err(|e| failed(&e))?)
                    .map_err(|e| failed(&e))?;
            }
            // A single row may be the whole of a large answer (built by BIND or CONCAT).
            alive()?;
            w.finish().map_err(|e| failed(&e))?;
            media
        }
        (QueryResults::Boolean(b), Some((media, ResultsAs::Sparql(format))), _) => {
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(out, b)
                .map_err(|e| failed(&e))?;
            media
        }
        (QueryResults::Graph(triples), _, Some((media, format))) => {
            let mut w = RdfSerializer::from_format(format).for_writer(out);
            for t in triples {
                alive()?;
                w.serialize_triple(&t.map_err(|e| failed(&e))?)
                    .map_err(|e| failed(&e))?;
            }
            alive()?;
            w.finish().map_err(|e| failed(&e))?;
            media
        }
    };
    Ok(Body { media, bytes: body })
}

/// Whether the default graph is the union of every named graph. Ours is the merge of the
/// source graphs only: the computed graphs (derived facts, entailments) lie outside it, so the
/// service description does not claim `sd:UnionDefaultGraph`.
const UNION_DEFAULT_GRAPH: bool = false;

/// The SPARQL 1.1 Service Description of the endpoint.
fn service_description(headers: &HeaderMap) -> Result<Body, ApiError> {
    let Some((media, format)) = negotiate(headers, &graph_types()) else {
        return Err(ApiError::NotAcceptable("the service description".into()));
    };
    let service = NamedOrBlankNode::from(BlankNode::default());
    let dataset = NamedOrBlankNode::from(BlankNode::default());
    let graph = NamedOrBlankNode::from(BlankNode::default());
    let mut triples: Vec<Triple> = Vec::new();
    let mut add = |s: &NamedOrBlankNode, p, o: Term| triples.push(Triple::new(s.clone(), p, o));
    let iri = |n: oxigraph::model::NamedNodeRef<'_>| Term::from(n.into_owned());
    add(&service, rdf::TYPE, iri(sd::Service));
    add(
        &service,
        sd::endpoint,
        NamedNode::new_unchecked(endpoint(headers)).into(),
    );
    add(&service, sd::supportedLanguage, iri(sd::SPARQL11Query));
    if UNION_DEFAULT_GRAPH {
        add(&service, sd::feature, iri(sd::UnionDefaultGraph));
    }
    let formats = [
        QueryResultsFormat::Json.iri(),
        QueryResultsFormat::Xml.iri(),
        QueryResultsFormat::Csv.iri(),
        QueryResultsFormat::Tsv.iri(),
    ]
    .into_iter()
    .chain(graph_types().into_iter().map(|(_, f)| f.iri()));
    for f in formats {
        add(
            &service,
            sd::resultFormat,
            NamedNode::new_unchecked(f).into(),
        );
    }
    add(&service, sd::defaultDataset, dataset.clone().into());
    add(&dataset, rdf::TYPE, iri(sd::Dataset));
    add(&dataset, sd::defaultGraph, graph.clone().into());
    add(&graph, rdf::TYPE, iri(sd::Graph));
    let mut bytes = Vec::new();
    let mut w = RdfSerializer::from_format(format)
        .with_prefix("sd", sd::NS)
        .expect("a valid prefix")
        .for_writer(&mut bytes);
    for t in &triples {
        w.serialize_triple(t)
            .map_err(|e| ApiError::Internal(format!("writing the description: {e}")))?;
    }
    w.finish()
        .map_err(|e| ApiError::Internal(format!("writing the description: {e}")))?;
    Ok(Body { media, bytes })
}
