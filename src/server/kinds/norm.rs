//! The page of a norm: its text in each language the graph holds, its root in paragraph 13 of
//! A/70/174 (or, for a norm of A/70/174, the norms rooted in it), the texts that welcomed it,
//! and its lineage as the canned query `norm-lineage` gives it: every paragraph that sets it
//! out or affirms its set, oldest first.

use super::Reader;
use crate::query::canned;
use crate::query::sparql::SparqlError;
use crate::rdf::vocab::{ng, skos};
use crate::server::chrome::Chrome;
use crate::server::html::{doc_href, escape};
use crate::server::labels::{node, objects, text};
use crate::server::page::Shown;
use oxigraph::model::{NamedNode, Term};

#[derive(Debug, Clone, Default)]
pub struct NormView {
    pub title: String,
    pub notation: String,
    /// Its text, per language.
    pub texts: Vec<(String, Option<String>)>,
    pub root: Option<Shown>,
    /// The norms rooted in it (for a norm of A/70/174).
    pub rooted: Vec<Shown>,
    pub welcomed_by: Vec<Shown>,
    /// How the root was mapped: the source of the mapping and its note.
    pub mapping: Vec<String>,
    /// The lineage: symbol, date, paragraph, verb, what it affirms.
    pub lineage: Vec<[String; 5]>,
}

pub fn read(reader: &Reader<'_>, iri: &NamedNode) -> Result<NormView, SparqlError> {
    let store = reader.store;
    let n = iri.as_ref();
    let notation = text(store, n, skos::notation).unwrap_or_default();
    let mut view = NormView {
        title: reader.labels.label(n),
        notation: notation.clone(),
        root: node(store, n, ng::hasRoot).map(|r| reader.link(r.as_ref())),
        ..NormView::default()
    };
    let mut texts: Vec<(String, Option<String>)> = objects(store, n, skos::definition)
        .into_iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some((l.value().to_owned(), l.language().map(str::to_owned))),
            _ => None,
        })
        .collect();
    // The reader's language first, then the others in the order of the six.
    let rank = |lang: &Option<String>| {
        let l = lang.as_deref().unwrap_or("");
        reader
            .chrome
            .languages
            .iter()
            .position(|w| w == l)
            .unwrap_or(
                10 + crate::server::chrome::LANGUAGES
                    .iter()
                    .position(|w| *w == l)
                    .unwrap_or(9),
            )
    };
    texts.sort_by_key(|(_, lang)| rank(lang));
    view.texts = texts;
    for t in objects(store, n, ng::welcomedBy) {
        if let Term::NamedNode(w) = t {
            view.welcomed_by.push(reader.link(w.as_ref()));
        }
    }
    for p in [ng::rootMappingSource, ng::rootMappingNote] {
        if let Some(v) = text(store, n, p) {
            view.mapping.push(v);
        }
    }
    for row in reader.rows(&format!(
        "SELECT ?n WHERE {{ ?n ng:hasRoot <{iri}> ; skos:notation ?notation }} ORDER BY ?notation",
        iri = iri.as_str()
    ))? {
        if let Some(Term::NamedNode(r)) = &row[0] {
            view.rooted.push(reader.link(r.as_ref()));
        }
    }
    if !notation.is_empty() {
        let lineage = canned::find("norm-lineage")
            .and_then(|q| q.run(store, &[("norm".to_owned(), notation)]));
        match lineage {
            Ok(rows) => {
                let column = |name: &str| rows.columns.iter().position(|c| c == name);
                let at = ["symbol", "date", "paragraph", "verb", "affirms"].map(column);
                for row in rows.text_rows() {
                    view.lineage
                        .push(at.map(|i| i.map(|i| row[i].clone()).unwrap_or_default()));
                }
            }
            Err(canned::QueryError::Evaluation { error, .. }) => return Err(error),
            // A notation the canned query's parameter refuses has no lineage to show.
            Err(_) => {}
        }
    }
    Ok(view)
}

pub fn render(view: &NormView, chrome: &Chrome, base: &str) -> (String, String) {
    let t = |en| escape(chrome.t(en));
    let mut html = format!(
        "<h1>{}</h1>\n<section id=\"norm-text\"><h2>{}</h2>\n",
        escape(&view.title),
        t("Text")
    );
    for (text, lang) in &view.texts {
        let code = lang.as_deref().unwrap_or("");
        html.push_str(&format!(
            "<blockquote lang=\"{code}\" class=\"norm\"><p>{}</p><p class=\"source\">{code}</p></blockquote>\n",
            escape(text),
            code = escape(code)
        ));
    }
    html.push_str("</section>\n<dl class=\"about\">");
    if let Some(root) = &view.root {
        html.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            t("Its root in the 2015 report (A/70/174)"),
            root.html(base)
        ));
    }
    if !view.welcomed_by.is_empty() {
        html.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            t("Welcomed by"),
            super::inline(&view.welcomed_by, base)
        ));
    }
    if !view.rooted.is_empty() {
        html.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            t("Norms"),
            super::inline(&view.rooted, base)
        ));
    }
    if !view.mapping.is_empty() {
        html.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            t("How the root was mapped"),
            escape(&view.mapping.join("; "))
        ));
    }
    html.push_str("</dl>\n");
    if !view.lineage.is_empty() {
        html.push_str(&format!(
            "<section id=\"lineage\"><h2>{} ({})</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
            t("Texts that affirm the norms"),
            view.lineage.len(),
            t("Document"),
            t("Date"),
            t("Paragraph"),
            t("Verb"),
            t("Norms"),
        ));
        for [symbol, date, paragraph, verb, affirms] in &view.lineage {
            html.push_str(&format!(
                "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&doc_href(symbol)),
                escape(symbol),
                escape(&chrome.date(date)),
                escape(paragraph),
                escape(verb),
                escape(affirms)
            ));
        }
        html.push_str("</tbody></table></section>\n");
    }
    (view.title.clone(), html)
}
