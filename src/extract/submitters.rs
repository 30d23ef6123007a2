//! Who submitted a text, as the UN's workflow steps print it in free English: by="Algeria,
//! Azerbaijan, the Comoros, … and Zambia", a State "on behalf of" a group, or an organ or person
//! ("submitted by the Chair of the Committee"). Text recognition, read with the shared readers'
//! State lists; a name that denotes no State is kept as printed, never guessed.

use super::lang::Lang;
use super::read::Reading;
use crate::records::ExtractError;

/// A State a by="…" names: its code, its name as printed, the group it acted for, if any.
pub(super) struct Submitter {
    pub(super) state: String,
    pub(super) printed: String,
    pub(super) on_behalf_of: Option<String>,
}

/// What a workflow step's by="…" says: States (each perhaps "on behalf of" a group), or the
/// organ or person who submitted the text.
pub(super) struct By {
    pub(super) states: Vec<Submitter>,
    /// Names in the list that denote no known State ("United", cut short in the source), as
    /// printed: kept, never guessed.
    pub(super) unresolved: Vec<String>,
    pub(super) organ: Option<String>,
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
pub(super) fn sponsors_by(cx: &mut Reading, by: &str, line: usize) -> Result<By, ExtractError> {
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
    let english = Reading::new(Lang::En, cx.states, cx.curated, Vec::new());
    let with_notes = |states: Vec<(String, String)>| -> Vec<Submitter> {
        states
            .into_iter()
            .enumerate()
            .map(|(i, (state, printed))| {
                let on_behalf_of = notes.iter().find(|(k, _)| *k == i).map(|(_, n)| n.clone());
                Submitter {
                    state,
                    printed,
                    on_behalf_of,
                }
            })
            .collect()
    };
    let pieces = english.list_pieces(&list);
    if pieces.iter().all(Result::is_ok) {
        return Ok(By {
            states: with_notes(pieces.into_iter().flatten().collect()),
            unresolved: Vec::new(),
            organ: None,
        });
    }
    // One name that is no State and carries a State in parentheses: a person ("France Cassar
    // (Malta)"), recorded as printed.
    if !list.contains(',') && by.contains('(') {
        cx.warn(
            line,
            format!("by=\"{by}\" names no State list; recorded as who submitted the text"),
        );
        return Ok(By::organ(Some(by)));
    }
    if !list.contains(',') {
        let printed = pieces.into_iter().find_map(Result::err).unwrap_or_default();
        return Err(english.state(&printed, line).unwrap_err());
    }
    // A list with a name that denotes no State (cut short or misprinted in the source): the
    // others are read, the name is kept as printed and reported. Name by name, "and" included:
    // in "…, United Kingdom of Great Britain and Venezuela (Bolivarian Republic of)" (77/12,
    // the rest of the name printed elsewhere) the cut name is kept and Venezuela is still read.
    let mut states = Vec::new();
    let mut unresolved = Vec::new();
    for piece in pieces {
        match piece {
            Ok(s) => states.push(s),
            Err(printed) => {
                let e = english.state(&printed, line).unwrap_err();
                cx.flag_unknown(
                    line,
                    format!(
                        "a sponsor list: {}; kept as printed, without a State",
                        e.message
                    ),
                );
                unresolved.push(printed);
            }
        }
    }
    Ok(By {
        states: with_notes(states),
        unresolved,
        organ: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::curated::Curated;
    use crate::reference::states::StateTable;

    fn read(by: &str) -> (By, Vec<String>) {
        let mut cx = Reading::new(
            Lang::En,
            StateTable::bundled(),
            Curated::bundled(),
            Vec::new(),
        );
        let read = sponsors_by(&mut cx, by, 85).unwrap();
        let warnings = cx.warnings.iter().map(|w| w.message.clone()).collect();
        (read, warnings)
    }

    #[test]
    fn a_name_cut_short_is_kept_and_the_names_beside_it_are_read() {
        // A/RES/77/12, line 85 (the UN's XML, session 77): "Northern Ireland" printed apart,
        // and "United Kingdom of Great Britain" run into Venezuela with "and".
        let (by, warnings) = read(
            "India, Northern Ireland, Peru, United Kingdom of Great Britain and Venezuela (Bolivarian Republic of)",
        );
        let states: Vec<&str> = by.states.iter().map(|s| s.state.as_str()).collect();
        assert_eq!(states, ["IND", "PER", "VEN"]);
        assert_eq!(
            by.unresolved,
            ["Northern Ireland", "United Kingdom of Great Britain"]
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[1].contains(
                "nearest known names: United Kingdom of Great Britain and Northern Ireland"
            ),
            "{}",
            warnings[1]
        );
    }

    #[test]
    fn a_formal_name_without_its_article_is_the_state() {
        // A/RES/77/8: "…, Vanuatu, Bolivarian Republic of Venezuela, Yemen and Zambia".
        let (by, warnings) = read("Vanuatu, Bolivarian Republic of Venezuela, Yemen and Zambia");
        let states: Vec<&str> = by.states.iter().map(|s| s.state.as_str()).collect();
        assert_eq!(states, ["VUT", "VEN", "YEM", "ZMB"]);
        assert!(
            by.unresolved.is_empty() && warnings.is_empty(),
            "{warnings:?}"
        );
    }
}
