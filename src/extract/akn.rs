//! The UN's Akoma Ntoso XML (AKN4UN) of a General Assembly resolution, in any of the six
//! languages, into the same records as the text path.
//!
//! Identity comes from the document (the symbol on the cover page, the FRBR work), never from
//! the file name. The metadata gives what the text does not: the draft and its sponsors
//! (workflow steps, read by [`super::submitters`]), the recorded vote State by State (analysis),
//! the UN's subject keywords. The preamble and operative paragraphs of an English or French file
//! are read by the same readers as PDF text, so citations, bodies and the agenda come out the
//! same; for the other four languages the metadata and the title are read.

use super::lang::Lang;
use super::read::{Block, BlockKind, Reading};
use super::submitters::sponsors_by;
use super::xml::*;
use crate::records::*;
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;
use crate::reference::symbol::{DocKind, Symbol};
use roxmltree::{Document as Xml, Node};

/// The deepest elements may nest. The readers walk the tree recursively; a real resolution
/// nests about 12 deep, and 100,000 nested inline elements would overflow their stack.
pub const MAX_XML_DEPTH: usize = 256;

/// Refuses a document whose elements nest past [`MAX_XML_DEPTH`], naming the line where they
/// do. Measured in one pass: each node one deeper than its parent.
fn too_deep(doc: &Xml) -> Result<(), ExtractError> {
    let mut depth = vec![0usize; doc.descendants().count() + 1];
    for node in doc.descendants() {
        let d = node.parent().map_or(0, |p| depth[p.id().get_usize()] + 1);
        depth[node.id().get_usize()] = d;
        if d > MAX_XML_DEPTH {
            return Err(ExtractError::new(
                line_of(doc, node),
                ErrorKind::Unrecognised,
                format!(
                    "expected elements nested at most {MAX_XML_DEPTH} deep, found <{}> deeper",
                    node.tag_name().name()
                ),
            ));
        }
    }
    Ok(())
}

