//! Second pass over PDF text: body lines into paragraphs, paragraphs into records.
//!
//! A file is either a resolution (its number line "75/240." opens the text) or a committee
//! report ("Rapport de la Première Commission"), which carries draft resolutions with their
//! sponsors and recorded votes. Anything else is refused with the line and what was expected.

use super::layout::{self, markers, strip_markers, Footnote, Line};
use super::*;
use crate::states::{name_key, StateTable};
use crate::tables::Tables;
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Reads one text file. `tables` supplies what the text does not print (a report's own symbol,
/// the GGE report of a year).
pub fn extract(
    text: &str,
    states: &StateTable,
    tables: &Tables,
) -> Result<Extraction, ExtractError> {
    let lang = Lang::detect(text).ok_or_else(|| ExtractError {
        line: 1,
        message: "expected a UN document in French or English (no \"Assemblée générale\" or \"General Assembly\" found)".into(),
    })?;
    let layout = layout::layout(text, |l| lang.is_assembly_opening(l));
    if layout.lines.is_empty() {
        return Err(ExtractError {
            line: 1,
            message: "expected text, found an empty document".into(),
        });
    }
    let mut cx = Context::new(lang, states, tables, layout.footnotes);
    let lines = layout.lines;
    let documents = if let Some(pos) = lines
        .iter()
        .position(|l| RESOLUTION_NUMBER.is_match(&l.text))
    {
        cx.resolution(&lines, pos)?
    } else if let Some(pos) = lines
        .iter()
        .position(|l| is_committee_report_title(&l.text))
    {
        cx.committee_report(&lines, pos)?
    } else {
        return Err(ExtractError {
            line: lines[0].no,
            message: "expected a resolution number line (\"75/240.\") or a committee report heading (\"Rapport de la Première Commission\", \"Report of the First Committee\")".into(),
        });
    };
    Ok(Extraction {
        format: SourceFormat::Text,
        language: lang.code().to_owned(),
        documents,
        paragraphs: cx.paragraphs,
        warnings: cx.warnings,
    })
}

static RESOLUTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})/(\d{1,3})\.(?:\s+(.*))?$").unwrap());
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(?:\s+(.*))?$").unwrap());
static SUB_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(\d{1,2})\.\s+(.*)$").unwrap());
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:- )?\(?([a-z])\)\s+(.*)$").unwrap());
static ROMAN_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:I|II|III|IV|V|VI|VII)\.\s+\S").unwrap());
static LETTER_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-H]\.\s+\S").unwrap());
static DRAFT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Projet de résolution|Draft resolution) (I{1,3}|IV|V)\b\s*(.*)$").unwrap()
});
static CITED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3})/(\d{1,3})(?: ([A-Z])\b)?").unwrap());
static SYMBOL_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"A/(?:[A-Za-z0-9.]+/)*[A-Za-z0-9.]*\d[A-Za-z0-9.]*").unwrap());
static CLOSING_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3})(?:e|th|st|nd|rd) (?:\((resumed)\) )?(?:plenary meeting|séance plénière)(?: \((reprise)\))?$").unwrap()
});

fn is_committee_report_title(line: &str) -> bool {
    let k = name_key(line);
    k.starts_with("rapport de la premiere commission")
        || k.starts_with("report of the first committee")
}

fn is_heading(lang: Lang, text: &str) -> bool {
    ROMAN_HEADING.is_match(text)
        || LETTER_HEADING.is_match(text)
        || DRAFT_HEADING.is_match(text)
        || lang.vote_heading(text).is_some()
        || lang.is_assembly_opening(text)
}

/// A stretch of a committee report: its own paragraphs (no heading), or the text of one draft
/// resolution with its numeral and the rest of its heading line.
type Part = (Option<(String, String)>, Vec<Line>);

