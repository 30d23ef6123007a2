//! HTML pages of the server: the home page (the dataset, a SPARQL editor, the canned questions
//! as forms, a resolution in pictures), the canned queries and their answers, query results as
//! tables, and a resource of the graph as a person reads it.
//!
//! Every page works without script: forms are plain GET or POST requests that the server
//! answers with a page. `assets/app.js` only lets the editor and the forms show their answers
//! in place. Every value is escaped.

use crate::queries::{Canned, ParamKind};
use crate::vocab::{compact, ng};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::Store;
use std::fmt::Write;

/// The style sheet every page links to, served at `/assets/style.css`.
pub const STYLE: &str = include_str!("assets/style.css");
/// The script every page loads, served at `/assets/app.js`.
pub const SCRIPT: &str = include_str!("assets/app.js");

/// The figures of the home page and of the VoID description, counted once when the server
/// first needs them (it serves a read-only store).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// Triples of the default graph (the merge of the sources).
    pub triples: usize,
    /// Quads of the source graphs (each fact once per source that states it).
    pub source_quads: usize,
    /// Source graphs (one per file read).
    pub graphs: usize,
    /// Resources per class, by the class's prefixed name (`ng:Resolution`...).
    pub classes: Vec<(String, usize)>,
}

impl Facts {
    pub fn count(&self, class: &str) -> usize {
        self.classes
            .iter()
            .find(|(c, _)| c == class)
            .map_or(0, |(_, n)| *n)
    }
}

/// A number with thousands separated: 39,680.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A whole page around `body`. `base` is the base of the graph's IRIs: the script links the
/// IRIs of results under it to this server's pages.
fn layout(title: &str, lang: &str, base: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/style.css\">\
         <script src=\"/assets/app.js\" defer></script></head>\n\
         <body data-base=\"{base}\"><nav><a href=\"/\">normgraph</a> · <a href=\"/queries\">canned queries</a> · \
         <a href=\"/sparql\">SPARQL endpoint</a> · <a href=\"/.well-known/void\">VoID</a></nav>\n{body}</body></html>\n",
        lang = escape(lang),
        title = escape(title),
        base = escape(base),
    )
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
        };
        let _ = write!(
            html,
            "<label>{n} <input name=\"{n}\" value=\"{v}\" required title=\"{hint}\"></label> ",
            n = escape(&p.name),
            v = escape(value),
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
                "{} <span class=\"lang\">@{}</span>",
                escape(l.value()),
                escape(lang)
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
    facts: &Facts,
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
    figure(facts.triples, "triples");
    figure(facts.graphs, "source files");
    figure(facts.count("ng:Resolution"), "resolutions");
    figure(facts.count("ng:DraftResolution"), "drafts");
    figure(facts.count("opengov:VoteEvent"), "recorded votes");
    figure(facts.count("opengov:Vote"), "votes of States");
    figure(facts.count("ng:Sponsorship"), "sponsorships");
    figure(facts.count("ng:State"), "States");
    body.push_str(
        "</dl><p>Query it at <a href=\"/sparql\"><code>/sparql</code></a> (SPARQL 1.1 Protocol; JSON, XML, CSV, TSV, Turtle, \
         JSON-LD by the Accept header). The merged graph whole: <a href=\"/store?default\"><code>/store?default</code></a>; \
         one source file's graph: <code>/store?graph=IRI</code>. The <a href=\"/.well-known/void\">VoID description</a>.</p></section>\n",
    );
    let _ = writeln!(
        body,
        "<section id=\"editor\"><h2>Ask in SPARQL</h2>{}<div id=\"sparql-results\" class=\"results\" aria-live=\"polite\"></div></section>",
        editor(&format!("{}\n{EXAMPLE_QUERY}", crate::vocab::prefix_lines()))
    );
    body.push_str("<section id=\"canned\"><h2>Canned questions</h2>\n");
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
    layout("normgraph", "en", base, &body)
}

