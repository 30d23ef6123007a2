//! The index pages: `/id/doc/` (the line as a timeline, from the canned query `timeline`, then
//! every other document by kind), `/id/state/` (every State, sorted by its name in the
//! reader's language), `/id/norm/` (the norms of each set, with their text), `/id/body/` (the
//! bodies, by the year they start).

use super::{result_bar, sort_key, Reader};
use crate::query::canned;
use crate::query::sparql::SparqlError;
use crate::server::chrome::Chrome;
use crate::server::html::{doc_href, escape, thousands};
use crate::server::labels::in_language;
use crate::server::page::Shown;
use oxigraph::model::Term;

/// Which index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    Documents,
    States,
    Norms,
    Bodies,
}

impl Index {
    /// The index a path under `/id/` names (`doc/`, `doc`, `state/`...), if it names one.
    pub fn of_path(path: &str) -> Option<Index> {
        match path.trim_end_matches('/') {
            "doc" => Some(Index::Documents),
            "state" => Some(Index::States),
            "norm" => Some(Index::Norms),
            "body" => Some(Index::Bodies),
            _ => None,
        }
    }
}

/// What an index lists: a heading per group, and its rows (cells already written as HTML).
#[derive(Debug, Clone, Default)]
pub struct IndexView {
    pub title: &'static str,
    pub groups: Vec<(String, Vec<String>, Vec<Vec<String>>)>,
}

fn link(s: &Shown, base: &str) -> String {
    s.html(base)
}

