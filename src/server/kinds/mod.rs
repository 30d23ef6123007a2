//! A page per kind of resource, for people: a document (a resolution, a draft, a report), a
//! vote, a State, a norm, a body; every other node gets the facts alone. Each page says first
//! what a reader asks of that kind (a resolution's adoption, votes, sponsors and citations; a
//! State's record), labelled in the reader's language, and ends with the raw facts for
//! linked-data readers, grouped by property, counted and paged ([`facts`]).
//!
//! Each kind's module reads what its page shows into a plain value (`read`), then writes the
//! page from that value alone (`render`): the reading is the work of the store, the writing
//! never touches it. [`index`] holds the index pages (`/id/doc/`, `/id/state/`, `/id/norm/`,
//! `/id/body/`), [`search`] the search box's answers.

pub mod body;
pub mod document;
pub mod facts;
pub mod index;
pub mod norm;
pub mod search;
pub mod state;
pub mod vote;

use super::chrome::Chrome;
use super::html::{escape, href};
use super::labels::{objects, Labeller};
use super::page::Shown;
use crate::query::sparql::{self, cell_text, SparqlError};
use crate::rdf::vocab::{ng, oa, opengov, org, prov};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use oxigraph::store::Store;
use unicode_normalization::UnicodeNormalization;

/// What one page needs to read the store: the store, the reader's chrome, the labels.
pub struct Reader<'a> {
    pub store: &'a Store,
    pub chrome: &'a Chrome,
    pub labels: Labeller<'a>,
}

impl<'a> Reader<'a> {
    pub fn new(store: &'a Store, chrome: &'a Chrome) -> Self {
        Reader {
            store,
            chrome,
            labels: Labeller::new(store, chrome),
        }
    }

    /// The rows of a SELECT (our prefixes predeclared).
    pub fn rows(&self, query: &str) -> Result<Vec<Vec<Option<Term>>>, SparqlError> {
        Ok(sparql::select(self.store, query)?.rows)
    }

    /// A node as a link, labelled.
    pub fn link(&self, n: NamedNodeRef<'_>) -> Shown {
        Shown::Link {
            iri: n.as_str().to_owned(),
            label: self.labels.label(n),
        }
    }

    /// A term as a page shows it: a node as a link, a literal as printed.
    pub fn shown(&self, t: &Term) -> Shown {
        match t {
            Term::NamedNode(n) => self.link(n.as_ref()),
            Term::Literal(l) => Shown::Text {
                value: l.value().to_owned(),
                lang: l.language().map(str::to_owned),
            },
            other => Shown::Text {
                value: other.to_string(),
                lang: None,
            },
        }
    }
}

/// The kinds of resource that have a page of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Vote,
    State,
    Norm,
    Body,
    Other,
}

/// The kind of a node, from its classes.
pub fn kind(store: &Store, n: NamedNodeRef<'_>) -> Kind {
    let types: Vec<Term> = objects(store, n, rdf::TYPE);
    let is = |c: NamedNodeRef<'_>| types.iter().any(|t| t == &Term::from(c.into_owned()));
    if is(ng::State) {
        Kind::State
    } else if is(opengov::VoteEvent) {
        Kind::Vote
    } else if is(ng::Norm) || is(ng::GgeNorm) {
        Kind::Norm
    } else if is(org::Organization) && !is(ng::State) {
        Kind::Body
    } else if super::labels::text(store, n, ng::symbol).is_some() {
        Kind::Document
    } else {
        Kind::Other
    }
}

/// What a page was asked beyond its resource: the facts group to show whole, from where.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    pub facts: Option<String>,
    pub from: usize,
    /// The first row of a State's record shown (`?record=N`).
    pub record: usize,
}

impl Asked {
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        Asked {
            facts: get("facts"),
            from: get("from").and_then(|f| f.parse().ok()).unwrap_or(0),
            record: get("record").and_then(|f| f.parse().ok()).unwrap_or(0),
        }
    }
}

/// The page of `iri` for a person: its kind's, then its facts.
pub fn page(
    store: &Store,
    iri: &NamedNode,
    chrome: &Chrome,
    base: &str,
    asked: &Asked,
) -> Result<String, SparqlError> {
    let reader = Reader::new(store, chrome);
    let facts = facts::read(&reader, iri.as_ref(), asked);
    let (title, body) = match kind(store, iri.as_ref()) {
        Kind::Document => document::render(&document::read(&reader, iri)?, chrome, base),
        Kind::Vote => vote::render(&vote::read(&reader, iri)?, chrome, base),
        Kind::State => state::render(&state::read(&reader, iri, asked.record)?, chrome, base),
        Kind::Norm => norm::render(&norm::read(&reader, iri)?, chrome, base),
        Kind::Body => body::render(&body::read(&reader, iri)?, chrome, base),
        Kind::Other => {
            let title = reader.labels.label(iri.as_ref());
            let heading = format!(
                "<h1>{}</h1><p><code>{}</code></p>\n",
                escape(&title),
                escape(iri.as_str())
            );
            (title, heading)
        }
    };
    let mut html = body;
    html.push_str(&facts::render(&facts, chrome, base));
    let here = href(iri.as_str(), base);
    let alternates = [
        ("text/turtle", format!("{here}?format=ttl")),
        ("application/n-triples", format!("{here}?format=nt")),
        ("application/ld+json", format!("{here}?format=jsonld")),
        ("application/rdf+xml", format!("{here}?format=rdf")),
    ];
    Ok(chrome.layout(&format!("{title} · normgraph"), base, &html, &alternates))
}

