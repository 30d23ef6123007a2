//! A plenary verbatim record of the General Assembly (A/74/PV.46) as PDF text, the passage on
//! one agenda item: the meeting (number, date, session, whether resumed), the agenda item and
//! the committee report it takes up, and each decision taken on it: every recorded vote State by
//! State with its printed totals, separate votes on paragraphs, texts adopted without a vote,
//! and the votes delegations later said they had intended.
//!
//! The records are two-column text: a list can end on a page before the heading it belongs to
//! is printed (A/77/PV.46 opens inside the "In favour" list of its first vote): [`stray`]
//! joins such a piece to the list it completes. [`mod@units`] cuts the record into what its
//! lines open (an agenda item, a vote, a list, an outcome). `[...]` marks a passage cut from the
//! record; the speeches between the votes are read only for what they say of the texts ("draft
//! resolution I, entitled “…”").

mod stray;
mod units;

use super::lang::Lang;
use super::layout::{strip_markers, Line};
use super::read::{join_line, Block, Reading};
use crate::records::*;
use crate::reference::symbol::{DocKind, Symbol};
use regex::Regex;
use std::sync::LazyLock;
use units::{units, Unit};

/// The symbol of a plenary record as its heading prints it ("A/74/PV.46", "A /74/PV.46").
static RECORD_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^A ?/(\d{1,3})/PV\.(\d{1,3})$").unwrap());
/// The date of the meeting in a running header: "07/12/2022" (day, month, year).
static HEADER_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{2})/(\d{2})/(\d{4})$").unwrap());
/// A job number glued to a page number in a running footer: "19-405385/66".
static JOB_AND_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2}-\d{5}\d{1,3}/\d{1,3}$").unwrap());
static MEETING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3})(?:st|nd|rd|th) (?:\((resumed)\) )?plenary meeting(?: \((resumed)\))?$")
        .unwrap()
});
static AGENDA_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Agenda items? (\d{1,3})\b").unwrap());
static REPORT_TAKEN_UP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^Reports? of the (?:First |Second |Third |Fourth |Fifth |Sixth )?Committee \((A/[^)]+)\)",
    )
    .unwrap()
});
/// "Draft resolution I was adopted by 119 votes to 46, with 14 abstentions (resolution
/// 73/27).", "The second preambular paragraph of draft resolution I was retained by 105 votes
/// to 51, with 7 abstentions.", "The draft decision was adopted (decision 77/512)."
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:The )?(?:(?P<ordinal>[a-z-]+) (?P<part>preambular|operative) paragraph of )?",
        r"(?i:draft) (?P<kind>resolution|decision)(?: (?P<numeral>[IVX]+))?(?:, as a whole,)? ",
        r"(?:was|were) (?P<verb>adopted|retained|deleted|rejected)",
        r"(?: by (?P<yes>\d+) votes? to (?P<no>\d+|none), with (?P<abstain>\d+|no) abstentions?)?",
        r"(?: \((?P<outkind>resolution|decision) (?P<session>\d{1,3})/(?P<number>\d{1,4})(?: (?P<letter>[A-Z]))?\))?",
        r"\.?$"
    ))
    .unwrap()
});
/// "We first turn to draft resolution I, entitled “…”", "the draft decision entitled “…”".
static ENTITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"draft (resolution|decision)(?: ([IVX]+))?,? entitled “([^”]+)”").unwrap()
});

/// Where a plenary record prints its symbol: the line and the symbol.
pub(super) fn record_symbol(lines: &[Line]) -> Option<Symbol> {
    lines.iter().find_map(|l| {
        let c = RECORD_SYMBOL.captures(l.text.trim())?;
        Symbol::parse(&format!("A/{}/PV.{}", &c[1], &c[2]))
    })
}

/// A vote while its lists are read; what it was on is known only from its outcome.
struct Pending {
    vote: RecordedVote,
    /// The line of "A recorded vote was taken.".
    line: usize,
    lists: Vec<(VoteOption, String, usize, ParaRef)>,
}

/// A text the meeting decided on, known by its numeral in the report ("draft resolution I").
#[derive(Default)]
struct Text {
    kind: Option<DocKind>,
    numeral: Option<String>,
    title: Option<String>,
    became: Option<Symbol>,
    votes: Vec<RecordedVote>,
    without_vote: Vec<WithoutVote>,
}

/// The record while it is read.
struct Record {
    doc: Document,
    meeting: Option<Meeting>,
    texts: Vec<Text>,
    /// The text the last speech turned to.
    current: Option<usize>,
    pending: Option<Pending>,
    /// The text whose decision was taken last: a later statement of intended votes is on it.
    last_vote: Option<(usize, usize)>,
}

