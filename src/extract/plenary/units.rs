//! The record cut into units: what opens a stretch of lines (an agenda item, "A recorded vote
//! was taken.", a list heading, an outcome, a bracketed note, a speaker) says what it is.

use super::AGENDA_ITEM;
use crate::extract::lang::Lang;
use crate::extract::layout::{strip_markers, Line};
use crate::records::VoteOption;
use regex::Regex;
use std::sync::LazyLock;

/// A stretch of the record: what opens it says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Agenda,
    VoteTaken,
    List(VoteOption),
    Outcome,
    Bracket,
    Speech,
}

/// What a line opens, if it opens a unit of the record.
fn opens(text: &str) -> Option<Unit> {
    let t = text.trim();
    if AGENDA_ITEM.is_match(t) {
        return Some(Unit::Agenda);
    }
    if t == "A recorded vote was taken." {
        return Some(Unit::VoteTaken);
    }
    if let Some(o) = Lang::En.vote_heading(t) {
        return Some(Unit::List(o));
    }
    if t.starts_with('[') {
        return Some(Unit::Bracket);
    }
    static OUTCOME_START: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:Draft (?:resolution|decision)\b|The draft (?:resolution|decision)\b|The [a-z-]+ (?:preambular|operative) paragraph\b)").unwrap()
    });
    if OUTCOME_START.is_match(t) {
        return Some(Unit::Outcome);
    }
    static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:The (?:Acting )?President|The Secretary-General|(?:Mr|Mrs|Ms|Miss)\.? [^:]{1,80}?)\s*:").unwrap()
    });
    if SPEAKER.is_match(t) {
        return Some(Unit::Speech);
    }
    None
}

/// The record cut into units, each with its first line number and its lines. An outcome ends
/// with its sentence; a list with the next unit; a bracket with its closing bracket.
pub(super) fn units(lines: &[Line]) -> Vec<(Unit, usize, Vec<String>)> {
    let mut out: Vec<(Unit, usize, Vec<String>)> = Vec::new();
    let mut open_ended = false;
    for l in lines {
        let t = strip_markers(&l.text);
        let t = t.trim();
        if t == "[...]" {
            open_ended = false;
            out.push((Unit::Speech, l.no, Vec::new()));
            continue;
        }
        match opens(t) {
            Some(u) if !(open_ended && u == Unit::Outcome) => {
                let closes = match u {
                    Unit::Outcome => t.ends_with('.'),
                    Unit::Bracket => t.ends_with(']'),
                    _ => false,
                };
                open_ended = matches!(u, Unit::Outcome | Unit::Bracket) && !closes;
                out.push((u, l.no, vec![t.to_owned()]));
                if closes || u == Unit::VoteTaken {
                    out.push((Unit::Speech, l.no, Vec::new()));
                }
            }
            _ => {
                let Some(last) = out.last_mut() else {
                    out.push((Unit::Speech, l.no, vec![t.to_owned()]));
                    continue;
                };
                last.2.push(t.to_owned());
                if open_ended {
                    let closes = match last.0 {
                        Unit::Outcome => t.ends_with('.'),
                        Unit::Bracket => t.ends_with(']'),
                        _ => false,
                    };
                    if closes {
                        open_ended = false;
                        out.push((Unit::Speech, l.no, Vec::new()));
                    }
                }
            }
        }
    }
    out.retain(|(_, _, lines)| !lines.is_empty());
    out
}
