//! HTML pages of the server: the home page (the dataset, a SPARQL editor, the canned questions
//! as forms, a resolution in pictures), the canned queries and their answers, query results as
//! tables, and a resource of the graph as a person reads it.
//!
//! Every page works without script: forms are plain GET or POST requests that the server
//! answers with a page. `assets/app.js` only lets the editor and the forms show their answers
//! in place. Every value is escaped.

use super::chrome::Chrome;
use super::html::{doc_href, escape, href, thousands};
use crate::query::{Canned, ParamKind};
use crate::rdf::vocab::{compact, prefix_lines};
use oxigraph::model::Term;
use std::fmt::Write;

/// The figures of the home page and of the VoID description, counted once when the server
/// first needs them (it serves a read-only store). ("Figures", not "facts": the graph's facts
/// are its statements.)
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Triples of the default graph (the merge of the sources).
    pub triples: usize,
    /// Quads of the source graphs (each fact once per source that states it).
    pub source_quads: usize,
    /// Source files read (one graph each).
    pub source_files: usize,
    /// Resources per class, by the class's prefixed name (`ng:Resolution`...).
    pub classes: Vec<(String, usize)>,
}

impl Figures {
    pub fn count(&self, class: &str) -> usize {
        self.classes
            .iter()
            .find(|(c, _)| c == class)
            .map_or(0, |(_, n)| *n)
    }
}

/// A whole page around `body`, framed in the reader's language (the prose of the home page, the
/// canned queries and the editor is English; the pages of the graph's resources speak the
/// reader's language throughout: see [`super::chrome`]).
fn layout(chrome: &Chrome, title: &str, base: &str, body: &str) -> String {
    chrome.layout(title, base, body, &[])
}

/// The values the canned forms suggest, by kind of parameter: every symbol of the graph,
/// every State's name, every norm's notation (and the texts whose set of norms a lineage can
/// follow). Read once from the store.
#[derive(Debug, Clone, Default)]
pub struct FormValues {
    pub documents: Vec<String>,
    pub states: Vec<String>,
    pub norms: Vec<String>,
}

impl FormValues {
    /// The lists, once per page; a form's field names its list (`list="values-document"`).
    fn datalists(&self) -> String {
        let mut html = String::new();
        for (kind, values) in [
            (ParamKind::Document, &self.documents),
            (ParamKind::State, &self.states),
            (ParamKind::Norm, &self.norms),
        ] {
            let _ = write!(html, "<datalist id=\"values-{}\">", kind.as_str());
            for v in values {
                let _ = write!(html, "<option value=\"{}\">", escape(v));
            }
            html.push_str("</datalist>");
        }
        html.push('\n');
        html
    }
}

