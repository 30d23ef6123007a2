//! First pass over PDF text: lines in, body lines and footnotes out.
//!
//! What it reads through: form feeds and the running headers and footers around them
//! ("21-00006 (E)", "2/4", "*2100006*", the title and symbol repeated at the top of a page),
//! footnote bodies printed after a `______` rule or as a superscript-led line in the middle of a
//! list, footnote markers (superscript "2015²", digits glued to a year "20151", or a bare number
//! after a word "2013 2 and"), and the light Markdown some extractions leave
//! ("[A/C.1/73/L.27/Rev.1](#)", "*Décide*", "1^{er}").
//!
//! Markers stay in the body text as [`MARK_OPEN`] n [`MARK_CLOSE`] so that the second pass knows
//! which paragraph points at which footnote; [`strip_markers`] gives the text as printed.

use crate::extract::lang::Lang;
use regex::Regex;
use std::sync::LazyLock;

pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

/// A line of the body, cleaned, with its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// A footnote body and the number it carries (printed or, where the extraction lost it, its
/// rank among the footnotes of the document).
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    pub number: u32,
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    pub footnotes: Vec<Footnote>,
}

static JUNK: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"^\d{2}-\d{5}(?:\s*\([A-Z]\))?$", // job number "21-00006 (E)"
        r"^\d{6}$",                        // print date "050121"
        r"^\*\d{5,}\*$",                   // bar code "*2100006*"
        r"^\d{2}-\d{5}\d{1,3}/\d{1,3}$",   // job number glued to the page "19-405385/66"
        r"^\d{1,2}[A-H]$",                 // Word bookmark residue "0F", "3F", "0H"
        r"^♲$",                            // the recycling mark of the footer
    ]
    .iter()
    .map(|r| Regex::new(r).unwrap())
    .collect()
});
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^_{5,}$").unwrap());
static SUPERSCRIPT_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$").unwrap());
static NUMBERED_FOOTNOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+(\S.*)$").unwrap());
static BARE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}$").unwrap());
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(#?\)").unwrap());
static MD_SUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\^\{([^}]*)\}|\^([a-zA-Z]+)").unwrap());
static MD_EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*{1,2}([^*]+)\*{1,2}").unwrap());
static SUP_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)").unwrap());
static GLUED_YEAR_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d{2})(\d)\b").unwrap());
static SPACED_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\b(?:19|20)\d{2},?|\b[A-Za-z]{3,}[,;:]?) (\d{1,2})\b").unwrap());

fn is_junk(line: &str) -> bool {
    JUNK.iter().any(|r| r.is_match(line))
}

/// The date of a verbatim record in its running head, "12/12/2019": read by the record's reader,
/// a sign of a page's edge here.
static RUNNING_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2}/\d{2}/\d{4}$").unwrap());

static PAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})/(\d{1,3})$").unwrap());

/// The page numbers of a text ("2/4"): a line "n/N" with n ≤ N whose N numbers two pages or
/// more, or that stands beside a page break or a job number. A resolution's number alone on
/// its line ("53/70", in a preamble scrambled by justification) is none of these.
fn page_lines(text: &str) -> std::collections::HashSet<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let pages: Vec<(usize, u32, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let c = PAGE.captures(l.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}'))?;
            let (n, total) = (c[1].parse().ok()?, c[2].parse().ok()?);
            (n >= 1 && n <= total).then_some((i, n, total))
        })
        .collect();
    let beside_break = |i: usize| {
        let near = |j: usize| {
            lines.get(j).is_some_and(|l| {
                l.contains('\u{c}') || is_junk(l.trim()) || RUNNING_DATE.is_match(l.trim())
            })
        };
        (i.saturating_sub(3)..=i + 3).any(near)
    };
    pages
        .iter()
        .filter(|(i, _, total)| {
            pages.iter().filter(|(_, _, t)| t == total).count() >= 2 || beside_break(*i)
        })
        .map(|(i, _, _)| i + 1)
        .collect()
}

fn looks_like_footnote(line: &str) -> bool {
    BARE_NUMBER.is_match(line)
        || NUMBERED_FOOTNOTE.is_match(line)
        || line.starts_with("A/")
        || [
            "See ",
            "Voir ",
            "Ibid",
            "Official Records",
            "Documents officiels",
        ]
        .iter()
        .any(|p| line.starts_with(p))
}

