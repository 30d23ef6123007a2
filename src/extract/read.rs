//! The shared reading layer: what the readers of every kind of document hold while they read one
//! file ([`Reading`]: the language of its text, the reference tables, the footnotes, the
//! paragraphs and warnings so far), paragraphs while they are being read ([`Block`]), and the
//! cutting of body lines into paragraphs ([`Reading::segment`]). The AKN reader builds a
//! `Reading` too, so that both kinds of source are read by the same readers.

use super::lang::Lang;
use super::layout::{strip_markers, Footnote, Line};
use super::patterns::*;
use crate::records::*;
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;

pub(super) fn is_heading(lang: Lang, text: &str) -> bool {
    ROMAN_HEADING.is_match(text)
        || LETTER_HEADING.is_match(text)
        || DRAFT_HEADING.is_match(text)
        || lang.vote_heading(text).is_some()
        || lang.is_assembly_opening(text)
}

/// What the readers share while they read one file: the language of its text, the reference tables,
/// the footnotes, and the paragraphs and warnings collected so far. The AKN extractor builds one
/// too, so that both sources are read by the same readers.
pub(super) struct Reading<'a> {
    pub(super) lang: Lang,
    pub(super) states: &'a StateTable,
    pub(super) curated: &'a Curated,
    pub(super) footnotes: Vec<Footnote>,
    pub(super) paragraphs: Vec<Paragraph>,
    pub(super) warnings: Vec<Diagnostic>,
}

/// Where the cutting into paragraphs is: the numbers seen, whether the operative part began,
/// whether a vote list's heading was just read.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    resolution_text: bool,
    next_number: u32,
    preambles: u32,
    headings: u32,
    last_numbered: u32,
    /// The letter of the last "(a)" item of a report paragraph: its vote lists are its own.
    last_item: Option<char>,
    in_operative: bool,
    vote_list_pending: Option<VoteOption>,
}

/// A paragraph while it is being read: its text keeps the footnote markers.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) id: String,
    pub(super) line: usize,
    pub(super) text: String,
    /// The opening verb (preamble) or the verb after the number (operative).
    pub(super) verb: Option<String>,
    pub(super) kind: BlockKind,
}

