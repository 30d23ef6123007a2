//! What a person with a browser needs beyond content negotiation, as two layers around every
//! route:
//! - [`format_and_lang`]: `?format=ttl` (or `nt`, `jsonld`, `rdf`, `json`, `xml`, `csv`, `tsv`,
//!   `html`) stands for the Accept header, and `?lang=fr` for Accept-Language, so a link can ask
//!   for a format or a language; both are taken out of the query string before a handler reads
//!   it (a canned query's parameters stay its own).
//! - [`error_pages`]: an error answered to a browser (one that prefers HTML to plain text) is a
//!   page of the site, in the reader's language, its nearest symbols linked; a program still
//!   gets the plain message and the `normgraph-error` code.

use super::chrome::Chrome;
use super::error::ApiError;
use super::html::{doc_href, escape};
use super::negotiate::{accepted_languages, prefers_html, HTML};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The media types a `?format=` name stands for (as an Accept header: a handler takes the one
/// it offers).
pub const FORMATS: [(&str, &str); 11] = [
    ("ttl", "text/turtle"),
    ("turtle", "text/turtle"),
    ("nt", "application/n-triples"),
    ("jsonld", "application/ld+json"),
    ("rdf", "application/rdf+xml"),
    (
        "json",
        "application/sparql-results+json, application/ld+json;q=0.9, application/json;q=0.8",
    ),
    (
        "xml",
        "application/sparql-results+xml, application/rdf+xml;q=0.9",
    ),
    ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values"),
    ("html", "text/html"),
    ("nq", "application/n-quads"),
];

/// `?format=` and `?lang=` as headers (see the module's description).
pub async fn format_and_lang(mut request: Request, next: Next) -> Response {
    if let Err(refused) = take_format_and_lang(&mut request) {
        return refused.into_response();
    }
    next.run(request).await
}

fn take_format_and_lang(request: &mut Request) -> Result<(), ApiError> {
    let Some(query) = request.uri().query() else {
        return Ok(());
    };
    let pairs = super::app::form_pairs(query);
    if !pairs.iter().any(|(k, _)| k == "format" || k == "lang") {
        return Ok(());
    }
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &pairs {
        match k.as_str() {
            "format" => {
                let Some((_, media)) = FORMATS.iter().find(|(name, _)| *name == v.as_str()) else {
                    let known: Vec<&str> = FORMATS.iter().map(|(n, _)| *n).collect();
                    return Err(ApiError::BadRequest(format!(
                        "format: {v:?} is no format normgraph answers in (it knows: {})",
                        known.join(", ")
                    )));
                };
                request
                    .headers_mut()
                    .insert(header::ACCEPT, HeaderValue::from_static(media));
            }
            "lang" => match HeaderValue::from_str(v) {
                Ok(value) if v.chars().all(|c| c.is_ascii_alphabetic() || c == '-') => {
                    request.headers_mut().insert(header::ACCEPT_LANGUAGE, value);
                }
                _ => {
                    return Err(ApiError::BadRequest(format!(
                        "lang: {v:?} is no language tag"
                    )))
                }
            },
            _ => {
                kept.append_pair(k, v);
            }
        }
    }
    let kept = kept.finish();
    let path = request.uri().path().to_owned();
    let rebuilt = if kept.is_empty() {
        path
    } else {
        format!("{path}?{kept}")
    };
    if let Ok(uri) = rebuilt.parse::<Uri>() {
        *request.uri_mut() = uri;
    }
    Ok(())
}

/// The largest error message turned into a page (the messages are short; a longer body is
/// passed on as it is).
const MAX_MESSAGE: usize = 64 << 10;

/// An error answered to a browser becomes a page of the site (see the module's description).
pub async fn error_pages(request: Request, next: Next) -> Response {
    let wants_page = prefers_html(request.headers(), &[("text/plain", ())]);
    let chrome = Chrome::new(accepted_languages(request.headers()));
    let response = next.run(request).await;
    let status = response.status();
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !wants_page || !plain || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_MESSAGE).await else {
        return ApiError::Internal("an error message too long to show".into()).into_response();
    };
    let message = String::from_utf8_lossy(&bytes).trim().to_owned();
    let page = error_page(
        status.as_u16(),
        status.canonical_reason(),
        &message,
        &chrome,
    );
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, axum::body::Body::from(page))
}

/// The page of an error: the status, the message, the nearest symbols as links.
pub fn error_page(status: u16, reason: Option<&str>, message: &str, chrome: &Chrome) -> String {
    let t = |en| escape(chrome.t(en));
    let heading = if status == 404 {
        chrome.t("Not found").to_owned()
    } else {
        format!("{status} {}", reason.unwrap_or(""))
    };
    let (said, nearest) = match message.rsplit_once(" (nearest: ") {
        Some((said, rest)) => (
            said,
            rest.trim_end_matches(')')
                .split(", ")
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>(),
        ),
        None => (message, Vec::new()),
    };
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"error\">{}</p>\n",
        escape(&heading),
        escape(said)
    );
    if !nearest.is_empty() {
        body.push_str(&format!("<h2>{}</h2><ul>", t("Nearest")));
        for n in nearest {
            let href = if n.contains('/') {
                doc_href(n)
            } else {
                format!("/id/state/{n}")
            };
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>",
                escape(&href),
                escape(n)
            ));
        }
        body.push_str("</ul>\n");
    }
    body.push_str(&format!(
        "<p><a href=\"/\">{}</a></p>\n",
        t("Back to the home page")
    ));
    chrome.layout(&format!("{heading} · normgraph"), "", &body, &[])
}