/// Runs the first pass. `title_lines` are not known yet: the lines of the first page before the
/// body opening are what running headers repeat, so they are collected here.
pub fn layout(text: &str, is_opening: impl Fn(&str) -> bool) -> Layout {
    let has_form_feeds = text.contains('\u{c}');
    let mut out = Layout::default();
    let mut first_page: Vec<String> = Vec::new();
    let mut in_first_page_header = true;
    let mut page_top_budget = 0usize; // non-empty lines still inspected as a page's top
    let mut zone: Option<FootnoteZone> = None;
    let mut next_implicit = 1u32;
    // Superscript footnotes mean superscript markers: bare numbers are then never markers.
    let mut saw_superscript_footnote = false;

    let pages = page_lines(text);
    let is_junk = |no: usize, line: &str| is_junk(line) || pages.contains(&no);
    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let mut raw = raw;
        let mut new_page = false;
        if let Some(pos) = raw.rfind('\u{c}') {
            raw = &raw[pos + 1..];
            new_page = true;
        }
        if new_page {
            if let Some(z) = zone.take() {
                z.finish(&mut out.footnotes, &mut next_implicit);
            }
            page_top_budget = 5;
            in_first_page_header = false;
        }
        let line = normalise_spaces(raw);
        if line.is_empty() {
            continue;
        }
        if SEPARATOR.is_match(&line) {
            if let Some(z) = zone.take() {
                z.finish(&mut out.footnotes, &mut next_implicit);
            }
            zone = Some(FootnoteZone::default());
            continue;
        }
        if let Some(z) = zone.as_mut() {
            if is_junk(no, &line) {
                continue;
            }
            if has_form_feeds || looks_like_footnote(&line) {
                z.push(no, &line);
                continue;
            }
            zone.take()
                .unwrap()
                .finish(&mut out.footnotes, &mut next_implicit);
        }
        if page_top_budget > 0 {
            page_top_budget -= 1;
            // Running headers repeat the first page's title and symbol, wrapped differently.
            let first_page_text = first_page.join(" ");
            if is_junk(no, &line)
                || first_page.contains(&line)
                || (line.len() > 8 && first_page_text.contains(line.as_str()))
            {
                continue;
            }
            page_top_budget = 0;
        }
        if is_junk(no, &line) {
            continue;
        }
        if let Some(c) = SUPERSCRIPT_LEAD.captures(&line) {
            let number = superscript_value(&c[1]);
            out.footnotes.push(Footnote {
                number,
                line: no,
                text: clean_inline(&c[2]),
            });
            next_implicit = next_implicit.max(number + 1);
            saw_superscript_footnote = true;
            continue;
        }
        if in_first_page_header {
            if is_opening(&line) {
                in_first_page_header = false;
            } else {
                first_page.push(line.clone());
            }
        }
        out.lines.push(Line {
            no,
            text: clean_inline(&line),
        });
    }
    if let Some(z) = zone.take() {
        z.finish(&mut out.footnotes, &mut next_implicit);
    }
    if !saw_superscript_footnote {
        mark_spaced_markers(&mut out);
    }
    out
}

#[derive(Default)]
struct FootnoteZone {
    explicit: Vec<(u32, usize, String)>,
    implicit: Vec<(usize, String)>,
    /// A number printed on a line of its own, not yet followed by a body.
    pending: Option<u32>,
    /// For each implicit body, the number printed on the line before it, if one was.
    numbered: Vec<Option<u32>>,
}

impl FootnoteZone {
    fn push(&mut self, no: usize, line: &str) {
        if BARE_NUMBER.is_match(line) {
            // A footnote's number printed apart from its body: it numbers the body that
            // follows it. Where the extraction scattered the numbers ("A/65/201." "A/68/98."
            // "3" "A/70/174." "1" "2"), bodies are numbered by rank instead (see `finish`).
            self.pending = line.parse().ok();
            return;
        }
        if let Some(c) = NUMBERED_FOOTNOTE.captures(line) {
            if !c[2].starts_with(|ch: char| ch.is_ascii_digit()) {
                self.explicit
                    .push((c[1].parse().unwrap_or(0), no, c[2].to_owned()));
                return;
            }
        }
        match self.implicit.last_mut() {
            Some((_, body)) if !body.trim_end().ends_with('.') && self.pending.is_none() => {
                body.push(' ');
                body.push_str(line);
            }
            _ => {
                self.implicit.push((no, line.to_owned()));
                self.numbered.push(self.pending.take());
            }
        }
    }

    fn finish(self, footnotes: &mut Vec<Footnote>, next_implicit: &mut u32) {
        for (number, line, text) in self.explicit {
            footnotes.push(Footnote {
                number,
                line,
                text: clean_inline(&text),
            });
            *next_implicit = (*next_implicit).max(number + 1);
        }
        // Every body with the number printed just before it: those numbers; else by rank.
        let numbered: Option<Vec<u32>> = self.numbered.iter().copied().collect();
        for (k, (line, text)) in self.implicit.into_iter().enumerate() {
            // (A number after the last body is the page's: "2" under "See A/65/201.".)
            let number = match &numbered {
                Some(n) => n[k],
                None => *next_implicit,
            };
            footnotes.push(Footnote {
                number,
                line,
                text: clean_inline(&text),
            });
            *next_implicit = (*next_implicit).max(number) + 1;
        }
    }
}

