//! The page of a State: its names in the six languages, its record across the line (one row
//! per recorded vote: the document, the date, its vote, the result), the texts it sponsored,
//! and the States it votes with most and least (from the derived per-pair table).

use super::{result_bar, Reader};
use crate::query::sparql::SparqlError;
use crate::rdf::vocab::{ng, skos};
use crate::server::chrome::Chrome;
use crate::server::html::{escape, thousands};
use crate::server::labels::{objects, text, vote_word};
use crate::server::page::Shown;
use oxigraph::model::{NamedNode, Term};

/// One recorded vote of the State.
#[derive(Debug, Clone)]
pub struct RecordLine {
    pub event: Shown,
    pub document: Option<Shown>,
    pub date: String,
    pub vote: String,
    pub intended: Option<String>,
    /// The result: yes, no, abstain, absent.
    pub result: [usize; 4],
}

#[derive(Debug, Clone, Default)]
pub struct StateView {
    pub name: String,
    pub iso3: String,
    /// Every name the graph holds, with its language.
    pub names: Vec<(String, Option<String>)>,
    pub admitted: Option<String>,
    /// One page of its record, from `record_from`, of `record_total` rows.
    pub record: Vec<RecordLine>,
    pub record_from: usize,
    pub record_total: usize,
    /// The text sponsored, its role (original, joined), whether it introduced it, the
    /// resolution the text became.
    pub sponsorships: Vec<(Shown, String, bool, Option<Shown>)>,
    /// The States it votes with most and least: the State, votes agreed, votes in common.
    pub most: Vec<(Shown, usize, usize)>,
    pub least: Vec<(Shown, usize, usize)>,
    /// How many other States share the share of the last one listed in `most`, and in `least`
    /// (many States vote alike on every vote of a short line).
    pub ties: (usize, usize),
}

/// The rows of a State's record a page shows: its pages follow (`?record=N`), so that no page
/// grows with the line.
pub const RECORD_PAGE: usize = 250;