impl Record {
    /// The text of that kind and numeral, added if new.
    fn text(&mut self, kind: DocKind, numeral: Option<&str>) -> usize {
        let found = self
            .texts
            .iter()
            .position(|t| t.kind == Some(kind) && t.numeral.as_deref() == numeral);
        found.unwrap_or_else(|| {
            self.texts.push(Text {
                kind: Some(kind),
                numeral: numeral.map(str::to_owned),
                ..Text::default()
            });
            self.texts.len() - 1
        })
    }
}

impl Reading<'_> {
    pub(super) fn plenary_record(
        &mut self,
        lines: &[Line],
        symbol: Symbol,
    ) -> Result<Vec<Document>, ExtractError> {
        if self.lang != Lang::En {
            return Err(ExtractError::new(
                lines[0].no,
                ErrorKind::Unrecognised,
                "expected a plenary record in English: normgraph reads the records of the other languages not yet",
            ));
        }
        // Running headers and footers: the symbol, the date, a job number glued to a page.
        let mut header_dates: Vec<Date> = Vec::new();
        let compact = symbol.as_str().replace(' ', "");
        let body: Vec<Line> = lines
            .iter()
            .filter(|l| {
                let t = l.text.trim();
                if let Some(c) = HEADER_DATE.captures(t) {
                    if let (Ok(d), Ok(m), Ok(y)) = (c[1].parse(), c[2].parse(), c[3].parse()) {
                        header_dates.extend(Date::new(y, m, d));
                    }
                    return false;
                }
                !(t.replace(' ', "") == compact || JOB_AND_PAGE.is_match(t))
            })
            .cloned()
            .collect();
        let Some(agenda_at) = body.iter().position(|l| AGENDA_ITEM.is_match(&l.text)) else {
            return Err(ExtractError::new(
                lines[0].no,
                ErrorKind::MissingPart,
                "expected an agenda item in the record (\"Agenda item 93\"): normgraph reads the passage on one item",
            ));
        };
        let (meeting, identity) = self.record_heading(&body[..agenda_at], &symbol, &header_dates);
        let mut doc = Document::new(symbol.clone(), DocKind::MeetingRecord, identity);
        doc.meeting = meeting.clone();
        let mut rec = Record {
            doc,
            meeting,
            texts: Vec::new(),
            current: None,
            pending: None,
            last_vote: None,
        };
        // What precedes the agenda item: the end of a list cut by the page, perhaps.
        let stray = self.stray_list(&body[..agenda_at]);
        for (unit, start, unit_lines) in units(&body[agenda_at..]) {
            self.record_unit(&mut rec, unit, start, &unit_lines)?;
        }
        if rec.pending.is_some() {
            let line = body.last().map_or(0, |l| l.no);
            self.warn(
                line,
                "a recorded vote whose outcome the passage does not print: its lists are not read",
            );
        }
        if let Some(stray) = stray {
            self.attach_stray(&mut rec, stray);
        }
        Ok(self.record_documents(rec))
    }

    /// The heading of the record: session, meeting number (else from the symbol), date (the
    /// heading's, else the running headers'), whether the meeting was resumed.
    fn record_heading(
        &mut self,
        header: &[Line],
        symbol: &Symbol,
        header_dates: &[Date],
    ) -> (Option<Meeting>, ParaRef) {
        let mut used = vec![symbol.to_string()];
        let session_re = &super::patterns::patterns(self.lang).session_line;
        let mut number = None;
        let mut resumed = None;
        let mut date = None;
        let mut session = None;
        for l in header {
            let t = strip_markers(&l.text);
            if let Some(c) = MEETING_LINE.captures(&t) {
                number = c[1].parse().ok();
                resumed = Some(c.get(2).or(c.get(3)).is_some());
                used.push(t);
            } else if let Some(c) = session_re.captures(&t) {
                session = self.lang.ordinal(&c[1]);
                used.push(t);
            } else if date.is_none() {
                // "Thursday, 12 December 2019, 3 p.m."
                date = t.split(',').nth(1).and_then(|d| self.parse_date(d.trim()));
                if date.is_some() {
                    used.push(t);
                }
            }
        }
        let from_symbol: Option<u32> = symbol
            .as_str()
            .rsplit("PV.")
            .next()
            .and_then(|n| n.parse().ok());
        if let (Some(n), Some(s)) = (number, from_symbol) {
            if n != s {
                self.warn(
                    header.first().map_or(1, |l| l.no),
                    format!("the heading prints the {n}th meeting, the symbol {symbol} says {s}"),
                );
            }
        }
        if let (Some(s), Some(y)) = (session, symbol.session()) {
            if s != y {
                self.warn(
                    header.first().map_or(1, |l| l.no),
                    format!("the heading prints session {s}, the symbol {symbol} says {y}"),
                );
            }
        }
        let date = date.or_else(|| {
            let first = header_dates.first()?;
            let same = header_dates.iter().all(|d| d == first);
            if same {
                used.push(format!("{first} (the date of the running headers)"));
            }
            same.then_some(*first)
        });
        let para = self.push_para(
            "",
            &Block::other(
                "heading",
                header.first().map_or(1, |l| l.no),
                used.join(" / "),
            ),
        );
        let meeting = number.or(from_symbol).map(|number| Meeting {
            number,
            plenary: true,
            resumed,
            date,
            para,
        });
        (meeting, para)
    }

    fn record_unit(
        &mut self,
        rec: &mut Record,
        unit: Unit,
        start: usize,
        lines: &[String],
    ) -> Result<(), ExtractError> {
        let mut text = String::new();
        for l in lines {
            join_line(&mut text, l);
        }
        match unit {
            Unit::Agenda => {
                if let Some(c) = AGENDA_ITEM.captures(&text) {
                    rec.doc.agenda_item = c[1].parse().ok();
                }
                let mut title = Vec::new();
                for l in &lines[1..] {
                    if let Some(c) = REPORT_TAKEN_UP.captures(l) {
                        if let Some(s) = Symbol::parse(&c[1]) {
                            rec.doc.takes_up.push(s);
                        }
                    } else if rec.doc.takes_up.is_empty() {
                        title.push(l.clone());
                    }
                }
                if !title.is_empty() {
                    rec.doc.title = Some(super::read::join_title(&title));
                }
                self.push_para("", &Block::other("agenda-item", start, &text));
            }
            Unit::Speech => {
                for c in ENTITLED.captures_iter(&text) {
                    let kind = if &c[1] == "decision" {
                        DocKind::Decision
                    } else {
                        DocKind::Resolution
                    };
                    let i = rec.text(kind, c.get(2).map(|m| m.as_str()));
                    rec.texts[i]
                        .title
                        .get_or_insert_with(|| c[3].trim().to_owned());
                    rec.current = Some(i);
                }
            }
            Unit::VoteTaken => {
                let para =
                    self.push_para("", &Block::other(format!("vote-l{start}"), start, &text));
                let mut vote = RecordedVote::new(VotingBody::Plenary, para);
                vote.meeting = rec.meeting.as_ref().map(|m| m.number);
                vote.date = rec.meeting.as_ref().and_then(|m| m.date);
                rec.pending = Some(Pending {
                    vote,
                    line: start,
                    lists: Vec::new(),
                });
            }
            Unit::List(option) => {
                let list = lines[1..].join(" ");
                let Some(p) = rec.pending.as_mut() else {
                    return Err(ExtractError::new(
                        start,
                        ErrorKind::MissingPart,
                        "expected \"A recorded vote was taken.\" before a list of how States voted",
                    ));
                };
                let id = format!("vote-l{}/{}", p.line, option.as_str());
                let para = self.push_para("", &Block::other(&id, start, &text));
                let mut joined = String::new();
                join_line(&mut joined, &list);
                rec.pending
                    .as_mut()
                    .expect("checked above")
                    .lists
                    .push((option, joined, start, para));
            }
            Unit::Outcome => self.outcome(rec, start, &text)?,
            Unit::Bracket => {
                if text.contains("intended to") {
                    let para = self.push_para(
                        "",
                        &Block::other(format!("statement-l{start}"), start, &text),
                    );
                    let intended = self.intentions(&text, start)?;
                    match rec.last_vote {
                        Some((t, v)) => {
                            for (state, printed, option) in intended {
                                rec.texts[t].votes[v].intended.push(IntendedVote {
                                    state,
                                    printed,
                                    option,
                                    para,
                                });
                            }
                        }
                        None => self.warn(
                            start,
                            "a statement of an intended vote before any recorded vote: not read",
                        ),
                    }
                }
            }
        }
        Ok(())
    }

    /// "Draft resolution I was adopted by 163 votes to 10, with 6 abstentions (resolution
    /// 74/28)." and the like: the decision on a text, with the vote just taken if any.
    fn outcome(&mut self, rec: &mut Record, start: usize, text: &str) -> Result<(), ExtractError> {
        let Some(c) = OUTCOME.captures(text.trim()) else {
            return Err(ExtractError::new(
                start,
                ErrorKind::BadValue,
                format!("expected the outcome of a decision (\"Draft resolution I was adopted by 163 votes to 10, with 6 abstentions (resolution 74/28).\"), found \"{}\"", super::read::prefix_chars(text, 160)),
            ));
        };
        let kind = if &c["kind"] == "decision" {
            DocKind::Decision
        } else {
            DocKind::Resolution
        };
        let numeral = c.name("numeral").map(|m| m.as_str());
        let i = rec.text(kind, numeral);
        if let (Some(s), Some(n)) = (c.name("session"), c.name("number")) {
            let (s, n): (u32, u32) = (
                s.as_str().parse().unwrap_or(0),
                n.as_str().parse().unwrap_or(0),
            );
            rec.texts[i].became = Some(match kind {
                DocKind::Decision => Symbol::decision(s, n),
                _ => Symbol::resolution(s, n, c.name("letter").map(|m| m.as_str())),
            });
        }
        let para = self.push_para("", &Block::other(format!("outcome-l{start}"), start, text));
        let count = |name: &str| -> u32 {
            c.name(name)
                .and_then(|m| m.as_str().parse().ok())
                .unwrap_or(0)
        };
        match (rec.pending.take(), c.name("yes")) {
            (Some(p), Some(_)) => {
                let mut vote = p.vote;
                vote.printed_yes = count("yes");
                vote.printed_no = count("no");
                vote.printed_abstain = count("abstain");
                vote.para = para;
                if let (Some(ordinal), Some(part)) = (c.name("ordinal"), c.name("part")) {
                    let number = self.lang.ordinal(ordinal.as_str()).ok_or_else(|| {
                        ExtractError::new(
                            start,
                            ErrorKind::BadValue,
                            format!("expected an ordinal number before \"{} paragraph\", found \"{}\"", part.as_str(), ordinal.as_str()),
                        )
                    })?;
                    vote.subject = VoteSubject::Paragraph {
                        preambular: part.as_str() == "preambular",
                        number,
                    };
                }
                for (option, list, line, list_para) in p.lists {
                    for named in self.state_list(&list, line, "a vote list")? {
                        named.cast(&mut vote, option, list_para);
                    }
                }
                rec.texts[i].votes.push(vote);
                rec.last_vote = Some((i, rec.texts[i].votes.len() - 1));
            }
            (None, None) => {
                rec.texts[i].without_vote.push(WithoutVote {
                    body: VotingBody::Plenary,
                    meeting: rec.meeting.as_ref().map(|m| m.number),
                    date: rec.meeting.as_ref().and_then(|m| m.date),
                    para,
                });
                rec.last_vote = None;
            }
            (Some(_), None) => {
                return Err(ExtractError::new(
                    start,
                    ErrorKind::MissingPart,
                    "expected the totals of the recorded vote just taken in its outcome (\"by 163 votes to 10, with 6 abstentions\")",
                ))
            }
            (None, Some(_)) => {
                return Err(ExtractError::new(
                    start,
                    ErrorKind::MissingPart,
                    "expected \"A recorded vote was taken.\" and the lists before an outcome with totals",
                ))
            }
        }
        Ok(())
    }

    /// The record and each text it decided on, under the symbol the text became.
    fn record_documents(&mut self, rec: Record) -> Vec<Document> {
        let report = rec.doc.takes_up.first().cloned();
        let agenda_item = rec.doc.agenda_item;
        let mut out = vec![rec.doc];
        for t in rec.texts {
            let Some(symbol) = t.became else {
                if !t.votes.is_empty() || !t.without_vote.is_empty() {
                    let line = t
                        .votes
                        .first()
                        .map(|v| self.paragraphs[v.para].line)
                        .unwrap_or(0);
                    self.warn(
                        line,
                        format!(
                            "the decision on draft {} {} is recorded, but not the symbol it became: not read",
                            if t.kind == Some(DocKind::Decision) { "decision" } else { "resolution" },
                            t.numeral.as_deref().unwrap_or("")
                        ),
                    );
                }
                continue;
            };
            let identity = t
                .votes
                .last()
                .map(|v| v.para)
                .or(t.without_vote.last().map(|w| w.para))
                .unwrap_or(out[0].identity_para);
            let mut d = Document::new(symbol.clone(), symbol.kind(), identity);
            d.title = t.title;
            d.agenda_item = agenda_item;
            d.meeting = rec.meeting.clone();
            d.adopted = rec.meeting.as_ref().and_then(|m| m.date);
            if let Some(r) = &report {
                if d.kind == DocKind::Resolution {
                    d.on_report = Some((r.clone(), None));
                }
                let label = match (&t.kind, &t.numeral) {
                    (Some(DocKind::Decision), Some(n)) => format!("draft decision {n}"),
                    (Some(DocKind::Decision), None) => "draft decision".to_owned(),
                    (_, Some(n)) => format!("draft resolution {n}"),
                    (_, None) => "draft resolution".to_owned(),
                };
                d.recommended_as = Some((r.clone(), label));
            }
            d.votes = t.votes;
            d.without_vote = t.without_vote;
            out.push(d);
        }
        out
    }
}