/// What the readers share while they read one file: the language of its text, the tables,
/// the footnotes, and the paragraphs and warnings collected so far. The AKN extractor builds one
/// too, so that both sources are read by the same readers.
pub(super) struct Context<'a> {
    pub(super) lang: Lang,
    pub(super) states: &'a StateTable,
    pub(super) tables: &'a Tables,
    pub(super) footnotes: Vec<Footnote>,
    pub(super) paragraphs: Vec<Paragraph>,
    pub(super) warnings: Vec<Diagnostic>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
    Heading,
    Preamble,
    Operative(u32),
    SubItem(u32),
    ReportParagraph(u32),
    VoteList(VoteOption),
    Other,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        lang: Lang,
        states: &'a StateTable,
        tables: &'a Tables,
        footnotes: Vec<Footnote>,
    ) -> Self {
        Context {
            lang,
            states,
            tables,
            footnotes,
            paragraphs: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub(super) fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Diagnostic {
            line,
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

    // ----- resolutions -------------------------------------------------------------------

    fn resolution(
        &mut self,
        lines: &[Line],
        number_at: usize,
    ) -> Result<Vec<Document>, ExtractError> {
        let caps = RESOLUTION_NUMBER.captures(&lines[number_at].text).unwrap();
        let session: u32 = caps[1].parse().unwrap_or(0);
        let number: u32 = caps[2].parse().unwrap_or(0);
        let symbol = Symbol::resolution(session, number, None);
        let opening = lines
            .iter()
            .position(|l| self.lang.is_assembly_opening(&l.text))
            .filter(|&p| p > number_at)
            .ok_or_else(|| ExtractError {
                line: lines[number_at].no,
                message: format!(
                    "expected \"{}\" after the resolution number",
                    match self.lang {
                        Lang::Fr => "L'Assemblée générale,",
                        Lang::En => "The General Assembly,",
                    }
                ),
            })?;
        let mut title: Vec<String> = caps
            .get(3)
            .map(|m| m.as_str().to_owned())
            .into_iter()
            .collect();
        title.extend(
            lines[number_at + 1..opening]
                .iter()
                .map(|l| strip_markers(&l.text)),
        );
        let identity = self.push_para(
            "",
            &Block {
                id: "title".into(),
                line: lines[number_at].no,
                text: lines[number_at..opening]
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                verb: None,
                kind: BlockKind::Heading,
            },
        );
        let mut doc = Document::new(symbol.clone(), crate::symbol::DocKind::Resolution, identity);
        doc.title = Some(join_title(&title)).filter(|t| !t.is_empty());
        self.resolution_header(&lines[..number_at], &mut doc);

        // Closing: "48th (resumed) plenary meeting" and its date.
        let mut body_end = lines.len();
        for (i, l) in lines.iter().enumerate().skip(opening) {
            if let Some(c) = CLOSING_MEETING.captures(&l.text) {
                body_end = i;
                let date = lines.get(i + 1).and_then(|n| self.parse_date(&n.text));
                let para = self.push_para(
                    "",
                    &Block {
                        id: "closing".into(),
                        line: l.no,
                        text: lines[i..(i + 2).min(lines.len())]
                            .iter()
                            .map(|l| l.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        verb: None,
                        kind: BlockKind::Other,
                    },
                );
                doc.meeting = Some(Meeting {
                    number: c[1].parse().unwrap_or(0),
                    plenary: true,
                    resumed: Some(c.get(2).is_some() || c.get(3).is_some()),
                    date,
                    para,
                });
                if doc.adopted.is_none() {
                    doc.adopted = date;
                }
                break;
            }
        }
        let blocks = self.segment(&lines[opening + 1..body_end], true);
        if !blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Operative(_)))
        {
            return Err(ExtractError {
                line: lines[opening].no,
                message: "expected numbered operative paragraphs (\"1. Décide\", \"1. Decides\") after the preamble".into(),
            });
        }
        self.read_resolution_text("", &blocks, &mut doc);
        Ok(vec![doc])
    }

    fn resolution_header(&mut self, header: &[Line], doc: &mut Document) {
        static AGENDA: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(?:Agenda item|Point) (\d{1,3})\b").unwrap());
        static ON_REPORT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\[(?:on the report of the|sur la base du rapport de la) [^(]*\((A/[^,)]+)(?:, (?:para|par)\. (\d+))?\)\]").unwrap()
        });
        let session_re = &patterns(self.lang).session_line;
        let mut after_adopted = false;
        for (i, l) in header.iter().enumerate() {
            let t = strip_markers(&l.text);
            if let Some(c) = AGENDA.captures(&t) {
                doc.agenda_item = c[1].parse().ok();
            } else if let Some(c) = session_re.captures(&t) {
                if let Some(n) = self.lang.ordinal(&c[1]) {
                    if doc.session.is_some_and(|s| s != n) {
                        self.warn(
                            l.no,
                            format!(
                                "session printed as {n}, the symbol says {}",
                                doc.session.unwrap_or(0)
                            ),
                        );
                    }
                }
            } else if let Some(c) = ON_REPORT.captures(&t) {
                if let Some(s) = Symbol::parse(&c[1]) {
                    doc.on_report = Some((s, c.get(2).and_then(|m| m.as_str().parse().ok())));
                }
            } else if t.starts_with("Resolution adopted by the General Assembly")
                || t.starts_with("Résolution adoptée par l")
            {
                after_adopted = true;
                if let Some(d) = t.split_once(" on ").and_then(|(_, d)| self.parse_date(d)) {
                    doc.adopted = Some(d);
                }
            } else if after_adopted && doc.adopted.is_none() {
                let d = t
                    .strip_prefix("on ")
                    .or_else(|| t.strip_prefix("le "))
                    .unwrap_or(&t);
                doc.adopted = self.parse_date(d);
            } else if doc.distributed.is_none() && i > 0 && header[i - 1].text.starts_with("Distr")
            {
                doc.distributed = self.parse_date(&t);
            }
        }
    }

    /// Preamble and operative paragraphs of a resolution (or of a draft): citations, norms,
    /// bodies, the agenda of the next session.
    pub(super) fn read_resolution_text(
        &mut self,
        prefix: &str,
        blocks: &[Block],
        doc: &mut Document,
    ) {
        let mut last_op_verb: Option<String> = None;
        for block in blocks {
            if block.kind == BlockKind::Heading {
                continue;
            }
            let para = self.push_para(prefix, block);
            let verb = match block.kind {
                BlockKind::SubItem(_) => last_op_verb.clone(),
                _ => block.verb.clone(),
            };
            if let BlockKind::Operative(_) = block.kind {
                last_op_verb = block.verb.clone();
            }
            self.citations(block, para, verb.clone(), doc);
            let plain = strip_markers(&block.text);
            if let BlockKind::SubItem(parent) = block.kind {
                if let Some(c) = SUB_NUMBERED_ID.captures(&block.id) {
                    let welcomes_norms = blocks.iter().any(|b| {
                        b.kind == BlockKind::Operative(parent)
                            && mentions_norms(&strip_markers(&b.text))
                    });
                    if welcomes_norms {
                        doc.norms.push(Norm {
                            notation: format!("{}.{}", &c[1], &c[2]),
                            text: norm_text(&plain),
                            para,
                        });
                    }
                }
            }
            if let BlockKind::Operative(_) = block.kind {
                if let Some(body) = self.body(&plain, para) {
                    doc.bodies.push(body);
                }
                if let Some(inclusion) = self.agenda_inclusion(&plain, para) {
                    doc.agenda_inclusion = Some(inclusion);
                }
            }
        }
    }

    // ----- committee reports ---------------------------------------------------------------

    fn committee_report(
        &mut self,
        lines: &[Line],
        title_at: usize,
    ) -> Result<Vec<Document>, ExtractError> {
        static POINT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:Point (\d{1,3}) de l'ordre du jour|Agenda item (\d{1,3}))$").unwrap()
        });
        let header = &lines[..title_at];
        let mut session = None;
        let mut agenda_item = None;
        let mut distributed = None;
        let mut item_title: Vec<String> = Vec::new();
        let session_re = &patterns(self.lang).session_line;
        for (i, l) in header.iter().enumerate() {
            let t = strip_markers(&l.text);
            if let Some(c) = session_re.captures(&t) {
                session = self.lang.ordinal(&c[1]);
            } else if let Some(c) = POINT.captures(&t) {
                agenda_item = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok());
            } else if distributed.is_none() && self.parse_date(&t).is_some() && i > 0 {
                distributed = self.parse_date(&t);
            } else if agenda_item.is_some() && !t.is_empty() {
                item_title.push(t);
            }
        }
        let session = session.ok_or_else(|| ExtractError {
            line: lines[0].no,
            message:
                "expected the session in the report's heading (\"Soixante-treizième session\")"
                    .into(),
        })?;
        let agenda_item = agenda_item.ok_or_else(|| ExtractError {
            line: lines[0].no,
            message:
                "expected the agenda item in the report's heading (\"Point 96 de l'ordre du jour\")"
                    .into(),
        })?;
        let entry = self
            .tables
            .committee_report(session, agenda_item)
            .ok_or_else(|| ExtractError {
                line: lines[title_at].no,
                message: format!(
                    "the report does not print its symbol and data/tables/committee-reports.tsv has no report for session {session}, agenda item {agenda_item}"
                ),
            })?;
        let identity = self.push_para(
            "",
            &Block {
                id: "heading".into(),
                line: lines[0].no,
                text: header
                    .iter()
                    .chain(std::iter::once(&lines[title_at]))
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
                verb: None,
                kind: BlockKind::Heading,
            },
        );
        let mut report = Document::new(
            entry.symbol.clone(),
            crate::symbol::DocKind::CommitteeReport,
            identity,
        );
        report.session = Some(session);
        report.agenda_item = Some(agenda_item);
        report.distributed = distributed;
        report.title = Some(item_title.join(" ")).filter(|t| !t.is_empty());
        let year = distributed.map(|d| d.year);

        // Split the rest into the report's own paragraphs and the drafts it recommends.
        let body = &lines[title_at + 1..];
        let mut parts: Vec<Part> = vec![(None, Vec::new())];
        for l in body {
            if let Some(c) = DRAFT_HEADING.captures(&l.text) {
                parts.push((Some((c[1].to_owned(), c[2].trim().to_owned())), Vec::new()));
            } else {
                parts.last_mut().unwrap().1.push(l.clone());
            }
        }
        let report_blocks = self.segment(&parts[0].1, false);
        let mut drafts: Vec<Document> = Vec::new();
        let mut numeral_to_symbol: Vec<(String, Symbol, ParaRef)> = Vec::new();
        let mut last_meeting: Option<(u32, Option<Date>)> = None;
        let mut current_draft: Option<usize> = None;
        let mut current_vote: Option<usize> = None;
        let mut report_para_numbers: Vec<(u32, ParaRef)> = Vec::new();
        for block in &report_blocks {
            let para = self.push_para("", block);
            let plain = strip_markers(&block.text);
            if let BlockKind::ReportParagraph(n) = block.kind {
                report_para_numbers.push((n, para));
            }
            // Section heading naming a draft: "A. Projet de résolution A/C.1/73/L.27/Rev.1".
            if block.kind == BlockKind::Heading && LETTER_HEADING.is_match(&plain) {
                if let Some(sym) = SYMBOL_IN_TEXT
                    .find(&plain)
                    .and_then(|m| Symbol::parse(m.as_str()))
                {
                    let idx = match drafts.iter().position(|d| d.symbol == sym) {
                        Some(i) => i,
                        None => {
                            let mut d =
                                Document::new(sym, crate::symbol::DocKind::DraftResolution, para);
                            d.session = Some(session);
                            d.agenda_item = Some(agenda_item);
                            drafts.push(d);
                            drafts.len() - 1
                        }
                    };
                    current_draft = Some(idx);
                    current_vote = None;
                }
                continue;
            }
            if let Some(m) = self.meeting_mention(&plain) {
                last_meeting = Some(m);
            }
            for c in self.citations_in_report_paragraph(block, para) {
                report.citations.push(c);
            }
            match block.kind {
                BlockKind::ReportParagraph(_) => {
                    if let Some(idx) = current_draft {
                        if self.introduction(&plain, para, year, &mut drafts[idx])? {
                            continue;
                        }
                        if let Some(vote) = self.recorded_vote(block, &plain, para, last_meeting)? {
                            let (numeral, _) = vote;
                            drafts[idx].votes.push(vote.1);
                            current_vote = Some(drafts[idx].votes.len() - 1);
                            if let Some(numeral) = numeral {
                                numeral_to_symbol.push((numeral, drafts[idx].symbol.clone(), para));
                            }
                        }
                    }
                }
                BlockKind::VoteList(option) => {
                    let (Some(d), Some(v)) = (current_draft, current_vote) else {
                        return Err(ExtractError {
                            line: block.line,
                            message: "expected a vote list to follow a paragraph that reports a recorded vote".into(),
                        });
                    };
                    let names = self.state_list(&plain, block.line)?;
                    for (state, printed) in names {
                        drafts[d].votes[v].votes.push(StateVote {
                            state,
                            printed,
                            option,
                            para,
                        });
                    }
                }
                _ => {}
            }
        }
        // The drafts' texts, recommended in the report's last paragraph.
        let recommending = report_para_numbers
            .last()
            .map(|(_, p)| *p)
            .unwrap_or(identity);
        for (heading, part_lines) in parts.into_iter().skip(1) {
            let (numeral, title_rest) = heading.unwrap();
            let Some((_, symbol, _)) = numeral_to_symbol
                .iter()
                .find(|(n, _, _)| *n == numeral)
                .cloned()
            else {
                return Err(ExtractError {
                    line: part_lines.first().map(|l| l.no).unwrap_or(0),
                    message: format!("expected a paragraph reporting the vote on draft resolution {numeral} (\"voir par. …, projet de résolution {numeral}\") before its text"),
                });
            };
            let idx = drafts.iter().position(|d| d.symbol == symbol).unwrap();
            let opening = part_lines
                .iter()
                .position(|l| self.lang.is_assembly_opening(&l.text))
                .ok_or_else(|| ExtractError {
                    line: part_lines.first().map(|l| l.no).unwrap_or(0),
                    message: format!("expected \"L'Assemblée générale,\" in the text of draft resolution {numeral}"),
                })?;
            let mut title = vec![title_rest];
            title.extend(part_lines[..opening].iter().map(|l| strip_markers(&l.text)));
            let title = join_title(&title);
            let draft = &mut drafts[idx];
            if draft.title.is_none() && !title.is_empty() {
                draft.title = Some(title);
            }
            draft.carried_by = Some((report.symbol.clone(), recommending));
            let blocks = self.segment(&part_lines[opening + 1..], true);
            let prefix = format!("draft-{numeral}/");
            self.read_resolution_text(&prefix, &blocks, &mut drafts[idx]);
        }
        for d in &drafts {
            if d.carried_by.is_none() {
                self.warn(
                    self.paragraphs[d.identity_para].line,
                    format!(
                        "the report examines {} but carries no text for it",
                        d.symbol
                    ),
                );
            }
        }
        let mut out = vec![report];
        out.extend(drafts);
        Ok(out)
    }

    /// "Le 8 novembre, le représentant de la Fédération de Russie a déposé un projet de
    /// résolution intitulé « … » (A/C.1/73/L.27/Rev.1) au nom des pays suivants : … Par la
    /// suite, … se sont joints aux auteurs du projet de résolution."
    fn introduction(
        &mut self,
        plain: &str,
        para: ParaRef,
        year: Option<i32>,
        draft: &mut Document,
    ) -> Result<bool, ExtractError> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^Le (\d{1,2})(?:er)? ([a-zéû]+), le représentant (.+?) a (?:déposé|présenté) un projet de résolution intitulé « (.+?) » \((A/[^)]+)\)(?: au nom des pays suivants : (.+?))?(?:\. Par la suite, (.*))?$").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^On (\d{1,2}) ([A-Za-z]+), the representative of (.+?) introduced (?:the )?draft resolution (?:entitled “(.+?)” )?\((A/[^)]+)\)(?:,? on behalf of (?:the following countries: )?(.+?))?(?:\. Subsequently, (.*))?$").unwrap()
        });
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let body = NUMBERED
            .captures(plain)
            .and_then(|c| c.get(2))
            .map_or(plain, |m| m.as_str());
        let Some(c) = re.captures(body.trim_end_matches('.')) else {
            return Ok(false);
        };
        let line = self.paragraphs[para].line;
        let date = match (c[1].parse().ok(), self.lang.month(&c[2]), year) {
            (Some(d), Some(m), Some(y)) => Date::new(y, m, d),
            _ => None,
        };
        let printed = ["de la ", "de l'", "du ", "des ", "of the ", "of "]
            .iter()
            .find_map(|p| c[3].strip_prefix(p))
            .unwrap_or(&c[3]);
        let introducer = self.state(printed, line)?;
        draft.introduction = Some(Introduction {
            state: introducer.0,
            printed: introducer.1,
            date,
            para,
        });
        if let Some(t) = c.get(4) {
            draft.title = Some(t.as_str().to_owned());
        }
        if let Some(list) = c.get(6) {
            for (state, printed) in self.state_list(list.as_str(), line)? {
                draft.sponsors.push(Sponsor {
                    state,
                    printed,
                    role: SponsorRole::Original,
                    on_behalf_of: None,
                    para,
                });
            }
        }
        if let Some(later) = c.get(7) {
            let later = later.as_str();
            let list = match self.lang {
                Lang::Fr => later
                    .split_once("se sont joints aux auteurs du projet de résolution :")
                    .map(|(_, l)| l)
                    .or_else(|| {
                        later
                            .split_once(" se sont joints aux auteurs")
                            .map(|(l, _)| l)
                    }),
                Lang::En => later
                    .split_once("joined as sponsors")
                    .map(|(l, _)| l)
                    .or_else(|| later.split_once("became sponsors").map(|(l, _)| l)),
            };
            let Some(list) = list else {
                return Err(ExtractError {
                    line,
                    message: "expected the States that joined the sponsors after \"Par la suite,\""
                        .into(),
                });
            };
            let list = list.trim().trim_start_matches("les pays suivants").trim();
            for (state, printed) in self.state_list(list, line)? {
                draft.sponsors.push(Sponsor {
                    state,
                    printed,
                    role: SponsorRole::Joined,
                    on_behalf_of: None,
                    para,
                });
            }
        }
        Ok(true)
    }

    /// "À la même séance, à l'issue d'un vote enregistré, la Commission a adopté le projet de
    /// résolution … par 109 voix contre 45, avec 16 abstentions (voir par. 11, projet de
    /// résolution I)." Returns the draft's numeral in the recommendation, if printed.
    fn recorded_vote(
        &mut self,
        block: &Block,
        plain: &str,
        para: ParaRef,
        meeting: Option<(u32, Option<Date>)>,
    ) -> Result<Option<(Option<String>, RecordedVote)>, ExtractError> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"vote enregistré, (la Commission|l'Assemblée générale) a adopté le projet de résolution \S+ par (\d+) voix contre (\d+), avec (\d+) abstentions?(?: \(voir par\. \d+, projet de résolution ([IVX]+)\))?").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"recorded vote of (\d+) to (\d+), with (\d+) abstentions?, (?:the Committee|the General Assembly) adopted draft resolution \S+(?: \(see para\. \d+, draft resolution ([IVX]+)\))?").unwrap()
        });
        let (body, yes, no, abstain, numeral) = match self.lang {
            Lang::Fr => {
                let Some(c) = FR.captures(plain) else {
                    return Ok(None);
                };
                let body = if c[1].starts_with("la Commission") {
                    VotingBody::FirstCommittee
                } else {
                    VotingBody::Plenary
                };
                (
                    body,
                    c[2].to_owned(),
                    c[3].to_owned(),
                    c[4].to_owned(),
                    c.get(5).map(|m| m.as_str().to_owned()),
                )
            }
            Lang::En => {
                let Some(c) = EN.captures(plain) else {
                    return Ok(None);
                };
                let body = if plain.contains("the Committee") {
                    VotingBody::FirstCommittee
                } else {
                    VotingBody::Plenary
                };
                (
                    body,
                    c[1].to_owned(),
                    c[2].to_owned(),
                    c[3].to_owned(),
                    c.get(4).map(|m| m.as_str().to_owned()),
                )
            }
        };
        let mut vote = RecordedVote {
            body,
            meeting: meeting.map(|m| m.0),
            date: meeting.and_then(|m| m.1),
            printed_yes: yes.parse().unwrap_or(0),
            printed_no: no.parse().unwrap_or(0),
            printed_abstain: abstain.parse().unwrap_or(0),
            votes: Vec::new(),
            intended: Vec::new(),
            para,
        };
        // Later statements of intended votes, in the footnotes this paragraph points at.
        for n in markers(&block.text) {
            let Some(note) = self.footnote(n, block.line).cloned() else {
                self.warn(block.line, format!("footnote marker {n} has no footnote"));
                continue;
            };
            let note_para = self.push_para(
                "",
                &Block {
                    id: format!("footnote{n}-line{}", note.line),
                    line: note.line,
                    text: note.text.clone(),
                    verb: None,
                    kind: BlockKind::Other,
                },
            );
            for (state, printed, option) in self.intentions(&note.text, note.line)? {
                vote.intended.push(IntendedVote {
                    state,
                    printed,
                    option,
                    para: note_para,
                });
            }
        }
        Ok(Some((numeral, vote)))
    }

    /// "la délégation de la République démocratique du Congo a indiqué … qu'elle avait eu
    /// l'intention de voter pour et les délégations du Mozambique et du Pakistan ont indiqué
    /// qu'elles avaient eu l'intention de s'abstenir."
    fn intentions(
        &mut self,
        text: &str,
        line: usize,
    ) -> Result<Vec<(String, String, VoteOption)>, ExtractError> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"délégations? (.+?) (?:a|ont) indiqué .*?intention (de voter pour|de voter contre|de s'abstenir)").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"delegations? of (.+?) (?:advised|indicated|informed) .*?intended to (vote in favour|vote against|abstain)").unwrap()
        });
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let text = text.replace('’', "'");
        let mut out = Vec::new();
        // "… la délégation de X a indiqué … et les délégations de Y et de Z ont indiqué …":
        // one clause per delegation statement, each keeping its own "délégation(s)" word.
        let (separator, word) = match self.lang {
            Lang::Fr => (" et les délégations", "délégations"),
            Lang::En => (" and the delegations", "delegations"),
        };
        for (i, clause) in text.split(separator).enumerate() {
            let clause = if i > 0 {
                format!("{word}{clause}")
            } else {
                clause.to_owned()
            };
            let Some(c) = re.captures(&clause) else {
                continue;
            };
            let option = match &c[2] {
                "de voter pour" | "vote in favour" => VoteOption::Yes,
                "de voter contre" | "vote against" => VoteOption::No,
                _ => VoteOption::Abstain,
            };
            for (state, printed) in self.state_list(&c[1], line)? {
                out.push((state, printed, option));
            }
        }
        if out.is_empty() {
            self.warn(
                line,
                "a footnote of a vote paragraph states no intended vote that could be read",
            );
        }
        Ok(out)
    }

    fn meeting_mention(&self, plain: &str) -> Option<(u32, Option<Date>)> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"À (?:la|sa) (\d{1,3})e séance(?: plénière)?, le (\d{1,2})(?:er)? ([a-zéû]+)(?: (\d{4}))?").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"At (?:the|its) (\d{1,3})(?:st|nd|rd|th) meeting, on (\d{1,2}) ([A-Za-z]+)(?: (\d{4}))?").unwrap()
        });
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let c = re.captures(plain)?;
        let year = c
            .get(4)
            .and_then(|y| y.as_str().parse().ok())
            .or(self.report_year());
        let date = match (c[2].parse().ok(), self.lang.month(&c[3]), year) {
            (Some(d), Some(m), Some(y)) => Date::new(y, m, d),
            _ => None,
        };
        Some((c[1].parse().ok()?, date))
    }

    fn report_year(&self) -> Option<i32> {
        // The heading paragraph is the first one pushed; its date is the report's.
        self.paragraphs.first().and_then(|p| {
            p.text
                .split(" / ")
                .find_map(|l| self.parse_date(l))
                .map(|d| d.year)
        })
    }

    // ----- paragraphs --------------------------------------------------------------------

    /// Cuts body lines into paragraphs. `resolution_text` switches on preamble and operative
    /// numbering; otherwise numbered paragraphs are the report's own.
    pub(super) fn segment(&mut self, lines: &[Line], resolution_text: bool) -> Vec<Block> {
        let mut blocks: Vec<Block> = Vec::new();
        let mut next_number = 1u32;
        let mut preamble_count = 0u32;
        let mut heading_count = 0u32;
        let mut last_numbered = 0u32;
        let mut in_operative = false;
        let mut vote_list_pending: Option<VoteOption> = None;
        for l in lines {
            let text = l.text.trim();
            let plain = strip_markers(text);
            let prev = blocks.last();
            let prev_ends_clause = prev.is_none_or(|b| {
                let t = strip_markers(&b.text);
                let t = t.trim_end();
                t.ends_with(',') || t.ends_with(';') || t.ends_with(':') || t.ends_with('.')
            });
            let start = if let Some(option) = self.lang.vote_heading(&plain) {
                vote_list_pending = Some(option);
                Some((
                    {
                        heading_count += 1;
                        format!("h{heading_count}")
                    },
                    BlockKind::Heading,
                    None,
                    text.to_owned(),
                ))
            } else if let Some(option) = vote_list_pending.take() {
                let id = format!("para{last_numbered}/{}", option.as_str());
                Some((id, BlockKind::VoteList(option), None, text.to_owned()))
            } else if is_heading(self.lang, &plain) {
                heading_count += 1;
                Some((
                    format!("h{heading_count}"),
                    BlockKind::Heading,
                    None,
                    text.to_owned(),
                ))
            } else if let Some(c) = SUB_NUMBERED.captures(&plain).filter(|c| {
                in_operative && c[1].parse::<u32>().ok() == Some(next_number.saturating_sub(1))
            }) {
                Some((
                    format!("op{}.{}", &c[1], &c[2]),
                    BlockKind::SubItem(c[1].parse().unwrap_or(0)),
                    None,
                    text.to_owned(),
                ))
            } else if let Some(c) = NUMBERED
                .captures(&plain)
                .filter(|c| c[1].parse::<u32>().ok() == Some(next_number))
            {
                next_number += 1;
                let rest = c.get(2).map(|m| m.as_str()).unwrap_or("");
                if resolution_text {
                    in_operative = true;
                    Some((
                        format!("op{}", &c[1]),
                        BlockKind::Operative(c[1].parse().unwrap_or(0)),
                        operative_verb(self.lang, rest),
                        text.to_owned(),
                    ))
                } else {
                    last_numbered = c[1].parse().unwrap_or(0);
                    Some((
                        format!("para{}", &c[1]),
                        BlockKind::ReportParagraph(last_numbered),
                        None,
                        text.to_owned(),
                    ))
                }
            } else if let Some(c) = LETTERED.captures(&plain).filter(|_| in_operative) {
                let parent = next_number.saturating_sub(1);
                Some((
                    format!("op{parent}({})", &c[1]),
                    BlockKind::SubItem(parent),
                    None,
                    text.to_owned(),
                ))
            } else if resolution_text
                && !in_operative
                && prev_ends_clause
                && self.lang.is_preamble_opener(&plain)
            {
                preamble_count += 1;
                Some((
                    format!("pp{preamble_count}"),
                    BlockKind::Preamble,
                    preamble_verb(&plain),
                    text.to_owned(),
                ))
            } else {
                None
            };
            match start {
                Some((id, kind, verb, text)) => blocks.push(Block {
                    id,
                    line: l.no,
                    text,
                    verb,
                    kind,
                }),
                None => match blocks.last_mut() {
                    Some(b) if b.kind != BlockKind::Heading => {
                        join_line(&mut b.text, text);
                        // "1." alone on its line: the verb is on the next.
                        if matches!(b.kind, BlockKind::Operative(_)) && b.verb.is_none() {
                            let rest = NUMBERED
                                .captures(&strip_markers(&b.text))
                                .and_then(|c| c.get(2).map(|m| m.as_str().to_owned()));
                            b.verb = rest.and_then(|r| operative_verb(self.lang, &r));
                        }
                    }
                    _ => blocks.push(Block {
                        id: format!("l{}", l.no),
                        line: l.no,
                        text: text.to_owned(),
                        verb: None,
                        kind: BlockKind::Other,
                    }),
                },
            }
        }
        blocks
    }

    // ----- citations ---------------------------------------------------------------------

    fn citations(
        &mut self,
        block: &Block,
        para: ParaRef,
        verb: Option<String>,
        doc: &mut Document,
    ) {
        let plain = strip_markers(&block.text);
        let mut found = self.cited_resolutions(&plain, para, verb.clone());
        found.extend(self.cited_reports(block, para, verb));
        for c in found {
            if !doc
                .citations
                .iter()
                .any(|e| e.target == c.target && e.para == c.para)
                && c.target != doc.symbol
            {
                doc.citations.push(c);
            }
        }
    }

    fn citations_in_report_paragraph(&mut self, block: &Block, para: ParaRef) -> Vec<Citation> {
        let plain = strip_markers(&block.text);
        let mut out = self.cited_resolutions(&plain, para, None);
        out.extend(self.cited_reports(block, para, None));
        out
    }

    /// Resolutions and decisions cited by number, with the date printed beside each.
    fn cited_resolutions(
        &mut self,
        plain: &str,
        para: ParaRef,
        verb: Option<String>,
    ) -> Vec<Citation> {
        let date_re = &patterns(self.lang).date_after;
        let joiner = &*LIST_JOINER;
        struct Hit {
            start: usize,
            end: usize,
            session: u32,
            number: u32,
            letter: Option<String>,
            date: Option<Date>,
        }
        let mut hits: Vec<Hit> = Vec::new();
        for c in CITED_NUMBER.captures_iter(plain) {
            let m = c.get(0).unwrap();
            let before = plain[..m.start()].chars().next_back();
            if before.is_some_and(|ch| ch == '/' || ch.is_alphanumeric() || ch == '.') {
                continue;
            }
            let after = &plain[m.end()..];
            if after.starts_with('/') || after.starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let (session, number) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            if !(1..200).contains(&session) || number == 0 {
                continue;
            }
            let (date, end) = match date_re.captures(after) {
                Some(d) => {
                    let date = match (d[1].parse().ok(), self.lang.month(&d[2]), d[3].parse().ok())
                    {
                        (Some(day), Some(month), Some(year)) => Date::new(year, month, day),
                        _ => None,
                    };
                    (date, m.end() + d.get(0).unwrap().end())
                }
                None => (None, m.end()),
            };
            hits.push(Hit {
                start: m.start(),
                end,
                session,
                number,
                letter: c.get(3).map(|l| l.as_str().to_owned()),
                date,
            });
        }
        // "74/28 and 74/29 of 12 December 2019": an undated number joined by "and" to a dated
        // one shares its date.
        for i in (0..hits.len().saturating_sub(1)).rev() {
            if hits[i].date.is_none() && hits[i + 1].date.is_some() {
                let gap = &plain[hits[i].end..hits[i + 1].start];
                if AND_ONLY.is_match(gap) {
                    hits[i].date = hits[i + 1].date;
                }
            }
        }
        // Group hits into lists and find each list's kind from the word before it.
        let mut out = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            let mut j = i;
            while j + 1 < hits.len() && joiner.is_match(&plain[hits[j].end..hits[j + 1].start]) {
                j += 1;
            }
            let before = name_key(&plain[..hits[i].start]);
            let tail = before.trim_end();
            let kind_word = ["resolutions", "resolution", "decisions", "decision"]
                .iter()
                .filter_map(|w| tail.rfind(w).map(|p| (p, *w)))
                .max();
            let after_list = name_key(&plain[hits[j].end..]);
            let hrc = after_list
                .trim_start()
                .starts_with("du conseil des droits de l'homme")
                || after_list
                    .trim_start()
                    .starts_with("of the human rights council");
            let pushed_before = out.len();
            // A list may mix: "ses résolutions … ainsi que sa décision 72/512".
            for h in &hits[i..=j] {
                let local_before = name_key(&plain[..h.start]);
                let local_kind = ["resolution", "decision"]
                    .iter()
                    .filter_map(|w| local_before.rfind(w).map(|p| (p, *w)))
                    .max()
                    .or(kind_word.map(|(p, w)| {
                        (
                            p,
                            if w.starts_with("resolution") {
                                "resolution"
                            } else {
                                "decision"
                            },
                        )
                    }));
                let Some((pos, word)) = local_kind else {
                    continue;
                };
                // The keyword must be close: within the list or just before it.
                if hits[i].start.saturating_sub(pos) > 40
                    && local_before.len().saturating_sub(pos) > 40
                {
                    continue;
                }
                let target = if hrc {
                    Symbol::hrc_resolution(h.session, h.number)
                } else if word == "decision" {
                    Symbol::decision(h.session, h.number)
                } else {
                    Symbol::resolution(h.session, h.number, h.letter.as_deref())
                };
                out.push(Citation {
                    target,
                    verb: verb.clone(),
                    printed_date: h.date,
                    para,
                    footnote: None,
                });
            }
            // Dates printed after the list, in order: "résolutions 20/8 et 26/13 du Conseil des
            // droits de l'homme, en date du 5 juillet 2012 et du 26 juin 2014"; "résolutions
            // 68/167 et 69/166 … qu'elle a adoptées l'une le 18 décembre 2013 et l'autre le 18
            // décembre 2014".
            let n = j - i + 1;
            let pushed = out.len() - pushed_before;
            if pushed == n && hits[i..=j].iter().all(|h| h.date.is_none()) {
                let tail = &plain[hits[j].end..];
                let dates = if hrc {
                    self.dates_in(prefix_chars(tail, 120))
                } else {
                    self.one_and_other_dates(tail)
                };
                if dates.len() >= n {
                    let len = out.len();
                    for (c, d) in out[len - n..].iter_mut().zip(dates) {
                        c.printed_date = d;
                    }
                }
            }
            i = j + 1;
        }
        out
    }

    /// Documents cited by symbol in the text or in its footnotes, and GGE reports cited by year
    /// ("rapports de 2013 et 2015", "the 2010, 2013 and 2015 reports").
    fn cited_reports(
        &mut self,
        block: &Block,
        para: ParaRef,
        verb: Option<String>,
    ) -> Vec<Citation> {
        let mut out: Vec<Citation> = Vec::new();
        let years = self.gge_years(&block.text);
        // Markers whose footnote names another GGE report than the year they sit on.
        let mut conflicting: Vec<u32> = Vec::new();
        for (year, marker) in &years {
            let Some(symbol) = self.tables.gge_report(*year) else {
                continue;
            };
            if let Some(n) = marker {
                if let Some(note) = self.footnote(*n, block.line) {
                    let in_note: BTreeSet<Symbol> =
                        report_symbols(&note.text).into_iter().collect();
                    if !in_note.is_empty() && !in_note.contains(symbol) {
                        let msg = format!(
                            "footnote marker {n} after \"{year}\" points to a footnote citing {}; the {year} report of the GGE is {symbol} (data/tables/gge-reports.tsv), kept",
                            in_note.iter().map(Symbol::as_str).collect::<Vec<_>>().join(", ")
                        );
                        self.warn(block.line, msg);
                        conflicting.push(*n);
                    }
                }
            }
            out.push(Citation {
                target: symbol.clone(),
                verb: verb.clone(),
                printed_date: None,
                para,
                footnote: marker.filter(|n| !conflicting.contains(n)),
            });
        }
        // Symbols printed in the paragraph itself ("publié sous la cote A/C.1/73/L.71").
        for symbol in report_symbols(&strip_markers(&block.text)) {
            out.push(Citation {
                target: symbol,
                verb: verb.clone(),
                printed_date: None,
                para,
                footnote: None,
            });
        }
        let year_markers: BTreeSet<u32> = years.iter().filter_map(|(_, m)| *m).collect();
        for n in markers(&block.text) {
            if year_markers.contains(&n) {
                continue;
            }
            let Some(note) = self.footnote(n, block.line).cloned() else {
                continue;
            };
            for symbol in report_symbols(&note.text) {
                out.push(Citation {
                    target: symbol,
                    verb: verb.clone(),
                    printed_date: None,
                    para,
                    footnote: Some(n),
                });
            }
        }
        let mut seen = BTreeSet::new();
        out.retain(|c| seen.insert(c.target.clone()));
        out
    }

    /// Years of GGE reports named in a paragraph that speaks of the Group's reports, each with
    /// the footnote marker printed on it.
    fn gge_years(&self, text: &str) -> Vec<(i32, Option<u32>)> {
        let k = name_key(&strip_markers(text));
        let speaks_of_gge = k.contains("groupe d'experts gouvernementaux")
            || k.contains("group of governmental experts");
        let speaks_of_reports = k.contains("rapport") || k.contains("report");
        if !(speaks_of_gge && speaks_of_reports) {
            return Vec::new();
        }
        let re = &*YEAR_WITH_MARKER;
        let mut out: Vec<(i32, Option<u32>)> = Vec::new();
        for c in re.captures_iter(text) {
            let year: i32 = c[1].parse().unwrap_or(0);
            if self.tables.gge_report(year).is_none() {
                continue;
            }
            // Only years that name reports: "rapport(s) de 2013", "2013 and 2015 reports".
            let m = c.get(0).unwrap();
            let window_before = name_key(&strip_markers(&text[..m.start()]));
            let window_after = name_key(&strip_markers(&text[m.end()..]));
            let near_before = window_before
                .chars()
                .rev()
                .take(60)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>();
            let near_after: String = window_after.chars().take(40).collect();
            let names_report = near_before.contains("rapport")
                || near_after.contains("report")
                || near_before.contains("report");
            if !names_report {
                continue;
            }
            let marker = c.get(2).and_then(|n| n.as_str().parse().ok());
            if !out.iter().any(|(y, _)| *y == year) {
                out.push((year, marker));
            }
        }
        out
    }

    /// The footnote a marker on `line` points at: the nearest body with that number printed
    /// after the marker (footnotes sit at the foot of the page), else the nearest before.
    fn footnote(&self, n: u32, line: usize) -> Option<&Footnote> {
        let same: Vec<&Footnote> = self.footnotes.iter().filter(|f| f.number == n).collect();
        same.iter()
            .filter(|f| f.line >= line)
            .min_by_key(|f| f.line)
            .or_else(|| same.iter().filter(|f| f.line < line).max_by_key(|f| f.line))
            .copied()
    }

    // ----- bodies and the agenda ---------------------------------------------------------------

    fn body(&mut self, plain: &str, para: ParaRef) -> Option<Body> {
        if let Some(b) = programme_of_action(plain, para) {
            return Some(b);
        }
        let k = name_key(plain);
        let (kind, name) = if let Some(n) = self.oewg_name(plain) {
            (BodyKind::OpenEndedWorkingGroup, n)
        } else if k.contains("groupe d'experts gouvernementaux") && GGE_FR.is_match(&k) {
            (
                BodyKind::GroupOfGovernmentalExperts,
                "groupe d'experts gouvernementaux".to_owned(),
            )
        } else if k.contains("group of governmental experts") && GGE_EN.is_match(&k) {
            (
                BodyKind::GroupOfGovernmentalExperts,
                "group of governmental experts".to_owned(),
            )
        } else {
            return None;
        };
        static START: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:à partir de|starting (?:from|in)|créé en|established in|sera créé en|from) (\d{4})").unwrap()
        });
        static RANGE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(\d{4}) ?[-–] ?(\d{4})").unwrap());
        let range = RANGE.captures(&name).or_else(|| RANGE.captures(plain));
        let start_year = START
            .captures(plain)
            .and_then(|c| c[1].parse().ok())
            .or_else(|| range.as_ref().and_then(|r| r[1].parse().ok()));
        let end_year = range.as_ref().and_then(|r| r[2].parse().ok());
        let session_re = &patterns(self.lang).reports_to_session;
        let reports_to_session = session_re
            .captures_iter(plain)
            .filter_map(|c| self.lang.ordinal(&c[1]))
            .last();
        let consensus = k.contains("consensus");
        let annual =
            k.contains("rapports d'activite annuels") || k.contains("annual progress reports");
        let tasks = tasks(self.lang, plain);
        Some(Body {
            kind,
            proposed: false,
            name,
            start_year,
            end_year,
            reports_to_session,
            consensus,
            annual_progress_reports: annual,
            tasks,
            para,
        })
    }

    /// The name of an open-ended working group that the paragraph convenes (the verb comes
    /// first: "de constituer … un groupe de travail", "Decides to convene … a new open-ended
    /// working group").
    fn oewg_name(&self, plain: &str) -> Option<String> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"constituer[^;]*?(groupe de travail à composition non limitée(?: sur la sécurité du numérique et de son utilisation)?(?: \(\d{4} ?- ?\d{4}\))?)").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:convene|establish)[^;]*?(open-ended working group(?: on [^,;]+?)?)(?:,| acting|;|$)").unwrap()
        });
        let normalised = plain.replace(" -", "-").replace("- ", "-");
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        re.captures(&normalised).map(|c| c[1].to_owned())
    }

    fn agenda_inclusion(&self, plain: &str, para: ParaRef) -> Option<AgendaInclusion> {
        let re = &patterns(self.lang).agenda_inclusion;
        let text = plain.replace('’', "'");
        let c = re.captures(&text)?;
        Some(AgendaInclusion {
            session: self.lang.ordinal(&c[1])?,
            item_title: c[2].trim().to_owned(),
            para,
        })
    }

    // ----- States ------------------------------------------------------------------------

    /// The State a name denotes, if any, without the cost of suggesting near names.
    fn known_state(&self, printed: &str) -> Option<(String, String)> {
        let printed = printed.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        self.states
            .lookup(printed)
            .map(|s| (s.iso3.clone(), printed.to_owned()))
    }

    pub(super) fn state(
        &self,
        printed: &str,
        line: usize,
    ) -> Result<(String, String), ExtractError> {
        let printed = printed.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        self.states
            .resolve(printed)
            .map(|s| (s.iso3.clone(), printed.to_owned()))
            .map_err(|e| ExtractError {
                line,
                message: e.to_string(),
            })
    }

    /// "Algérie, Angola, …, et Zimbabwe", "la Guinée, le Kirghizistan et le Myanmar": commas
    /// outside parentheses split; a piece that is no State is tried as "A et B".
    pub(super) fn state_list(
        &self,
        list: &str,
        line: usize,
    ) -> Result<Vec<(String, String)>, ExtractError> {
        let mut out = Vec::new();
        let and = format!(" {} ", self.lang.and());
        for piece in split_outside_parens(list) {
            let piece = piece.trim().trim_end_matches(['.', ';', ':']).trim();
            let piece = piece.strip_prefix(&and[1..]).unwrap_or(piece).trim();
            if piece.is_empty() {
                continue;
            }
            match self.known_state(piece) {
                Some(s) => out.push(s),
                None => {
                    let mut parts = Vec::new();
                    let mut rest = piece;
                    while let Some(pos) = rest.find(&and) {
                        parts.push(&rest[..pos]);
                        rest = &rest[pos + and.len()..];
                    }
                    parts.push(rest);
                    if parts.len() < 2 {
                        return Err(self.state(piece, line).unwrap_err());
                    }
                    // Rebuild greedily: the longest run of parts that names one State. No
                    // State's name holds more than one "and" ("Saint Vincent and the
                    // Grenadines"), so runs are at most three parts long.
                    let mut k = 0;
                    while k < parts.len() {
                        let mut matched = None;
                        for end in (k + 1..=parts.len().min(k + 3)).rev() {
                            if let Some(s) = self.known_state(&parts[k..end].join(&and)) {
                                matched = Some((s, end));
                                break;
                            }
                        }
                        match matched {
                            Some((s, end)) => {
                                out.push(s);
                                k = end;
                            }
                            None => return Err(self.state(parts[k], line).unwrap_err()),
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Every date printed in `text`, in order.
    fn dates_in(&self, text: &str) -> Vec<Option<Date>> {
        let re = &patterns(self.lang).any_date;
        re.captures_iter(text)
            .map(
                |d| match (d[1].parse().ok(), self.lang.month(&d[2]), d[3].parse().ok()) {
                    (Some(day), Some(m), Some(y)) => Date::new(y, m, day),
                    _ => None,
                },
            )
            .collect()
    }

    /// "l'une le 18 décembre 2013 et l'autre le 18 décembre 2014" → the two dates.
    fn one_and_other_dates(&self, text: &str) -> Vec<Option<Date>> {
        let text = text.replace('’', "'");
        let re = &patterns(self.lang).one_and_other;
        match re.captures(&text) {
            Some(c) => vec![
                self.parse_date(&c[1].replace("1er", "1")),
                self.parse_date(&c[2].replace("1er", "1")),
            ],
            None => Vec::new(),
        }
    }

    pub(super) fn parse_date(&self, text: &str) -> Option<Date> {
        let re = &patterns(self.lang).exact_date;
        let c = re.captures(text.trim())?;
        Date::new(
            c[3].parse().ok()?,
            self.lang.month(&c[2])?,
            c[1].parse().ok()?,
        )
    }
}

/// The patterns that depend on the language, compiled once per language.
struct Patterns {
    /// "Seventy-fifth session", "Soixante-treizième session".
    session_line: Regex,
    /// The date right after a cited number: " du 9 décembre 1981", " of 9 December 1981".
    date_after: Regex,
    /// "à sa soixante-quinzième session", "at its eightieth session".
    reports_to_session: Regex,
    agenda_inclusion: Regex,
    any_date: Regex,
    exact_date: Regex,
    /// "l'une le … et l'autre le …", "on … and … respectively".
    one_and_other: Regex,
}

impl Patterns {
    fn new(lang: Lang) -> Self {
        let (m, o) = (lang.month_pattern(), lang.ordinal_pattern());
        let re = |p: String| Regex::new(&p).expect("valid pattern");
        Patterns {
            session_line: re(format!(r"(?i)^({o}) session$")),
            date_after: re(match lang {
                Lang::Fr => {
                    format!(r"^\s*(?:du|en date du)\s+(\d{{1,2}})(?:er)?\s+({m})\s+(\d{{4}})")
                }
                Lang::En => format!(r"^\s*of\s+(\d{{1,2}})\s+({m})\s+(\d{{4}})"),
            }),
            reports_to_session: re(format!(r"(?:à sa|at its) ({o}) session")),
            agenda_inclusion: re(match lang {
                Lang::Fr => format!(
                    r"inscrire à l'ordre du jour provisoire de sa ({o}) session la question intitulée « (.+?) »"
                ),
                Lang::En => format!(
                    r"include in the provisional agenda of its ({o}) session the item entitled “(.+?)”"
                ),
            }),
            any_date: re(format!(r"(\d{{1,2}})(?:er)? ({m}) (\d{{4}})")),
            exact_date: re(format!(r"^(\d{{1,2}})(?:er)? ({m}) (\d{{4}})$")),
            one_and_other: re(match lang {
                Lang::Fr => format!(
                    r"l'une le (\d{{1,2}}(?:er)? (?:{m}) \d{{4}}) et l'autre le (\d{{1,2}}(?:er)? (?:{m}) \d{{4}})"
                ),
                Lang::En => format!(
                    r"on (\d{{1,2}} (?:{m}) \d{{4}}) and (\d{{1,2}} (?:{m}) \d{{4}}),? respectively"
                ),
            }),
        }
    }
}

fn patterns(lang: Lang) -> &'static Patterns {
    static FR: LazyLock<Patterns> = LazyLock::new(|| Patterns::new(Lang::Fr));
    static EN: LazyLock<Patterns> = LazyLock::new(|| Patterns::new(Lang::En));
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

static LIST_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:,\s*|,?\s*(?:et|and)\s+|,?\s*(?:ainsi que|as well as)\s+(?:sa |ses |its )?)$",
    )
    .unwrap()
});
static YEAR_WITH_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{4}}),?(?:{}(\d+){})?",
        layout::MARK_OPEN,
        layout::MARK_CLOSE
    ))
    .unwrap()
});