pub fn read(reader: &Reader<'_>, iri: &NamedNode, from: usize) -> Result<StateView, SparqlError> {
    let store = reader.store;
    let s = iri.as_ref();
    let mut view = StateView {
        name: reader.labels.label(s),
        iso3: text(store, s, ng::iso3).unwrap_or_default(),
        admitted: text(store, s, ng::admissionYear),
        ..StateView::default()
    };
    for p in [skos::prefLabel, skos::altLabel] {
        for t in objects(store, s, p) {
            if let Term::Literal(l) = t {
                let name = (l.value().to_owned(), l.language().map(str::to_owned));
                if !view.names.contains(&name) {
                    view.names.push(name);
                }
            }
        }
    }
    let rows = reader.rows(&format!(
        // The State's votes; what it said it intended is read apart (below): as an OPTIONAL
        // here it would be looked up again for every row.
        "SELECT ?e ?how ?date ?doc ?y ?n ?a WHERE {{
           GRAPH ng:DerivedFacts {{ <{s}> ?how ?e }}
           FILTER(?how IN (ng:votedYesIn, ng:votedNoIn, ng:abstainedIn, ng:absentFrom))
           OPTIONAL {{ ?e dcterms:date ?date }}
           OPTIONAL {{ ?e ng:onDocument|ng:onParagraphOf ?doc }}
           OPTIONAL {{ GRAPH ng:DerivedFacts {{ ?e ng:tallyYes ?y ; ng:tallyNo ?n ; ng:tallyAbstain ?a }} }}
         }} ORDER BY ?date ?e",
        s = s.as_str()
    ))?;
    let intended: std::collections::HashMap<String, String> = reader
        .rows(&format!(
            "SELECT ?e ?said WHERE {{ ?v opengov:voter <{s}> ; ng:intendedOption ?said ; opengov:voteEvent ?e }}",
            s = s.as_str()
        ))?
        .into_iter()
        .map(|r| (super::lexical(&r[0]), super::lexical(&r[1])))
        .collect();
    // The absent of each of its votes, counted from its own votes (as an OPTIONAL sub-query the
    // count of every event would be made again for each row: seconds on sessions 74-77).
    let absent: std::collections::HashMap<String, usize> = reader
        .rows(&format!(
            "SELECT ?e (COUNT(?out) AS ?n) WHERE {{ GRAPH ng:DerivedFacts {{
               <{s}> ?how ?e . ?out ng:absentFrom ?e }}
               FILTER(?how IN (ng:votedYesIn, ng:votedNoIn, ng:abstainedIn, ng:absentFrom)) }} GROUP BY ?e",
            s = s.as_str()
        ))?
        .into_iter()
        .map(|r| (super::lexical(&r[0]), super::number(&r[1])))
        .collect();
    view.record_total = rows.len();
    view.record_from = from.min(rows.len().saturating_sub(1));
    for row in rows.iter().skip(view.record_from).take(RECORD_PAGE) {
        let (Some(Term::NamedNode(e)), Some(Term::NamedNode(how))) = (&row[0], &row[1]) else {
            continue;
        };
        let vote = match how.as_ref() {
            h if h == ng::votedYesIn => "yes",
            h if h == ng::votedNoIn => "no",
            h if h == ng::abstainedIn => "abstain",
            _ => "absent",
        };
        view.record.push(RecordLine {
            event: reader.link(e.as_ref()),
            document: match &row[3] {
                Some(Term::NamedNode(d)) => Some(reader.link(d.as_ref())),
                _ => None,
            },
            date: reader.chrome.date(&super::lexical(&row[2])),
            vote: vote.to_owned(),
            intended: intended.get(e.as_str()).cloned(),
            result: [
                super::number(&row[4]),
                super::number(&row[5]),
                super::number(&row[6]),
                absent.get(e.as_str()).copied().unwrap_or(0),
            ],
        });
    }
    for row in reader.rows(&format!(
        "SELECT ?doc ?role ?introducer ?res ?date WHERE {{
           ?sp ng:sponsor <{s}> ; ng:sponsorshipOf ?doc ; ng:role ?role .
           BIND(EXISTS {{ ?doc ng:introducedBy <{s}> }} AS ?introducer)
           OPTIONAL {{ ?doc ng:becameResolution ?res }}
           OPTIONAL {{ GRAPH ng:DerivedFacts {{ ?doc ng:knownDate ?date }} }}
         }} ORDER BY ?date ?doc",
        s = s.as_str()
    ))? {
        let Some(Term::NamedNode(doc)) = &row[0] else {
            continue;
        };
        view.sponsorships.push((
            reader.link(doc.as_ref()),
            super::lexical(&row[1]),
            super::lexical(&row[2]) == "true",
            match &row[3] {
                Some(Term::NamedNode(r)) => Some(reader.link(r.as_ref())),
                _ => None,
            },
        ));
    }
    // Agreement, over the pairs with at least half as many votes in common as the most any
    // pair of this State has (a State admitted late is not "closest" on two votes).
    let pairs = reader.rows(&format!(
        "SELECT ?other ?agreed ?common WHERE {{ GRAPH ng:DerivedFacts {{
           ?pair ng:agreementOf <{s}> ; ng:agreementWith ?other ; ng:agreements ?agreed ; ng:commonVotes ?common }} }}",
        s = s.as_str()
    ))?;
    let most_common = pairs
        .iter()
        .map(|r| super::number(&r[2]))
        .max()
        .unwrap_or(0);
    let mut ranked: Vec<(NamedNode, usize, usize)> = pairs
        .iter()
        .filter_map(|r| match &r[0] {
            Some(Term::NamedNode(o)) => {
                Some((o.clone(), super::number(&r[1]), super::number(&r[2])))
            }
            _ => None,
        })
        .filter(|(_, _, common)| *common > 0 && *common * 2 >= most_common)
        .collect();
    // Share of agreement, then the more votes in common, then the IRI: a stable order.
    ranked.sort_by(|a, b| {
        let (x, y) = (a.1 * b.2, b.1 * a.2);
        y.cmp(&x).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0))
    });
    let shown = |r: &(NamedNode, usize, usize)| (reader.link(r.0.as_ref()), r.1, r.2);
    view.most = ranked.iter().take(5).map(shown).collect();
    view.least = ranked.iter().rev().take(5).map(shown).collect();
    let same =
        |a: &(NamedNode, usize, usize), b: &(NamedNode, usize, usize)| a.1 * b.2 == b.1 * a.2;
    let tied = |listed: &[&(NamedNode, usize, usize)], rest: &[&(NamedNode, usize, usize)]| {
        listed
            .last()
            .map_or(0, |last| rest.iter().filter(|r| same(r, last)).count())
    };
    let forward: Vec<&(NamedNode, usize, usize)> = ranked.iter().collect();
    let backward: Vec<&(NamedNode, usize, usize)> = ranked.iter().rev().collect();
    let n = forward.len().min(5);
    view.ties = (
        tied(&forward[..n], &forward[n..]),
        tied(&backward[..n], &backward[n..]),
    );
    Ok(view)
}

