//! The raw facts at the foot of every page, for linked-data readers: what the merged graph
//! states of the resource and what refers to it, grouped by property (labelled from the
//! ontology), each group counted. A group shows its first [`SHOWN`] values and links to
//! "show all N", which pages through it [`PAGE`] values at a time: no page grows with the
//! graph.

use super::Reader;
use crate::rdf::vocab::compact;
use crate::server::chrome::Chrome;
use crate::server::html::{escape, href, thousands};
use crate::server::labels::ontology_label;
use crate::server::page::Shown;
use oxigraph::model::{GraphNameRef, NamedNodeRef, Quad, Term};

/// The values a group shows before "show all".
pub const SHOWN: usize = 12;
/// The values a page of one group shows.
pub const PAGE: usize = 500;

/// One property's values.
#[derive(Debug, Clone)]
pub struct Group {
    /// `out:ng:sponsor` or `in:opengov:voter`: what `?facts=` names.
    pub key: String,
    pub property: Shown,
    pub values: Vec<Shown>,
    /// How many values the group has in all.
    pub total: usize,
    /// The first value shown (when paging).
    pub from: usize,
}

/// The facts of a resource.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub iri: String,
    pub outgoing: Vec<Group>,
    pub incoming: Vec<Group>,
    /// The group asked whole (`?facts=`), if any.
    pub expanded: Option<String>,
}

/// Groups quads by property, in the order properties first appear, showing the values of
/// the expanded group from `from`, else the first [`SHOWN`].
fn group(reader: &Reader<'_>, quads: &[Quad], direction: &str, asked: &super::Asked) -> Vec<Group> {
    let mut order: Vec<String> = Vec::new();
    let mut by: std::collections::HashMap<String, Vec<&Quad>> = Default::default();
    for q in quads {
        let p = q.predicate.as_str().to_owned();
        if !by.contains_key(&p) {
            order.push(p.clone());
        }
        by.entry(p).or_default().push(q);
    }
    order
        .into_iter()
        .map(|p| {
            let all = &by[&p];
            let key = format!("{direction}:{}", compact(&p));
            let expanded = asked.facts.as_deref() == Some(key.as_str());
            let (from, n) = if expanded {
                (asked.from.min(all.len()), PAGE)
            } else {
                (0, SHOWN)
            };
            let values = all
                .iter()
                .skip(from)
                .take(n)
                .map(|q| {
                    if direction == "out" {
                        reader.shown(&q.object)
                    } else {
                        reader.shown(&Term::from(q.subject.clone()))
                    }
                })
                .collect();
            Group {
                property: Shown::Link {
                    label: ontology_label(&p).unwrap_or_else(|| compact(&p)),
                    iri: p,
                },
                key,
                values,
                total: all.len(),
                from,
            }
        })
        .collect()
}

/// Reads the facts of `iri`.
pub fn read(reader: &Reader<'_>, iri: NamedNodeRef<'_>, asked: &super::Asked) -> Facts {
    let store = reader.store;
    let quads = |s: Option<NamedNodeRef<'_>>, o: Option<NamedNodeRef<'_>>| -> Vec<Quad> {
        store
            .quads_for_pattern(
                s.map(Into::into),
                None,
                o.map(Into::into),
                Some(GraphNameRef::DefaultGraph),
            )
            .filter_map(Result::ok)
            .collect()
    };
    let outgoing = quads(Some(iri), None);
    let incoming = quads(None, Some(iri));
    Facts {
        iri: iri.as_str().to_owned(),
        outgoing: group(reader, &outgoing, "out", asked),
        incoming: group(reader, &incoming, "in", asked),
        expanded: asked.facts.clone(),
    }
}

fn render_groups(html: &mut String, groups: &[Group], here: &str, chrome: &Chrome, base: &str) {
    html.push_str("<table class=\"facts\">\n");
    for g in groups {
        let values: Vec<String> = g.values.iter().map(|v| v.html(base)).collect();
        let mut more = String::new();
        let shown_to = g.from + g.values.len();
        if g.total > shown_to || g.from > 0 {
            let key = form_urlencoded::byte_serialize(g.key.as_bytes()).collect::<String>();
            if g.from == 0 && g.values.len() <= super::facts::SHOWN && g.total > shown_to {
                more = format!(
                    " <a class=\"more\" href=\"{here}?facts={key}#facts\">{} {}</a>",
                    escape(chrome.t("show all")),
                    thousands(g.total)
                );
            } else {
                if g.from > 0 {
                    more.push_str(&format!(
                        " <a class=\"more\" href=\"{here}?facts={key}&amp;from={}#facts\">{}</a>",
                        g.from.saturating_sub(PAGE),
                        escape(chrome.t("Previous"))
                    ));
                }
                if g.total > shown_to {
                    more.push_str(&format!(
                        " <a class=\"more\" href=\"{here}?facts={key}&amp;from={shown_to}#facts\">{}</a>",
                        escape(chrome.t("Next"))
                    ));
                }
                more.push_str(&format!(
                    " <span class=\"count\">{}–{} / {}</span>",
                    thousands(g.from + 1),
                    thousands(shown_to),
                    thousands(g.total)
                ));
            }
        }
        html.push_str(&format!(
            "<tr><th scope=\"row\">{} <span class=\"count\">({})</span></th><td>{}{more}</td></tr>\n",
            g.property.html(base),
            thousands(g.total),
            values.join("<br>"),
        ));
    }
    html.push_str("</table>\n");
}

/// The facts as two tables: what the resource states, what refers to it.
pub fn render(facts: &Facts, chrome: &Chrome, base: &str) -> String {
    let here = escape(&href(&facts.iri, base));
    let mut html = format!(
        "<section id=\"facts\"><h2>{}</h2><p><code>{}</code></p>\n",
        escape(chrome.t("Facts, for linked-data readers")),
        escape(&facts.iri)
    );
    render_groups(&mut html, &facts.outgoing, &here, chrome, base);
    if !facts.incoming.is_empty() {
        html.push_str(&format!(
            "<h3>{}</h3>\n",
            escape(chrome.t("Referred to by"))
        ));
        render_groups(&mut html, &facts.incoming, &here, chrome, base);
    }
    html.push_str("</section>\n");
    html
}
