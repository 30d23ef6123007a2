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

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{NamedNode, QuadRef, TripleRef};
use oxigraph::store::{StorageError, Store};
use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use sha2::{Digest as _, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How to authenticate to the remote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    None,
    Bearer(String),
    /// Sent as the remote's challenge asks: Basic or Digest.
    User {
        user: String,
        password: String,
    },
}

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct Remote {
    /// The Graph Store endpoint: `{url}?graph=IRI` addresses a graph.
    pub url: String,
    pub credentials: Credentials,
    /// Attempts per request beyond the first, for transient failures.
    pub retries: u32,
    /// The first back-off; doubled at each retry.
    pub backoff: Duration,
    /// The longest a request may take.
    pub timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("{graph}: {method} {url}: {status} {}{}: {answer}", reason(*status), hint(*status))]
    Refused {
        graph: String,
        method: String,
        url: String,
        status: u16,
        answer: String,
    },
    #[error("{graph}: {method} {url}: no answer after {attempts} attempts: {error}")]
    Unreachable {
        graph: String,
        method: String,
        url: String,
        attempts: u32,
        error: String,
    },
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
    #[error("the push state {path}: {error}")]
    State { path: String, error: String },
    #[error("{0}")]
    Client(String),
}

fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

fn hint(status: u16) -> &'static str {
    match status {
        401 => " (the remote refused the credentials: check --user and --password, or --token)",
        403 => " (the credentials may not write graphs there)",
        404 => " (is --to the remote's Graph Store endpoint?)",
        _ => "",
    }
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
pub struct Step<'a> {
    pub graph: &'a str,
    pub action: &'a Action,
    pub done: usize,
    pub total: usize,
}

/// What a push did, graph by graph, and the counts checked on the remote.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub graphs: Vec<(String, Action)>,
    /// Graphs whose triples were counted on the remote (all of ours).
    pub checked: usize,
    /// Skipped graphs the check found missing or different on the remote, pushed again.
    pub repaired: Vec<String>,
    /// Requests retried after a transient failure.
    pub retried: u32,
}

impl Report {
    pub fn count(&self, f: fn(&Action) -> bool) -> usize {
        self.graphs.iter().filter(|(_, a)| f(a)).count()
    }
}

/// A Digest challenge (RFC 7616).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    pub qop: Option<String>,
    pub algorithm: String,
}

/// The parameters of a `WWW-Authenticate` header: its scheme (lower-case) and its name=value
/// pairs.
fn parse_www_authenticate(header: &str) -> (String, BTreeMap<String, String>) {
    let header = header.trim();
    let (scheme, rest) = header.split_once(' ').unwrap_or((header, ""));
    let mut params = BTreeMap::new();
    let mut rest = rest.trim();
    while !rest.is_empty() {
        let Some((name, after)) = rest.split_once('=') else {
            break;
        };
        let name = name
            .trim()
            .trim_start_matches(',')
            .trim()
            .to_ascii_lowercase();
        let after = after.trim_start();
        let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            (
                quoted[..end].to_owned(),
                quoted.get(end + 1..).unwrap_or(""),
            )
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        params.insert(name, value);
        rest = remaining.trim_start().trim_start_matches(',').trim_start();
    }
    (scheme.to_ascii_lowercase(), params)
}

impl Challenge {
    pub fn parse(header: &str) -> Option<Challenge> {
        let (scheme, p) = parse_www_authenticate(header);
        if scheme != "digest" {
            return None;
        }
        Some(Challenge {
            realm: p.get("realm")?.clone(),
            nonce: p.get("nonce")?.clone(),
            opaque: p.get("opaque").cloned(),
            qop: p.get("qop").map(|q| {
                // "auth,auth-int": we do auth.
                if q.split(',').any(|x| x.trim() == "auth") {
                    "auth".to_owned()
                } else {
                    q.clone()
                }
            }),
            algorithm: p
                .get("algorithm")
                .cloned()
                .unwrap_or_else(|| "MD5".to_owned()),
        })
    }

