//! The page of a body a resolution set up (a group of governmental experts, an open-ended
//! working group, the programme of action, the Global Mechanism): its name, the resolution
//! that set it up and the texts that mandated or proposed it, its term, the session it reports
//! to, its tasks, its reports, and the bodies of its kind before and after it.

use super::Reader;
use crate::query::sparql::SparqlError;
use crate::rdf::vocab::{dcterms, ng, skos};
use crate::server::chrome::Chrome;
use crate::server::html::escape;
use crate::server::labels::{in_language, objects, text};
use crate::server::page::Shown;
use oxigraph::model::{NamedNode, Term};

#[derive(Debug, Clone, Default)]
pub struct BodyView {
    pub name: String,
    pub lang: Option<String>,
    pub kind: Option<Shown>,
    pub set_up_by: Vec<Shown>,
    pub mandated_by: Vec<Shown>,
    pub term: String,
    pub reports_to: Option<String>,
    pub tasks: Vec<(String, Option<String>)>,
    pub reports: Vec<Shown>,
    /// The body of its kind that started before it, and the one after.
    pub before: Option<Shown>,
    pub after: Option<Shown>,
    /// What the curated table says it read this from.
    pub source: Option<String>,
}

pub fn read(reader: &Reader<'_>, iri: &NamedNode) -> Result<BodyView, SparqlError> {
    let store = reader.store;
    let b = iri.as_ref();
    let languages = &reader.chrome.languages;
    let name = in_language(&objects(store, b, skos::prefLabel), languages)
        .or_else(|| in_language(&objects(store, b, skos::altLabel), languages));
    let mut view = BodyView {
        name: name
            .as_ref()
            .map_or_else(|| reader.labels.label(b), |(n, _)| n.clone()),
        lang: name.and_then(|(_, l)| l),
        reports_to: text(store, b, ng::reportsToSession),
        source: text(store, b, dcterms::source),
        ..BodyView::default()
    };
    let start = text(store, b, ng::startYear);
    let end = text(store, b, ng::endYear);
    view.term = match (&start, &end) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => format!("{s}–"),
        (None, Some(e)) => format!("–{e}"),
        (None, None) => String::new(),
    };
    // The tasks in the reader's language when the graph has them in it, else all.
    let tasks: Vec<(String, Option<String>)> = objects(store, b, ng::task)
        .into_iter()
        .filter_map(|t| match t {
            Term::Literal(l) => Some((l.value().to_owned(), l.language().map(str::to_owned))),
            _ => None,
        })
        .collect();
    let wanted = languages.first().map(String::as_str).unwrap_or("en");
    let mine: Vec<_> = tasks
        .iter()
        .filter(|(_, l)| l.as_deref() == Some(wanted))
        .cloned()
        .collect();
    view.tasks = if mine.is_empty() { tasks } else { mine };
    let class = reader.rows(&format!(
        "SELECT ?c WHERE {{ <{b}> a ?c FILTER(?c IN (ng:GroupOfGovernmentalExperts, ng:OpenEndedWorkingGroup, ng:ProgrammeOfAction, ng:GlobalMechanism)) }}",
        b = b.as_str()
    ))?;
    let class = class
        .into_iter()
        .find_map(|r| match r.into_iter().next().flatten() {
            Some(Term::NamedNode(c)) => Some(c),
            _ => None,
        });
    view.kind = class.as_ref().map(|c| reader.link(c.as_ref()));
    let links = |query: String| -> Result<Vec<Shown>, SparqlError> {
        Ok(reader
            .rows(&query)?
            .into_iter()
            .filter_map(|r| match r.into_iter().next().flatten() {
                Some(Term::NamedNode(n)) => Some(reader.link(n.as_ref())),
                _ => None,
            })
            .collect())
    };
    let b = b.as_str();
    view.set_up_by = links(format!(
        "SELECT DISTINCT ?d WHERE {{ GRAPH ng:DerivedFacts {{ <{b}> ng:setUpBy ?d }} }} ORDER BY ?d"
    ))?;
    view.mandated_by = links(format!(
        "SELECT DISTINCT ?d WHERE {{ <{b}> ng:establishedBy|ng:proposedBy|ng:establishedPursuantTo ?d }} ORDER BY ?d"
    ))?;
    view.reports = links(format!(
        "SELECT DISTINCT ?r WHERE {{ <{b}> ng:producedReport ?r }} ORDER BY ?r"
    ))?;
    if let (Some(class), Some(start)) = (&class, &start) {
        // Years are xsd:gYear, which SPARQL does not order: compared as their four digits.
        let neighbour = |cmp: &str, order: &str| {
            links(format!(
                "SELECT ?o WHERE {{ ?o a <{c}> ; ng:startYear ?y FILTER(?o != <{b}> && STR(?y) {cmp} \"{start}\") }} ORDER BY {order}(STR(?y)) LIMIT 1",
                c = class.as_str()
            ))
        };
        view.before = neighbour("<", "DESC")?.into_iter().next();
        view.after = neighbour(">", "ASC")?.into_iter().next();
    }
    Ok(view)
}

pub fn render(view: &BodyView, chrome: &Chrome, base: &str) -> (String, String) {
    let t = |en| escape(chrome.t(en));
    let lang = view
        .lang
        .as_deref()
        .map(|l| format!(" lang=\"{}\"", escape(l)))
        .unwrap_or_default();
    let mut html = format!(
        "<h1{lang}>{}</h1>\n<dl class=\"about\">",
        escape(&view.name)
    );
    let mut row = |word: &'static str, value: String| {
        if !value.is_empty() {
            html.push_str(&format!(
                "<dt>{}</dt><dd>{value}</dd>",
                escape(chrome.t(word))
            ));
        }
    };
    if let Some(k) = &view.kind {
        row("Kind", k.html(base));
    }
    row("Set up by", super::inline(&view.set_up_by, base));
    row(
        "Mandated or proposed by",
        super::inline(&view.mandated_by, base),
    );
    row("Term", escape(&view.term));
    row(
        "Reports to session",
        view.reports_to.as_deref().map(escape).unwrap_or_default(),
    );
    row("Its reports", super::inline(&view.reports, base));
    row(
        "Previous",
        view.before
            .as_ref()
            .map(|b| b.html(base))
            .unwrap_or_default(),
    );
    row(
        "Next",
        view.after
            .as_ref()
            .map(|b| b.html(base))
            .unwrap_or_default(),
    );
    html.push_str("</dl>\n");
    if !view.tasks.is_empty() {
        html.push_str(&format!(
            "<section id=\"mandate\"><h2>{}</h2><ul>",
            t("Mandate")
        ));
        for (task, lang) in &view.tasks {
            let lang = lang
                .as_deref()
                .map(|l| format!(" lang=\"{}\"", escape(l)))
                .unwrap_or_default();
            html.push_str(&format!("<li{lang}>{}</li>", escape(task)));
        }
        html.push_str("</ul></section>\n");
    }
    if let Some(source) = &view.source {
        html.push_str(&format!("<p class=\"source\">{}</p>\n", escape(source)));
    }
    (view.name.clone(), html)
}