/// A cell's literal as a count (0 when unbound or not a number).
pub fn number(t: &Option<Term>) -> usize {
    match t {
        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

/// A cell as text (see [`cell_text`]).
pub fn lexical(t: &Option<Term>) -> String {
    cell_text(t.as_ref())
}

/// A key that sorts names as a reader of any language expects: accents and case folded
/// ("Équateur" beside "Egypte", "Tchéquie" after "Suède").
pub fn sort_key(name: &str) -> String {
    fold(name)
}

/// Lower case, accents removed: what search and sorting compare.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A result bar: yes, no, abstain and absent as segments of one bar, each counted, with a text
/// alternative. Drawn in SVG attributes (the content security policy forbids inline styles).
pub fn result_bar(counts: [usize; 4], chrome: &Chrome, width: u32) -> String {
    let words = ["Yes", "No", "Abstain", "Absent"];
    let classes = ["yes", "no", "abstain", "absent"];
    let colours = ["#2e7d32", "#c62828", "#f9a825", "#9e9e9e"];
    let total: usize = counts.iter().sum::<usize>().max(1);
    let said: Vec<String> = counts
        .iter()
        .zip(words)
        .map(|(n, w)| format!("{n} {}", chrome.t(w).to_lowercase()))
        .collect();
    let mut svg = format!(
        "<svg class=\"bar\" width=\"{width}\" height=\"28\" viewBox=\"0 0 {width} 28\" role=\"img\" \
         aria-label=\"{}\"><title>{}</title>",
        escape(&said.join(", ")),
        escape(&said.join(", "))
    );
    let mut x = 0u32;
    for (i, n) in counts.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let w = ((*n as f64 / total as f64) * width as f64).round() as u32;
        let w = w.min(width - x.min(width));
        svg.push_str(&format!(
            "<rect class=\"{}\" x=\"{x}\" y=\"0\" width=\"{w}\" height=\"28\" fill=\"{}\"/>",
            classes[i], colours[i]
        ));
        if w >= 28 {
            svg.push_str(&format!(
                "<text x=\"{}\" y=\"19\" font-size=\"13\" fill=\"{}\">{n}</text>",
                x + 5,
                if i == 2 || i == 3 { "#000" } else { "#fff" }
            ));
        }
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

/// A list of links as one line, separated by commas.
pub fn inline(items: &[Shown], base: &str) -> String {
    items
        .iter()
        .map(|s| s.html(base))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text of a source paragraph, with the file it comes from and the source's language.
#[derive(Debug, Clone)]
pub struct Quote {
    pub text: String,
    pub file: String,
    pub lang: Option<String>,
}

/// The paragraphs `node` was read from (`prov:wasDerivedFrom`, `ng:mentionedIn`), quoted.
pub fn quotes(reader: &Reader<'_>, node: NamedNodeRef<'_>) -> Vec<Quote> {
    let store = reader.store;
    let mut out: Vec<Quote> = Vec::new();
    for p in [prov::wasDerivedFrom, ng::mentionedIn] {
        for t in objects(store, node, p) {
            let Term::NamedNode(paragraph) = t else {
                continue;
            };
            if let Some(q) = quote(store, paragraph.as_ref()) {
                if !out.iter().any(|o| o.text == q.text) {
                    out.push(q);
                }
            }
        }
    }
    out
}

/// One source paragraph quoted.
pub fn quote(store: &Store, paragraph: NamedNodeRef<'_>) -> Option<Quote> {
    use super::labels::{node, text};
    let selector = node(store, paragraph, oa::hasSelector)?;
    let exact = text(store, selector.as_ref(), oa::exact)?;
    let source = node(store, paragraph, oa::hasSource);
    let file = source
        .as_ref()
        .and_then(|s| text(store, s.as_ref(), ng::file))
        .unwrap_or_default();
    let lang = source
        .as_ref()
        .and_then(|s| text(store, s.as_ref(), crate::rdf::vocab::dcterms::language));
    Some(Quote {
        text: exact,
        file,
        lang,
    })
}

/// The quotes as blockquotes, each marked with its language and file.
pub fn render_quotes(quotes: &[Quote]) -> String {
    let mut html = String::new();
    for q in quotes {
        let lang = q
            .lang
            .as_deref()
            .map(|l| format!(" lang=\"{}\"", escape(l)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<blockquote{lang}>{}</blockquote><p class=\"source\">{}</p>\n",
            escape(&q.text),
            escape(&q.file)
        ));
    }
    html
}