impl Block {
    /// A block that is no part of a resolution's preamble or operative part: a heading line, a
    /// footnote, a workflow step, a list read from a record.
    pub(super) fn other(id: impl Into<String>, line: usize, text: impl Into<String>) -> Self {
        Block {
            id: id.into(),
            line,
            text: text.into(),
            verb: None,
            kind: BlockKind::Other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    Heading,
    Preamble,
    Operative(u32),
    SubItem(u32),
    ReportParagraph(u32),
    /// "(a) The second preambular paragraph was retained …": an item of a report paragraph.
    ReportItem(u32, char),
    VoteList(VoteOption),
    Other,
}

impl<'a> Reading<'a> {
    pub(super) fn new(
        lang: Lang,
        states: &'a StateTable,
        curated: &'a Curated,
        footnotes: Vec<Footnote>,
    ) -> Self {
        Reading {
            lang,
            states,
            curated,
            footnotes,
            paragraphs: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub(super) fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Diagnostic {
            line,
            kind: DiagnosticKind::Note,
            message: message.into(),
        });
    }

    /// A name that denotes no State, kept as printed: a diagnostic that asks for a look.
    pub(super) fn flag_unknown(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Diagnostic {
            line,
            kind: DiagnosticKind::UnknownName,
            message: message.into(),
        });
    }

    pub(super) fn push_para(&mut self, prefix: &str, block: &Block) -> ParaRef {
        self.paragraphs.push(Paragraph {
            id: format!("{prefix}{}", block.id),
            line: block.line,
            text: strip_markers(&block.text),
        });
        self.paragraphs.len() - 1
    }

    /// Cuts body lines into paragraphs. `resolution_text` switches on preamble and operative
    /// numbering; otherwise numbered paragraphs are the report's own.
    pub(super) fn segment(&mut self, lines: &[Line], resolution_text: bool) -> Vec<Block> {
        let mut blocks: Vec<Block> = Vec::new();
        let mut at = Numbering {
            resolution_text,
            next_number: 1,
            ..Numbering::default()
        };
        // The last line joined to a paragraph: where it starts in the text, its line number,
        // and whether the text before it closed a clause (see `misplaced_first_line`).
        let mut last_join: Option<(usize, usize, bool)> = None;
        for l in lines {
            let text = l.text.trim();
            let plain = strip_markers(text);
            let prev_ends_clause = blocks.last().is_none_or(|b| ends_clause(&b.text));
            match self.block_start(&mut at, &plain, prev_ends_clause) {
                Some((id, kind, verb)) => {
                    let mut block = Block {
                        id,
                        line: l.no,
                        text: text.to_owned(),
                        verb,
                        kind,
                    };
                    if let Some(prev) = blocks.last_mut() {
                        self.misplaced_first_line(prev, &mut block, last_join);
                    }
                    blocks.push(block);
                    last_join = None;
                }
                None => match blocks.last_mut() {
                    Some(b) if b.kind != BlockKind::Heading => {
                        let closed = ends_clause(&b.text);
                        let offset = b.text.trim_end().len();
                        join_line(&mut b.text, text);
                        last_join = Some((offset, l.no, closed));
                        // "1." alone on its line: the verb is on the next.
                        if matches!(b.kind, BlockKind::Operative(_)) && b.verb.is_none() {
                            let rest = NUMBERED
                                .captures(&strip_markers(&b.text))
                                .and_then(|c| c.get(2).map(|m| m.as_str().to_owned()));
                            b.verb = rest.and_then(|r| operative_verb(self.lang, &r));
                        }
                    }
                    _ => blocks.push(Block::other(format!("l{}", l.no), l.no, text.to_owned())),
                },
            }
        }
        blocks
    }

    /// A paragraph number printed after the first line of its paragraph (58/32, 59/61:
    /// "Considers that the purpose of such measures could be served through the" / "2." /
    /// "examination of …"): a number alone on its line, after a line that opens with a capital
    /// what follows a closed clause of the paragraph before, takes that line back as its first.
    fn misplaced_first_line(
        &self,
        prev: &mut Block,
        block: &mut Block,
        last_join: Option<(usize, usize, bool)>,
    ) {
        let BlockKind::Operative(n) = block.kind else {
            return;
        };
        let Some((offset, line, true)) = last_join else {
            return;
        };
        let bare = strip_markers(&block.text).trim() == format!("{n}.");
        if !bare || !matches!(prev.kind, BlockKind::Operative(_)) {
            return;
        }
        let moved = prev.text[offset..].trim().to_owned();
        if !moved.starts_with(|c: char| c.is_uppercase()) {
            return;
        }
        prev.text.truncate(offset);
        block.text = format!("{n}. {moved}");
        block.line = line;
        block.verb = operative_verb(self.lang, &strip_markers(&moved));
    }

    /// Whether a line opens a paragraph, and if so its id, kind and verb; `at` keeps count.
    fn block_start(
        &self,
        at: &mut Numbering,
        plain: &str,
        prev_ends_clause: bool,
    ) -> Option<(String, BlockKind, Option<String>)> {
        if let Some(option) = self.lang.vote_heading(plain) {
            at.vote_list_pending = Some(option);
            at.headings += 1;
            return Some((format!("h{}", at.headings), BlockKind::Heading, None));
        }
        if let Some(option) = at.vote_list_pending.take() {
            let item = at.last_item.map_or(String::new(), |c| format!("({c})"));
            let id = format!("para{}{item}/{}", at.last_numbered, option.as_str());
            return Some((id, BlockKind::VoteList(option), None));
        }
        if is_heading(self.lang, plain) {
            at.headings += 1;
            return Some((format!("h{}", at.headings), BlockKind::Heading, None));
        }
        if let Some(c) = SUB_NUMBERED.captures(plain).filter(|c| {
            at.in_operative && c[1].parse::<u32>().ok() == Some(at.next_number.saturating_sub(1))
        }) {
            return Some((
                format!("op{}.{}", &c[1], &c[2]),
                BlockKind::SubItem(c[1].parse().unwrap_or(0)),
                None,
            ));
        }
        if let Some(c) = NUMBERED
            .captures(plain)
            .filter(|c| c[1].parse::<u32>().ok() == Some(at.next_number))
        {
            at.next_number += 1;
            let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
            if at.resolution_text {
                at.in_operative = true;
                return Some((
                    format!("op{}", &c[1]),
                    BlockKind::Operative(c[1].parse().unwrap_or(0)),
                    operative_verb(self.lang, rest),
                ));
            }
            at.last_numbered = c[1].parse().unwrap_or(0);
            at.last_item = None;
            return Some((
                format!("para{}", &c[1]),
                BlockKind::ReportParagraph(at.last_numbered),
                None,
            ));
        }
        if let Some(c) = LETTERED
            .captures(plain)
            .filter(|_| !at.resolution_text && at.last_numbered > 0)
        {
            let letter = c[1].chars().next().unwrap_or('a');
            at.last_item = Some(letter);
            return Some((
                format!("para{}({letter})", at.last_numbered),
                BlockKind::ReportItem(at.last_numbered, letter),
                None,
            ));
        }
        if let Some(c) = LETTERED.captures(plain).filter(|_| at.in_operative) {
            let parent = at.next_number.saturating_sub(1);
            return Some((
                format!("op{parent}({})", &c[1]),
                BlockKind::SubItem(parent),
                None,
            ));
        }
        if at.resolution_text
            && !at.in_operative
            && prev_ends_clause
            && self.lang.is_preamble_opener(plain)
        {
            at.preambles += 1;
            return Some((
                format!("pp{}", at.preambles),
                BlockKind::Preamble,
                preamble_verb(plain),
            ));
        }
        None
    }

    /// The footnote a marker on `line` points at: the nearest body with that number printed
    /// after the marker (footnotes sit at the foot of the page), else the nearest before.
    pub(super) fn footnote(&self, n: u32, line: usize) -> Option<&Footnote> {
        let same: Vec<&Footnote> = self.footnotes.iter().filter(|f| f.number == n).collect();
        same.iter()
            .filter(|f| f.line >= line)
            .min_by_key(|f| f.line)
            .or_else(|| same.iter().filter(|f| f.line < line).max_by_key(|f| f.line))
            .copied()
    }
}

/// Whether a paragraph's text so far closes a clause (",", ";", ":", ".").
fn ends_clause(text: &str) -> bool {
    let t = strip_markers(text);
    let t = t.trim_end();
    t.ends_with(',') || t.ends_with(';') || t.ends_with(':') || t.ends_with('.')
}

/// At most `n` characters of `s`, cut on a character boundary.
pub(super) fn prefix_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

pub(super) fn preamble_verb(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let first = words.next()?.trim_end_matches(',');
    if matches!(
        first,
        "Se" | "S'" | "Also" | "Further" | "Deeply" | "Gravely"
    ) {
        let second = words.next()?.trim_end_matches(',');
        return Some(format!("{first} {second}"));
    }
    Some(first.to_owned())
}

pub(super) fn operative_verb(lang: Lang, rest: &str) -> Option<String> {
    let mut words = rest.split_whitespace();
    let first = words.next()?.trim_end_matches([',', ':']);
    if first.is_empty() {
        return None;
    }
    let second = words.next().unwrap_or("");
    let third = words.next().unwrap_or("");
    Some(match lang {
        Lang::Fr if ["favorablement", "également", "aussi"].contains(&second) => {
            format!("{first} {second}")
        }
        Lang::Fr if second == "en" && third == "outre" => format!("{first} en outre"),
        Lang::En if second == "upon" => format!("{first} upon"),
        Lang::En if ["Also", "Further"].contains(&first) => {
            format!("{first} {}", second.trim_end_matches(','))
        }
        _ => first.to_owned(),
    })
}

pub(super) fn join_title(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        join_line(&mut out, p);
    }
    out.trim().to_owned()
}

/// Appends a wrapped line: "soixante -" + "quinzième" → "soixante-quinzième".
pub(super) fn join_line(text: &mut String, line: &str) {
    if text.is_empty() {
        text.push_str(line);
        return;
    }
    let trimmed = text.trim_end().to_owned();
    *text = trimmed;
    if text.ends_with(" -") && line.starts_with(|c: char| c.is_lowercase()) {
        text.truncate(text.len() - 2);
        text.push('-');
    } else {
        text.push(' ');
    }
    text.push_str(line);
}

pub(super) fn split_outside_parens(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out
}