static AND_ONLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:et|and)\s*$").unwrap());

/// A group of governmental experts set up for a year: "qui sera créé en 2019", "to be
/// established in 2019" (keys are accent-free, lower case).
static GGE_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"groupe d'experts gouvernementaux[^;]*(?:sera cree|cree) en \d{4}").unwrap()
});
static GGE_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"group of governmental experts[^;]*(?:to be established|established) in \d{4}")
        .unwrap()
});
/// At most `n` characters of `s`, cut on a character boundary.
fn prefix_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

static SUB_NUMBERED_ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"op(\d+)\.(\d+)$").unwrap());

fn mentions_norms(text: &str) -> bool {
    let k = name_key(text);
    k.contains("normes, regles et principes") || k.contains("norms, rules and principles")
}

/// The norm's text as printed, without its number.
fn norm_text(plain: &str) -> String {
    SUB_NUMBERED
        .captures(plain)
        .map(|c| c[3].trim().to_owned())
        .unwrap_or_else(|| plain.trim().to_owned())
}

fn report_symbols(text: &str) -> Vec<Symbol> {
    SYMBOL_IN_TEXT
        .find_iter(text)
        .filter_map(|m| Symbol::parse(m.as_str().trim_end_matches(['.', ','])))
        .collect()
}

fn preamble_verb(text: &str) -> Option<String> {
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

fn operative_verb(lang: Lang, rest: &str) -> Option<String> {
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

fn join_title(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        join_line(&mut out, p);
    }
    out.trim().to_owned()
}

/// Appends a wrapped line: "soixante -" + "quinzième" → "soixante-quinzième".
fn join_line(text: &mut String, line: &str) {
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

/// A programme of action that an operative paragraph sets up or welcomes the proposal of
/// (77/37: "Welcomes the proposal to establish a United Nations programme of action to advance
/// responsible State behaviour …, as a permanent, inclusive, action-oriented mechanism"; French:
/// "de la proposition de créer un programme d’action des Nations Unies destiné à …").
fn programme_of_action(plain: &str, para: ParaRef) -> Option<Body> {
    static POA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(proposal to establish|decides to establish|proposition de créer|décide de créer) (?:a |an |the |un |le )?((?:United Nations programme of action|programme d[’']action des Nations Unies)[^,;]*)",
        )
        .unwrap()
    });
    let c = POA.captures(plain)?;
    let verb = c[1].to_lowercase();
    Some(Body {
        kind: BodyKind::ProgrammeOfAction,
        proposed: verb.starts_with("propos"),
        name: c[2].trim().to_owned(),
        start_year: None,
        end_year: None,
        reports_to_session: None,
        consensus: false,
        annual_progress_reports: false,
        tasks: Vec::new(),
        para,
    })
}

/// The tasks of a body: the clauses after "chargé, sur la base du consensus, de" / "acting on a
/// consensus basis, to", separated by semicolons.
fn tasks(lang: Lang, plain: &str) -> Vec<String> {
    let start = match lang {
        Lang::Fr => [
            "sur la base du consensus :",
            "sur la base du consensus, de ",
            "qui sera chargé de ",
            "l'examen des ",
        ]
        .iter()
        .find_map(|m| plain.replace('’', "'").find(m).map(|p| p + m.len())),
        Lang::En => [
            "acting on a consensus basis, to ",
            "acting on a consensus basis, ",
            "with a view to ",
        ]
        .iter()
        .find_map(|m| plain.find(m).map(|p| p + m.len())),
    };
    let Some(start) = start else {
        return Vec::new();
    };
    let text = plain.replace('’', "'");
    let Some(rest) = text.get(start..) else {
        return Vec::new();
    };
    rest.split(';')
        .map(|t| {
            t.trim()
                .trim_start_matches("and ")
                .trim_start_matches("to ")
                .trim_start_matches("de ")
                .trim_start_matches("d'")
                .trim_end_matches(['.', ','])
                .trim()
                .to_owned()
        })
        .filter(|t| t.split_whitespace().count() > 2)
        .collect()
}
