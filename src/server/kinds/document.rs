//! The page of a document (a resolution, a draft, a decision, a report): its symbol and title
//! in the reader's language, its dates and meeting, the report and draft it came through and
//! the resolution it became, its votes as result bars, its sponsors, what it cites and what
//! cites it (with the verbs and dates), the bodies it set up, the norms it affirms, and its
//! text, paragraph by paragraph, from the source in the reader's language.

use super::{inline, lexical, number, render_quotes, result_bar, Quote, Reader};
use crate::query::sparql::SparqlError;
use crate::rdf::vocab::{dcterms, ng};
use crate::server::chrome::Chrome;
use crate::server::html::{capitalised, escape, thousands};
use crate::server::labels::{in_language, node, objects, text};
use crate::server::page::Shown;
use oxigraph::model::{NamedNode, Term};

/// One vote on the document (or on its draft, or on one of its paragraphs).
#[derive(Debug, Clone)]
pub struct VoteLine {
    pub event: Shown,
    pub date: String,
    /// Yes, no, abstain (as tallied: counted from the lists where the sources give them) and
    /// absent.
    pub counts: [usize; 4],
    /// Yes, no, abstain as the document prints them, when they differ from the tally.
    pub printed: Option<[usize; 3]>,
}

/// A citation, from the citing or the cited side.
#[derive(Debug, Clone)]
pub struct CitationLine {
    pub document: Shown,
    pub verb: String,
    pub date: String,
    pub paragraph: String,
    pub footnote: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct DocumentView {
    pub iri: String,
    pub symbol: String,
    pub title: Option<(String, Option<String>)>,
    /// Kind, dates, meeting, report, draft and resolution: (the chrome's word, the value).
    pub about: Vec<(&'static str, Shown)>,
    pub votes: Vec<VoteLine>,
    /// Adopted without a vote: by whom (the chrome's word) and when.
    pub without_vote: Vec<(&'static str, String)>,
    /// The text whose sponsors these are, when it is the draft of this document.
    pub sponsored_text: Option<Shown>,
    pub original: Vec<Shown>,
    pub joined: Vec<Shown>,
    pub introducers: Vec<Shown>,
    pub cites: Vec<CitationLine>,
    pub cited_by: Vec<CitationLine>,
    pub bodies: Vec<Shown>,
    pub norms: Vec<Shown>,
    /// The text, one quote per paragraph, from the source in the reader's language.
    pub text: Vec<Quote>,
    /// The sources the text could come from.
    pub sources: Vec<Shown>,
}

/// The verb of a citation in the reader's language.
fn verb(reader: &Reader<'_>, citation: &NamedNode) -> String {
    in_language(
        &objects(reader.store, citation.as_ref(), ng::citingVerb),
        &reader.chrome.languages,
    )
    .map(|(v, _)| v)
    .unwrap_or_default()
}

pub fn read(reader: &Reader<'_>, iri: &NamedNode) -> Result<DocumentView, SparqlError> {
    let store = reader.store;
    let d = iri.as_ref();
    let languages = &reader.chrome.languages;
    let mut view = DocumentView {
        iri: iri.as_str().to_owned(),
        symbol: reader.labels.label(d),
        title: in_language(&objects(store, d, dcterms::title), languages),
        ..DocumentView::default()
    };
    let about = &mut view.about;
    let class = objects(store, d, oxigraph::model::vocab::rdf::TYPE)
        .into_iter()
        .filter_map(|t| match t {
            Term::NamedNode(n) => Some(n),
            _ => None,
        })
        .find(|n| n.as_ref() != ng::LimitedDocument);
    if let Some(class) = class {
        about.push(("Kind", reader.link(class.as_ref())));
    }
    let date = |p| text(store, d, p).map(|v| reader.chrome.date(&v));
    let plain = |v: String| Shown::Text {
        value: v,
        lang: None,
    };
    if let Some(v) = date(ng::adoptionDate) {
        about.push(("Adopted", plain(v)));
    }
    if let Some(v) = date(ng::distributionDate) {
        about.push(("Distributed", plain(v)));
    }
    if let Some(m) = node(store, d, ng::adoptedAtMeeting) {
        about.push(("Meeting", reader.link(m.as_ref())));
    }
    if let Some(s) = text(store, d, ng::session) {
        about.push(("Session", plain(s)));
    }
    if let Some(a) = text(store, d, ng::agendaItem) {
        about.push(("Agenda item", plain(a)));
    }
    if let Some(r) = node(store, d, ng::adoptedOnReport) {
        about.push(("Adopted on the report", reader.link(r.as_ref())));
    }
    if let Some(r) = node(store, d, ng::carriedBy) {
        about.push(("Carried by the report", reader.link(r.as_ref())));
    }
    let drafts: Vec<NamedNode> = reader
        .rows(&format!(
            "SELECT ?x WHERE {{ ?x ng:becameResolution <{iri}> }} ORDER BY ?x",
            iri = iri.as_str()
        ))?
        .into_iter()
        .filter_map(|r| match r.into_iter().next().flatten() {
            Some(Term::NamedNode(n)) => Some(n),
            _ => None,
        })
        .collect();
    for draft in &drafts {
        about.push(("Its draft", reader.link(draft.as_ref())));
    }
    if let Some(r) = node(store, d, ng::becameResolution) {
        about.push(("Became resolution", reader.link(r.as_ref())));
    }
    if let Some(v) = date(ng::introducedOn) {
        about.push(("Introduced", plain(v)));
    }
    for t in objects(store, d, crate::rdf::vocab::rdfs::SEE_ALSO) {
        if let Term::NamedNode(n) = &t {
            if n.as_str().starts_with("https://undocs.org/") {
                about.push((
                    "The document on undocs.org",
                    Shown::Link {
                        iri: n.as_str().to_owned(),
                        label: n.as_str().to_owned(),
                    },
                ));
            }
        }
    }

    // The texts this document is one stage of: itself, its drafts, the resolution it became.
    let mut texts: Vec<NamedNode> = vec![iri.clone()];
    texts.extend(drafts.iter().cloned());
    if let Some(r) = node(store, d, ng::becameResolution) {
        texts.push(r);
    }
    let values: String = texts.iter().map(|t| format!("<{}> ", t.as_str())).collect();

    for row in reader.rows(&format!(
        "SELECT ?e ?date ?y ?n ?a ?py ?pn ?pa (COUNT(DISTINCT ?absent) AS ?out) WHERE {{
           VALUES ?d {{ {values} }}
           {{ ?e ng:onDocument ?d }} UNION {{ ?e ng:onParagraphOf ?d }}
           ?e a opengov:VoteEvent .
           OPTIONAL {{ ?e dcterms:date ?date }}
           OPTIONAL {{ ?e ng:printedYes ?py ; ng:printedNo ?pn ; ng:printedAbstain ?pa }}
           OPTIONAL {{ GRAPH ng:DerivedFacts {{ ?e ng:tallyYes ?y ; ng:tallyNo ?n ; ng:tallyAbstain ?a }} }}
           OPTIONAL {{ GRAPH ng:DerivedFacts {{ ?absent ng:absentFrom ?e }} }}
         }} GROUP BY ?e ?date ?y ?n ?a ?py ?pn ?pa ORDER BY ?date ?e"
    ))? {
        let Some(Term::NamedNode(e)) = &row[0] else {
            continue;
        };
        let counts = [number(&row[2]), number(&row[3]), number(&row[4]), number(&row[8])];
        let printed = [number(&row[5]), number(&row[6]), number(&row[7])];
        view.votes.push(VoteLine {
            event: reader.link(e.as_ref()),
            date: reader.chrome.date(&lexical(&row[1])),
            printed: (row[5].is_some() && printed[..] != counts[..3]).then_some(printed),
            counts,
        });
    }
    for row in reader.rows(&format!(
        "SELECT ?body ?date WHERE {{ VALUES ?d {{ {values} }} ?x ng:adoptionOf ?d ; a ng:AdoptionWithoutVote .
           OPTIONAL {{ ?x ng:votingBody ?body }} OPTIONAL {{ ?x dcterms:date ?date }} }} ORDER BY ?date"
    ))? {
        let body = match &row[0] {
            Some(Term::NamedNode(b)) if b.as_ref() == ng::FirstCommittee => "First Committee",
            _ => "Plenary",
        };
        view.without_vote
            .push((body, reader.chrome.date(&lexical(&row[1]))));
    }

    // Sponsors: of this text, else of its draft.
    for t in &texts {
        let rows = reader.rows(&format!(
            "SELECT ?state ?role ?introducer WHERE {{
               ?s ng:sponsorshipOf <{t}> ; ng:sponsor ?state ; ng:role ?role .
               BIND(EXISTS {{ <{t}> ng:introducedBy ?state }} AS ?introducer) }}",
            t = t.as_str()
        ))?;
        if rows.is_empty() {
            continue;
        }
        if t != iri {
            view.sponsored_text = Some(reader.link(t.as_ref()));
        }
        let mut named: Vec<(String, Shown, String, bool)> = rows
            .iter()
            .filter_map(|r| match &r[0] {
                Some(Term::NamedNode(s)) => {
                    let shown = reader.link(s.as_ref());
                    let key = super::sort_key(shown.text());
                    Some((key, shown, lexical(&r[1]), lexical(&r[2]) == "true"))
                }
                _ => None,
            })
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, shown, role, introducer) in named {
            if introducer {
                view.introducers.push(shown.clone());
            }
            if role == "original" {
                view.original.push(shown);
            } else {
                view.joined.push(shown);
            }
        }
        break;
    }

    let citation_rows = |side: &str, other: &str| {
        reader.rows(&format!(
            "SELECT ?c ?doc ?date ?para ?note WHERE {{
               ?c cito:{side} <{iri}> ; cito:{other} ?doc .
               OPTIONAL {{ ?c ng:printedDate ?printed }}
               OPTIONAL {{ GRAPH ng:DerivedFacts {{ ?doc ng:knownDate ?known }} }}
               BIND(COALESCE(?printed, ?known) AS ?date)
               OPTIONAL {{ ?c prov:wasDerivedFrom/ng:paragraphId ?para }}
               OPTIONAL {{ ?c ng:viaFootnote ?note }}
             }} ORDER BY DESC(?date) ?doc",
            iri = iri.as_str()
        ))
    };
    for (side, other, into) in [
        ("hasCitingEntity", "hasCitedEntity", &mut view.cites),
        ("hasCitedEntity", "hasCitingEntity", &mut view.cited_by),
    ] {
        let mut seen = std::collections::HashSet::new();
        for row in citation_rows(side, other)? {
            let (Some(Term::NamedNode(c)), Some(Term::NamedNode(doc))) = (&row[0], &row[1]) else {
                continue;
            };
            if !seen.insert(c.as_str().to_owned()) {
                continue;
            }
            into.push(CitationLine {
                document: reader.link(doc.as_ref()),
                verb: verb(reader, c),
                date: reader.chrome.date(&lexical(&row[2])),
                paragraph: lexical(&row[3]),
                footnote: row[4].as_ref().map(|_| lexical(&row[4])),
            });
        }
    }

    for row in reader.rows(&format!(
        "SELECT DISTINCT ?b WHERE {{ VALUES ?d {{ {values} }}
           {{ ?b ng:establishedBy ?d }} UNION {{ ?b ng:proposedBy ?d }} UNION {{ ?b ng:establishedPursuantTo ?d }}
           UNION {{ ?b ng:mentionedBy ?d }} UNION {{ GRAPH ng:DerivedFacts {{ ?b ng:setUpBy ?d }} }} }} ORDER BY ?b"
    ))? {
        if let Some(Term::NamedNode(b)) = &row[0] {
            view.bodies.push(reader.link(b.as_ref()));
        }
    }
    for row in reader.rows(&format!(
        "SELECT DISTINCT ?n WHERE {{ VALUES ?d {{ {values} }}
           {{ ?n ng:welcomedBy ?d }} UNION {{ ?d ng:affirmsNormsOf ?n }} }} ORDER BY ?n"
    ))? {
        if let Some(Term::NamedNode(n)) = &row[0] {
            view.norms.push(reader.link(n.as_ref()));
        }
    }

    // The text: the sources of this document, the one in the reader's language first.
    let sources = reader.rows(&format!(
        "SELECT ?s ?lang WHERE {{ ?s prov:hadPrimarySource <{iri}> OPTIONAL {{ ?s dcterms:language ?lang }} }} ORDER BY ?s",
        iri = iri.as_str()
    ))?;
    let wanted: Vec<&str> = languages
        .iter()
        .map(String::as_str)
        .chain(["en", "fr"])
        .collect();
    let chosen = wanted.iter().find_map(|l| {
        sources
            .iter()
            .find(|r| lexical(&r[1]) == *l)
            .and_then(|r| match &r[0] {
                Some(Term::NamedNode(s)) => Some(s.clone()),
                _ => None,
            })
    });
    for r in &sources {
        if let Some(Term::NamedNode(s)) = &r[0] {
            view.sources.push(reader.link(s.as_ref()));
        }
    }
    if let Some(source) = chosen {
        for row in reader.rows(&format!(
            "SELECT ?p WHERE {{ ?p oa:hasSource <{s}> ; ng:line ?line }} ORDER BY ?line",
            s = source.as_str()
        ))? {
            if let Some(Term::NamedNode(p)) = &row[0] {
                if let Some(q) = super::quote(store, p.as_ref()) {
                    view.text.push(q);
                }
            }
        }
    }
    Ok(view)
}

