//! HTML pages of the server: a resource of the graph as a person reads it. Plain HTML, no
//! script; every value escaped.

use crate::vocab::{ng, PREFIXES};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::Store;
use std::fmt::Write;

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An IRI in prefixed form when a known prefix fits.
fn compact(iri: &str) -> String {
    for (p, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{p}:{local}");
        }
    }
    iri.to_owned()
}

/// Where a browser follows an IRI: under the base, to this server's own page of it.
fn href(iri: &str, base: &str) -> String {
    match iri.strip_prefix(base) {
        Some(path) => format!("/id/{path}"),
        None => iri.to_owned(),
    }
}

/// The label of a node in the reader's language: its preferred label, title or label, in the
/// first language of `languages` that has one, else English, else any; else its symbol.
pub fn label(store: &Store, node: NamedNodeRef<'_>, languages: &[String]) -> Option<String> {
    let mut found: Vec<(String, String)> = Vec::new();
    for p in [
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://purl.org/dc/terms/title",
        "http://www.w3.org/2000/01/rdf-schema#label",
    ] {
        let p = NamedNode::new_unchecked(p);
        for q in store.quads_for_pattern(
            Some(node.into()),
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Ok(Quad {
                object: Term::Literal(l),
                ..
            }) = q
            {
                found.push((l.language().unwrap_or("").to_owned(), l.value().to_owned()));
            }
        }
    }
    let wanted = languages.iter().map(String::as_str).chain(["en", ""]);
    for lang in wanted {
        if let Some((_, v)) = found.iter().find(|(l, _)| l == lang) {
            return Some(v.clone());
        }
    }
    if let Some((_, v)) = found.first() {
        return Some(v.clone());
    }
    let symbol = NamedNode::new_unchecked(ng("symbol"));
    store
        .quads_for_pattern(
            Some(node.into()),
            Some(symbol.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .and_then(|q| q.ok())
        .and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
}

fn value(store: &Store, t: &Term, languages: &[String], base: &str) -> String {
    match t {
        Term::NamedNode(n) => {
            let shown = label(store, n.as_ref(), languages).unwrap_or_else(|| compact(n.as_str()));
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&href(n.as_str(), base)),
                escape(&shown)
            )
        }
        Term::Literal(l) => match l.language() {
            Some(lang) => format!(
                "{} <span class=\"lang\">@{}</span>",
                escape(l.value()),
                escape(lang)
            ),
            None => escape(l.value()),
        },
        other => escape(&other.to_string()),
    }
}

/// The text a source paragraph quotes, with the file it comes from.
fn quote(store: &Store, paragraph: NamedNodeRef<'_>) -> Option<(String, String)> {
    let get = |s: NamedNodeRef<'_>, p: &str| -> Option<Term> {
        store
            .quads_for_pattern(
                Some(s.into()),
                Some(NamedNode::new_unchecked(p).as_ref()),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .next()
            .and_then(|q| q.ok())
            .map(|q| q.object)
    };
    let Some(Term::NamedNode(selector)) = get(paragraph, "http://www.w3.org/ns/oa#hasSelector")
    else {
        return None;
    };
    let Some(Term::Literal(exact)) = get(selector.as_ref(), "http://www.w3.org/ns/oa#exact") else {
        return None;
    };
    let file = match get(paragraph, "http://www.w3.org/ns/oa#hasSource") {
        Some(Term::NamedNode(source)) => match get(source.as_ref(), &ng("file")) {
            Some(Term::Literal(f)) => f.value().to_owned(),
            _ => source.as_str().to_owned(),
        },
        _ => String::new(),
    };
    Some((exact.value().to_owned(), file))
}

/// The page of a resource: its facts, what refers to it, the source paragraphs quoted.
pub fn resource(
    store: &Store,
    iri: &NamedNode,
    outgoing: &[Quad],
    incoming: &[Quad],
    languages: &[String],
    base: &str,
) -> String {
    let title = label(store, iri.as_ref(), languages).unwrap_or_else(|| compact(iri.as_str()));
    let mut html = String::new();
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} · normgraph</title>\
         <style>body{{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.3em;text-align:left;vertical-align:top}}\
         .lang{{color:#777;font-size:.8em}}blockquote{{border-left:3px solid #ccc;margin:.5em 0;padding-left:1em}}</style></head><body>\n\
         <p><a href=\"/\">normgraph</a></p><h1>{}</h1><p><code>{}</code></p>\n",
        escape(languages.first().map(String::as_str).unwrap_or("en")),
        escape(&title),
        escape(&title),
        escape(iri.as_str())
    );
    html.push_str("<h2>Facts</h2><table>\n");
    let derived_from = "http://www.w3.org/ns/prov#wasDerivedFrom";
    let mentioned_in = ng("mentionedIn");
    for q in outgoing {
        let _ = writeln!(
            html,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&compact(q.predicate.as_str())),
            value(store, &q.object, languages, base)
        );
    }
    html.push_str("</table>\n");
    let sources: Vec<(String, String)> = outgoing
        .iter()
        .filter(|q| q.predicate.as_str() == derived_from || q.predicate.as_str() == mentioned_in)
        .filter_map(|q| match &q.object {
            Term::NamedNode(p) => quote(store, p.as_ref()),
            _ => None,
        })
        .collect();
    if !sources.is_empty() {
        html.push_str("<h2>In the sources</h2>\n");
        for (text, file) in sources {
            let _ = writeln!(
                html,
                "<blockquote>{}</blockquote><p class=\"lang\">{}</p>",
                escape(&text),
                escape(&file)
            );
        }
    }
    if !incoming.is_empty() {
        html.push_str("<h2>Referred to by</h2><table>\n");
        for q in incoming.iter().take(200) {
            let subject = Term::from(q.subject.clone());
            let _ = writeln!(
                html,
                "<tr><td>{}</td><th>{}</th></tr>",
                value(store, &subject, languages, base),
                escape(&compact(q.predicate.as_str()))
            );
        }
        html.push_str("</table>\n");
    }
    html.push_str("</body></html>\n");
    html
}
