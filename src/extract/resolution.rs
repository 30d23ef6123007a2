//! A resolution as PDF text: the header (agenda item, session, the report it was adopted on,
//! the dates), the adopting meeting, then its preamble and operative paragraphs, read for
//! citations, norms, bodies and the agenda of the next session. The AKN reader reads the
//! paragraphs of its XML with [`Reading::read_resolution_text`] too.

use super::lang::Lang;
use super::layout::{strip_markers, Line};
use super::patterns::*;
use super::read::{join_title, Block, BlockKind, Reading};
use crate::records::*;
use crate::reference::states::name_key;
use crate::reference::symbol::Symbol;
use regex::Regex;
use std::sync::LazyLock;

impl Reading<'_> {
    // ----- resolutions -------------------------------------------------------------------

    pub(super) fn resolution(
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
            .ok_or_else(|| {
                ExtractError::new(
                    lines[number_at].no,
                    ErrorKind::MissingPart,
                    format!(
                        "expected \"{}\" after the resolution number",
                        match self.lang {
                            Lang::Fr => "L'Assemblée générale,",
                            Lang::En => "The General Assembly,",
                        }
                    ),
                )
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
        let mut doc = Document::new(
            symbol.clone(),
            crate::reference::symbol::DocKind::Resolution,
            identity,
        );
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
                    &Block::other(
                        "closing",
                        l.no,
                        lines[i..(i + 2).min(lines.len())]
                            .iter()
                            .map(|l| l.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
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
        let body = self.unscramble(&lines[opening + 1..body_end]);
        let blocks = self.segment(&body, true);
        if !blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Operative(_)))
        {
            return Err(ExtractError::new(
                lines[opening].no,
                ErrorKind::MissingPart,
                "expected numbered operative paragraphs (\"1. Décide\", \"1. Decides\") after the preamble",
            ));
        }
        self.read_resolution_text("", &blocks, &mut doc);
        Ok(vec![doc])
    }

    /// A preamble scrambled by justification (55/28: "Recalling its / 1 December 1999, /
    /// resolutions / 53/70 / of / 4 December / 1998 / and / 54/49 / of", a word or two a line): a
    /// run of such lines whose text ends on a dangling "of" while a date with its comma stands
    /// where no "of" precedes it is read as the paper prints it, the date after the last "of"
    /// ("Recalling its resolutions 53/70 of 4 December 1998 and 54/49 of 1 December 1999,").
    /// Anything else is left as extracted.
    fn unscramble(&mut self, lines: &[Line]) -> Vec<Line> {
        let short = |l: &Line| l.text.split_whitespace().count() <= 3;
        let mut out: Vec<Line> = Vec::with_capacity(lines.len());
        let mut i = 0;
        while i < lines.len() {
            let run = lines[i..].iter().take_while(|l| short(l)).count();
            if run >= 6 {
                let joined = lines[i..i + run]
                    .iter()
                    .map(|l| l.text.trim())
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(repaired) = self.move_stray_date(&joined) {
                    self.warn(
                        lines[i].no,
                        format!("lines {}-{} scrambled by justification, read as the paper prints them: \"{repaired}\"", lines[i].no, lines[i + run - 1].no),
                    );
                    out.push(Line {
                        no: lines[i].no,
                        text: repaired,
                    });
                    i += run;
                    continue;
                }
            }
            out.push(lines[i].clone());
            i += 1;
        }
        out
    }

    /// "Recalling its 1 December 1999, resolutions 53/70 of 4 December 1998 and 54/49 of" →
    /// the date after the dangling "of"; None if the text is not so.
    fn move_stray_date(&self, text: &str) -> Option<String> {
        let of = match self.lang {
            Lang::En => "of",
            Lang::Fr => "du",
        };
        let stem = text.strip_suffix(of)?.trim_end();
        let re = &patterns(self.lang).any_date;
        let m = re
            .find_iter(stem)
            .find(|m| !stem[..m.start()].trim_end().ends_with(of))?;
        let date = m.as_str();
        let after = stem[m.end()..].trim_start();
        let comma = if after.starts_with(',') { "," } else { "" };
        let rest = after.trim_start_matches(',').trim_start();
        let before = stem[..m.start()].trim_end();
        Some(format!("{before} {rest} {of} {date}{comma}"))
    }

    pub(super) fn resolution_header(&mut self, header: &[Line], doc: &mut Document) {
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
            } else if doc.distributed.is_none()
                && header[i.saturating_sub(3)..i]
                    .iter()
                    .any(|l| l.text.starts_with("Distr"))
            {
                // "Distr.: General" / "20 December 2000"; in the layouts of 1998-2003 "Distr." /
                // "GENERAL" / "A/RES/53/70" / "4 January 1999".
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
        // The operative paragraph being read, whose items "1.1", "1.2" may list norms.
        let mut last_op: Option<(ParaRef, &Block)> = None;
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
            let cited_before = doc.citations.len();
            self.citations(block, para, verb.clone(), doc);
            let plain = strip_markers(&block.text);
            if let Some(a) =
                self.norm_affirmation(&plain, verb.clone(), &doc.citations[cited_before..], para)
            {
                doc.norm_affirmations.push(a);
            }
            if let BlockKind::SubItem(parent) = block.kind {
                if let Some(c) = SUB_NUMBERED_ID.captures(&block.id) {
                    let welcomes_norms = blocks.iter().any(|b| {
                        b.kind == BlockKind::Operative(parent)
                            && mentions_norms(&strip_markers(&b.text))
                    });
                    if welcomes_norms {
                        if doc.norms.is_empty() {
                            if let Some((op_para, op_block)) = &last_op {
                                self.affirms_own_norms(doc, *op_para, op_block);
                            }
                        }
                        doc.norms.push(Norm {
                            notation: format!("{}.{}", &c[1], &c[2]),
                            text: norm_text(&plain),
                            para,
                        });
                    }
                }
            }
            if let BlockKind::Operative(_) = block.kind {
                last_op = Some((para, block));
            }
            match block.kind {
                BlockKind::Operative(_) => doc.bodies.extend(self.bodies(&plain, para, true)),
                BlockKind::Preamble => doc.bodies.extend(self.bodies(&plain, para, false)),
                _ => {}
            }
            if let BlockKind::Operative(_) = block.kind {
                if let Some(inclusion) = self.agenda_inclusion(&plain, para) {
                    doc.agenda_inclusion = Some(inclusion);
                }
            }
        }
    }
}

