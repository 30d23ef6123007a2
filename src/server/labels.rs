//! A readable label for every node a page shows: a document is its symbol, a State its name in
//! the reader's language, a vote "Plenary vote on A/RES/75/240", a citation "A/RES/75/240
//! cites A/RES/71/28", a source paragraph "A/RES/75/240 pp1 (English, AKN)", a term of our
//! vocabulary its label in the ontology, a subject of the UN thesaurus "UNBIS Thesaurus
//! 1002612". Never a raw IRI where the graph or the IRI's shape says what the node is, and
//! never a label two nodes share (several resolutions share a title; none shares a symbol).

use super::chrome::Chrome;
use super::html::capitalised;
use crate::rdf::vocab::{cito, compact, dcterms, ng, oa, opengov, rdfs, skos};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Term};
use oxigraph::store::Store;
use std::cell::RefCell;
use std::collections::HashMap;

/// Labels nodes for one page, remembering each.
pub struct Labeller<'a> {
    store: &'a Store,
    chrome: &'a Chrome,
    known: RefCell<HashMap<String, String>>,
}

/// The objects of `s p` in the default graph.
pub fn objects(store: &Store, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>) -> Vec<Term> {
    store
        .quads_for_pattern(
            Some(s.into()),
            Some(p),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .filter_map(Result::ok)
        .map(|q| q.object)
        .collect()
}

/// The first object of `s p` that is an IRI.
pub fn node(store: &Store, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>) -> Option<NamedNode> {
    objects(store, s, p).into_iter().find_map(|t| match t {
        Term::NamedNode(n) => Some(n),
        _ => None,
    })
}

/// The first object of `s p` that is a literal, as text.
pub fn text(store: &Store, s: NamedNodeRef<'_>, p: NamedNodeRef<'_>) -> Option<String> {
    objects(store, s, p).into_iter().find_map(|t| match t {
        Term::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    })
}

/// Of literals in several languages, the one in the first of `languages` that has one, else
/// English, else one without a language, else the first; with its language.
pub fn in_language(found: &[Term], languages: &[String]) -> Option<(String, Option<String>)> {
    let literals: Vec<(&str, &str)> = found
        .iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some((l.language().unwrap_or(""), l.value())),
            _ => None,
        })
        .collect();
    let wanted = languages.iter().map(String::as_str).chain(["en", ""]);
    for lang in wanted {
        if let Some((l, v)) = literals.iter().find(|(l, _)| *l == lang) {
            return Some(((*v).to_owned(), (!l.is_empty()).then(|| (*l).to_owned())));
        }
    }
    literals
        .first()
        .map(|(l, v)| ((*v).to_owned(), (!l.is_empty()).then(|| (*l).to_owned())))
}

/// The name of a language the sources are in, in English (the chrome's words for languages).
fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        "ru" => "Russian",
        "zh" => "Chinese",
        "ar" => "Arabic",
        other => other,
    }
}

/// A source's `{lang}-{format}` segment as people read it: "English, AKN".
fn source_kind(segment: &str) -> String {
    let (lang, format) = segment.split_once('-').unwrap_or((segment, ""));
    let format = match format {
        "akn" => "AKN",
        "text" => "text",
        "table" => "table",
        other => other,
    };
    format!("{}, {format}", language_name(lang))
}

impl<'a> Labeller<'a> {
    pub fn new(store: &'a Store, chrome: &'a Chrome) -> Self {
        Labeller {
            store,
            chrome,
            known: RefCell::default(),
        }
    }

    /// The label of a term: a node's (see [`Labeller::label`]), a literal's value.
    pub fn term(&self, t: &Term) -> String {
        match t {
            Term::NamedNode(n) => self.label(n.as_ref()),
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        }
    }

    /// The label of a node.
    pub fn label(&self, n: NamedNodeRef<'_>) -> String {
        if let Some(known) = self.known.borrow().get(n.as_str()) {
            return known.clone();
        }
        let label = self.compute(n);
        self.known
            .borrow_mut()
            .insert(n.as_str().to_owned(), label.clone());
        label
    }