fn citations_table(lines: &[CitationLine], chrome: &Chrome, base: &str) -> String {
    let mut html = format!(
        "<table class=\"citations\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
        escape(chrome.t("Document")),
        escape(chrome.t("Verb")),
        escape(chrome.t("Date")),
        escape(chrome.t("Paragraph")),
    );
    for l in lines {
        let note = l
            .footnote
            .as_deref()
            .map(|n| format!(" ({} {})", escape(chrome.t("footnote")), escape(n)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{note}</td></tr>\n",
            l.document.html(base),
            escape(&l.verb),
            escape(&l.date),
            escape(&l.paragraph),
        ));
    }
    html.push_str("</tbody></table>\n");
    html
}

/// The page's title and body.
pub fn render(view: &DocumentView, chrome: &Chrome, base: &str) -> (String, String) {
    let t = |en| escape(chrome.t(en));
    let mut html = format!("<h1>{}</h1>\n", escape(&view.symbol));
    if let Some((title, lang)) = &view.title {
        let lang = lang
            .as_deref()
            .map(|l| format!(" lang=\"{}\"", escape(l)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<p class=\"subtitle\"{lang}>{}</p>\n",
            escape(title)
        ));
    }
    html.push_str("<dl class=\"about\">");
    for (word, v) in &view.about {
        html.push_str(&format!("<dt>{}</dt><dd>{}</dd>", t(word), v.html(base)));
    }
    html.push_str("</dl>\n");
    html.push_str(&format!(
        "<p><a href=\"/?doc={}#picture\">{}</a></p>\n",
        escape(&form_urlencoded::byte_serialize(view.symbol.as_bytes()).collect::<String>()),
        t("Its citation chain and its sponsors, in pictures")
    ));

    html.push_str(&format!("<section id=\"votes\"><h2>{}</h2>\n", t("Votes")));
    for (body, date) in &view.without_vote {
        html.push_str(&format!(
            "<p>{} ({}, {})</p>\n",
            t("Adopted without a vote"),
            t(body),
            escape(date)
        ));
    }
    if view.votes.is_empty() && view.without_vote.is_empty() {
        html.push_str(&format!("<p>{}</p>\n", t("No recorded vote.")));
    }
    for v in &view.votes {
        let [y, n, a, absent] = v.counts;
        html.push_str(&format!(
            "<div class=\"vote\"><h3>{}</h3><p>{} · {} {} · {} {} · {} {} · {} {}</p>{}",
            v.event.html(base),
            escape(&v.date),
            thousands(y),
            t("Yes").to_lowercase(),
            thousands(n),
            t("No").to_lowercase(),
            thousands(a),
            t("Abstain").to_lowercase(),
            thousands(absent),
            t("Absent").to_lowercase(),
            result_bar(v.counts, chrome, 480)
        ));
        if let Some([py, pn, pa]) = v.printed {
            html.push_str(&format!(
                "<p class=\"note\">{}: {py}-{pn}-{pa}; {}: {y}-{n}-{a}</p>",
                t("as printed"),
                t("counted from the lists")
            ));
        }
        html.push_str("</div>\n");
    }
    html.push_str("</section>\n");

    html.push_str(&format!(
        "<section id=\"sponsors\"><h2>{}</h2>\n",
        t("Sponsors")
    ));
    if let Some(text) = &view.sponsored_text {
        html.push_str(&format!("<p>{}</p>\n", text.html(base)));
    }
    if view.original.is_empty() && view.joined.is_empty() {
        html.push_str(&format!("<p>{}</p>\n", t("No sponsor recorded.")));
    }
    for (word, list) in [
        ("original sponsors", &view.original),
        ("joined later", &view.joined),
        ("introduced by", &view.introducers),
    ] {
        if !list.is_empty() {
            html.push_str(&format!(
                "<p><strong>{} ({})</strong>: {}</p>\n",
                capitalised(chrome.t(word)),
                list.len(),
                inline(list, base)
            ));
        }
    }
    html.push_str("</section>\n");

    for (id, word, lines) in [
        ("cites", "What it cites", &view.cites),
        ("cited-by", "What cites it", &view.cited_by),
    ] {
        if !lines.is_empty() {
            html.push_str(&format!(
                "<section id=\"{id}\"><h2>{} ({})</h2>\n{}</section>\n",
                t(word),
                lines.len(),
                citations_table(lines, chrome, base)
            ));
        }
    }
    for (id, word, list) in [
        ("bodies", "Bodies it set up or names", &view.bodies),
        ("norms", "Norms it affirms or welcomes", &view.norms),
    ] {
        if !list.is_empty() {
            html.push_str(&format!(
                "<section id=\"{id}\"><h2>{}</h2><ul>{}</ul></section>\n",
                t(word),
                list.iter()
                    .map(|s| format!("<li>{}</li>", s.html(base)))
                    .collect::<String>()
            ));
        }
    }
    if !view.text.is_empty() {
        html.push_str(&format!(
            "<section id=\"text\"><h2>{}</h2><p class=\"source\">{}</p>\n{}</section>\n",
            t("In the sources"),
            inline(&view.sources, base),
            render_quotes(&view.text)
        ));
    }
    (view.symbol.clone(), html)
}