pub fn read(reader: &Reader<'_>, which: Index, base: &str) -> Result<IndexView, SparqlError> {
    let chrome = reader.chrome;
    let t = |en| chrome.t(en).to_owned();
    let mut view = IndexView::default();
    match which {
        Index::Documents => {
            view.title = "Documents";
            let rows = canned::find("timeline")
                .and_then(|q| q.run(reader.store, &[]))
                .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
            let at = |name: &str| rows.columns.iter().position(|c| c == name);
            let [symbol, date, title, adopted, yes, no, abstain, committee] = [
                "symbol",
                "date",
                "title",
                "adopted",
                "yes",
                "no",
                "abstain",
                "committee",
            ]
            .map(at);
            let mut lines = Vec::new();
            for row in rows.text_rows() {
                let get = |i: Option<usize>| i.map(|i| row[i].clone()).unwrap_or_default();
                let n = |i: Option<usize>| get(i).parse::<usize>().unwrap_or(0);
                let s = get(symbol);
                let result = if get(yes).is_empty() {
                    escape(&get(adopted))
                } else {
                    result_bar([n(yes), n(no), n(abstain), 0], chrome, 160)
                };
                lines.push(vec![
                    escape(&chrome.date(&get(date))),
                    format!("<a href=\"{}\">{}</a>", escape(&doc_href(&s)), escape(&s)),
                    escape(&get(title)),
                    result,
                    escape(&get(committee)),
                ]);
            }
            view.groups.push((
                t("The line, year by year"),
                vec![
                    t("Date"),
                    t("Document"),
                    t("Text"),
                    t("Result"),
                    t("First Committee"),
                ],
                lines,
            ));
            let others = reader.rows(
                "SELECT ?d ?class WHERE { ?d ng:symbol ?s ; a ?class
                   FILTER(?class IN (ng:DraftResolution, ng:DraftDecision, ng:CommitteeReport, ng:GGEReport, ng:Report, ng:MeetingRecord, ng:HRCResolution, ng:ConferenceRoomPaper))
                   FILTER NOT EXISTS { ?d a ng:Resolution } } ORDER BY ?class ?s",
            )?;
            let mut by_class: Vec<(String, Vec<Vec<String>>)> = Vec::new();
            for row in others {
                let (Some(Term::NamedNode(d)), Some(Term::NamedNode(c))) = (&row[0], &row[1])
                else {
                    continue;
                };
                let class = reader.labels.label(c.as_ref());
                if by_class.last().is_none_or(|(k, _)| *k != class) {
                    by_class.push((class.clone(), Vec::new()));
                }
                if let Some((_, rows)) = by_class.last_mut() {
                    rows.push(vec![link(&reader.link(d.as_ref()), base)]);
                }
            }
            for (class, rows) in by_class {
                view.groups.push((
                    format!("{} · {class}", t("Other documents")),
                    vec![t("Document")],
                    rows,
                ));
            }
        }
        Index::States => {
            view.title = "States";
            let rows = reader.rows("SELECT ?s ?iso WHERE { ?s a ng:State ; ng:iso3 ?iso }")?;
            let mut states: Vec<(String, Vec<String>)> = rows
                .iter()
                .filter_map(|r| match &r[0] {
                    Some(Term::NamedNode(s)) => {
                        let shown = reader.link(s.as_ref());
                        let key = sort_key(shown.text());
                        Some((
                            key,
                            vec![link(&shown, base), escape(&super::lexical(&r[1]))],
                        ))
                    }
                    _ => None,
                })
                .collect();
            states.sort_by(|a, b| a.0.cmp(&b.0));
            view.groups.push((
                format!(
                    "{} ({})",
                    t("Every State of the graph"),
                    thousands(states.len())
                ),
                vec![t("State"), "ISO 3166".to_owned()],
                states.into_iter().map(|(_, r)| r).collect(),
            ));
        }
        Index::Norms => {
            view.title = "Norms";
            let rows = reader.rows(
                "SELECT ?n ?scheme ?notation WHERE { ?n a ?c ; skos:notation ?notation ; skos:inScheme ?scheme
                   FILTER(?c IN (ng:Norm, ng:GgeNorm)) }",
            )?;
            let mut norms: Vec<(String, String, Vec<String>)> = Vec::new();
            for r in rows {
                let (Some(Term::NamedNode(n)), Some(Term::NamedNode(s))) = (&r[0], &r[1]) else {
                    continue;
                };
                let notation = super::lexical(&r[2]);
                // 1.2 before 1.10; 13(a) before 13(b).
                let key: String = notation
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .map(|p| format!("{p:0>4}"))
                    .collect();
                let text = in_language(
                    &crate::server::labels::objects(
                        reader.store,
                        n.as_ref(),
                        crate::rdf::vocab::skos::definition,
                    ),
                    &chrome.languages,
                );
                let text = match text {
                    Some((v, Some(l))) => {
                        format!("<span lang=\"{}\">{}</span>", escape(&l), escape(&v))
                    }
                    Some((v, None)) => escape(&v),
                    None => String::new(),
                };
                norms.push((
                    reader.labels.label(s.as_ref()),
                    key,
                    vec![link(&reader.link(n.as_ref()), base), text],
                ));
            }
            norms.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            let mut scheme = String::new();
            for (s, _, row) in norms {
                if s != scheme {
                    view.groups
                        .push((s.clone(), vec![t("norm"), t("Text")], Vec::new()));
                    scheme = s;
                }
                if let Some((_, _, rows)) = view.groups.last_mut() {
                    rows.push(row);
                }
            }
        }
        Index::Bodies => {
            view.title = "Bodies";
            let rows = reader.rows(
                "SELECT ?b ?c ?start ?end WHERE { ?b a ?c
                   FILTER(?c IN (ng:GroupOfGovernmentalExperts, ng:OpenEndedWorkingGroup, ng:ProgrammeOfAction, ng:GlobalMechanism))
                   OPTIONAL { ?b ng:startYear ?start } OPTIONAL { ?b ng:endYear ?end } } ORDER BY ?start ?b",
            )?;
            let lines = rows
                .iter()
                .filter_map(|r| match (&r[0], &r[1]) {
                    (Some(Term::NamedNode(b)), Some(Term::NamedNode(c))) => Some(vec![
                        escape(&format!(
                            "{}–{}",
                            super::lexical(&r[2]),
                            super::lexical(&r[3])
                        )),
                        link(&reader.link(b.as_ref()), base),
                        escape(&reader.labels.label(c.as_ref())),
                    ]),
                    _ => None,
                })
                .collect();
            view.groups.push((
                t("The bodies of the line"),
                vec![t("Term"), t("body"), t("Kind")],
                lines,
            ));
        }
    }
    Ok(view)
}

pub fn render(view: &IndexView, chrome: &Chrome, base: &str) -> String {
    let mut html = format!("<h1>{}</h1>\n", escape(chrome.t(view.title)));
    for (heading, columns, rows) in &view.groups {
        html.push_str(&format!(
            "<section><h2>{} <span class=\"count\">({})</span></h2><table class=\"index\"><thead><tr>",
            escape(heading),
            thousands(rows.len())
        ));
        for c in columns {
            html.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
        }
        html.push_str("</tr></thead><tbody>\n");
        for row in rows {
            html.push_str("<tr>");
            for c in row {
                html.push_str(&format!("<td>{c}</td>"));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody></table></section>\n");
    }
    chrome.layout(
        &format!("{} · normgraph", chrome.t(view.title)),
        base,
        &html,
        &[],
    )
}
