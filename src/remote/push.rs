//! `normgraph push`: our named graphs into another triple store, through the SPARQL 1.1 Graph
//! Store HTTP Protocol: a PUT per graph replaces it whole on the remote (Virtuoso, Jena Fuseki,
//! GraphDB, Oxigraph's server, Amazon Neptune...).
//!
//! - Authentication: none, a bearer token, or a user and password, sent as the remote asks
//!   (Basic, or Digest as Virtuoso wants; reqwest does not do Digest, so it is done here, with
//!   MD5 or SHA-256, `qop=auth`).
//! - Transient failures (no connection, a time-out, 408, 429, 5xx) are retried with
//!   exponential back-off; anything else stops the push and names the graph and the remote's
//!   answer.
//! - What was pushed is remembered beside the store (`STORE.push-state.json`): per remote, each
//!   graph's SHA-256 (of its sorted N-Triples). A graph unchanged since is skipped, and a graph
//!   pushed before but no longer ours is deleted from the remote.
//! - At the end every graph is fetched back and its triples counted against ours; a skipped
//!   graph whose count differs (the remote lost it) is pushed again.

use super::http::{answer_text, read_body, HttpError, Remote, Request, Session, MAX_BODY};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{NamedNode, QuadRef, TripleRef};
use oxigraph::store::{StorageError, Store};
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("{0}")]
    Http(#[from] HttpError),
    #[error("{graph}: the remote holds {remote} triples, we have {ours}")]
    Count {
        graph: String,
        remote: usize,
        ours: usize,
    },
    #[error("{graph}: the remote's copy does not parse ({media}): {error}")]
    Unreadable {
        graph: String,
        media: String,
        error: String,
    },
    #[error("the record of pushes {path}: {error}")]
    Record { path: String, error: String },
    #[error("writing {graph} as N-Triples: {error}")]
    Serialize { graph: String, error: String },
}

/// The refusal of a request about `graph`.
fn refused(
    graph: &str,
    method: &str,
    url: String,
    status: StatusCode,
    answer: String,
) -> PushError {
    PushError::Http(HttpError::Refused {
        about: graph.to_owned(),
        method: method.to_owned(),
        url,
        status: status.as_u16(),
        answer,
    })
}

/// What happened to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Pushed {
        triples: usize,
        bytes: usize,
    },
    /// Unchanged since the last push to this remote.
    Skipped {
        triples: usize,
    },
    /// Pushed before, no longer ours: deleted from the remote.
    Deleted,
}

/// One step of a push, for a progress display.
#[derive(Debug, Clone)]
pub struct PushStep<'a> {
    pub graph: &'a str,
    pub action: &'a Action,
    pub done: usize,
    pub total: usize,
}

/// What a push did, graph by graph, and the counts checked on the remote.
#[derive(Debug, Clone, Default)]
pub struct PushSummary {
    pub graphs: Vec<(String, Action)>,
    /// Graphs whose triples were counted on the remote (all of ours).
    pub checked: usize,
    /// Skipped graphs the check found missing or different on the remote, pushed again.
    pub repaired: Vec<String>,
    /// Requests retried after a transient failure.
    pub retried: u32,
}

impl PushSummary {
    pub fn count(&self, f: fn(&Action) -> bool) -> usize {
        self.graphs.iter().filter(|(_, a)| f(a)).count()
    }
}

/// `{url}?graph=IRI`.
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    format!(
        "{endpoint}{sep}graph={}",
        form_urlencoded::byte_serialize(graph.as_bytes()).collect::<String>()
    )
}

/// A graph as N-Triples, its number of triples, and the SHA-256 of its sorted lines.
pub fn snapshot(store: &Store, graph: &NamedNode) -> Result<(Vec<u8>, usize, String), PushError> {
    let mut body = Vec::new();
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(&mut body);
    let mut triples = 0;
    for q in store.quads_for_pattern(None, None, None, Some(graph.as_ref().into())) {
        let q = q?;
        w.serialize_triple(TripleRef::from(QuadRef::from(&q)))
            .map_err(|e| PushError::Serialize {
                graph: graph.as_str().to_owned(),
                error: e.to_string(),
            })?;
        triples += 1;
    }
    w.finish().map_err(|e| PushError::Serialize {
        graph: graph.as_str().to_owned(),
        error: e.to_string(),
    })?;
    let mut lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    lines.sort_unstable();
    let mut h = Sha256::new();
    for l in lines {
        h.update(l);
        h.update(b"\n");
    }
    let hash = crate::hash::hex(&h.finalize());
    Ok((body, triples, hash))
}

/// Where the record of pushes lives: beside the store.
pub fn record_path(store_path: &Path) -> PathBuf {
    let mut name = store_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "normgraph-store".into());
    name.push(".push-state.json");
    store_path.with_file_name(name)
}

/// What was pushed where: per remote, each graph's SHA-256 as last pushed. ("Record", not
/// "state": a State is a Member State here.)
type PushRecord = BTreeMap<String, BTreeMap<String, String>>;

fn read_record(path: &Path) -> Result<PushRecord, PushError> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| PushError::Record {
            path: path.display().to_string(),
            error: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(PushRecord::new()),
        Err(e) => Err(PushError::Record {
            path: path.display().to_string(),
            error: e.to_string(),
        }),
    }
}

fn write_record(path: &Path, record: &PushRecord) -> Result<(), PushError> {
    let text = serde_json::to_string_pretty(record).expect("JSON") + "\n";
    crate::files::write_bytes(path, text.as_bytes()).map_err(|e| PushError::Record {
        path: path.display().to_string(),
        error: e.to_string(),
    })
}

