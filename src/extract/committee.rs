//! A First Committee report as PDF text: its heading (session, agenda item, date), the drafts
//! it examines with their introduction, sponsors and recorded votes (the lists State by State,
//! the intentions stated in footnotes), and the texts of the draft resolutions it recommends.

use super::facts::Named;
use super::lang::Lang;
use super::layout::{strip_markers, Line};
use super::patterns::*;
use super::read::{join_title, Block, BlockKind, Reading};
use crate::records::*;
use crate::reference::states::name_key;
use crate::reference::symbol::{DocKind, Symbol};
use regex::Regex;
use std::sync::LazyLock;

/// The paragraph that recommends texts to the General Assembly: "12. The First Committee
/// recommends to the General Assembly the adoption of the following draft decision:".
static RECOMMENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}\.\s+(?:The First Committee recommends|La Première Commission recommande)")
        .unwrap()
});

/// The symbol of a General Assembly report as a heading prints it: "A/77/380".
static REPORT_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^A/\d{1,3}/\d{1,4}$").unwrap());

/// A text adopted without a vote, and where the report recommends it ("see para. 12").
struct AdoptedWithoutVote {
    adoption: WithoutVote,
    see_paragraph: Option<u32>,
    numeral: Option<String>,
}

/// "A." printed alone on its line, its heading on the next: one line, as other reports print
/// it ("A. Draft resolution A/C.1/77/L.23/Rev.1").
fn merge_letter_headings(lines: &[Line]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let bare = l.text.len() == 2
            && l.text.ends_with('.')
            && l.text.starts_with(|c: char| ('A'..='H').contains(&c));
        match lines.get(i + 1) {
            Some(next) if bare => {
                out.push(Line {
                    no: l.no,
                    text: format!("{} {}", l.text, next.text),
                });
                i += 2;
            }
            _ => {
                out.push(l.clone());
                i += 1;
            }
        }
    }
    out
}

pub(super) fn is_committee_report_title(line: &str) -> bool {
    let k = name_key(line);
    k.starts_with("rapport de la premiere commission")
        || k.starts_with("report of the first committee")
}

/// A stretch of a committee report: its own paragraphs (no heading), or the text of one draft
/// resolution, under its heading: its numeral and the rest of the heading line.
struct Part {
    heading: Option<(String, String)>,
    lines: Vec<Line>,
}

/// A committee report while it is read: the report, the drafts it examines, and where the
/// reading is (the draft of the current section, the vote whose lists follow, the meeting last
/// named).
struct Examination {
    report: Document,
    drafts: Vec<Document>,
    /// The numeral of a recommended draft ("I") and the draft's symbol, from the paragraph
    /// that reports its vote ("voir par. 11, projet de résolution I").
    numerals: Vec<(String, Symbol)>,
    /// A draft (its index) recommended in a numbered paragraph of the report ("see para. 12").
    recommended_in: Vec<(usize, u32)>,
    last_meeting: Option<(u32, Option<Date>)>,
    current_draft: Option<usize>,
    current_vote: Option<usize>,
    /// The paragraph that recommends the draft resolutions (else the report's last numbered
    /// paragraph), and whether it said so.
    recommending: ParaRef,
    recommending_found: bool,
}

