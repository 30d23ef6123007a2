//! The vocabulary served: `https://normgraph.org/ontology` dereferences here at `/ontology`, a
//! page for a browser (every class and property with its label, comment, domain and range, each
//! at `/ontology#term`, so that a term's IRI lands on its entry) and the ontology as Turtle,
//! N-Triples, RDF/XML or JSON-LD for a program; `/context.jsonld` is the JSON-LD context the
//! server's JSON-LD refers to (the file `ontology/context.jsonld`, computed from the ontology).

use super::app::App;
use super::error::ApiError;
use super::html::{escape, href};
use super::negotiate::{graph_types, negotiate, HTML};
use crate::rdf::ontology::{triples, ONTOLOGY};
use crate::rdf::vocab::{compact, ng, owl, rdfs, PREFIXES};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedOrBlankNode, Term, Triple};

/// The ontology's IRI, where its terms' namespace points.
pub const ONTOLOGY_IRI: &str = "https://normgraph.org/ontology";

/// The JSON-LD context, as shipped.
pub const CONTEXT: &str = include_str!("../../ontology/context.jsonld");

/// `/context.jsonld`.
pub async fn context() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/ld+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CONTEXT,
    )
        .into_response()
}

/// `/ontology`: the page, or the ontology as data.
pub async fn ontology(State(app): State<App>, headers: HeaderMap) -> Response {
    let mut offers: Vec<(&str, Option<RdfFormat>)> = vec![("text/html", None)];
    offers.extend(graph_types().into_iter().map(|(m, f)| (m, Some(f))));
    match negotiate(&headers, &offers) {
        None => ApiError::NotAcceptable("the ontology".into()).into_response(),
        Some((_, None)) => (
            [(header::CONTENT_TYPE, HTML)],
            page(
                &super::chrome::Chrome::new(super::negotiate::accepted_languages(&headers)),
                &app.config.public_base,
            ),
        )
            .into_response(),
        // The file itself, comments and all.
        Some((media, Some(RdfFormat::Turtle))) => {
            ([(header::CONTENT_TYPE, media)], ONTOLOGY).into_response()
        }
        Some((media, Some(format))) => match serialize(format) {
            Ok(bytes) => ([(header::CONTENT_TYPE, media)], bytes).into_response(),
            Err(e) => e.into_response(),
        },
    }
}

fn serialize(format: RdfFormat) -> Result<Vec<u8>, ApiError> {
    let failed = |e: std::io::Error| ApiError::Internal(e.to_string());
    let mut w = RdfSerializer::from_format(format);
    for (p, ns) in PREFIXES {
        w = w
            .with_prefix(p, ns)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    let mut out = Vec::new();
    let mut writer = w.for_writer(&mut out);
    for t in triples() {
        writer.serialize_triple(t.as_ref()).map_err(failed)?;
    }
    writer.finish().map_err(failed)?;
    Ok(out)
}

/// The values of `p` for the term `s` in the ontology.
fn values<'a>(
    all: &'a [Triple],
    s: &NamedOrBlankNode,
    p: oxigraph::model::NamedNodeRef<'_>,
) -> Vec<&'a Term> {
    all.iter()
        .filter(|t| &t.subject == s && t.predicate.as_ref() == p)
        .map(|t| &t.object)
        .collect()
}

fn shown(t: &Term, base: &str) -> String {
    match t {
        Term::NamedNode(n) => format!(
            "<a href=\"{}\">{}</a>",
            escape(&href(n.as_str(), base)),
            escape(&compact(n.as_str()))
        ),
        Term::Literal(l) => escape(l.value()),
        other => escape(&other.to_string()),
    }
}

/// The page of the ontology: its classes, then its properties, each an entry at its name.
pub fn page(chrome: &super::chrome::Chrome, base: &str) -> String {
    let all = triples();
    let typed = |class: oxigraph::model::NamedNodeRef<'_>| -> Vec<NamedOrBlankNode> {
        let mut terms: Vec<NamedOrBlankNode> = all
            .iter()
            .filter(|t| {
                t.predicate.as_ref() == rdf::TYPE && t.object == Term::from(class.into_owned())
            })
            .map(|t| t.subject.clone())
            .filter(
                |s| matches!(s, NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(ng::NS)),
            )
            .collect();
        terms.sort_by_key(|s| s.to_string().to_lowercase());
        terms.dedup();
        terms
    };
    let mut body = format!(
        "<h1>The normgraph ontology</h1><p><code>{ONTOLOGY_IRI}</code> · the namespace <code>{}</code> · \
         <a href=\"/ontology?format=ttl\" type=\"text/turtle\">Turtle</a> · \
         <a href=\"/context.jsonld\" type=\"application/ld+json\">the JSON-LD context</a> · in the store as the graph \
         <code>{ONTOLOGY_IRI}</code></p>\n",
        ng::NS
    );
    for (heading, class) in [
        ("Classes", owl::Class),
        ("Object properties", owl::ObjectProperty),
        ("Datatype properties", owl::DatatypeProperty),
    ] {
        let terms = typed(class);
        body.push_str(&format!(
            "<section><h2>{heading} ({})</h2><dl class=\"terms\">\n",
            terms.len()
        ));
        for term in terms {
            let NamedOrBlankNode::NamedNode(n) = &term else {
                continue;
            };
            let local = &n.as_str()[ng::NS.len()..];
            let label = values(all, &term, rdfs::LABEL)
                .first()
                .map(|l| shown(l, base))
                .unwrap_or_default();
            body.push_str(&format!(
                "<dt id=\"{id}\"><code>ng:{id}</code> {label}</dt><dd>",
                id = escape(local)
            ));
            for c in values(all, &term, rdfs::COMMENT) {
                body.push_str(&format!("<p>{}</p>", shown(c, base)));
            }
            for (word, p) in [
                ("subclass of", rdfs::SUB_CLASS_OF),
                ("domain", rdfs::DOMAIN),
                ("range", rdfs::RANGE),
                ("subproperty of", rdfs::SUB_PROPERTY_OF),
            ] {
                let v = values(all, &term, p);
                if !v.is_empty() {
                    let shown: Vec<String> = v.iter().map(|t| shown(t, base)).collect();
                    body.push_str(&format!(
                        "<p class=\"note\">{word}: {}</p>",
                        shown.join(", ")
                    ));
                }
            }
            body.push_str("</dd>\n");
        }
        body.push_str("</dl></section>\n");
    }
    chrome.layout(
        "The normgraph ontology",
        base,
        &body,
        &[
            ("text/turtle", "/ontology?format=ttl".to_owned()),
            ("application/n-triples", "/ontology?format=nt".to_owned()),
        ],
    )
}
