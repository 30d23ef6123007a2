//! The search box: symbols ("75/240" finds A/RES/75/240), States by any of their names in the
//! six languages or their code ("Tchéquie", "Chequia", "CZE"), norms by notation or a word of
//! their text, bodies by name. Case and accents do not matter. The index is read once from
//! the store (served read-only) and answers in microseconds; `/search?q=` answers a page, or
//! the suggestions as JSON for the box.

use super::{fold, Reader};
use crate::query::sparql::SparqlError;
use crate::server::chrome::Chrome;
use crate::server::html::{escape, href};
use oxigraph::model::Term;
use serde::Serialize;

/// One thing the box can find, under one of its names.
#[derive(Debug, Clone)]
struct Entry {
    /// The name, folded (lower case, no accents).
    folded: String,
    /// The name as written, what a suggestion shows.
    name: String,
    iri: String,
    /// "State", "document", "norm", "body": the chrome's word for its kind.
    kind: &'static str,
}

/// What the box can find.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// A suggestion: the name that matched, its kind and where its page is.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Hit {
    pub name: String,
    pub kind: String,
    pub href: String,
    pub iri: String,
}

/// The most suggestions an answer gives.
pub const MAX_HITS: usize = 12;

impl SearchIndex {
    /// Reads every name the box searches from the store.
    pub fn build(reader: &Reader<'_>) -> Result<SearchIndex, SparqlError> {
        let mut index = SearchIndex::default();
        let mut add = |kind: &'static str, query: &str| -> Result<(), SparqlError> {
            for row in reader.rows(query)? {
                if let (Some(Term::NamedNode(n)), Some(Term::Literal(name))) = (&row[0], &row[1]) {
                    let name = name.value().to_owned();
                    index.entries.push(Entry {
                        folded: fold(&name),
                        name,
                        iri: n.as_str().to_owned(),
                        kind,
                    });
                }
            }
            Ok(())
        };
        add("document", "SELECT ?d ?s WHERE { ?d ng:symbol ?s }")?;
        add(
            "State",
            "SELECT ?s ?name WHERE { ?s a ng:State { ?s skos:prefLabel|skos:altLabel ?name } UNION { ?s ng:iso3 ?name } }",
        )?;
        add(
            "norm",
            "SELECT ?n ?name WHERE { ?n a ?c FILTER(?c IN (ng:Norm, ng:GgeNorm))
               { ?n skos:notation ?name } UNION { ?n skos:definition ?name } }",
        )?;
        add(
            "body",
            "SELECT ?b ?name WHERE { ?b a ?c ; skos:prefLabel|skos:altLabel ?name
               FILTER(?c IN (ng:GroupOfGovernmentalExperts, ng:OpenEndedWorkingGroup, ng:ProgrammeOfAction, ng:GlobalMechanism)) }",
        )?;
        Ok(index)
    }

    /// The best matches of `query`: a name equal to it first, then names that start with it,
    /// then names with a word that starts with it, then names that hold it; shorter names
    /// first within each; one hit per thing.
    pub fn find(&self, query: &str, base: &str, chrome: &Chrome) -> Vec<Hit> {
        let q = fold(query.trim());
        // Written as typed (only the case folded): "Tchéq" is nearer "Tchéquie" than "Tchèque".
        let typed = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        // A short resolution number ("75/240") is a symbol's end.
        let symbol_end = format!("/{q}");
        let mut scored: Vec<(u8, bool, usize, &Entry)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let f = &e.folded;
                let score = if *f == q {
                    0
                } else if e.kind == "document"
                    && f.ends_with(&symbol_end)
                    && f.starts_with("a/res/")
                {
                    1
                } else if f.starts_with(&q) {
                    2
                } else if f
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(&q))
                {
                    3
                } else if f.contains(&q) {
                    4
                } else {
                    return None;
                };
                let as_typed = e.name.to_lowercase().contains(&typed);
                Some((score, !as_typed, e.name.chars().count(), e))
            })
            .collect();
        scored.sort_by(|a, b| (a.0, a.1, a.2, &a.3.name).cmp(&(b.0, b.1, b.2, &b.3.name)));
        let mut hits: Vec<Hit> = Vec::new();
        for (_, _, _, e) in scored {
            if hits.iter().any(|h| h.iri == e.iri) {
                continue;
            }
            // A norm found by a word of its text is shown by that text's start.
            let name = if e.name.chars().count() > 90 {
                format!("{}…", e.name.chars().take(88).collect::<String>())
            } else {
                e.name.clone()
            };
            hits.push(Hit {
                name,
                kind: chrome.t(e.kind).to_owned(),
                href: href(&e.iri, base),
                iri: e.iri.clone(),
            });
            if hits.len() == MAX_HITS {
                break;
            }
        }
        hits
    }
}

/// The answer page of a search.
pub fn render(query: &str, hits: &[Hit], chrome: &Chrome, base: &str) -> String {
    let t = |en| escape(chrome.t(en));
    let mut html = format!("<h1>{} “{}”</h1>\n", t("Search"), escape(query));
    if hits.is_empty() {
        html.push_str(&format!(
            "<p>{} “{}”.</p>\n",
            t("Nothing found for"),
            escape(query)
        ));
    } else {
        html.push_str("<ul class=\"hits\">");
        for h in hits {
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a> <span class=\"kind\">{}</span></li>",
                escape(&h.href),
                escape(&h.name),
                escape(&h.kind)
            ));
        }
        html.push_str("</ul>\n");
    }
    chrome.layout(
        &format!("{} · normgraph", chrome.t("Search")),
        base,
        &html,
        &[],
    )
}