/// Counts the triples the remote holds in a graph (GET, parsed).
fn remote_count(session: &mut Session<'_>, graph: &str) -> Result<usize, PushError> {
    let url = graph_url(&session.remote.url, graph);
    let (status, response) = session.send(&Request {
        method: Method::GET,
        url: url.clone(),
        about: graph,
        body: None,
        accept: Some("application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"),
    })?;
    if status == StatusCode::NOT_FOUND {
        return Ok(0);
    }
    if !status.is_success() {
        return Err(refused(graph, "GET", url, status, answer_text(response)));
    }
    let media = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/turtle")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let format = RdfFormat::from_media_type(&media).unwrap_or(RdfFormat::Turtle);
    let body = read_body(response, MAX_BODY, &url)?;
    let mut triples = std::collections::HashSet::new();
    for q in RdfParser::from_format(format).for_slice(&body) {
        let q = q.map_err(|e| PushError::Unreadable {
            graph: graph.to_owned(),
            media: media.clone(),
            error: e.to_string(),
        })?;
        triples.insert(oxigraph::model::Triple::from(q));
    }
    Ok(triples.len())
}

fn put(session: &mut Session<'_>, graph: &str, body: &[u8]) -> Result<(), PushError> {
    let url = graph_url(&session.remote.url, graph);
    // N-Triples is Turtle: every Graph Store reads text/turtle.
    let (status, response) = session.send(&Request {
        method: Method::PUT,
        url: url.clone(),
        about: graph,
        body: Some(("text/turtle", body)),
        accept: None,
    })?;
    if status.is_success() {
        return Ok(());
    }
    Err(refused(graph, "PUT", url, status, answer_text(response)))
}

/// Pushes `graphs` (all named graphs of the store when empty) to the remote.
pub fn push(
    store: &Store,
    remote: &Remote,
    graphs: &[NamedNode],
    record_file: &Path,
    force: bool,
    mut on_step: impl FnMut(PushStep<'_>),
) -> Result<PushSummary, PushError> {
    // When everything is pushed, graphs pushed before that are no longer ours are deleted.
    let everything = graphs.is_empty();
    let all;
    let graphs = if everything {
        all = crate::export::named_graphs(store)?;
        &all
    } else {
        graphs
    };
    let mut record = read_record(record_file)?;
    let key = remote.url.clone();
    let mut session = Session::new(remote)?;
    let mut report = PushSummary::default();
    // Each graph of ours: its triples, and whether it was skipped as unchanged.
    let mut ours: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    let gone: Vec<String> = match (everything, record.get(&key)) {
        (true, Some(pushed)) => pushed
            .keys()
            .filter(|g| {
                graphs
                    .binary_search_by(|n| n.as_str().cmp(g.as_str()))
                    .is_err()
            })
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let total = graphs.len() + gone.len();
    let result = (|| -> Result<(), PushError> {
        for (i, g) in graphs.iter().enumerate() {
            let (body, triples, hash) = snapshot(store, g)?;
            let unchanged = record
                .get(&key)
                .and_then(|s| s.get(g.as_str()))
                .is_some_and(|h| *h == hash);
            let action = if unchanged && !force {
                Action::Skipped { triples }
            } else {
                put(&mut session, g.as_str(), &body)?;
                record
                    .entry(key.clone())
                    .or_default()
                    .insert(g.as_str().to_owned(), hash.clone());
                Action::Pushed {
                    triples,
                    bytes: body.len(),
                }
            };
            ours.insert(
                g.as_str().to_owned(),
                (triples, matches!(action, Action::Skipped { .. })),
            );
            on_step(PushStep {
                graph: g.as_str(),
                action: &action,
                done: i + 1,
                total,
            });
            report.graphs.push((g.as_str().to_owned(), action));
        }
        for (i, g) in gone.iter().enumerate() {
            let url = graph_url(&remote.url, g);
            let (status, response) = session.send(&Request {
                method: Method::DELETE,
                url: url.clone(),
                about: g,
                body: None,
                accept: None,
            })?;
            if !(status.is_success() || status == StatusCode::NOT_FOUND) {
                return Err(refused(g, "DELETE", url, status, answer_text(response)));
            }
            if let Some(pushed) = record.get_mut(&key) {
                pushed.remove(g);
            }
            on_step(PushStep {
                graph: g,
                action: &Action::Deleted,
                done: graphs.len() + i + 1,
                total,
            });
            report.graphs.push((g.clone(), Action::Deleted));
        }
        Ok(())
    })();
    // What was pushed is remembered even when a later graph failed.
    write_record(record_file, &record)?;
    result?;
    // The check: every graph of ours, counted on the remote.
    for (g, (triples, skipped)) in &ours {
        let mut remote_triples = remote_count(&mut session, g)?;
        if remote_triples != *triples && *skipped {
            let node = NamedNode::new_unchecked(g.clone());
            let (body, _, _) = snapshot(store, &node)?;
            put(&mut session, g, &body)?;
            report.repaired.push(g.clone());
            remote_triples = remote_count(&mut session, g)?;
        }
        if remote_triples != *triples {
            return Err(PushError::Count {
                graph: g.clone(),
                remote: remote_triples,
                ours: *triples,
            });
        }
        report.checked += 1;
    }
    report.retried = session.retried;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls_are_encoded() {
        assert_eq!(
            graph_url("http://h/store", "https://normgraph.org/id/source/A/RES/75/240/fr-text"),
            "http://h/store?graph=https%3A%2F%2Fnormgraph.org%2Fid%2Fsource%2FA%2FRES%2F75%2F240%2Ffr-text"
        );
        assert_eq!(
            graph_url("http://h/g?x=1", "urn:a"),
            "http://h/g?x=1&graph=urn%3Aa"
        );
    }
}
