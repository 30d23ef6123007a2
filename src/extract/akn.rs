//! The UN's Akoma Ntoso XML (AKN4UN) of a General Assembly resolution, in any of the six
//! languages, into the same records as the text path.
//!
//! Identity comes from the document (the symbol on the cover page, the FRBR work), never from
//! the file name. The metadata gives what the text does not: the draft and its sponsors
//! (workflow steps), the recorded vote State by State (analysis), the UN's subject keywords. The
//! preamble and operative paragraphs of an English or French file are read by the same readers
//! as PDF text ([`super::text`]), so citations, bodies and the agenda come out the same; for the
//! other four languages the metadata and the title are read.

use super::layout::{Footnote, MARK_CLOSE, MARK_OPEN};
use super::text::{self, Block, BlockKind, Context};
use super::*;
use crate::states::StateTable;
use crate::symbol::DocKind;
use crate::tables::Tables;
use roxmltree::{Document as Xml, Node};
use std::collections::HashMap;

/// A date the UN writes when it does not know one.
const UNKNOWN_DATE: &str = "0001-01-01";

pub fn extract(
    xml: &str,
    states: &StateTable,
    tables: &Tables,
) -> Result<Extraction, ExtractError> {
    let doc = Xml::parse(xml).map_err(|e| ExtractError {
        line: e.pos().row as usize,
        message: format!("expected well-formed XML: {e}"),
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(ExtractError {
            line: line_of(&doc, root),
            message: format!(
                "expected an Akoma Ntoso document (<akomaNtoso>), found <{}>",
                root.tag_name().name()
            ),
        });
    }
    let reader = Reader { doc: &doc };
    let language = reader.language()?;
    let text_lang = match language {
        "en" => Some(Lang::En),
        "fr" => Some(Lang::Fr),
        _ => None,
    };
    // Sponsor strings and vote lists are English in every language version.
    let mut cx = Context::new(text_lang.unwrap_or(Lang::En), states, tables, Vec::new());
    let symbol = reader.symbol()?;

    let preface = reader.first("preface");
    let title = preface
        .and_then(|p| first_in(p, "docTitle"))
        .map(|t| plain_text(t));
    let identity = cx.push_para(
        "",
        &Block {
            id: "title".into(),
            line: preface.map_or(1, |p| line_of(&doc, p)),
            text: format!("{symbol}. {}", title.clone().unwrap_or_default()),
            verb: None,
            kind: BlockKind::Heading,
        },
    );
    let mut res = Document::new(symbol.clone(), DocKind::Resolution, identity);
    res.title = title.filter(|t| !t.is_empty());
    res.work_iri = reader
        .first("FRBRWork")
        .and_then(|w| first_in(w, "FRBRthis"))
        .and_then(|n| n.attribute("value"))
        .map(str::to_owned);
    res.adopted = reader
        .first("FRBRWork")
        .and_then(|w| {
            w.descendants().find(|n| {
                n.tag_name().name() == "FRBRdate" && n.attribute("name") == Some("adoption")
            })
        })
        .and_then(|n| iso_date(n.attribute("date")?));
    if let Some(cover) = reader.first("coverPage") {
        if let Some(s) = first_in(cover, "session")
            .and_then(|n| n.attribute("value"))
            .and_then(|v| v.parse::<u32>().ok())
        {
            if res.session.is_some_and(|x| x != s) {
                cx.warn(
                    line_of(&doc, cover),
                    format!(
                        "session printed as {s}, the symbol says {}",
                        res.session.unwrap_or(0)
                    ),
                );
            }
        }
        res.distributed = cover
            .descendants()
            .find(|n| {
                n.tag_name().name() == "docDate"
                    && n.attribute("refersTo") == Some("#dateOfIssuance")
            })
            .and_then(|n| iso_date(n.attribute("date")?));
        res.agenda_item = inline_named(cover, "agenda item").and_then(|t| first_number(&t));
        if let Some(origin) = inline_named(cover, "originating document") {
            let mut parts = origin.splitn(2, ',');
            if let Some(s) = parts.next().and_then(Symbol::parse) {
                res.on_report = Some((s, parts.next().and_then(first_number)));
            }
        }
    }
    res.subjects = reader.subjects();

    // The adopting meeting: "48th (resumed) plenary meeting" and its date.
    if let Some(conclusions) = reader.first("conclusions") {
        let meeting = conclusions
            .descendants()
            .find(|n| n.attribute("name") == Some("adoptionMeeting"));
        if let Some(m) = meeting {
            let label = plain_text(m);
            let number = m
                .attribute("title")
                .and_then(first_number)
                .or_else(|| first_number(&label));
            if let Some(number) = number {
                let date = conclusions
                    .descendants()
                    .find(|n| n.tag_name().name() == "docDate")
                    .and_then(|n| iso_date(n.attribute("date")?));
                let para = cx.push_para(
                    "",
                    &Block {
                        id: "closing".into(),
                        line: line_of(&doc, m),
                        text: plain_text(conclusions),
                        verb: None,
                        kind: BlockKind::Other,
                    },
                );
                let resumed =
                    text_lang.map(|_| label.contains("resumed") || label.contains("reprise"));
                res.meeting = Some(Meeting {
                    number,
                    plenary: true,
                    resumed,
                    date,
                    para,
                });
                if res.adopted.is_none() {
                    res.adopted = date;
                }
            }
        }
    }

    // The draft, its sponsors, and the recorded vote, from the metadata.
    let mut draft = reader.sponsorship(&mut cx, &mut res)?;
    if let Some(vote) = reader.vote(&mut cx, res.meeting.as_ref())? {
        res.votes.push(vote);
    }

    // The text itself, read as the PDF text is, in the two languages we read.
    let mut footnotes = Vec::new();
    let blocks = reader.blocks(&mut footnotes);
    cx.footnotes = footnotes;
    if text_lang.is_some() {
        cx.read_resolution_text("", &blocks, &mut res);
    }
    let mut documents = vec![res];
    if let Some(d) = draft.take() {
        documents.push(d);
    }
    Ok(Extraction {
        format: SourceFormat::Akn,
        language: language.to_owned(),
        documents,
        paragraphs: cx.paragraphs,
        warnings: cx.warnings,
    })
}

struct Reader<'a, 'input> {
    doc: &'a Xml<'input>,
}

impl<'a, 'input> Reader<'a, 'input> {
    fn first(&self, name: &str) -> Option<Node<'a, 'input>> {
        self.doc
            .descendants()
            .find(|n| n.is_element() && n.tag_name().name() == name)
    }

    fn line(&self, node: Node) -> usize {
        line_of(self.doc, node)
    }

    fn language(&self) -> Result<&'static str, ExtractError> {
        let node = self.first("FRBRlanguage");
        let code = node.and_then(|n| n.attribute("language"));
        match code {
            Some("eng" | "en") => Ok("en"),
            Some("fra" | "fre" | "fr") => Ok("fr"),
            Some("ara" | "ar") => Ok("ar"),
            Some("zho" | "chi" | "zh") => Ok("zh"),
            Some("rus" | "ru") => Ok("ru"),
            Some("spa" | "es") => Ok("es"),
            other => Err(ExtractError {
                line: node.map_or(1, |n| self.line(n)),
                message: format!(
                    "expected the language of the expression (<FRBRlanguage language=\"eng\"> … one of the six UN languages), found {}",
                    other.map_or("none".to_owned(), |c| format!("\"{c}\""))
                ),
            }),
        }
    }

    /// The symbol on the cover page, else the number line of the preface ("75/240.").
    fn symbol(&self) -> Result<Symbol, ExtractError> {
        let on_cover = self
            .doc
            .descendants()
            .find(|n| {
                n.tag_name().name() == "docNumber" && n.attribute("refersTo") == Some("#symbol")
            })
            .and_then(|n| Symbol::parse(&plain_text(n)));
        if let Some(s) = on_cover {
            return Ok(s);
        }
        let preface_number = self
            .first("preface")
            .and_then(|p| first_in(p, "docNumber"))
            .and_then(|n| Symbol::parse(plain_text(n).trim_end_matches('.')));
        preface_number.ok_or_else(|| ExtractError {
            line: self.first("coverPage").map_or(1, |n| self.line(n)),
            message: "expected the document's symbol (<docNumber refersTo=\"#symbol\">A/RES/…</docNumber>) or its number in the preface (<docNumber>75/240.</docNumber>)".into(),
        })
    }

    fn subjects(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for k in self
            .doc
            .descendants()
            .filter(|n| n.tag_name().name() == "keyword")
        {
            if let (Some(href), dictionary) =
                (k.attribute("href"), k.attribute("dictionary").unwrap_or(""))
            {
                if href.starts_with("http") && !out.iter().any(|(h, _)| h == href) {
                    out.push((href.to_owned(), dictionary.to_owned()));
                }
            }
        }
        out
    }

    /// The draft named by the workflow, with its original and additional sponsors. Where the
    /// workflow names no draft symbol, the sponsors (or the organ that submitted the text) are
    /// the resolution's own.
    fn sponsorship(
        &self,
        cx: &mut Context,
        res: &mut Document,
    ) -> Result<Option<Document>, ExtractError> {
        let steps: Vec<Node> = self
            .doc
            .descendants()
            .filter(|n| n.tag_name().name() == "step")
            .collect();
        let Some(step) = steps
            .iter()
            .find(|s| s.attribute("outcome") == Some("draftResolution"))
        else {
            return Ok(None);
        };
        let para = cx.push_para("", &step_block("workflow/draft", self.line(*step), step));
        // "A/75/L.59 (as amended in A/75/L.60)", "A/74/L.5, as orally amended": the draft is
        // the first symbol; what follows is how it was amended.
        let draft_symbol = step
            .attribute("as")
            .map(|a| a.split([',', '(']).next().unwrap_or("").trim())
            .filter(|a| !a.is_empty());
        let mut draft = match draft_symbol {
            Some(a) => {
                let symbol = Symbol::parse(a).ok_or_else(|| ExtractError {
                    line: self.line(*step),
                    message: format!(
                        "expected a UN symbol in as=\"{a}\" of the draftResolution workflow step"
                    ),
                })?;
                let mut d = Document::new(symbol, DocKind::DraftResolution, para);
                d.session = res.symbol.session();
                d.became = Some(res.symbol.clone());
                Some(d)
            }
            None => None,
        };
        let target = match draft.as_mut() {
            Some(d) => d,
            None => &mut *res,
        };
        let by = sponsors_by(cx, step.attribute("by").unwrap_or(""), self.line(*step))?;
        target.submitted_by = by.organ;
        for printed in by.unresolved {
            target
                .unresolved_sponsors
                .push((printed, SponsorRole::Original));
        }
        for (state, printed, on_behalf_of) in by.states {
            target.sponsors.push(Sponsor {
                state,
                printed,
                role: SponsorRole::Original,
                on_behalf_of,
                para,
            });
        }
        for (i, step) in steps
            .iter()
            .filter(|s| s.attribute("outcome") == Some("draftResolutionAdditionalSponsors"))
            .enumerate()
        {
            let line = self.line(*step);
            let by = sponsors_by(cx, step.attribute("by").unwrap_or(""), line)?;
            for printed in by.unresolved {
                target
                    .unresolved_sponsors
                    .push((printed, SponsorRole::Joined));
            }
            if by.states.is_empty() {
                continue;
            }
            let para = cx.push_para(
                "",
                &step_block(
                    &format!("workflow/additional-sponsors-{}", i + 1),
                    line,
                    step,
                ),
            );
            for (state, printed, on_behalf_of) in by.states {
                if !target.sponsors.iter().any(|s| s.state == state) {
                    target.sponsors.push(Sponsor {
                        state,
                        printed,
                        role: SponsorRole::Joined,
                        on_behalf_of,
                        para,
                    });
                }
            }
        }
        Ok(draft)
    }

    /// The recorded vote of the analysis section, with its three lists and their counts.
    fn vote(
        &self,
        cx: &mut Context,
        meeting: Option<&Meeting>,
    ) -> Result<Option<RecordedVote>, ExtractError> {
        let Some(voting) = self.first("voting") else {
            return Ok(None);
        };
        let counts: Vec<Node> = voting
            .children()
            .filter(|n| n.tag_name().name() == "count")
            .collect();
        if counts.is_empty() {
            return Ok(None);
        }
        let para = cx.push_para(
            "",
            &Block {
                id: "vote".into(),
                line: self.line(voting),
                text: format!(
                    "voting outcome=\"{}\"",
                    voting.attribute("outcome").unwrap_or("")
                ),
                verb: None,
                kind: BlockKind::Other,
            },
        );
        let mut vote = RecordedVote {
            body: VotingBody::Plenary,
            meeting: meeting.map(|m| m.number),
            date: meeting.and_then(|m| m.date),
            printed_yes: 0,
            printed_no: 0,
            printed_abstain: 0,
            votes: Vec::new(),
            intended: Vec::new(),
            para,
        };
        for count in counts {
            let line = self.line(count);
            let option = match count.attribute("refersTo") {
                Some("inFavour") => VoteOption::Yes,
                Some("against") => VoteOption::No,
                Some("abstaining") => VoteOption::Abstain,
                other => {
                    return Err(ExtractError {
                        line,
                        message: format!("expected a vote count refersTo=\"inFavour\", \"against\" or \"abstaining\", found {other:?}"),
                    })
                }
            };
            let printed: u32 = count
                .attribute("value")
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| ExtractError {
                    line,
                    message: "expected a number in the value=\"…\" of a vote count".into(),
                })?;
            match option {
                VoteOption::Yes => vote.printed_yes = printed,
                VoteOption::No => vote.printed_no = printed,
                VoteOption::Abstain => vote.printed_abstain = printed,
            }
            let names: Vec<(Node, String)> = count
                .descendants()
                .filter(|n| n.tag_name().name() == "organization")
                .map(|n| (n, plain_text(n)))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let list_para = cx.push_para(
                "",
                &Block {
                    id: format!("vote/{}", option.as_str()),
                    line,
                    text: names
                        .iter()
                        .map(|(_, t)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    verb: None,
                    kind: BlockKind::VoteList(option),
                },
            );
            for (node, name) in names {
                let (state, printed) = cx.state(&name, self.line(node))?;
                vote.votes.push(StateVote {
                    state,
                    printed,
                    option,
                    para: list_para,
                });
            }
        }
        Ok(Some(vote))
    }

    /// Preamble and operative paragraphs as blocks, footnotes collected apart: what the readers
    /// of the text path take.
    fn blocks(&self, footnotes: &mut Vec<Footnote>) -> Vec<Block> {
        let mut blocks = Vec::new();
        if let Some(preamble) = self.first("preamble") {
            let mut n = 0;
            for c in preamble
                .children()
                .filter(|c| c.tag_name().name() == "container")
            {
                n += 1;
                let text = inline_text(self.doc, c, footnotes);
                let verb = c
                    .attribute("name")
                    .map(str::to_owned)
                    .or_else(|| italic_lead(c));
                blocks.push(Block {
                    id: format!("pp{n}"),
                    line: self.line(c),
                    text,
                    verb,
                    kind: BlockKind::Preamble,
                });
            }
        }
        if let Some(body) = self.first("mainBody") {
            let mut current = 0u32;
            let mut letters = 0u32;
            for p in body.descendants().filter(|n| {
                n.tag_name().name() == "paragraph" || n.tag_name().name() == "subparagraph"
            }) {
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
                    .map(|c| inline_text(self.doc, c, footnotes))
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
                            line: self.line(p),
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
                            line: self.line(p),
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
}

fn step_block(id: &str, line: usize, step: &Node) -> Block {
    let text = step
        .attributes()
        .map(|a| format!("{}=\"{}\"", a.name(), a.value()))
        .collect::<Vec<_>>()
        .join(" ");
    Block {
        id: id.to_owned(),
        line,
        text: format!("step {text}"),
        verb: None,
        kind: BlockKind::Other,
    }
}

/// What a workflow step's by="…" says: States (each perhaps "on behalf of" a group), or the
/// organ or person who submitted the text.
struct By {
    states: Vec<(String, String, Option<String>)>,
    /// Names in the list that denote no known State ("United", cut short in the source), as
    /// printed: kept, never guessed.
    unresolved: Vec<String>,
    organ: Option<String>,
}

impl By {
    fn organ(organ: Option<String>) -> Self {
        By {
            states: Vec::new(),
            unresolved: Vec::new(),
            organ,
        }
    }
}

/// Words that say a by="…" names an organ or a person, not States.
const ORGAN_WORDS: [&str; 11] = [
    "submitted",
    "introduced",
    "representative",
    "chair",
    "president",
    "rapporteur",
    "committee",
    "bureau",
    "facilitator",
    "report",
    "working group",
];

/// Phrases that, anywhere in a by="…", say that an officer submitted the text
/// ("France Cassar (Malta), submitted by the Rapporteur of the Committee").
const SUBMITTED_BY_OFFICER: [&str; 2] =
    ["submitted by the", "on the basis of informal consultations"];

/// "Algeria,  Azerbaijan, the Comoros, … and Zambia", "Guyana (on behalf of the States Members
/// of the United Nations that are members of the Group of 77 and China)", "submitted by the
/// Chair of the Committee": the free English of workflow steps.
fn sponsors_by(cx: &mut Context, by: &str, line: usize) -> Result<By, ExtractError> {
    let by = by.split_whitespace().collect::<Vec<_>>().join(" ");
    // "Zimbabwe. - Lebanon was removed from the list of sponsors of the draft resolution": the
    // note after the list is kept as a warning, not read as a State.
    let by = match by.split_once(". - ") {
        Some((list, note)) => {
            cx.warn(
                line,
                format!("workflow note kept apart from the sponsor list: {note}"),
            );
            list.to_owned()
        }
        None => by,
    };
    if by.is_empty() {
        return Ok(By::organ(None));
    }
    let lower = by.to_lowercase();
    let first_words: String = lower.split(" (").next().unwrap_or("").to_owned();
    if ORGAN_WORDS.iter().any(|w| first_words.contains(w))
        || SUBMITTED_BY_OFFICER.iter().any(|w| lower.contains(w))
    {
        return Ok(By::organ(Some(by)));
    }
    // Take "(on behalf of …)" and "(in its capacity as …)" out before splitting the list.
    let mut list = String::new();
    let mut notes: Vec<(usize, String)> = Vec::new();
    let mut rest = by.as_str();
    while let Some(open) = rest.find(" (") {
        let inner_start = open + 2;
        let Some(close) = rest[inner_start..].find(')') else {
            break;
        };
        let inner = &rest[inner_start..inner_start + close];
        list.push_str(&rest[..open]);
        let inner_lower = inner.to_lowercase();
        if inner_lower.starts_with("on behalf") || inner_lower.starts_with("in its capacity") {
            let piece_index = list.matches(',').count() + list.matches(" and ").count();
            notes.push((piece_index, inner.to_owned()));
        } else if inner.contains('/') {
            // A document symbol in parentheses ("(A74/368)") is no part of a State's name.
        } else {
            list.push_str(&rest[open..inner_start + close + 1]);
        }
        rest = &rest[inner_start + close + 1..];
    }
    list.push_str(rest);
    let english = Context::new(Lang::En, cx.states, cx.tables, Vec::new());
    let with_notes = |states: Vec<(String, String)>| -> Vec<(String, String, Option<String>)> {
        states
            .into_iter()
            .enumerate()
            .map(|(i, (state, printed))| {
                let note = notes.iter().find(|(k, _)| *k == i).map(|(_, n)| n.clone());
                (state, printed, note)
            })
            .collect()
    };
    match english.state_list(&list, line) {
        Ok(states) => Ok(By {
            states: with_notes(states),
            unresolved: Vec::new(),
            organ: None,
        }),
        // One name that is no State and carries a State in parentheses: a person
        // ("France Cassar (Malta)"), recorded as printed.
        Err(_) if !list.contains(',') && by.contains('(') => {
            cx.warn(
                line,
                format!("by=\"{by}\" names no State list; recorded as who submitted the text"),
            );
            Ok(By::organ(Some(by)))
        }
        // A list with a name that denotes no State (cut short or misprinted in the source):
        // the others are read one by one, the name is kept as printed and reported.
        Err(_) if list.contains(',') => {
            let mut states = Vec::new();
            let mut unresolved = Vec::new();
            for piece in text::split_outside_parens(&list) {
                match english.state_list(piece, line) {
                    Ok(s) => states.extend(s),
                    Err(e) => {
                        cx.warn(
                            line,
                            format!(
                                "sponsor list: {}; kept as printed, not as a State",
                                e.message
                            ),
                        );
                        let printed = piece.trim().trim_end_matches(['.', ';']).trim();
                        let printed = printed.strip_prefix("and ").unwrap_or(printed);
                        unresolved.push(printed.to_owned());
                    }
                }
            }
            Ok(By {
                states: with_notes(states),
                unresolved,
                organ: None,
            })
        }
        Err(e) => Err(e),
    }
}

fn line_of(doc: &Xml, node: Node) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}

fn first_in<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

fn inline_named(node: Node, name: &str) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == "inline" && n.attribute("name") == Some(name))
        .map(plain_text)
}

