//! The page of a recorded vote: the document voted on, the date and meeting, the result as a
//! bar, and the lists (yes, no, abstain, and the Member States that cast none of the three),
//! each State linked to its page and the lists sorted by name in the reader's language; the
//! votes States later said they had intended, marked in the lists and listed with their
//! source.

use super::{result_bar, sort_key, Reader};
use crate::query::sparql::SparqlError;
use crate::rdf::vocab::{dcterms, ng};
use crate::server::chrome::Chrome;
use crate::server::html::{escape, thousands};
use crate::server::labels::{node, text, vote_word};
use crate::server::page::Shown;
use oxigraph::model::{NamedNode, Term};

/// A State in a list, with the vote it later said it had intended, if it did.
#[derive(Debug, Clone)]
pub struct Voter {
    pub state: Shown,
    pub key: String,
    pub intended: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct VoteView {
    pub title: String,
    pub document: Option<Shown>,
    pub date: String,
    pub meeting: Option<String>,
    /// Yes, no, abstain, absent.
    pub lists: [Vec<Voter>; 4],
    /// Yes, no, abstain as printed, when they differ from the lists.
    pub printed: Option<[usize; 3]>,
    /// Each stated intention: the State, its recorded vote, the intended vote, where it said so.
    pub intentions: Vec<(Shown, String, String, Option<Shown>)>,
}

pub fn read(reader: &Reader<'_>, iri: &NamedNode) -> Result<VoteView, SparqlError> {
    let store = reader.store;
    let e = iri.as_ref();
    let mut view = VoteView {
        title: reader.labels.label(e),
        document: node(store, e, ng::onDocument)
            .or_else(|| node(store, e, ng::onParagraphOf))
            .map(|d| reader.link(d.as_ref())),
        date: text(store, e, dcterms::date)
            .map(|d| reader.chrome.date(&d))
            .unwrap_or_default(),
        meeting: text(store, e, ng::meetingNumber),
        ..VoteView::default()
    };
    // The stated intentions first (few), then the lists (a join of the two would look up
    // every vote of the event once per State).
    let intentions = reader.rows(&format!(
        "SELECT ?s ?option ?said ?where WHERE {{
           ?v opengov:voteEvent <{e}> ; ng:intendedOption ?said ; opengov:voter ?s .
           OPTIONAL {{ ?v opengov:option ?option }}
           OPTIONAL {{ ?v ng:intentionStatedIn ?where }}
         }}",
        e = e.as_str()
    ))?;
    let intended = |s: &NamedNode| {
        intentions.iter().find_map(|r| match (&r[0], &r[2]) {
            (Some(Term::NamedNode(x)), Some(Term::Literal(l))) if x == s => {
                Some(l.value().to_owned())
            }
            _ => None,
        })
    };
    let rows = reader.rows(&format!(
        "SELECT ?s ?how WHERE {{
           GRAPH ng:DerivedFacts {{ ?s ?how <{e}> }}
           FILTER(?how IN (ng:votedYesIn, ng:votedNoIn, ng:abstainedIn, ng:absentFrom))
         }}",
        e = e.as_str()
    ))?;
    for row in rows {
        let (Some(Term::NamedNode(s)), Some(Term::NamedNode(how))) = (&row[0], &row[1]) else {
            continue;
        };
        let list = match how.as_ref() {
            h if h == ng::votedYesIn => 0,
            h if h == ng::votedNoIn => 1,
            h if h == ng::abstainedIn => 2,
            _ => 3,
        };
        let state = reader.link(s.as_ref());
        let key = sort_key(state.text());
        view.lists[list].push(Voter {
            state,
            key,
            intended: intended(s),
        });
    }
    for list in &mut view.lists {
        list.sort_by(|a, b| a.key.cmp(&b.key));
    }
    let printed = [
        text(store, e, ng::printedYes),
        text(store, e, ng::printedNo),
        text(store, e, ng::printedAbstain),
    ];
    if let [Some(y), Some(n), Some(a)] = &printed {
        let p = [y, n, a].map(|v| v.parse().unwrap_or(0));
        if (0..3).any(|i| p[i] != view.lists[i].len()) {
            view.printed = Some(p);
        }
    }
    for row in intentions {
        let Some(Term::NamedNode(s)) = &row[0] else {
            continue;
        };
        let plain = |t: &Option<Term>| match t {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let place = match &row[3] {
            Some(Term::NamedNode(w)) => Some(reader.link(w.as_ref())),
            _ => None,
        };
        view.intentions.push((
            reader.link(s.as_ref()),
            plain(&row[1]),
            plain(&row[2]),
            place,
        ));
    }
    view.intentions.sort_by_key(|(s, ..)| sort_key(s.text()));
    Ok(view)
}

pub fn render(view: &VoteView, chrome: &Chrome, base: &str) -> (String, String) {
    let t = |en| escape(chrome.t(en));
    let mut html = format!("<h1>{}</h1>\n<dl class=\"about\">", escape(&view.title));
    if let Some(d) = &view.document {
        html.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            t("Document"),
            d.html(base)
        ));
    }
    html.push_str(&format!(
        "<dt>{}</dt><dd>{}</dd>",
        t("Date"),
        escape(&view.date)
    ));
    if let Some(m) = &view.meeting {
        html.push_str(&format!("<dt>{}</dt><dd>{}</dd>", t("Meeting"), escape(m)));
    }
    html.push_str("</dl>\n");
    let counts = [0, 1, 2, 3].map(|i| view.lists[i].len());
    html.push_str(&format!(
        "<section id=\"result\"><h2>{}</h2>{}",
        t("Result"),
        result_bar(counts, chrome, 640)
    ));
    if let Some([y, n, a]) = view.printed {
        html.push_str(&format!(
            "<p class=\"note\">{}: {y}-{n}-{a}; {}: {}-{}-{}</p>",
            t("as printed"),
            t("counted from the lists"),
            counts[0],
            counts[1],
            counts[2]
        ));
    }
    html.push_str("</section>\n<div class=\"lists\">\n");
    let heads = [
        "Yes",
        "No",
        "Abstain",
        "Absent (Member States that cast none of the three)",
    ];
    let ids = ["yes", "no", "abstain", "absent"];
    for i in 0..4 {
        html.push_str(&format!(
            "<section class=\"list\" id=\"{}\"><h2>{} ({})</h2><ul>",
            ids[i],
            t(heads[i]),
            thousands(view.lists[i].len())
        ));
        for v in &view.lists[i] {
            let mark = v
                .intended
                .as_deref()
                .map(|said| {
                    format!(
                        " <span class=\"intended\">({}: {})</span>",
                        t("Later said it had intended"),
                        t(vote_word(said)).to_lowercase()
                    )
                })
                .unwrap_or_default();
            html.push_str(&format!("<li>{}{mark}</li>", v.state.html(base)));
        }
        html.push_str("</ul></section>\n");
    }
    html.push_str("</div>\n");
    if !view.intentions.is_empty() {
        html.push_str(&format!(
            "<section id=\"intentions\"><h2>{}</h2><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            t("Stated intentions"),
            t("State"),
            t("Vote"),
            t("Later said it had intended"),
            t("Document")
        ));
        for (s, recorded, said, place) in &view.intentions {
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                s.html(base),
                t(vote_word(recorded)),
                t(vote_word(said)),
                place.as_ref().map(|p| p.html(base)).unwrap_or_default()
            ));
        }
        html.push_str("</tbody></table></section>\n");
    }
    (view.title.clone(), html)
}
