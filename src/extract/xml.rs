//! Reading the text of Akoma Ntoso elements: their text with the footnotes left out or taken
//! apart (a marker sentinel where each stood, as the PDF path has them), the preamble and
//! operative paragraphs as the blocks the shared readers take, and the small values (numbers,
//! dates, item labels) the markup carries.

use super::layout::{Footnote, MARK_CLOSE, MARK_OPEN};
use super::read::{Block, BlockKind};
use crate::records::Date;
use roxmltree::{Document as Xml, Node};
use std::collections::HashMap;

/// A date the UN writes when it does not know one.
const UNKNOWN_DATE: &str = "0001-01-01";

/// The first element of the document named `name`.
pub(super) fn first<'a, 'input>(doc: &'a Xml<'input>, name: &str) -> Option<Node<'a, 'input>> {
    doc.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

/// Preamble and operative paragraphs as blocks, footnotes collected apart: what the readers
/// of the text path take.
pub(super) fn blocks(doc: &Xml, footnotes: &mut Vec<Footnote>) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(preamble) = first(doc, "preamble") {
        let mut n = 0;
        for c in preamble
            .children()
            .filter(|c| c.tag_name().name() == "container")
        {
            n += 1;
            let text = inline_text(doc, c, footnotes);
            let verb = c
                .attribute("name")
                .map(str::to_owned)
                .or_else(|| italic_lead(c));
            blocks.push(Block {
                id: format!("pp{n}"),
                line: line_of(doc, c),
                text,
                verb,
                kind: BlockKind::Preamble,
            });
        }
    }
    if let Some(body) = first(doc, "mainBody") {
        let mut current = 0u32;
        let mut letters = 0u32;
        for p in body
            .descendants()
            .filter(|n| n.tag_name().name() == "paragraph" || n.tag_name().name() == "subparagraph")
        {
            let num = p
                .children()
                .find(|c| c.tag_name().name() == "num")
                .map(plain_text);
            let content: String = p
                .children()
                .filter(|c| {
                    c.is_element()
                        && c.tag_name().name() != "num"
                        && c.tag_name().name() != "paragraph"
                        && c.tag_name().name() != "subparagraph"
                })
                .map(|c| inline_text(doc, c, footnotes))
                .collect::<Vec<_>>()
                .join(" ");
            let content = content.trim().to_owned();
            match num.as_deref().and_then(first_number) {
                Some(n) if num.as_deref().is_some_and(|s| !s.contains('(')) => {
                    current = n;
                    letters = 0;
                    let verb = italic_lead(p);
                    blocks.push(Block {
                        id: format!("op{n}"),
                        line: line_of(doc, p),
                        text: format!("{n}. {content}"),
                        verb,
                        kind: BlockKind::Operative(n),
                    });
                }
                _ => {
                    letters += 1;
                    let label = num
                        .as_deref()
                        .and_then(item_label)
                        .or_else(|| content.split_once(')').and_then(|(l, _)| item_label(l)))
                        .unwrap_or_else(|| letters.to_string());
                    blocks.push(Block {
                        id: format!("op{current}({label})"),
                        line: line_of(doc, p),
                        text: content,
                        verb: None,
                        kind: BlockKind::SubItem(current),
                    });
                }
            }
        }
    }
    // Parts that restart their numbering (resolutions in sections A, B, C…) and misnumbered
    // items would repeat an id: the second "op1" becomes "op1-2".
    let mut seen: HashMap<String, u32> = HashMap::new();
    for b in &mut blocks {
        let n = seen.entry(b.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            b.id = format!("{}-{n}", b.id);
        }
    }
    blocks
}

pub(super) fn line_of(doc: &Xml, node: Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

pub(super) fn first_in<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

pub(super) fn inline_named(node: Node, name: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == "inline" && n.attribute("name") == Some(name))
        .map(plain_text)
}

/// The text of an element, whitespace collapsed, footnotes left out.
pub(super) fn plain_text(node: Node) -> String {
    text_of(node, |d| {
        !d.ancestors()
            .any(|a| a.tag_name().name() == "authorialNote")
    })
}

/// The text of a footnote body.
pub(super) fn plain_text_all(node: Node) -> String {
    text_of(node, |_| true)
}

/// The text nodes below `node` that `keep` accepts, joined by spaces and collapsed.
pub(super) fn text_of(node: Node, keep: impl Fn(&Node) -> bool) -> String {
    let mut out = String::new();
    for d in node.descendants().filter(|d| d.is_text() && keep(d)) {
        out.push_str(d.text().unwrap_or(""));
        out.push(' ');
    }
    collapse(&out)
}

/// The text of a paragraph as the readers want it: footnotes out into `footnotes`, a marker
/// sentinel where each stood; `<sup>2</sup>` markers too.
pub(super) fn inline_text(doc: &Xml, node: Node, footnotes: &mut Vec<Footnote>) -> String {
    fn walk(doc: &Xml, node: Node, out: &mut String, footnotes: &mut Vec<Footnote>) {
        for c in node.children() {
            if c.is_text() {
                out.push_str(c.text().unwrap_or(""));
            } else if c.tag_name().name() == "authorialNote" {
                let marker = c
                    .attribute("marker")
                    .and_then(|m| m.trim().parse::<u32>().ok());
                if let Some(n) = marker {
                    out.push(MARK_OPEN);
                    out.push_str(&n.to_string());
                    out.push(MARK_CLOSE);
                    footnotes.push(Footnote {
                        number: n,
                        line: line_of(doc, c),
                        text: plain_text_all(c),
                    });
                }
            } else if c.tag_name().name() == "sup" {
                let t = plain_text(c);
                match t.parse::<u32>() {
                    Ok(n) => {
                        out.push(MARK_OPEN);
                        out.push_str(&n.to_string());
                        out.push(MARK_CLOSE);
                    }
                    Err(_) => out.push_str(&t),
                }
            } else if c.is_element() {
                walk(doc, c, out, footnotes);
            }
        }
    }
    let mut out = String::new();
    walk(doc, node, &mut out, footnotes);
    collapse(&out)
}

/// The italic words that open a paragraph ("Decides", "Also decides").
pub(super) fn italic_lead(node: Node) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == "span" && n.attribute("class") == Some("italic"))
        .map(plain_text)
        .filter(|t| !t.is_empty())
}

pub(super) fn collapse(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // A space the markup puts before punctuation ("report ,") is not in the text.
    s.replace(" ,", ",")
        .replace(" ;", ";")
        .replace(" .", ".")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// The label of a sub-item as its number prints it: "(a)", "a)", "(iv)" give "a", "iv".
pub(super) fn item_label(num: &str) -> Option<String> {
    let label = num
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    (!label.is_empty() && label.len() <= 6 && label.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| label.to_owned())
}

pub(super) fn first_number(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

pub(super) fn iso_date(s: &str) -> Option<Date> {
    if s == UNKNOWN_DATE {
        return None;
    }
    Date::parse_iso(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unknown_date_is_no_date() {
        assert_eq!(iso_date("0001-01-01"), None);
        assert_eq!(
            iso_date("2020-12-31").map(|d| d.to_string()),
            Some("2020-12-31".into())
        );
    }

    #[test]
    fn numbers_and_markup_spacing() {
        assert_eq!(first_number("\t12."), Some(12));
        assert_eq!(first_number("第48次"), Some(48));
        assert_eq!(
            collapse(" in its 2015 report ,\n identified "),
            "in its 2015 report, identified"
        );
    }
}
