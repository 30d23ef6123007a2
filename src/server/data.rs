//! The graph as data: a graph whole (`/store`, the Graph Store Protocol, read side), every
//! named graph streamed as N-Quads (`/dump.nq`), the VoID description (`/.well-known/void`), and
//! every resource minted under the base (`/id/PATH`) as a page for a browser or as RDF for a
//! program.

use super::app::{form_pairs, root, App, Slots};
use super::blocking::{limited, on_blocking_thread, turn, Body};
use super::chrome::Chrome;
use super::error::ApiError;
use super::kinds;
use super::lookup;
use super::negotiate::{accepted_languages, graph_types, negotiate, HTML};
use super::page::Figures;
use crate::export::describe::Description;
use crate::export::{self, DumpFormat};
use crate::rdf::vocab::PREFIXES;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, TripleRef};
use oxigraph::sparql::CancellationToken;
use oxigraph::store::Store;
use std::time::Duration;

/// A writer that sends what it is given, in chunks, down a channel to the response body; it
/// fails once the client has gone, or has read nothing for `stall` (its thread is then free),
/// which stops the export.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buffer: Vec<u8>,
    runtime: tokio::runtime::Handle,
    stall: Duration,
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
        let sent = self
            .runtime
            .block_on(tokio::time::timeout(self.stall, self.tx.send(Ok(chunk))));
        match sent {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the client went away",
            )),
            Err(_) => Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client read nothing for too long",
            )),
        }
    }
}

/// Every named graph as N-Quads (`normgraph export` over HTTP), streamed from the store: the
/// one answer not written whole first, a dump being as large as the store.
///
/// Dumps at once are capped as queries are ([`Config::max_concurrent`](super::Config), their
/// own count): past it, a client waits for a turn up to the time limit and then gets 503.
pub async fn dump(State(app): State<App>) -> Response {
    let permit = match turn(&app, Slots::Streams).await {
        Ok((permit, _)) => permit,
        Err(e) => return e.into_response(),
    };
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let store = app.store.clone();
    let (runtime, stall) = (tokio::runtime::Handle::current(), app.config.stall_timeout);
    // Set when the export fails: the body then ends in an error even when the channel was too
    // full to carry it (a client that stalled and came back).
    let failed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let failing = failed.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buffer: Vec::new(),
            runtime,
            stall,
        };
        let written = export::write(&store, DumpFormat::NQuads, &[], &mut w)
            .map_err(|e| e.to_string())
            .and_then(|_| std::io::Write::flush(&mut w).map_err(|e| e.to_string()));
        if let Err(e) = written {
            // The status has gone: the body ends in an error, which aborts the connection,
            // so the client cannot take a cut dump for a whole one.
            failing.store(true, std::sync::atomic::Ordering::SeqCst);
            let _ = tx.try_send(Err(std::io::Error::other(e)));
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| match rx.poll_recv(cx) {
        std::task::Poll::Ready(None) if failed.swap(false, std::sync::atomic::Ordering::SeqCst) => {
            std::task::Poll::Ready(Some(Err(std::io::Error::other("the dump was cut short"))))
        }
        other => other,
    });
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

/// The triples of `quads` (their graph names dropped), written whole.
fn triples_as(
    serializer: RdfSerializer,
    quads: impl Iterator<Item = Result<Quad, ApiError>>,
) -> Result<Vec<u8>, ApiError> {
    let failed = |e: std::io::Error| ApiError::Internal(e.to_string());
    let mut body = Vec::new();
    let mut w = serializer.for_writer(&mut body);
    for q in quads {
        let q = q?;
        w.serialize_triple(TripleRef::new(&q.subject, &q.predicate, &q.object))
            .map_err(failed)?;
    }
    w.finish().map_err(failed)?;
    Ok(body)
}