/// The links between the pages of a long record.
fn record_pages(view: &StateView, chrome: &Chrome) -> String {
    if view.record_total <= RECORD_PAGE {
        return String::new();
    }
    let mut links = Vec::new();
    if view.record_from > 0 {
        links.push(format!(
            "<a href=\"?record={}#record\">{}</a>",
            view.record_from.saturating_sub(RECORD_PAGE),
            escape(chrome.t("Previous"))
        ));
    }
    let to = view.record_from + view.record.len();
    if to < view.record_total {
        links.push(format!(
            "<a href=\"?record={to}#record\">{}</a>",
            escape(chrome.t("Next"))
        ));
    }
    format!(
        "<p class=\"count\">{}–{} / {} {}</p>",
        thousands(view.record_from + 1),
        thousands(to),
        thousands(view.record_total),
        links.join(" · ")
    )
}

pub fn render(view: &StateView, chrome: &Chrome, base: &str) -> (String, String) {
    let t = |en| escape(chrome.t(en));
    let mut html = format!(
        "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<dl class=\"about\"><dt>{}</dt><dd>",
        escape(&view.name),
        escape(&view.iso3),
        t("Names")
    );
    let names: Vec<String> = view
        .names
        .iter()
        .map(|(n, lang)| match lang {
            Some(l) => format!("<span lang=\"{}\">{}</span>", escape(l), escape(n)),
            None => escape(n),
        })
        .collect();
    html.push_str(&names.join(" · "));
    html.push_str("</dd>");
    if let Some(year) = &view.admitted {
        html.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            t("Member of the United Nations since"),
            escape(year)
        ));
    }
    html.push_str("</dl>\n");

    html.push_str(&format!(
        "<section id=\"record\"><h2>{} ({})</h2>{}<table class=\"record\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
        t("Its votes"),
        thousands(view.record_total),
        record_pages(view, chrome),
        t("Date"),
        t("Document"),
        t("Vote"),
        t("Its vote"),
        t("Result"),
    ));
    for r in &view.record {
        let intended = r
            .intended
            .as_deref()
            .map(|i| {
                format!(
                    " <span class=\"intended\">({}: {})</span>",
                    t("Later said it had intended"),
                    t(vote_word(i)).to_lowercase()
                )
            })
            .unwrap_or_default();
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"{}\">{}{intended}</td><td>{}</td></tr>\n",
            escape(&r.date),
            r.document.as_ref().map(|d| d.html(base)).unwrap_or_default(),
            r.event.html(base),
            escape(&r.vote),
            t(vote_word(&r.vote)),
            result_bar(r.result, chrome, 160)
        ));
    }
    html.push_str("</tbody></table></section>\n");

    html.push_str(&format!(
        "<section id=\"sponsorships\"><h2>{} ({})</h2><ul>",
        t("Its sponsorships"),
        view.sponsorships.len()
    ));
    for (doc, role, introducer, became) in &view.sponsorships {
        let mut line = format!(
            "{} ({}",
            doc.html(base),
            t(if role == "original" {
                "original"
            } else {
                "joined"
            })
        );
        if *introducer {
            line.push_str(&format!(", {}", t("introducer")));
        }
        line.push(')');
        if let Some(r) = became {
            line.push_str(&format!(" → {}", r.html(base)));
        }
        html.push_str(&format!("<li>{line}</li>"));
    }
    html.push_str("</ul></section>\n");
    for (id, word, list, tied) in [
        ("most", "Votes most with", &view.most, view.ties.0),
        ("least", "Votes least with", &view.least, view.ties.1),
    ] {
        if list.is_empty() {
            continue;
        }
        html.push_str(&format!("<section id=\"{id}\"><h2>{}</h2><ul>", t(word)));
        for (other, agreed, common) in list {
            html.push_str(&format!(
                "<li>{}: {agreed} / {common} {}</li>",
                other.html(base),
                t("votes in common")
            ));
        }
        html.push_str("</ul>");
        if tied > 0 {
            html.push_str(&format!(
                "<p class=\"note\">{} {tied}</p>",
                t("and as often, States not listed:")
            ));
        }
        html.push_str("</section>\n");
    }
    (view.name.clone(), html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_record_is_paged() {
        let line = RecordLine {
            event: Shown::Text {
                value: "a vote".into(),
                lang: None,
            },
            document: None,
            date: String::new(),
            vote: "yes".into(),
            intended: None,
            result: [1, 0, 0, 0],
        };
        let view = StateView {
            record: vec![line; RECORD_PAGE],
            record_from: RECORD_PAGE,
            record_total: 600,
            ..StateView::default()
        };
        let pages = record_pages(&view, &Chrome::english());
        assert!(pages.contains("251–500 / 600"), "{pages}");
        assert!(
            pages.contains("href=\"?record=0#record\">Previous"),
            "{pages}"
        );
        assert!(
            pages.contains("href=\"?record=500#record\">Next"),
            "{pages}"
        );
        let short = StateView {
            record_total: 18,
            ..StateView::default()
        };
        assert_eq!(record_pages(&short, &Chrome::english()), "");
    }
}
