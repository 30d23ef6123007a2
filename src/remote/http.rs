//! The one HTTP client of normgraph, for one remote: authentication (a bearer token, or a user
//! and password sent as the remote's challenge asks: Basic, or Digest with MD5 or SHA-256,
//! `qop=auth`, which reqwest does not do), a time-out, and retries with exponential back-off on
//! transient failures (no connection, a time-out, 408, 429, 5xx). `push` writes graphs with it,
//! `fetch` downloads documents with it.

use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use sha2::Digest as _;
use std::collections::BTreeMap;
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

impl Remote {
    /// The first back-off of `push` and `fetch`: 0.5 s, then 1 s, 2 s...
    pub const BACKOFF: Duration = Duration::from_millis(500);
    /// The attempts beyond the first that `push` makes by default (`--retries`): a triple store
    /// busy writing a large graph may reset the connection of the next for a few seconds.
    pub const PUSH_RETRIES: u32 = 5;
}

/// Why a request got no usable answer.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("{about}: {method} {url}: {status} {}{}: {answer}", reason(*status), hint(*status))]
    Refused {
        /// What the request was about (a graph, a listing, a file), named in the message.
        about: String,
        method: String,
        url: String,
        status: u16,
        answer: String,
    },
    #[error("{about}: {method} {url}: no answer after {attempts} attempts: {error}")]
    Unreachable {
        about: String,
        method: String,
        url: String,
        attempts: u32,
        error: String,
    },
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
        401 => " (the remote refused the credentials)",
        403 => " (the credentials may not write there)",
        404 => " (is the URL the remote's endpoint?)",
        _ => "",
    }
}

/// A URL as it may be printed or kept: a password in it replaced by `***`.
pub fn redact(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

/// A URL without the user and password it carries (`http://user:secret@host/`), and those:
/// what `push --to` is given is split so that the secret is only ever sent, as the remote's
/// challenge asks, and never printed, logged or stored.
pub fn split_credentials(url: &str) -> (String, Option<(String, String)>) {
    match reqwest::Url::parse(url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let decode = |s: &str| {
                form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            let user = decode(u.username());
            let password = decode(u.password().unwrap_or(""));
            let _ = u.set_username("");
            let _ = u.set_password(None);
            (u.to_string(), Some((user, password)))
        }
        _ => (url.to_owned(), None),
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
            crate::hash::sha256_hex(text)
        } else {
            crate::hash::hex(&md5::Md5::digest(text.as_bytes()))
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
pub struct Session<'a> {
    pub(crate) remote: &'a Remote,
    http: Client,
    /// The remote's last Digest challenge, answered on every request (nc counts up).
    digest: Option<Challenge>,
    nc: u32,
    basic: bool,
    pub(crate) retried: u32,
}

/// What a request sends; `about` is what the request is about (a graph, a listing), named in
/// its errors.
pub struct Request<'a> {
    pub method: Method,
    pub url: String,
    pub about: &'a str,
    pub body: Option<(&'static str, &'a [u8])>,
    pub accept: Option<&'static str>,
}

fn transient(status: StatusCode) -> bool {
    status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
}

impl<'a> Session<'a> {
    pub fn new(remote: &'a Remote) -> Result<Self, HttpError> {
        if reqwest::Url::parse(&remote.url).is_ok_and(|u| u.password().is_some()) {
            return Err(HttpError::Client(format!(
                "{}: a password in the URL would be printed and kept; give it apart \
                 (`split_credentials`, or --user and --password)",
                redact(&remote.url)
            )));
        }
        // A redirect is followed only to the same scheme, host and port, and not more than
        // five times: a remote cannot send a graph, or its credentials, elsewhere.
        let redirects = reqwest::redirect::Policy::custom(|attempt| {
            let origin = |u: &reqwest::Url| {
                (
                    u.scheme().to_owned(),
                    u.host_str().map(str::to_owned),
                    u.port_or_known_default(),
                )
            };
            let first = attempt.previous().first().map(origin);
            if attempt.previous().len() > 5 {
                attempt.error("more than five redirects")
            } else if first.is_some_and(|f| f != origin(attempt.url())) {
                let to = redact(attempt.url().as_str());
                attempt.error(format!("a redirect to another host ({to}) is not followed"))
            } else {
                attempt.follow()
            }
        });
        let http = Client::builder()
            .timeout(remote.timeout)
            .redirect(redirects)
            .user_agent(concat!("normgraph/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HttpError::Client(e.to_string()))?;
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
                    let cnonce = crate::hash::sha256_hex(format!(
                        "{}{}{:?}",
                        self.nc,
                        r.url,
                        std::time::SystemTime::now()
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
    pub fn send(&mut self, r: &Request<'_>) -> Result<(StatusCode, Response), HttpError> {
        let mut backoff = self.remote.backoff;
        let mut attempt = 0;
        // Challenges answered: the first, and one more if the remote says the nonce went stale
        // (a remote that says so every time would otherwise be answered for ever).
        let mut challenges = 0;
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
                        if challenges == 0 || (stale && challenges == 1) {
                            challenges += 1;
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
                Err(e) => with_causes(&e),
            };
            if attempt > self.remote.retries {
                return Err(HttpError::Unreachable {
                    about: r.about.to_owned(),
                    method: r.method.to_string(),
                    url: redact(&r.url),
                    attempts: attempt,
                    error: failure,
                });
            }
            tracing::warn!(url = %redact(&r.url), attempt, error = %failure, "retrying");
            self.retried += 1;
            std::thread::sleep(backoff);
            backoff = backoff.saturating_mul(2);
        }
    }
}

/// An error and the errors that caused it, as one line: reqwest keeps why a redirect was not
/// followed, or why a connection failed, in the causes.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let c_text = c.to_string();
        if !text.contains(&c_text) {
            text.push_str(": ");
            text.push_str(&c_text);
        }
        cause = c.source();
    }
    text
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

/// The largest body read from a remote: a document, a listing, a graph counted after a push.
/// A remote that sends more (an endless body) is cut off there, with an error.
pub const MAX_BODY: u64 = 1 << 30;

/// A remote's answer read up to `max` bytes: past it, an error that names the URL.
pub fn read_body(response: Response, max: u64, url: &str) -> Result<Vec<u8>, HttpError> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(response, max + 1), &mut bytes)
        .map_err(|e| HttpError::Client(format!("{}: reading the answer: {e}", redact(url))))?;
    if bytes.len() as u64 > max {
        return Err(HttpError::Client(format!(
            "{}: the answer is longer than {} MiB, the most normgraph reads: not read further",
            redact(url),
            max >> 20
        )));
    }
    Ok(bytes)
}

/// The start of an error answer, as text (its first 64 KiB read, 500 characters kept).
pub fn answer_text(response: Response) -> String {
    let mut bytes = Vec::new();
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(response, 64 << 10), &mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim();
    if text.chars().count() > 500 {
        format!("{}…", text.chars().take(500).collect::<String>())
    } else {
        text.to_owned()
    }
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
}