/// The text of an element, whitespace collapsed, footnotes left out.
fn plain_text(node: Node) -> String {
    text_of(node, |d| {
        !d.ancestors()
            .any(|a| a.tag_name().name() == "authorialNote")
    })
}

/// The text of a footnote body.
fn plain_text_all(node: Node) -> String {
    text_of(node, |_| true)
}

/// The text nodes below `node` that `keep` accepts, joined by spaces and collapsed.
fn text_of(node: Node, keep: impl Fn(&Node) -> bool) -> String {
    let mut out = String::new();
    for d in node.descendants().filter(|d| d.is_text() && keep(d)) {
        out.push_str(d.text().unwrap_or(""));
        out.push(' ');
    }
    collapse(&out)
}

/// The text of a paragraph as the readers want it: footnotes out into `footnotes`, a marker
/// sentinel where each stood; `<sup>2</sup>` markers too.
fn inline_text(doc: &Xml, node: Node, footnotes: &mut Vec<Footnote>) -> String {
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
fn italic_lead(node: Node) -> Option<String> {
    node.descendants()
        .find(|n| n.tag_name().name() == "span" && n.attribute("class") == Some("italic"))
        .map(plain_text)
        .filter(|t| !t.is_empty())
}

fn collapse(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // A space the markup puts before punctuation ("report ,") is not in the text.
    s.replace(" ,", ",")
        .replace(" ;", ";")
        .replace(" .", ".")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// The label of a sub-item as its number prints it: "(a)", "a)", "(iv)" give "a", "iv".
fn item_label(num: &str) -> Option<String> {
    let label = num
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    (!label.is_empty() && label.len() <= 6 && label.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| label.to_owned())
}

fn first_number(s: &str) -> Option<u32> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn iso_date(s: &str) -> Option<Date> {
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