    /// The symbol of a document node, if it has one.
    pub fn symbol(&self, n: NamedNodeRef<'_>) -> Option<String> {
        text(self.store, n, ng::symbol)
    }

    fn doc_label(&self, n: Option<NamedNode>) -> String {
        n.map_or_else(|| "?".to_owned(), |n| self.label(n.as_ref()))
    }

    fn compute(&self, n: NamedNodeRef<'_>) -> String {
        let store = self.store;
        let t = |en| self.chrome.t(en);
        if let Some(symbol) = self.symbol(n) {
            return symbol;
        }
        let types: Vec<NamedNode> = objects(store, n, rdf::TYPE)
            .into_iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect();
        let is = |class: NamedNodeRef<'_>| types.iter().any(|t| t.as_ref() == class);
        if is(ng::State) {
            let names = objects(store, n, skos::prefLabel);
            if let Some((name, _)) = in_language(&names, &self.chrome.languages) {
                return name;
            }
        }
        if is(opengov::VoteEvent) {
            return self.event_label(n);
        }
        if is(opengov::Vote) {
            let voter = self.doc_label(node(store, n, opengov::voter));
            let option = text(store, n, opengov::option).unwrap_or_default();
            let event = node(store, n, opengov::voteEvent)
                .map(|e| self.event_label(e.as_ref()))
                .unwrap_or_default();
            return format!("{voter}: {} ({event})", t(vote_word(&option)));
        }
        if is(ng::Sponsorship) || is(ng::UnresolvedSponsorship) {
            let state = node(store, n, ng::sponsor).map_or_else(
                || text(store, n, ng::unresolvedName).unwrap_or_default(),
                |s| self.label(s.as_ref()),
            );
            let of = self.doc_label(node(store, n, ng::sponsorshipOf));
            return format!("{state}, {} {of}", t("Sponsors").to_lowercase());
        }
        if is(cito::Citation) {
            let from = self.doc_label(node(store, n, cito::hasCitingEntity));
            let to = self.doc_label(node(store, n, cito::hasCitedEntity));
            return format!("{from} → {to}");
        }
        if is(ng::SourceParagraph) {
            if let Some(source) = node(store, n, oa::hasSource) {
                let para = text(store, n, ng::paragraphId).unwrap_or_default();
                return format!("{} {para}", self.label(source.as_ref()));
            }
        }
        if is(ng::SourceText) {
            if let Some(doc) = node(store, n, crate::rdf::vocab::prov::hadPrimarySource) {
                let segment = n.as_str().rsplit('/').next().unwrap_or("");
                return format!("{} ({})", self.label(doc.as_ref()), source_kind(segment));
            }
        }
        if is(ng::Meeting) {
            let number = text(store, n, ng::meetingNumber).unwrap_or_default();
            let session = text(store, n, ng::session).unwrap_or_default();
            let date = text(store, n, dcterms::date)
                .map(|d| format!(", {}", self.chrome.date(&d)))
                .unwrap_or_default();
            let resumed = if text(store, n, ng::resumed).as_deref() == Some("true") {
                " (resumed)"
            } else {
                ""
            };
            if !number.is_empty() {
                return format!(
                    "{} {number}{resumed}, {} {session}{date}",
                    t("plenary meeting"),
                    t("Session").to_lowercase()
                );
            }
        }
        if is(ng::Norm) || is(ng::GgeNorm) {
            let notation = text(store, n, skos::notation).unwrap_or_default();
            let scheme = node(store, n, skos::inScheme)
                .and_then(|s| node(store, s.as_ref(), ng::schemeOf))
                .map(|o| self.label(o.as_ref()));
            return match scheme {
                Some(of) => format!("{} {notation} ({of})", capitalised(t("norm"))),
                None => format!("{} {notation}", capitalised(t("norm"))),
            };
        }
        if is(ng::NormScheme) {
            let of = self.doc_label(node(store, n, ng::schemeOf));
            return format!("{} ({of})", t("Norms"));
        }
        if is(ng::NormAffirmation) {
            let by = self.doc_label(node(store, n, ng::affirmingText));
            let para = text(store, n, ng::citingParagraph).unwrap_or_default();
            return format!("{by} {para} → {}", t("Norms").to_lowercase());
        }
        if is(ng::AdoptionWithoutVote) {
            let of = self.doc_label(node(store, n, ng::adoptionOf));
            return format!("{of}: {}", t("Adopted without a vote").to_lowercase());
        }
        if is(ng::AgendaInclusion) {
            let of = n
                .as_str()
                .strip_suffix("/agenda-inclusion")
                .and_then(|d| NamedNode::new(d).ok())
                .map(|d| self.label(d.as_ref()))
                .unwrap_or_default();
            let session = text(store, n, ng::includesItemInSession).unwrap_or_default();
            return format!("{of}: {} {session}", t("Agenda item").to_lowercase());
        }
        for p in [skos::prefLabel, dcterms::title, rdfs::LABEL] {
            if let Some((v, _)) = in_language(&objects(store, n, p), &self.chrome.languages) {
                return v;
            }
        }
        external(n.as_str()).unwrap_or_else(|| compact(n.as_str()))
    }