pub(super) fn mentions_norms(text: &str) -> bool {
    let k = name_key(text);
    k.contains("normes, regles et principes")
        || k.contains("norms, rules and principles")
        || k.contains("rules, norms and principles")
}

impl Reading<'_> {
    /// The paragraph that opens a list of norms ("1. Welcomes the following set of
    /// international rules, norms and principles …:") affirms the text's own set (and no other:
    /// the reports it cites are where the norms come from).
    fn affirms_own_norms(&self, doc: &mut Document, op_para: ParaRef, op: &Block) {
        let concept = self
            .curated
            .clause_verb(self.lang.code(), &strip_markers(&op.text))
            .map(|v| v.concept.clone());
        doc.norm_affirmations.retain(|a| a.para != op_para);
        doc.norm_affirmations.push(NormAffirmation {
            scheme: doc.symbol.clone(),
            verb: op.verb.clone(),
            verb_concept: concept,
            para: op_para,
        });
    }

    /// A paragraph that affirms a set of norms: it welcomes, endorses, supports, recognizes,
    /// reaffirms or confirms, or calls upon States to be guided by, what cites the norms of
    /// 73/27 or the 2015 report of the GGE (A/70/174, whose paragraph 13 sets out the norms).
    /// The lineage of the norms is these paragraphs, oldest first.
    fn norm_affirmation(
        &self,
        plain: &str,
        verb: Option<String>,
        cited: &[Citation],
        para: ParaRef,
    ) -> Option<NormAffirmation> {
        const AFFIRMING: [&str; 7] = [
            "welcoming",
            "endorsing",
            "supporting",
            "recognizing",
            "reaffirming",
            "confirming",
            "guided-by",
        ];
        let k = name_key(plain).replace('’', "'");
        let guided = k.contains("be guided") || k.contains("guided by") || k.contains("s'inspirer");
        let concept = if guided {
            Some("guided-by".to_owned())
        } else {
            cited.first().and_then(|c| c.verb_concept.clone())
        };
        if !concept.as_deref().is_some_and(|c| AFFIRMING.contains(&c)) {
            return None;
        }
        let names = |s: &str| cited.iter().any(|c| c.target.as_str() == s);
        let scheme = if names("A/RES/73/27") && mentions_norms(plain) {
            Symbol::resolution(73, 27, None)
        } else if names("A/70/174") {
            Symbol::parse("A/70/174")?
        } else {
            return None;
        };
        Some(NormAffirmation {
            scheme,
            verb,
            verb_concept: concept,
            para,
        })
    }
}

/// The norm's text as printed, without its number.
pub(super) fn norm_text(plain: &str) -> String {
    SUB_NUMBERED
        .captures(plain)
        .map(|c| c[3].trim().to_owned())
        .unwrap_or_else(|| plain.trim().to_owned())
}