/// The Graph Store Protocol, read side: `GET /store?graph=IRI` gives that named graph whole,
/// `GET /store?default` the default graph (the merge of the sources).
pub async fn graph_store(
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
            Err(e) => return ApiError::BadRequest(format!("graph IRI <{g}>: {e}")).into_response(),
        },
        (None, true) => GraphName::DefaultGraph,
        _ => {
            return ApiError::BadRequest("give either ?graph=IRI or ?default".into())
                .into_response()
        }
    };
    let Some((media, format)) = negotiate(&headers, &graph_types()) else {
        return ApiError::NotAcceptable("a graph".into()).into_response();
    };
    let store = app.store.clone();
    let max_answer = app.config.max_answer;
    let token = CancellationToken::new();
    let answer = limited(&app, Slots::Streams, token.clone(), move || {
        let internal = |e: oxigraph::store::StorageError| ApiError::Internal(e.to_string());
        if let GraphName::NamedNode(n) = &graph {
            if !store.contains_named_graph(n).map_err(internal)? {
                return Err(ApiError::NotFound("no such graph in the store".into()));
            }
        }
        // Under the time limit (the token) and the answer's size limit, as a query is.
        let mut size = 0usize;
        let quads = store
            .quads_for_pattern(None, None, None, Some(graph.as_ref()))
            .map(|q| {
                // Past the limit the client has had its 503 already: this only stops the read.
                if token.is_cancelled() {
                    return Err(ApiError::QueryFailed("the read was cancelled".into()));
                }
                let q = q.map_err(internal)?;
                size += q.subject.to_string().len() + q.object.to_string().len() + 40;
                if size > max_answer {
                    return Err(ApiError::AnswerTooLarge(max_answer >> 20));
                }
                Ok(q)
            });
        let bytes = triples_as(RdfSerializer::from_format(format), quads)?;
        Ok(Body { media, bytes })
    });
    answer.await
}

/// What `read` gives of the store, read on first use and kept in `cell` (the store is
/// read-only while served).
async fn read_once<T: Clone + Send + Sync + 'static>(
    app: &App,
    cell: &std::sync::OnceLock<T>,
    read: fn(&Store) -> Result<T, crate::query::SparqlError>,
) -> Result<T, ApiError> {
    if let Some(v) = cell.get() {
        return Ok(v.clone());
    }
    let store = app.store.clone();
    let value = on_blocking_thread(move || Ok(read(&store)?)).await?;
    Ok(cell.get_or_init(|| value).clone())
}

/// The dataset's figures, counted on first use.
pub async fn figures(app: &App) -> Result<Figures, ApiError> {
    read_once(app, &app.figures, lookup::figures).await
}

/// The values the canned forms suggest, read on first use.
pub async fn form_values(app: &App) -> Result<super::page::FormValues, ApiError> {
    read_once(app, &app.values, lookup::form_values).await
}

/// The VoID description of the dataset (`export::describe`, as beside a dump file): what it
/// is, how big, where to query it and take it whole, an example resource.
pub async fn void_description(State(app): State<App>, headers: HeaderMap) -> Response {
    let Some((media, format)) = negotiate(&headers, &graph_types()) else {
        return ApiError::NotAcceptable("the description".into()).into_response();
    };
    let figures = match figures(&app).await {
        Ok(f) => f,
        Err(e) => return e.into_response(),
    };
    let root = root(&headers);
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let answer = limited(&app, Slots::Pages, CancellationToken::new(), move || {
        let internal = |e: oxigraph::store::StorageError| ApiError::Internal(e.to_string());
        let example = crate::store::document(&store, super::EXAMPLE_DOCUMENT).map_err(internal)?;
        let description = Description {
            dataset: NamedNode::new_unchecked(format!("{root}/.well-known/void#dataset")),
            base,
            statements: figures.triples,
            source_files: figures.source_files,
            documents: export::file::documents(&store, &[]).map_err(internal)?,
            endpoint: Some(format!("{root}/sparql")),
            dumps: vec![format!("{root}/dump.nq"), format!("{root}/store?default")],
            example: match example {
                Some(NamedOrBlankNode::NamedNode(e)) => Some(e),
                _ => None,
            },
            file: None,
        };
        let mut bytes = Vec::new();
        description
            .write(format, &mut bytes)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(Body { media, bytes })
    });
    answer.await
}