/// The page that lists the canned queries, each a form.
pub fn queries(catalogue: &[Canned], base: &str) -> String {
    let mut body = String::from(
        "<h1>Canned queries</h1><p>Each is a SPARQL query of <code>queries/</code>, run with the values you give. \
         As a URL: <code>/queries/NAME?param=value</code>, answered in the format the Accept header asks for \
         (SPARQL results JSON, XML, CSV, TSV, or this page's HTML); <a href=\"/queries\" type=\"application/json\">as JSON</a> \
         with <code>Accept: application/json</code>.</p>\n",
    );
    for c in catalogue {
        body.push_str(&canned_form(c, &[]));
    }
    layout("Canned queries · normgraph", "en", base, &body)
}

/// A canned query's answer as a page: the form again, with the values given, and the table.
pub fn canned_answer(
    c: &Canned,
    given: &[(String, String)],
    columns: &[String],
    rows: &[Vec<Option<Term>>],
    base: &str,
) -> String {
    let mut body = format!("<h1>{}</h1>", escape(&c.name));
    body.push_str(&canned_form(c, given));
    body.push_str(&table(columns, rows, base));
    let _ = write!(
        body,
        "<details><summary>The query</summary><pre>{}</pre></details>",
        escape(&c.text)
    );
    layout(&format!("{} · normgraph", c.name), "en", base, &body)
}

