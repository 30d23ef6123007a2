//! The two columns of a record: a page break can print the end of a list before the heading it
//! belongs to (A/77/PV.46 opens inside the "In favour" list of its first vote). Such a stray
//! piece of list is joined to the list it completes, by the printed total, or kept apart and
//! reported.

use super::Record;
use crate::extract::facts::Named;
use crate::extract::layout::Line;
use crate::extract::read::{join_line, Block, Reading};
use crate::records::*;

impl Reading<'_> {
    /// Lines before the agenda item that are names of States: the end of a list whose heading
    /// comes later in the text (a page of two columns). Returns the names and their paragraph.
    pub(super) fn stray_list(&mut self, lines: &[Line]) -> Option<(Vec<String>, usize, ParaRef)> {
        let mut text = String::new();
        let mut first_line = None;
        for l in lines {
            let t = l.text.trim();
            if t.ends_with(',') || (!t.ends_with('.') && t.contains(',')) || !text.is_empty() {
                if t.ends_with('.') && !t.contains(',') {
                    break; // "It was so decided.": the end of another item.
                }
                first_line.get_or_insert(l.no);
                join_line(&mut text, t);
            }
        }
        let first_line = first_line?;
        let pieces: Vec<String> = text
            .split(',')
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        let known = pieces
            .iter()
            .filter(|p| self.known_state(p).is_some())
            .count();
        if known * 2 < pieces.len() {
            return None;
        }
        let para = self.push_para(
            "",
            &Block::other(format!("stray-list-l{first_line}"), first_line, text),
        );
        Some((pieces, first_line, para))
    }

    /// Joins the stray end of a list to the list it completes: the one whose names fall short
    /// of its printed total by as many as the stray piece adds (its last name and the piece's
    /// first one make one name: "United Arab" + "Emirates").
    pub(super) fn attach_stray(&mut self, rec: &mut Record, stray: (Vec<String>, usize, ParaRef)) {
        let (pieces, line, para) = stray;
        for t in 0..rec.texts.len() {
            for v in 0..rec.texts[t].votes.len() {
                for option in [VoteOption::Yes, VoteOption::No, VoteOption::Abstain] {
                    let vote = &rec.texts[t].votes[v];
                    let short = vote.printed(option) as i64 - vote.count(option) as i64;
                    let Some(last) = vote
                        .unresolved
                        .iter()
                        .rposition(|u| u.option == option)
                        .map(|k| vote.unresolved[k].printed.clone())
                    else {
                        continue;
                    };
                    let glued = format!("{last} {}", pieces[0]);
                    if self.known_state(&glued).is_none() || short != pieces.len() as i64 - 1 {
                        continue;
                    }
                    let names: Vec<Named> = std::iter::once(glued)
                        .chain(pieces[1..].iter().cloned())
                        .map(|p| self.named(&p, line, "a vote list"))
                        .collect();
                    let vote = &mut rec.texts[t].votes[v];
                    vote.unresolved
                        .retain(|u| !(u.option == option && u.printed == last));
                    for named in names {
                        named.cast(vote, option, para);
                    }
                    // The half name was flagged when its list was read; it is now whole.
                    self.warnings.retain(|w| {
                        !(w.kind == DiagnosticKind::UnknownName
                            && w.message.contains(&format!("\"{last}\"")))
                    });
                    self.warn(
                        line,
                        format!(
                            "the list printed before the agenda item ({} names) ends the \"{}\" list of a vote on {}: \"{last}\" + \"{}\"",
                            pieces.len(),
                            option.as_str(),
                            rec.texts[t].numeral.as_deref().map_or("the text".to_owned(), |n| format!("draft resolution {n}")),
                            pieces[0]
                        ),
                    );
                    return;
                }
            }
        }
        self.flag_unknown(
            line,
            format!(
                "{} names printed before the agenda item complete no list of the record: kept as printed, read as no vote",
                pieces.len()
            ),
        );
    }
}