/// Bare-number markers ("in its 2015 report, 1 identified"): only numbers that name a footnote
/// of this document, after a year or a word, and not before a month ("1 December").
fn mark_spaced_markers(layout: &mut Layout) {
    let max = layout.footnotes.iter().map(|f| f.number).max().unwrap_or(0);
    if max == 0 {
        return;
    }
    const NOT_BEFORE: [&str; 15] = [
        "paragraphe",
        "paragraph",
        "paragraphs",
        "para",
        "item",
        "resolution",
        "resolutions",
        "decision",
        "article",
        "annex",
        "chapter",
        "session",
        "goal",
        "and",
        "no",
    ];
    for line in &mut layout.lines {
        let text = &line.text;
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for c in SPACED_MARKER.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let prev = c[1].trim_end_matches([',', ';', ':']).to_lowercase();
            let n: u32 = c[2].parse().unwrap_or(0);
            let after = &text[whole.end()..];
            let next = after.split_whitespace().next().unwrap_or("");
            let next = next.trim_end_matches([',', ';', '.']);
            let glued =
                after.starts_with(|ch: char| ch == '/' || ch == '-' || ch.is_alphanumeric());
            let next_is_month = Lang::En.month(next).is_some() || Lang::Fr.month(next).is_some();
            if n == 0 || n > max || glued || NOT_BEFORE.contains(&prev.as_str()) || next_is_month {
                continue;
            }
            out.push_str(&text[last..c.get(1).unwrap().end()]);
            out.push(MARK_OPEN);
            out.push_str(&n.to_string());
            out.push(MARK_CLOSE);
            last = whole.end();
        }
        out.push_str(&text[last..]);
        line.text = out;
    }
}

fn superscript_value(s: &str) -> u32 {
    s.chars()
        .filter_map(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c))
        .fold(0, |acc, d| acc * 10 + d as u32)
}

fn normalise_spaces(raw: &str) -> String {
    raw.replace(['\u{a0}', '\u{202f}', '\t', '\r'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Markdown leftovers out, superscript markers into [`MARK_OPEN`]n[`MARK_CLOSE`].
fn clean_inline(line: &str) -> String {
    let s = MD_LINK.replace_all(line, "$1");
    let s = MD_SUP.replace_all(&s, "$1$2");
    let s = MD_EMPHASIS.replace_all(&s, "$1");
    let s = SUP_MARKER.replace_all(&s, |c: &regex::Captures| {
        format!("{MARK_OPEN}{}{MARK_CLOSE}", superscript_value(&c[1]))
    });
    let s = GLUED_YEAR_MARKER.replace_all(&s, format!("$1{MARK_OPEN}$2{MARK_CLOSE}").as_str());
    s.into_owned()
}

/// The footnote numbers a text points at, in order.
pub fn markers(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(MARK_OPEN) {
        let after = &rest[start + MARK_OPEN.len_utf8()..];
        let Some(end) = after.find(MARK_CLOSE) else {
            break;
        };
        if let Ok(n) = after[..end].parse() {
            out.push(n);
        }
        rest = &after[end + MARK_CLOSE.len_utf8()..];
    }
    out
}

/// The text as printed, without the marker sentinels.
pub fn strip_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            MARK_OPEN => inside = true,
            MARK_CLOSE => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opening(l: &str) -> bool {
        l == "The General Assembly,"
    }

    #[test]
    fn running_headers_footers_and_footnotes_are_read_through() {
        let text = "A/RES/1/2\n\nTitle line\nThe General Assembly,\nRecalling its 2015 report, 1 identified\nthat\n__________________\n1\n\n2/4\n\nA/70/174.\n21-00006\n\u{c}Title line\n\nA/RES/1/2\n\nfor human rights, in its 2013 2\nand more\n__________________\n2\n\n21-00006\n\nA/68/98.\n3/4\n";
        let l = layout(text, opening);
        let texts: Vec<String> = l.lines.iter().map(|l| strip_markers(&l.text)).collect();
        assert_eq!(
            texts,
            [
                "A/RES/1/2",
                "Title line",
                "The General Assembly,",
                "Recalling its 2015 report, identified",
                "that",
                "for human rights, in its 2013",
                "and more"
            ]
        );
        assert_eq!(markers(&l.lines[3].text), [1]);
        assert_eq!(markers(&l.lines[5].text), [2]);
        let notes: Vec<(u32, &str)> = l
            .footnotes
            .iter()
            .map(|f| (f.number, f.text.as_str()))
            .collect();
        assert_eq!(notes, [(1, "A/70/174."), (2, "A/68/98.")]);
    }

    #[test]
    fn superscripts_markdown_and_glued_markers() {
        let text = "Rappelant 54/49 du 1^{er} décembre 1999 [A/C.1/73/L.37](#) rapports de 2010¹,\n\n¹ A/65/201.\n\nrapport de 20151 que\n";
        let l = layout(text, |_| false);
        assert_eq!(
            strip_markers(&l.lines[0].text),
            "Rappelant 54/49 du 1er décembre 1999 A/C.1/73/L.37 rapports de 2010,"
        );
        assert_eq!(markers(&l.lines[0].text), [1]);
        assert_eq!(l.footnotes[0].text, "A/65/201.");
        assert_eq!(strip_markers(&l.lines[1].text), "rapport de 2015 que");
        assert_eq!(markers(&l.lines[1].text), [1]);
    }

    #[test]
    fn dates_and_paragraph_numbers_are_not_markers() {
        let text = "The General Assembly,\nof 1 December 1999, paragraph 3 of that\n__________________\nA/1/2.\n";
        let l = layout(text, opening);
        assert!(markers(&l.lines[1].text).is_empty());
    }
}