    fn hash(&self, text: &str) -> String {
        if self.algorithm.eq_ignore_ascii_case("SHA-256") {
            crate::ingest::hex(&Sha256::digest(text.as_bytes()))
        } else {
            crate::ingest::hex(&md5::Md5::digest(text.as_bytes()))
        }
    }

    /// The `Authorization` header answering this challenge.
    pub fn authorization(
        &self,
        user: &str,
        password: &str,
        method: &str,
        uri: &str,
        nc: u32,
        cnonce: &str,
    ) -> String {
        let ha1 = self.hash(&format!("{user}:{}:{password}", self.realm));
        let ha2 = self.hash(&format!("{method}:{uri}"));
        let nc = format!("{nc:08x}");
        let response = match &self.qop {
            Some(qop) => self.hash(&format!("{ha1}:{}:{nc}:{cnonce}:{qop}:{ha2}", self.nonce)),
            None => self.hash(&format!("{ha1}:{}:{ha2}", self.nonce)),
        };
        let mut h = format!(
            "Digest username=\"{user}\", realm=\"{}\", nonce=\"{}\", uri=\"{uri}\", algorithm={}, response=\"{response}\"",
            self.realm, self.nonce, self.algorithm
        );
        if let Some(qop) = &self.qop {
            h.push_str(&format!(", qop={qop}, nc={nc}, cnonce=\"{cnonce}\""));
        }
        if let Some(opaque) = &self.opaque {
            h.push_str(&format!(", opaque=\"{opaque}\""));
        }
        h
    }
}

/// An HTTP client for one remote: authentication and retries (also what `fetch` downloads
/// with).
pub(crate) struct Session<'a> {
    remote: &'a Remote,
    http: Client,
    /// The remote's last Digest challenge, answered on every request (nc counts up).
    digest: Option<Challenge>,
    nc: u32,
    basic: bool,
    retried: u32,
}

/// What a request sends; `graph` is what the request is about, named in its errors.
pub(crate) struct Request<'a> {
    pub method: Method,
    pub url: String,
    pub graph: &'a str,
    pub body: Option<(&'static str, &'a [u8])>,
    pub accept: Option<&'static str>,
}

fn transient(status: StatusCode) -> bool {
    status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
}