/// The question the editor starts with.
const EXAMPLE_QUERY: &str = "\
# Who sponsored both rival resolutions of 2018: the draft of 73/27 (the Russian Federation's)
# and that of 73/266 (the United States')?
SELECT ?state ?name WHERE {
  ?a ng:symbol \"A/C.1/73/L.27/Rev.1\" .
  ?b ng:symbol \"A/C.1/73/L.37\" .
  ?sa ng:sponsorshipOf ?a ; ng:sponsor ?s .
  ?sb ng:sponsorshipOf ?b ; ng:sponsor ?s .
  ?s ng:iso3 ?state ; skos:prefLabel ?name .
  FILTER(LANGMATCHES(LANG(?name), \"en\"))
}
ORDER BY ?state
";

/// The SPARQL editor, filled with `query`, and where its answer goes.
fn editor(query: &str) -> String {
    format!(
        "<form id=\"sparql-form\" action=\"/sparql\" method=\"post\" data-run=\"sparql-results\">\
         <textarea name=\"query\" rows=\"{rows}\" spellcheck=\"false\" aria-label=\"SPARQL query\">{q}</textarea>\
         <p><button type=\"submit\">Run</button> <span class=\"hint\">Ctrl+Enter runs it. The default graph is the merge of every source; \
         each source file is also a named graph.</span></p></form>\n",
        rows = query.lines().count().clamp(8, 30) + 1,
        q = escape(query)
    )
}

/// A canned query as a form, its fields filled with `given` or else the query's examples.
fn canned_form(c: &Canned, given: &[(String, String)]) -> String {
    let mut html = format!(
        "<form class=\"canned\" action=\"/queries/{name}\" method=\"get\" data-run=\"answer-{name}\">\
         <h3><a href=\"/queries/{name}\">{name}</a></h3><p>{description}</p><p>",
        name = escape(&c.name),
        description = escape(&c.description)
    );
    for p in &c.params {
        let value = given
            .iter()
            .chain(&c.examples)
            .find(|(k, _)| k == &p.name)
            .map_or("", |(_, v)| v.as_str());
        let hint = match p.kind {
            ParamKind::Document => "a symbol: A/RES/75/240, 75/240, A/C.1/73/L.37",
            ParamKind::State => "a State: FRA, France, Francia...",
            ParamKind::Norm => "a norm: 13(f), 1.6, or A/70/174, A/RES/73/27",
        };
        let _ = write!(
            html,
            "<label>{n} <input name=\"{n}\" value=\"{v}\" required title=\"{hint}\" list=\"values-{kind}\" autocomplete=\"off\"></label> ",
            n = escape(&p.name),
            v = escape(value),
            kind = p.kind.as_str(),
        );
    }
    let _ = write!(
        html,
        "<button type=\"submit\">Run</button></p></form>\n<div id=\"answer-{}\" class=\"results\" aria-live=\"polite\"></div>\n",
        escape(&c.name)
    );
    html
}

/// A cell of a results table: an IRI under the base links to its page here.
fn cell(t: Option<&Term>, base: &str) -> String {
    match t {
        None => String::new(),
        Some(Term::NamedNode(n)) => {
            let shown = n
                .as_str()
                .strip_prefix(base)
                .map_or_else(|| compact(n.as_str()), str::to_owned);
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&href(n.as_str(), base)),
                escape(&shown)
            )
        }
        Some(Term::Literal(l)) => match l.language() {
            Some(lang) => format!(
                "<span lang=\"{l}\">{}</span> <span class=\"lang\">@{l}</span>",
                escape(l.value()),
                l = escape(lang)
            ),
            None => escape(l.value()),
        },
        Some(other) => escape(&other.to_string()),
    }
}