    /// "Plenary vote on A/RES/75/240", "First Committee vote on A/C.1/77/L.23/Rev.1 on
    /// preambular paragraph 2".
    fn event_label(&self, n: NamedNodeRef<'_>) -> String {
        let store = self.store;
        let t = |en: &'static str| self.chrome.t(en);
        let body: &'static str = match node(store, n, ng::votingBody) {
            Some(b) if b.as_ref() == ng::FirstCommittee => "First Committee vote on",
            _ => "Plenary vote on",
        };
        let whole = node(store, n, ng::onDocument);
        let part = node(store, n, ng::onParagraphOf);
        let doc = self.doc_label(whole.or(part.clone()));
        let paragraph = if part.is_some() {
            match (
                text(store, n, ng::preambularParagraph),
                text(store, n, ng::operativeParagraph),
            ) {
                (Some(p), _) => format!(" {} {p}", t("on preambular paragraph")),
                (_, Some(p)) => format!(" {} {p}", t("on operative paragraph")),
                _ => String::new(),
            }
        } else {
            String::new()
        };
        format!("{} {doc}{paragraph}", t(body))
    }
}

/// The chrome's word for a recorded option.
pub fn vote_word(option: &str) -> &'static str {
    match option {
        "yes" => "Yes",
        "no" => "No",
        "abstain" => "Abstain",
        _ => "Absent",
    }
}

/// A node of a vocabulary we do not hold, named by what its IRI says it is; a term of ours by
/// its label in the ontology.
fn external(iri: &str) -> Option<String> {
    if let Some(label) = ontology_label(iri) {
        return Some(label);
    }
    let tail = |prefix: &str| iri.strip_prefix(prefix).map(str::to_owned);
    if let Some(n) = tail("http://metadata.un.org/thesaurus/") {
        return Some(format!("UNBIS Thesaurus {n}"));
    }
    if let Some(n) = tail("http://metadata.un.org/sdg/") {
        return Some(format!("Sustainable Development Goal {n}"));
    }
    if let Some(n) = tail("http://eurovoc.europa.eu/") {
        return Some(format!("EuroVoc {n}"));
    }
    if let Some(s) = tail("https://undocs.org/") {
        return Some(format!("{s} (undocs.org)"));
    }
    if let Some(c) = tail("http://publications.europa.eu/resource/authority/country/") {
        return Some(format!("{c} (EU country authority table)"));
    }
    None
}

/// The English label the ontology gives a term, if it is one of ours.
pub fn ontology_label(iri: &str) -> Option<String> {
    use std::sync::OnceLock;
    static LABELS: OnceLock<HashMap<String, String>> = OnceLock::new();
    let labels = LABELS.get_or_init(|| {
        crate::rdf::ontology::triples()
            .iter()
            .filter(|t| t.predicate.as_ref() == rdfs::LABEL)
            .filter_map(|t| match (&t.subject, &t.object) {
                (oxigraph::model::NamedOrBlankNode::NamedNode(s), Term::Literal(l))
                    if l.language().is_none_or(|l| l == "en") =>
                {
                    Some((s.as_str().to_owned(), l.value().to_owned()))
                }
                _ => None,
            })
            .collect()
    });
    labels.get(iri).cloned()
}