impl<'a> Session<'a> {
    pub(crate) fn new(remote: &'a Remote) -> Result<Self, PushError> {
        let http = Client::builder()
            .timeout(remote.timeout)
            .user_agent(concat!("normgraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| PushError::Client(e.to_string()))?;
        Ok(Session {
            remote,
            http,
            digest: None,
            nc: 0,
            basic: false,
            retried: 0,
        })
    }

    fn authorize(&mut self, r: &Request<'_>) -> Option<String> {
        match &self.remote.credentials {
            Credentials::None => None,
            Credentials::Bearer(token) => Some(format!("Bearer {token}")),
            Credentials::User { user, password } => {
                if let Some(challenge) = &self.digest {
                    self.nc += 1;
                    // The path and query of the URL, as the request line gives them.
                    let uri = r
                        .url
                        .split_once("://")
                        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
                        .unwrap_or("/")
                        .to_owned();
                    let cnonce = crate::ingest::hex(&Sha256::digest(
                        format!("{}{}{:?}", self.nc, r.url, std::time::SystemTime::now())
                            .as_bytes(),
                    ))[..16]
                        .to_owned();
                    Some(challenge.authorization(
                        user,
                        password,
                        r.method.as_str(),
                        &uri,
                        self.nc,
                        &cnonce,
                    ))
                } else if self.basic {
                    Some(format!(
                        "Basic {}",
                        base64_basic(&format!("{user}:{password}"))
                    ))
                } else {
                    None
                }
            }
        }
    }

    /// Sends a request: answers an authentication challenge once, retries transient failures
    /// with back-off. Returns the remote's answer, whatever its status.
    pub(crate) fn send(&mut self, r: &Request<'_>) -> Result<(StatusCode, Response), PushError> {
        let mut backoff = self.remote.backoff;
        let mut attempt = 0;
        let mut challenged = false;
        loop {
            attempt += 1;
            let mut request = self.http.request(r.method.clone(), &r.url);
            if let Some(auth) = self.authorize(r) {
                request = request.header(AUTHORIZATION, auth);
            }
            if let Some(accept) = r.accept {
                request = request.header(reqwest::header::ACCEPT, accept);
            }
            if let Some((media, body)) = r.body {
                request = request
                    .header(CONTENT_TYPE, HeaderValue::from_static(media))
                    .body(body.to_vec());
            }
            let failure = match request.send() {
                Ok(response) => {
                    let status = response.status();
                    if status == StatusCode::UNAUTHORIZED
                        && matches!(self.remote.credentials, Credentials::User { .. })
                    {
                        let header = response
                            .headers()
                            .get_all(WWW_AUTHENTICATE)
                            .iter()
                            .filter_map(|h| h.to_str().ok())
                            .map(str::to_owned)
                            .collect::<Vec<_>>();
                        let digest = header.iter().find_map(|h| Challenge::parse(h));
                        let stale = digest.as_ref().is_some_and(|_| {
                            header
                                .iter()
                                .any(|h| h.contains("stale=\"true\"") || h.contains("stale=true"))
                        });
                        // A first challenge, or a nonce gone stale: answer it, once.
                        if !challenged || stale {
                            challenged = true;
                            if let Some(d) = digest {
                                self.digest = Some(d);
                                self.nc = 0;
                                continue;
                            }
                            if header
                                .iter()
                                .any(|h| h.to_ascii_lowercase().starts_with("basic"))
                            {
                                self.basic = true;
                                continue;
                            }
                        }
                    }
                    if !transient(status) {
                        return Ok((status, response));
                    }
                    format!("{status}: {}", answer_text(response))
                }
                Err(e) => e.to_string(),
            };
            if attempt > self.remote.retries {
                return Err(PushError::Unreachable {
                    graph: r.graph.to_owned(),
                    method: r.method.to_string(),
                    url: r.url.clone(),
                    attempts: attempt,
                    error: failure,
                });
            }
            tracing::warn!(url = %r.url, attempt, error = %failure, "retrying");
            self.retried += 1;
            std::thread::sleep(backoff);
            backoff = backoff.saturating_mul(2);
        }
    }
}

/// Base64 for Basic authentication (RFC 4648, with padding).
fn base64_basic(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub(crate) fn answer_text(response: Response) -> String {
    let text = response.text().unwrap_or_default();
    let text = text.trim();
    if text.chars().count() > 500 {
        format!("{}…", text.chars().take(500).collect::<String>())
    } else {
        text.to_owned()
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
            .map_err(|e| PushError::Client(e.to_string()))?;
        triples += 1;
    }
    w.finish().map_err(|e| PushError::Client(e.to_string()))?;
    let mut lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    lines.sort_unstable();
    let mut h = Sha256::new();
    for l in lines {
        h.update(l);
        h.update(b"\n");
    }
    let hash = crate::ingest::hex(&h.finalize());
    Ok((body, triples, hash))
}

/// Where the record of pushes lives: beside the store.
pub fn state_path(store_path: &Path) -> PathBuf {
    let mut name = store_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "normgraph-store".into());
    name.push(".push-state.json");
    store_path.with_file_name(name)
}

type State = BTreeMap<String, BTreeMap<String, String>>;

fn read_state(path: &Path) -> Result<State, PushError> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| PushError::State {
            path: path.display().to_string(),
            error: e.to_string(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::new()),
        Err(e) => Err(PushError::State {
            path: path.display().to_string(),
            error: e.to_string(),
        }),
    }
}

fn write_state(path: &Path, state: &State) -> Result<(), PushError> {
    let fail = |e: std::io::Error| PushError::State {
        path: path.display().to_string(),
        error: e.to_string(),
    };
    let partial = path.with_extension("json.partial");
    std::fs::write(
        &partial,
        serde_json::to_string_pretty(state).expect("JSON") + "\n",
    )
    .map_err(fail)?;
    std::fs::rename(&partial, path).map_err(fail)
}

/// Counts the triples the remote holds in a graph (GET, parsed).
fn remote_count(session: &mut Session<'_>, graph: &str) -> Result<usize, PushError> {
    let url = graph_url(&session.remote.url, graph);
    let (status, response) = session.send(&Request {
        method: Method::GET,
        url: url.clone(),
        graph,
        body: None,
        accept: Some("application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"),
    })?;
    if status == StatusCode::NOT_FOUND {
        return Ok(0);
    }
    if !status.is_success() {
        return Err(PushError::Refused {
            graph: graph.to_owned(),
            method: "GET".into(),
            url,
            status: status.as_u16(),
            answer: answer_text(response),
        });
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
    let body = response
        .bytes()
        .map_err(|e| PushError::Client(e.to_string()))?;
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
        graph,
        body: Some(("text/turtle", body)),
        accept: None,
    })?;
    if status.is_success() {
        return Ok(());
    }
    Err(PushError::Refused {
        graph: graph.to_owned(),
        method: "PUT".into(),
        url,
        status: status.as_u16(),
        answer: answer_text(response),
    })
}