/// The answer of the SPARQL endpoint as a page, for a browser that asked for HTML: the editor
/// with the query, and its answer.
pub fn sparql_answer(query: &str, answer: &str, base: &str) -> String {
    let body = format!(
        "<h1>SPARQL</h1>{}<div id=\"sparql-results\" class=\"results\">{answer}</div>",
        editor(query)
    );
    layout("SPARQL · normgraph", "en", base, &body)
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page of a document, from its symbol.
pub fn doc_href(symbol: &str) -> String {
    format!("/id/doc/{}", crate::symbol::slug(symbol))
}

/// Where a browser follows an IRI: under the base, to this server's own page of it.
fn href(iri: &str, base: &str) -> String {
    match iri.strip_prefix(base) {
        Some(path) => format!("/id/{path}"),
        None => iri.to_owned(),
    }
}

/// The label of a node in the reader's language: its preferred label, title or label, in the
/// first language of `languages` that has one, else English, else any; else its symbol.
pub fn label(store: &Store, node: NamedNodeRef<'_>, languages: &[String]) -> Option<String> {
    let mut found: Vec<(String, String)> = Vec::new();
    for p in [
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://purl.org/dc/terms/title",
        "http://www.w3.org/2000/01/rdf-schema#label",
    ] {
        let p = NamedNode::new_unchecked(p);
        for q in store.quads_for_pattern(
            Some(node.into()),
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        ) {
            if let Ok(Quad {
                object: Term::Literal(l),
                ..
            }) = q
            {
                found.push((l.language().unwrap_or("").to_owned(), l.value().to_owned()));
            }
        }
    }
    let wanted = languages.iter().map(String::as_str).chain(["en", ""]);
    for lang in wanted {
        if let Some((_, v)) = found.iter().find(|(l, _)| l == lang) {
            return Some(v.clone());
        }
    }
    if let Some((_, v)) = found.first() {
        return Some(v.clone());
    }
    let symbol = NamedNode::new_unchecked(ng("symbol"));
    store
        .quads_for_pattern(
            Some(node.into()),
            Some(symbol.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .next()
        .and_then(|q| q.ok())
        .and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
}

fn value(store: &Store, t: &Term, languages: &[String], base: &str) -> String {
    match t {
        Term::NamedNode(n) => {
            let shown = label(store, n.as_ref(), languages).unwrap_or_else(|| compact(n.as_str()));
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&href(n.as_str(), base)),
                escape(&shown)
            )
        }
        Term::Literal(l) => match l.language() {
            Some(lang) => format!(
                "{} <span class=\"lang\">@{}</span>",
                escape(l.value()),
                escape(lang)
            ),
            None => escape(l.value()),
        },
        other => escape(&other.to_string()),
    }
}

/// The text a source paragraph quotes, with the file it comes from.
fn quote(store: &Store, paragraph: NamedNodeRef<'_>) -> Option<(String, String)> {
    let get = |s: NamedNodeRef<'_>, p: &str| -> Option<Term> {
        store
            .quads_for_pattern(
                Some(s.into()),
                Some(NamedNode::new_unchecked(p).as_ref()),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .next()
            .and_then(|q| q.ok())
            .map(|q| q.object)
    };
    let Some(Term::NamedNode(selector)) = get(paragraph, "http://www.w3.org/ns/oa#hasSelector")
    else {
        return None;
    };
    let Some(Term::Literal(exact)) = get(selector.as_ref(), "http://www.w3.org/ns/oa#exact") else {
        return None;
    };
    let file = match get(paragraph, "http://www.w3.org/ns/oa#hasSource") {
        Some(Term::NamedNode(source)) => match get(source.as_ref(), &ng("file")) {
            Some(Term::Literal(f)) => f.value().to_owned(),
            _ => source.as_str().to_owned(),
        },
        _ => String::new(),
    };
    Some((exact.value().to_owned(), file))
}

/// The page of a resource: its facts, what refers to it, the source paragraphs quoted.
pub fn resource(
    store: &Store,
    iri: &NamedNode,
    outgoing: &[Quad],
    incoming: &[Quad],
    languages: &[String],
    base: &str,
) -> String {
    let title = label(store, iri.as_ref(), languages).unwrap_or_else(|| compact(iri.as_str()));
    let mut html = String::new();
    let _ = writeln!(
        html,
        "<h1>{}</h1><p><code>{}</code></p>",
        escape(&title),
        escape(iri.as_str())
    );
    if let Some(symbol) = outgoing
        .iter()
        .find(|q| q.predicate.as_str() == ng("symbol"))
        .and_then(|q| match &q.object {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        })
    {
        let _ = writeln!(
            html,
            "<p><a href=\"/?doc={}#picture\">Its citation chain and its sponsors, in pictures</a></p>",
            escape(&form_urlencoded::byte_serialize(symbol.as_bytes()).collect::<String>())
        );
    }
    html.push_str("<h2>Facts</h2><table>\n");
    let derived_from = "http://www.w3.org/ns/prov#wasDerivedFrom";
    let mentioned_in = ng("mentionedIn");
    for q in outgoing {
        let _ = writeln!(
            html,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(&compact(q.predicate.as_str())),
            value(store, &q.object, languages, base)
        );
    }
    html.push_str("</table>\n");
    let sources: Vec<(String, String)> = outgoing
        .iter()
        .filter(|q| q.predicate.as_str() == derived_from || q.predicate.as_str() == mentioned_in)
        .filter_map(|q| match &q.object {
            Term::NamedNode(p) => quote(store, p.as_ref()),
            _ => None,
        })
        .collect();
    if !sources.is_empty() {
        html.push_str("<h2>In the sources</h2>\n");
        for (text, file) in sources {
            let _ = writeln!(
                html,
                "<blockquote>{}</blockquote><p class=\"lang\">{}</p>",
                escape(&text),
                escape(&file)
            );
        }
    }
    if !incoming.is_empty() {
        html.push_str("<h2>Referred to by</h2><table>\n");
        for q in incoming.iter().take(200) {
            let subject = Term::from(q.subject.clone());
            let _ = writeln!(
                html,
                "<tr><td>{}</td><th>{}</th></tr>",
                value(store, &subject, languages, base),
                escape(&compact(q.predicate.as_str()))
            );
        }
        html.push_str("</table>\n");
    }
    let lang = languages.first().map(String::as_str).unwrap_or("en");
    layout(&format!("{title} · normgraph"), lang, base, &html)
}