pub fn extract(
    xml: &str,
    states: &StateTable,
    curated: &Curated,
) -> Result<Extraction, ExtractError> {
    let doc = Xml::parse(xml).map_err(|e| {
        ExtractError::new(
            e.pos().row as usize,
            ErrorKind::Encoding,
            format!("expected well-formed XML: {e}"),
        )
    })?;
    too_deep(&doc)?;
    let root = doc.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(ExtractError::new(
            line_of(&doc, root),
            ErrorKind::Unrecognised,
            format!(
                "expected an Akoma Ntoso document (<akomaNtoso>), found <{}>",
                root.tag_name().name()
            ),
        ));
    }
    let reader = Reader { doc: &doc };
    let language = reader.language()?;
    let text_lang = match language {
        "en" => Some(Lang::En),
        "fr" => Some(Lang::Fr),
        _ => None,
    };
    // Sponsor strings and vote lists are English in every language version.
    let mut cx = Reading::new(text_lang.unwrap_or(Lang::En), states, curated, Vec::new());
    let mut res = reader.resolution(&mut cx)?;
    if let Some(meeting) = reader.meeting(&mut cx, text_lang.is_some()) {
        if res.adopted.is_none() {
            res.adopted = meeting.date;
        }
        res.meeting = Some(meeting);
    }

    // The draft, its sponsors, and the recorded vote, from the metadata.
    let mut draft = reader.sponsorship(&mut cx, &mut res)?;
    match reader.vote(&mut cx, res.meeting.as_ref())? {
        Some(Voting::Recorded(vote)) => res.votes.push(vote),
        Some(Voting::WithoutVote(w)) => res.without_vote.push(w),
        None => {}
    }

    // The text itself, read as the PDF text is, in the two languages we read.
    let mut footnotes = Vec::new();
    let blocks = blocks(&doc, &mut footnotes);
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
        first(self.doc, name)
    }

    fn line(&self, node: Node) -> usize {
        line_of(self.doc, node)
    }

    /// The resolution the file is a text of: its symbol and title (the paragraph that states
    /// its identity), the FRBR work and date of adoption, what the cover page prints (session,
    /// date of issue, agenda item, the report it was adopted on) and the UN's subject keywords.
    fn resolution(&self, cx: &mut Reading) -> Result<Document, ExtractError> {
        let symbol = self.symbol()?;
        let preface = self.first("preface");
        let title = preface
            .and_then(|p| first_in(p, "docTitle"))
            .map(|t| plain_text(t));
        let identity = cx.push_para(
            "",
            &Block {
                id: "title".into(),
                line: preface.map_or(1, |p| self.line(p)),
                text: format!("{symbol}. {}", title.clone().unwrap_or_default()),
                verb: None,
                kind: BlockKind::Heading,
            },
        );
        let mut res = Document::new(symbol, DocKind::Resolution, identity);
        res.title = title.filter(|t| !t.is_empty());
        let work = self.first("FRBRWork");
        res.work_iri = work
            .and_then(|w| first_in(w, "FRBRthis"))
            .and_then(|n| n.attribute("value"))
            .map(str::to_owned);
        res.adopted = work
            .and_then(|w| {
                w.descendants().find(|n| {
                    n.tag_name().name() == "FRBRdate" && n.attribute("name") == Some("adoption")
                })
            })
            .and_then(|n| iso_date(n.attribute("date")?));
        if let Some(cover) = self.first("coverPage") {
            self.cover_page(cx, cover, &mut res);
        }
        res.subjects = self.subjects();
        Ok(res)
    }

    /// What the cover page prints: the session (checked against the symbol), the date of
    /// issue, the agenda item, the report the resolution was adopted on.
    fn cover_page(&self, cx: &mut Reading, cover: Node, res: &mut Document) {
        if let Some(s) = first_in(cover, "session")
            .and_then(|n| n.attribute("value"))
            .and_then(|v| v.parse::<u32>().ok())
        {
            if res.session.is_some_and(|x| x != s) {
                cx.warn(
                    self.line(cover),
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

    /// The adopting meeting: "48th (resumed) plenary meeting" and its date. Whether it was a
    /// resumed meeting is read only in the languages whose words normgraph reads.
    fn meeting(&self, cx: &mut Reading, reads_text: bool) -> Option<Meeting> {
        let conclusions = self.first("conclusions")?;
        // <inline name="adoptionMeeting"> (sessions 74-77), <location refersTo="#adoptionMeeting">
        // (from session 78).
        let m = conclusions.descendants().find(|n| {
            n.attribute("name") == Some("adoptionMeeting")
                || n.attribute("refersTo") == Some("#adoptionMeeting")
        })?;
        let label = plain_text(m);
        let number = m
            .attribute("title")
            .and_then(first_number)
            .or_else(|| first_number(&label))?;
        let date = conclusions
            .descendants()
            .find(|n| n.tag_name().name() == "docDate")
            .and_then(|n| iso_date(n.attribute("date")?));
        let para = cx.push_para(
            "",
            &Block::other("closing", self.line(m), plain_text(conclusions)),
        );
        let resumed = reads_text.then(|| label.contains("resumed") || label.contains("reprise"));
        Some(Meeting {
            number,
            plenary: true,
            resumed,
            date,
            para,
        })
    }

    fn language(&self) -> Result<&'static str, ExtractError> {
        let node = self.first("FRBRlanguage");
        let code = node.and_then(|n| n.attribute("language"));
        match code.and_then(crate::reference::languages::by_code) {
            Some(language) => Ok(language.code),
            None => Err(ExtractError::new(
                node.map_or(1, |n| self.line(n)),
                ErrorKind::Unrecognised,
                format!(
                    "expected the language of the expression (<FRBRlanguage language=\"eng\"> … one of the six UN languages), found {}",
                    code.map_or("none".to_owned(), |c| format!("\"{c}\""))
                ),
            )),
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
        preface_number.ok_or_else(|| ExtractError::new(
            self.first("coverPage").map_or(1, |n| self.line(n)),
            ErrorKind::Unrecognised,
            "expected the document's symbol (<docNumber refersTo=\"#symbol\">A/RES/…</docNumber>) or its number in the preface (<docNumber>75/240.</docNumber>)",
        ))
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
        cx: &mut Reading,
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
                let symbol = Symbol::parse(a).ok_or_else(|| {
                    ExtractError::new(
                        self.line(*step),
                        ErrorKind::BadValue,
                        format!(
                        "expected a UN symbol in as=\"{a}\" of the draftResolution workflow step"
                    ),
                    )
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
            target.unresolved_sponsors.push(UnresolvedSponsor {
                printed,
                role: SponsorRole::Original,
                para,
            });
        }
        for s in by.states {
            target.sponsors.push(Sponsor {
                state: s.state,
                printed: s.printed,
                role: SponsorRole::Original,
                on_behalf_of: s.on_behalf_of,
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
            if by.states.is_empty() && by.unresolved.is_empty() {
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
            for printed in by.unresolved {
                target.unresolved_sponsors.push(UnresolvedSponsor {
                    printed,
                    role: SponsorRole::Joined,
                    para,
                });
            }
            for s in by.states {
                if !target.sponsors.iter().any(|t| t.state == s.state) {
                    target.sponsors.push(Sponsor {
                        state: s.state,
                        printed: s.printed,
                        role: SponsorRole::Joined,
                        on_behalf_of: s.on_behalf_of,
                        para,
                    });
                }
            }
        }
        Ok(draft)
    }

    /// How the analysis section says the resolution was adopted: by a recorded vote, with its
    /// three lists and their counts, or without a vote (outcome="adoptedWithoutVote", "Adopted
    /// without vote, 59th plenary meeting"). The first `<voting>` of the document is its own: a
    /// component (a second resolution in the file) has its own analysis.
    fn vote(
        &self,
        cx: &mut Reading,
        meeting: Option<&Meeting>,
    ) -> Result<Option<Voting>, ExtractError> {
        let Some(voting) = self.first("voting") else {
            return Ok(None);
        };
        let outcome = voting.attribute("outcome").unwrap_or("");
        let counts: Vec<Node> = voting
            .children()
            .filter(|n| n.tag_name().name() == "count")
            .collect();
        let without = outcome == "adoptedWithoutVote"
            || outcome.to_lowercase().starts_with("adopted without vote");
        if counts.is_empty() {
            if !without {
                return Ok(None);
            }
            let para = cx.push_para(
                "",
                &Block::other(
                    "vote",
                    self.line(voting),
                    format!("voting outcome=\"{outcome}\""),
                ),
            );
            return Ok(Some(Voting::WithoutVote(WithoutVote {
                body: VotingBody::Plenary,
                meeting: meeting.map(|m| m.number),
                date: meeting.and_then(|m| m.date),
                para,
            })));
        }
        let para = cx.push_para(
            "",
            &Block::other(
                "vote",
                self.line(voting),
                format!(
                    "voting outcome=\"{}\"",
                    voting.attribute("outcome").unwrap_or("")
                ),
            ),
        );
        let mut vote = RecordedVote::new(VotingBody::Plenary, para);
        vote.meeting = meeting.map(|m| m.number);
        vote.date = meeting.and_then(|m| m.date);
        for count in counts {
            let line = self.line(count);
            let option = match count.attribute("refersTo") {
                Some("inFavour") => VoteOption::Yes,
                Some("against") => VoteOption::No,
                Some("abstaining") => VoteOption::Abstain,
                other => {
                    return Err(ExtractError::new(
                        line,
                        ErrorKind::BadValue,
                        format!("expected a vote count refersTo=\"inFavour\", \"against\" or \"abstaining\", found {other:?}"),
                    ))
                }
            };
            let printed: u32 = count
                .attribute("value")
                .and_then(|v| v.trim().parse().ok())
                .ok_or_else(|| {
                    ExtractError::new(
                        line,
                        ErrorKind::BadValue,
                        "expected a number in the value=\"…\" of a vote count",
                    )
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
                cx.named(&name, self.line(node), "a vote list")
                    .cast(&mut vote, option, list_para);
            }
        }
        Ok(Some(Voting::Recorded(vote)))
    }
}

/// How a resolution was adopted, as its analysis section says.
enum Voting {
    Recorded(RecordedVote),
    WithoutVote(WithoutVote),
}

fn step_block(id: &str, line: usize, step: &Node) -> Block {
    let text = step
        .attributes()
        .map(|a| format!("{}=\"{}\"", a.name(), a.value()))
        .collect::<Vec<_>>()
        .join(" ");
    Block::other(id, line, format!("step {text}"))
}