impl Reading<'_> {
    pub(super) fn committee_report(
        &mut self,
        lines: &[Line],
        title_at: usize,
    ) -> Result<Vec<Document>, ExtractError> {
        let report = self.report_heading(lines, title_at)?;
        // Split the rest into the report's own paragraphs and the drafts it recommends.
        let mut parts: Vec<Part> = vec![Part {
            heading: None,
            lines: Vec::new(),
        }];
        for l in &merge_letter_headings(&lines[title_at + 1..]) {
            if let Some(c) = DRAFT_HEADING.captures(&l.text) {
                parts.push(Part {
                    heading: Some((c[1].to_owned(), c[2].trim().to_owned())),
                    lines: Vec::new(),
                });
            } else if parts.len() > 1 && RECOMMENDS.is_match(&strip_markers(&l.text)) {
                // "12. The First Committee recommends … the following draft decision:" after
                // the texts of the draft resolutions: the report's own text again.
                parts.push(Part {
                    heading: None,
                    lines: vec![l.clone()],
                });
            } else {
                parts
                    .last_mut()
                    .expect("one part at least")
                    .lines
                    .push(l.clone());
            }
        }
        // The report's own paragraphs are numbered on across the texts it carries.
        let own: Vec<Line> = parts
            .iter()
            .filter(|p| p.heading.is_none())
            .flat_map(|p| p.lines.iter().cloned())
            .collect();
        parts.retain(|p| p.heading.is_some());
        let mut ex = Examination {
            recommending: report.identity_para,
            report,
            drafts: Vec::new(),
            numerals: Vec::new(),
            recommended_in: Vec::new(),
            recommending_found: false,
            last_meeting: None,
            current_draft: None,
            current_vote: None,
        };
        for block in &self.segment(&own, false) {
            self.examine(&mut ex, block)?;
        }
        // "(see para. 12)": a text the report recommends in a paragraph of its own, not under
        // a "Draft resolution I" heading (a draft decision).
        for (idx, number) in std::mem::take(&mut ex.recommended_in) {
            let id = format!("para{number}");
            if let Some(p) = self.paragraphs.iter().position(|p| p.id == id) {
                ex.drafts[idx].carried_by = Some((ex.report.symbol.clone(), p));
            }
        }
        for part in parts {
            let (numeral, title_rest) = part.heading.expect("a draft's part has its heading");
            self.draft_text(&mut ex, &numeral, title_rest, &part.lines)?;
        }
        for d in &ex.drafts {
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
        let mut out = vec![ex.report];
        out.extend(ex.drafts);
        Ok(out)
    }

    /// The report itself, from its heading: session, agenda item, date and title; its symbol
    /// from the curated table of reports.
    fn report_heading(
        &mut self,
        lines: &[Line],
        title_at: usize,
    ) -> Result<Document, ExtractError> {
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
        let session = session.ok_or_else(|| {
            ExtractError::new(
                lines[0].no,
                ErrorKind::MissingPart,
                "expected the session in the report's heading (\"Soixante-treizième session\")",
            )
        })?;
        let agenda_item = agenda_item.ok_or_else(|| {
            ExtractError::new(
                lines[0].no,
                ErrorKind::MissingPart,
                "expected the agenda item in the report's heading (\"Point 96 de l'ordre du jour\")",
            )
        })?;
        // The symbol, where the report prints it ("A/77/380" on its first line), else from the
        // curated table of reports whose text does not.
        let printed = header.iter().find_map(|l| {
            let t = strip_markers(&l.text);
            REPORT_SYMBOL
                .is_match(&t)
                .then(|| Symbol::parse(&t))
                .flatten()
        });
        let curated = self.curated.committee_report(session, agenda_item);
        let symbol = match (printed, curated) {
            (Some(p), Some(c)) if p != c.symbol => {
                self.warn(
                    lines[0].no,
                    format!(
                        "the report prints its symbol as {p}; data/tables/committee-reports.tsv says {}: the printed one is kept",
                        c.symbol
                    ),
                );
                p
            }
            (Some(p), _) => p,
            (None, Some(c)) => c.symbol.clone(),
            (None, None) => {
                return Err(ExtractError::new(
                    lines[title_at].no,
                    ErrorKind::MissingPart,
                    format!(
                        "expected the report's symbol in its heading (\"A/77/380\"); it prints none and data/tables/committee-reports.tsv has no report for session {session}, agenda item {agenda_item}"
                    ),
                ))
            }
        };
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
        let mut report = Document::new(symbol, DocKind::CommitteeReport, identity);
        report.session = Some(session);
        report.agenda_item = Some(agenda_item);
        report.distributed = distributed;
        report.title = Some(item_title.join(" ")).filter(|t| !t.is_empty());
        Ok(report)
    }

    /// One block of the report's own text: a section heading naming a draft, a paragraph (or
    /// an item "(a)" of one) that introduces it or reports its vote, a list of the States that
    /// voted one way.
    fn examine(&mut self, ex: &mut Examination, block: &Block) -> Result<(), ExtractError> {
        let para = self.push_para("", block);
        let plain = strip_markers(&block.text);
        if let BlockKind::ReportParagraph(_) = block.kind {
            // The paragraph that recommends the draft resolutions ("11. The First Committee
            // recommends … the following draft resolutions:"); else the last before them.
            let head = name_key(plain.split(':').next().unwrap_or(""));
            if RECOMMENDS.is_match(&plain) {
                if head.contains("draft resolution") || head.contains("projets de resolution") {
                    ex.recommending = para;
                    ex.recommending_found = true;
                }
            } else if !ex.recommending_found {
                ex.recommending = para;
            }
        }
        // Section heading naming a draft: "A. Projet de résolution A/C.1/73/L.27/Rev.1",
        // "C. Draft decision A/C.1/77/L.54".
        if block.kind == BlockKind::Heading && LETTER_HEADING.is_match(&plain) {
            if let Some(sym) = SYMBOL_IN_TEXT
                .find(&plain)
                .and_then(|m| Symbol::parse(m.as_str()))
            {
                let k = name_key(&plain);
                let kind = if k.contains("draft decision") || k.contains("projet de decision") {
                    DocKind::DraftDecision
                } else {
                    DocKind::DraftResolution
                };
                let idx = match ex.drafts.iter().position(|d| d.symbol == sym) {
                    Some(i) => i,
                    None => {
                        let mut d = Document::new(sym, kind, para);
                        d.session = ex.report.session;
                        d.agenda_item = ex.report.agenda_item;
                        ex.drafts.push(d);
                        ex.drafts.len() - 1
                    }
                };
                ex.current_draft = Some(idx);
                ex.current_vote = None;
            }
            return Ok(());
        }
        if let Some(m) = self.meeting_mention(&plain) {
            ex.last_meeting = Some(m);
        }
        let cited = self.citations_in_report_paragraph(block, para);
        ex.report.citations.extend(cited);
        match block.kind {
            BlockKind::ReportParagraph(_) | BlockKind::ReportItem(..) => {
                let Some(idx) = ex.current_draft else {
                    return Ok(());
                };
                let year = ex.report.distributed.map(|d| d.year);
                if self.introduction(&plain, para, year, &mut ex.drafts[idx])? {
                    return Ok(());
                }
                if let Some(w) = self.without_vote(&plain, para, ex.last_meeting) {
                    let draft = &mut ex.drafts[idx];
                    draft.without_vote.push(w.adoption);
                    if let Some(n) = w.see_paragraph {
                        ex.recommended_in.push((idx, n));
                    }
                    let label = w.numeral.map_or_else(
                        || "draft decision".to_owned(),
                        |n| format!("draft decision {n}"),
                    );
                    draft.recommended_as = Some((ex.report.symbol.clone(), label));
                    return Ok(());
                }
                if let Some((numeral, vote)) =
                    self.recorded_vote(block, &plain, para, ex.last_meeting)?
                {
                    let draft = &mut ex.drafts[idx];
                    draft.votes.push(vote);
                    ex.current_vote = Some(draft.votes.len() - 1);
                    if let Some(numeral) = numeral {
                        draft.recommended_as = Some((
                            ex.report.symbol.clone(),
                            format!("draft resolution {numeral}"),
                        ));
                        ex.numerals.push((numeral, draft.symbol.clone()));
                    }
                }
            }
            BlockKind::VoteList(option) => {
                let (Some(d), Some(v)) = (ex.current_draft, ex.current_vote) else {
                    return Err(ExtractError::new(
                        block.line,
                        ErrorKind::MissingPart,
                        "expected a vote list to follow a paragraph that reports a recorded vote",
                    ));
                };
                let vote = &mut ex.drafts[d].votes[v];
                for named in self.state_list(&plain, block.line, "a vote list")? {
                    named.cast(vote, option, para);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The text of a draft the report recommends ("Projet de résolution I"), read as a
    /// resolution's text; the draft is the one whose vote the report gave that numeral.
    fn draft_text(
        &mut self,
        ex: &mut Examination,
        numeral: &str,
        title_rest: String,
        part_lines: &[Line],
    ) -> Result<(), ExtractError> {
        let first_line = part_lines.first().map(|l| l.no).unwrap_or(0);
        let Some((_, symbol)) = ex.numerals.iter().find(|(n, _)| n == numeral) else {
            return Err(ExtractError::new(
                first_line,
                ErrorKind::MissingPart,
                format!("expected a paragraph reporting the vote on draft resolution {numeral} (\"voir par. …, projet de résolution {numeral}\") before its text"),
            ));
        };
        let idx = ex
            .drafts
            .iter()
            .position(|d| &d.symbol == symbol)
            .expect("a numeral names a draft examined");
        let opening = part_lines
            .iter()
            .position(|l| self.lang.is_assembly_opening(&l.text))
            .ok_or_else(|| {
                ExtractError::new(
                    first_line,
                    ErrorKind::MissingPart,
                    format!("expected \"L'Assemblée générale,\" in the text of draft resolution {numeral}"),
                )
            })?;
        let mut title = vec![title_rest];
        title.extend(part_lines[..opening].iter().map(|l| strip_markers(&l.text)));
        let title = join_title(&title);
        let draft = &mut ex.drafts[idx];
        if draft.title.is_none() && !title.is_empty() {
            draft.title = Some(title);
        }
        draft.carried_by = Some((ex.report.symbol.clone(), ex.recommending));
        let blocks = self.segment(&part_lines[opening + 1..], true);
        let prefix = format!("draft-{numeral}/");
        self.read_resolution_text(&prefix, &blocks, draft);
        Ok(())
    }

    /// "Le 8 novembre, le représentant de la Fédération de Russie a déposé un projet de
    /// résolution intitulé « … » (A/C.1/73/L.27/Rev.1) au nom des pays suivants : … Par la
    /// suite, … se sont joints aux auteurs du projet de résolution."; "On 20 October, the
    /// delegation of the Russian Federation, on behalf of …, submitted a draft resolution
    /// entitled “…” (A/C.1/77/L.23/Rev.1). Subsequently, … joined in sponsoring the draft
    /// resolution."
    pub(super) fn introduction(
        &mut self,
        plain: &str,
        para: ParaRef,
        year: Option<i32>,
        draft: &mut Document,
    ) -> Result<bool, ExtractError> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^Le (?P<day>\d{1,2})(?:er)? (?P<month>[a-zéû]+), le représentant (?P<by>.+?) a (?:déposé|présenté) un projet de (?:résolution|décision) intitulé « (?P<title>.+?) » \((?P<symbol>A/[^)]+)\)(?: au nom des pays suivants : (?P<list>.+?))?(?:\. Par la suite, (?P<later>.*))?$").unwrap()
        });
        // The representative "introduced" (earlier reports) or the delegation "submitted"
        // (A/77/380), on behalf of a list before or after the verb.
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^On (?P<day>\d{1,2}) (?P<month>[A-Za-z]+), the (?:representative|delegation) of (?P<by>.+?)(?:, on behalf of (?P<list_before>.+?),)? (?:introduced|submitted) (?:the |a )?draft (?:resolution|decision) (?:entitled “(?P<title>.+?)” )?\((?P<symbol>A/[^)]+)\)(?:,? on behalf of (?:the following countries: )?(?P<list>.+?))?(?:\. Subsequently, (?P<later>.*))?$").unwrap()
        });
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let body = NUMBERED
            .captures(plain)
            .and_then(|c| c.get(2))
            .map_or(plain, |m| m.as_str());
        // Stray spaces of the PDF text: "Zimbabwe , submitted", "security ”".
        let body = body.replace(" ,", ",").replace(" ”", "”");
        let Some(c) = re.captures(body.trim_end_matches('.')) else {
            return Ok(false);
        };
        let line = self.paragraphs[para].line;
        let date = match (c["day"].parse().ok(), self.lang.month(&c["month"]), year) {
            (Some(d), Some(m), Some(y)) => Date::new(y, m, d),
            _ => None,
        };
        let printed = ["de la ", "de l'", "du ", "des ", "of the ", "of ", "the "]
            .iter()
            .find_map(|p| c["by"].strip_prefix(p))
            .unwrap_or(&c["by"]);
        match self.named(printed, line, "who introduced the draft") {
            Named::State(state, printed) => {
                draft.introduction = Some(Introduction {
                    state,
                    printed,
                    date,
                    para,
                })
            }
            Named::Unknown(printed) => draft.submitted_by = Some(printed),
        }
        if let Some(t) = c.name("title") {
            draft.title = Some(t.as_str().trim().to_owned());
        }
        if let Some(list) = c.name("list").or(c.name("list_before")) {
            let list = list.as_str().to_owned();
            self.sponsors_in(&list, line, SponsorRole::Original, para, draft)?;
        }
        if let Some(later) = c.name("later") {
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
                Lang::En => [
                    "joined in sponsoring",
                    "joined as sponsors",
                    "became sponsors",
                ]
                .iter()
                .find_map(|w| later.split_once(w).map(|(l, _)| l)),
            };
            let Some(list) = list else {
                return Err(ExtractError::new(
                    line,
                    ErrorKind::BadValue,
                    match self.lang {
                        Lang::Fr => "expected the States that joined the sponsors after \"Par la suite,\" (\"… se sont joints aux auteurs\")",
                        Lang::En => "expected the States that joined the sponsors after \"Subsequently,\" (\"… joined in sponsoring\")",
                    },
                ));
            };
            let list = list
                .trim()
                .trim_start_matches("les pays suivants")
                .trim()
                .to_owned();
            self.sponsors_in(&list, line, SponsorRole::Joined, para, draft)?;
        }
        Ok(true)
    }

    /// The States of a sponsor list, each once; a name that denotes none is kept as printed.
    fn sponsors_in(
        &mut self,
        list: &str,
        line: usize,
        role: SponsorRole,
        para: ParaRef,
        draft: &mut Document,
    ) -> Result<(), ExtractError> {
        for named in self.state_list(list, line, "a sponsor list")? {
            match named {
                Named::State(state, printed) => {
                    if !draft.sponsors.iter().any(|s| s.state == state) {
                        draft.sponsors.push(Sponsor {
                            state,
                            printed,
                            role,
                            on_behalf_of: None,
                            para,
                        });
                    }
                }
                Named::Unknown(printed) => draft.unresolved_sponsors.push(UnresolvedSponsor {
                    printed,
                    role,
                    para,
                }),
            }
        }
        Ok(())
    }

    /// "At its 30th meeting, on 3 November, the Committee adopted draft decision
    /// A/C.1/77/L.54 without a vote (see para. 12)."
    fn without_vote(
        &self,
        plain: &str,
        para: ParaRef,
        meeting: Option<(u32, Option<Date>)>,
    ) -> Option<AdoptedWithoutVote> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"la Commission a adopté le projet de (?:résolution|décision) \S+ sans le mettre aux voix(?: \(voir par\. (?P<para>\d+)(?:, projet de décision (?P<numeral>[IVX]+))?\))?").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"the Committee adopted draft (?:resolution|decision) \S+ without a vote(?: \(see para\. (?P<para>\d+)(?:, draft decision (?P<numeral>[IVX]+))?\))?").unwrap()
        });
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let c = re.captures(plain)?;
        Some(AdoptedWithoutVote {
            adoption: WithoutVote {
                body: VotingBody::FirstCommittee,
                meeting: meeting.map(|m| m.0),
                date: meeting.and_then(|m| m.1),
                para,
            },
            see_paragraph: c.name("para").and_then(|m| m.as_str().parse().ok()),
            numeral: c.name("numeral").map(|m| m.as_str().to_owned()),
        })
    }

    pub(super) fn meeting_mention(&self, plain: &str) -> Option<(u32, Option<Date>)> {
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

    pub(super) fn report_year(&self) -> Option<i32> {
        // The heading paragraph is the first one pushed; its date is the report's.
        self.paragraphs.first().and_then(|p| {
            p.text
                .split(" / ")
                .find_map(|l| self.parse_date(l))
                .map(|d| d.year)
        })
    }
}