/// `/id/PATH`: a resource minted under the base, as RDF for a program (its statements and
/// those that refer to it) or, for a browser, as the page of its kind ([`super::kinds`]) in the
/// reader's language; `/id/doc/`, `/id/state/`, `/id/norm/` and `/id/body/` are the index
/// pages. A resource the graph does not hold is 404, with the nearest symbols for a document.
pub async fn resource(
    State(app): State<App>,
    Path(path): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let candidates = [
        format!("{}{path}", app.config.public_base),
        format!("{}/id/{path}", root(&headers)),
    ];
    let index = kinds::index::Index::of_path(&path);
    let mut offers: Vec<(&str, Option<RdfFormat>)> = vec![("text/html", None)];
    if index.is_none() {
        offers.extend(graph_types().into_iter().map(|(m, f)| (m, Some(f))));
    }
    // A browser sends */* among its types: HTML first unless RDF is preferred.
    let Some((media, format)) = negotiate(&headers, &offers) else {
        return ApiError::NotAcceptable("a description".into()).into_response();
    };
    let chrome = Chrome::new(accepted_languages(&headers));
    let asked = kinds::Asked::from_pairs(&form_pairs(raw.as_deref().unwrap_or("")));
    let store = app.store.clone();
    let base = app.config.public_base.clone();
    let context_url = format!("{}/context.jsonld", root(&headers));
    let answer = limited(&app, Slots::Pages, CancellationToken::new(), move || {
        if let Some(which) = index {
            let reader = kinds::Reader::new(&store, &chrome);
            let view = kinds::index::read(&reader, which, &base)?;
            return Ok(Body {
                media: HTML.to_owned(),
                bytes: kinds::index::render(&view, &chrome, &base).into_bytes(),
            });
        }
        let Some(iri) = candidates.iter().find_map(|c| known(&store, c)) else {
            return Err(not_in_graph(&store, &path));
        };
        let bytes = match format {
            // JSON-LD compacted with our context, which it names by its URL on this server.
            Some(RdfFormat::JsonLd { .. }) => {
                let (outgoing, incoming) = statements(&store, &iri)?;
                let mut quads = outgoing;
                quads.extend(incoming);
                // The writer takes the statements subject by subject.
                quads.sort_by_cached_key(|q| q.subject.to_string());
                static CONTEXT: std::sync::OnceLock<crate::export::jsonld::JsonLdContext> =
                    std::sync::OnceLock::new();
                let mut bytes = Vec::new();
                crate::export::jsonld::write_referring(
                    CONTEXT.get_or_init(crate::export::jsonld::JsonLdContext::of_ontology),
                    &context_url,
                    quads.into_iter().map(Ok),
                    &mut bytes,
                )
                .map_err(|e| ApiError::Internal(e.to_string()))?;
                bytes
            }
            Some(format) => {
                let (outgoing, incoming) = statements(&store, &iri)?;
                let mut w = RdfSerializer::from_format(format);
                for (p, ns) in PREFIXES {
                    w = w
                        .with_prefix(p, ns)
                        .map_err(|e| ApiError::Internal(e.to_string()))?;
                }
                triples_as(w, outgoing.into_iter().chain(incoming).map(Ok))?
            }
            None => kinds::page(&store, &iri, &chrome, &base, &asked)?.into_bytes(),
        };
        let media = if media == "text/html" {
            HTML.to_owned()
        } else {
            media
        };
        Ok(Body { media, bytes })
    });
    // (Every answer carries `Vary: Accept, Accept-Language`: see `app::harden`.)
    answer.await
}

/// The 404 of a path the graph holds nothing under: for a document, with the nearest symbols
/// it does hold; for a State, with the nearest codes.
fn not_in_graph(store: &Store, path: &str) -> ApiError {
    if let Some(symbol) = path.strip_prefix("doc/") {
        let nearest = crate::query::canned::nearest_symbols(store, symbol, 3).unwrap_or_default();
        return ApiError::NotFound(format!(
            "no document {symbol} in the graph{}",
            if nearest.is_empty() {
                String::new()
            } else {
                format!(" (nearest: {})", nearest.join(", "))
            }
        ));
    }
    if let Some(code) = path.strip_prefix("state/") {
        let codes = crate::query::sparql::select_text(
            store,
            "SELECT ?c WHERE { ?s a ng:State ; ng:iso3 ?c }",
        )
        .unwrap_or_default();
        let mut near: Vec<(usize, String)> = codes
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .map(|c| {
                (
                    crate::reference::states::levenshtein(&code.to_uppercase(), &c),
                    c,
                )
            })
            .collect();
        near.sort();
        let near: Vec<String> = near.into_iter().take(3).map(|(_, c)| c).collect();
        return ApiError::NotFound(format!(
            "no State {code} in the graph (nearest: {})",
            near.join(", ")
        ));
    }
    ApiError::NotFound(format!("no resource /id/{path} in the graph"))
}

/// The IRI, if the merged graph states anything of it.
fn known(store: &Store, iri: &str) -> Option<NamedNode> {
    let node = NamedNode::new(iri).ok()?;
    store
        .quads_for_pattern(
            Some(node.as_ref().into()),
            None,
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .map(|_| node)
}

/// What the merged graph states of a resource, and (the first 500) statements that refer to it.
fn statements(store: &Store, iri: &NamedNode) -> Result<(Vec<Quad>, Vec<Quad>), ApiError> {
    let internal = |e: oxigraph::store::StorageError| ApiError::Internal(e.to_string());
    let outgoing = store
        .quads_for_pattern(
            Some(iri.as_ref().into()),
            None,
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .collect::<Result<_, _>>()
        .map_err(internal)?;
    let incoming = store
        .quads_for_pattern(
            None,
            None,
            Some(iri.as_ref().into()),
            Some(GraphNameRef::DefaultGraph),
        )
        .take(500)
        .collect::<Result<_, _>>()
        .map_err(internal)?;
    Ok((outgoing, incoming))
}