/// Results as a table, with the number of rows.
pub fn table(columns: &[String], rows: &[Vec<Option<Term>>], base: &str) -> String {
    let mut html = format!(
        "<p class=\"count\">{} row{}</p><table class=\"answer\"><thead><tr>",
        thousands(rows.len()),
        if rows.len() == 1 { "" } else { "s" }
    );
    for c in columns {
        let _ = write!(html, "<th>{}</th>", escape(c));
    }
    html.push_str("</tr></thead><tbody>\n");
    for row in rows {
        html.push_str("<tr>");
        for t in row {
            let _ = write!(html, "<td>{}</td>", cell(t.as_ref(), base));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table>\n");
    html
}

/// The home page: what the dataset is and how big, the SPARQL editor, the canned questions,
/// and `picture` (a document's citation chain and sponsors, as SVG) when there is one.
pub fn home(
    chrome: &Chrome,
    figures: &Figures,
    values: &FormValues,
    catalogue: &[Canned],
    picture: Option<(&str, &str, &str)>,
    base: &str,
) -> String {
    let mut body = String::from(
        "<header><h1>normgraph</h1><p class=\"tagline\">How States govern cyberspace at the United Nations, as linked data.</p></header>\n\
         <p>The resolutions of the General Assembly on developments in the field of information and telecommunications \
         in the context of international security, their drafts and the First Committee's reports on them, the reports of \
         the groups of governmental experts: who cited what, which States sponsored each text, how every State voted, the \
         norms of responsible State behaviour and the bodies the resolutions set up. Every fact links to the paragraph \
         of the UN document it was read from.</p>\n",
    );
    body.push_str("<section id=\"dataset\"><h2>The dataset</h2><dl class=\"figures\">");
    let mut figure = |n: usize, what: &str| {
        let _ = write!(
            body,
            "<div><dd>{}</dd><dt>{}</dt></div>",
            thousands(n),
            escape(what)
        );
    };
    figure(figures.triples, "triples");
    figure(figures.source_files, "source files");
    figure(figures.count("ng:Resolution"), "resolutions");
    figure(figures.count("ng:DraftResolution"), "drafts");
    figure(figures.count("opengov:VoteEvent"), "recorded votes");
    figure(figures.count("opengov:Vote"), "votes of States");
    figure(figures.count("ng:Sponsorship"), "sponsorships");
    figure(figures.count("ng:State"), "States");
    body.push_str(
        "</dl><p>Query it at <a href=\"/sparql\"><code>/sparql</code></a> (SPARQL 1.1 Protocol; JSON, XML, CSV, TSV, Turtle, \
         JSON-LD by the Accept header). The merged graph whole: <a href=\"/store?default\"><code>/store?default</code></a>; \
         one source file's graph: <code>/store?graph=IRI</code>. The <a href=\"/.well-known/void\">VoID description</a>.</p></section>\n",
    );
    let _ = writeln!(
        body,
        "<section id=\"editor\"><h2>Ask in SPARQL</h2>{}<div id=\"sparql-results\" class=\"results\" aria-live=\"polite\"></div></section>",
        editor(&format!("{}\n{EXAMPLE_QUERY}", prefix_lines()))
    );
    body.push_str("<section id=\"canned\"><h2>Canned questions</h2>\n");
    body.push_str(&values.datalists());
    for c in catalogue {
        body.push_str(&canned_form(c, &[]));
    }
    body.push_str("</section>\n");
    body.push_str("<section id=\"picture\"><h2>A resolution in pictures</h2>");
    let shown = picture.map_or("", |(doc, _, _)| doc);
    let _ = writeln!(
        body,
        "<form action=\"/\" method=\"get\"><label>Document <input name=\"doc\" value=\"{}\" required></label> \
         <button type=\"submit\">Draw</button></form>",
        escape(shown)
    );
    if let Some((doc, chain, sponsors)) = picture {
        let _ = writeln!(
            body,
            "<h3>What <a href=\"{href}\">{d}</a> rests on</h3><div class=\"picture\">{chain}</div>\
             <h3>Who sponsored it</h3><div class=\"picture\">{sponsors}</div>",
            href = escape(&doc_href(doc)),
            d = escape(doc),
        );
    }
    body.push_str("</section>\n");
    layout(chrome, "normgraph", base, &body)
}

/// The page that lists the canned queries, each a form.
pub fn queries(chrome: &Chrome, catalogue: &[Canned], values: &FormValues, base: &str) -> String {
    let mut body = String::from(
        "<h1>Canned queries</h1><p>Each is a SPARQL query of <code>queries/</code>, run with the values you give. \
         As a URL: <code>/queries/NAME?param=value</code>, answered in the format the Accept header asks for \
         (SPARQL results JSON, XML, CSV, TSV, or this page's HTML); <a href=\"/queries\" type=\"application/json\">as JSON</a> \
         with <code>Accept: application/json</code>.</p>\n",
    );
    body.push_str(&values.datalists());
    for c in catalogue {
        body.push_str(&canned_form(c, &[]));
    }
    layout(chrome, "Canned queries · normgraph", base, &body)
}

/// A canned query's answer as a page: the form again, with the values given, and the table.
pub fn canned_answer(
    chrome: &Chrome,
    c: &Canned,
    values: &FormValues,
    given: &[(String, String)],
    columns: &[String],
    rows: &[Vec<Option<Term>>],
    base: &str,
) -> String {
    let mut body = format!("<h1>{}</h1>", escape(&c.name));
    body.push_str(&values.datalists());
    body.push_str(&canned_form(c, given));
    body.push_str(&table(columns, rows, base));
    let _ = write!(
        body,
        "<details><summary>The query</summary><pre>{}</pre></details>",
        escape(&c.text)
    );
    layout(chrome, &format!("{} · normgraph", c.name), base, &body)
}

/// The answer of the SPARQL endpoint as a page, for a browser that asked for HTML: the editor
/// with the query, and its answer.
pub fn sparql_answer(chrome: &Chrome, query: &str, answer: &str, base: &str) -> String {
    let body = format!(
        "<h1>SPARQL</h1>{}<div id=\"sparql-results\" class=\"results\">{answer}</div>",
        editor(query)
    );
    layout(chrome, "SPARQL · normgraph", base, &body)
}

/// A value of a resource's page: a link to another resource, labelled, or a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Link { iri: String, label: String },
    Text { value: String, lang: Option<String> },
}

impl Shown {
    /// What it reads as: a link's label, a literal's value.
    pub fn text(&self) -> &str {
        match self {
            Shown::Link { label, .. } => label,
            Shown::Text { value, .. } => value,
        }
    }

    /// The value as HTML: a link to this server's page of the node, or the literal, marked
    /// with its language.
    pub fn html(&self, base: &str) -> String {
        match self {
            Shown::Link { iri, label } => format!(
                "<a href=\"{}\">{}</a>",
                escape(&href(iri, base)),
                escape(label)
            ),
            Shown::Text {
                value,
                lang: Some(lang),
            } => format!(
                "<span lang=\"{l}\">{}</span> <span class=\"lang\">@{l}</span>",
                escape(value),
                l = escape(lang)
            ),
            Shown::Text { value, lang: None } => escape(value),
        }
    }
}

/// A canned query as an example of the editor: its text with its example values bound by a
/// `VALUES` at the head of its outer group, so it runs as it stands on any endpoint.
pub fn example_text(c: &Canned) -> String {
    let bound = c
        .bind(&c.examples, crate::reference::states::StateTable::bundled())
        .unwrap_or_default();
    if bound.is_empty() {
        return c.text.clone();
    }
    let values: String = bound
        .iter()
        .map(|(v, t)| format!("\n  VALUES ?{} {{ {t} }}", v.as_str()))
        .collect();
    match c.text.find("WHERE {") {
        Some(at) => {
            let end = at + "WHERE {".len();
            format!("{}{values}{}", &c.text[..end], &c.text[end..])
        }
        None => c.text.clone(),
    }
}

/// The SPARQL editor of the ecosystem, YASGUI, served from the binary: pointed at `/sparql`,
/// the canned queries as examples, the URL as permalink (see `assets/editor.js`). Without
/// script, the plain editor of the home page.
pub fn yasgui(chrome: &Chrome, catalogue: &[Canned], base: &str) -> String {
    let mut examples = vec![serde_json::json!({
        "name": "sponsors of both",
        "description": "Who sponsored both rival resolutions of 2018?",
        "query": format!("{}\n{EXAMPLE_QUERY}", prefix_lines()),
    })];
    examples.extend(catalogue.iter().map(|c| {
        serde_json::json!({
            "name": c.name,
            "description": c.description,
            "query": example_text(c),
        })
    }));
    // A data block, never run: `</` cannot end it early.
    let json = serde_json::to_string(&examples)
        .unwrap_or_default()
        .replace("</", "<\\/");
    let body = format!(
        "<h1>SPARQL editor</h1>\
         <p><label for=\"example\">Examples, the canned queries with their example values</label> \
         <select id=\"example\"><option value=\"\">…</option></select></p>\
         <p class=\"hint\">Our prefixes (<code>ng:</code>, <code>cito:</code>, <code>skos:</code>...) need no declaration. \
         Run writes the query into this page's URL: the URL is the permalink. The table pages its rows; \
         its menu downloads them as CSV, TSV or JSON.</p>\n\
         <link rel=\"stylesheet\" href=\"/assets/yasgui/yasgui.min.css\">\
         <div id=\"yasgui\"></div>\n\
         <noscript>{}</noscript>\n\
         <script type=\"application/json\" id=\"examples\">{json}</script>\
         <script type=\"text/plain\" id=\"prefixes\">{}</script>\
         <link rel=\"stylesheet\" href=\"/assets/editor.css\">\
         <script src=\"/assets/yasgui/yasgui.min.js\"></script><script src=\"/assets/editor.js\"></script>\n",
        editor(&format!("{}\n{EXAMPLE_QUERY}", prefix_lines())),
        escape(&prefix_lines()),
    );
    layout(chrome, "SPARQL editor · normgraph", base, &body)
}
