//! Content negotiation: which of the formats we offer the Accept header prefers (q-values
//! honoured, `*/*` and `type/*` understood, the aliases clients send), whether a browser wants a
//! page, and the languages of Accept-Language.

use axum::http::{header, HeaderMap};
use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

/// The media type of our pages.
pub const HTML: &str = "text/html; charset=utf-8";

/// How solutions and booleans are answered: in a SPARQL results format, or as a page.
#[derive(Debug, Clone, Copy)]
pub enum ResultsAs {
    Sparql(QueryResultsFormat),
    Html,
}

/// Result formats for solutions and booleans, by media type; the first is the default. HTML
/// is for browsers, which ask for it first.
pub const RESULT_TYPES: [(&str, ResultsAs); 5] = [
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

/// Formats for graphs (CONSTRUCT, DESCRIBE, the descriptions); the first is the default.
pub fn graph_types() -> [(&'static str, RdfFormat); 4] {
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

/// The offered media type the Accept header prefers; the first offer when there is no Accept
/// header; None when nothing offered is acceptable.
pub fn negotiate<T: Clone>(headers: &HeaderMap, offers: &[(&str, T)]) -> Option<(String, T)> {
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

/// Whether the Accept header prefers a page to every one of `offers` (a browser does: it sends
/// `*/*` among its types, but `text/html` first).
pub fn prefers_html<T: Clone>(headers: &HeaderMap, offers: &[(&str, T)]) -> bool {
    let mut with_html: Vec<(&str, Option<T>)> =
        offers.iter().map(|(m, f)| (*m, Some(f.clone()))).collect();
    with_html.push(("text/html", None));
    matches!(negotiate(headers, &with_html), Some((_, None)))
}

/// The languages of the Accept-Language header, preferred first.
pub fn accepted_languages(headers: &HeaderMap) -> Vec<String> {
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