/// Pushes `graphs` (all named graphs of the store when empty) to the remote.
pub fn push(
    store: &Store,
    remote: &Remote,
    graphs: &[NamedNode],
    state_file: &Path,
    force: bool,
    mut on_step: impl FnMut(Step<'_>),
) -> Result<Report, PushError> {
    // When everything is pushed, graphs pushed before that are no longer ours are deleted.
    let everything = graphs.is_empty();
    let all;
    let graphs = if everything {
        all = crate::export::named_graphs(store)?;
        &all
    } else {
        graphs
    };
    let mut state = read_state(state_file)?;
    let key = remote.url.clone();
    let mut session = Session::new(remote)?;
    let mut report = Report::default();
    // Each graph of ours: its triples, and whether it was skipped as unchanged.
    let mut ours: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    let gone: Vec<String> = match (everything, state.get(&key)) {
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
            let unchanged = state
                .get(&key)
                .and_then(|s| s.get(g.as_str()))
                .is_some_and(|h| *h == hash);
            let action = if unchanged && !force {
                Action::Skipped { triples }
            } else {
                put(&mut session, g.as_str(), &body)?;
                state
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
            on_step(Step {
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
                graph: g,
                body: None,
                accept: None,
            })?;
            if !(status.is_success() || status == StatusCode::NOT_FOUND) {
                return Err(PushError::Refused {
                    graph: g.clone(),
                    method: "DELETE".into(),
                    url,
                    status: status.as_u16(),
                    answer: answer_text(response),
                });
            }
            if let Some(pushed) = state.get_mut(&key) {
                pushed.remove(g);
            }
            on_step(Step {
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
    write_state(state_file, &state)?;
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

    /// RFC 2617, section 3.5: the worked example.
    #[test]
    fn digest_answers_the_rfc_example() {
        let challenge = Challenge::parse(
            r#"Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41""#,
        )
        .unwrap();
        let h = challenge.authorization(
            "Mufasa",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            1,
            "0a4f113b",
        );
        assert!(
            h.contains(r#"response="6629fae49393a05397450978507c4ef1""#),
            "{h}"
        );
        assert!(h.contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""));
        assert!(h.contains(r#"opaque="5ccc069c403ebaf9f0171e9517f40e41""#));
    }

    /// RFC 7616, section 3.9.1: the SHA-256 example.
    #[test]
    fn digest_answers_the_rfc_7616_sha256_example() {
        let challenge = Challenge::parse(
            r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
        )
        .unwrap();
        let h = challenge.authorization(
            "Mufasa",
            "Circle of Life",
            "GET",
            "/dir/index.html",
            1,
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
        );
        assert!(
            h.contains(
                r#"response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1""#
            ),
            "{h}"
        );
    }

    #[test]
    fn basic_credentials_are_base64() {
        // RFC 7617, section 2.
        assert_eq!(
            base64_basic("Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64_basic("a"), "YQ==");
        assert_eq!(base64_basic("ab"), "YWI=");
    }

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
