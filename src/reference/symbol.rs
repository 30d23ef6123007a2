//! UN document symbols: parsing what the texts print ("75/240", "A/C.1/73/L.27/Rev.1",
//! "décision 72/512") into one canonical form, and telling what kind of document a symbol names.
//!
//! The canonical form is the symbol as the UN prints it, with single spaces
//! ("A/RES/43/78 H"). IRIs are minted from it by [`Symbol::slug`], which drops the spaces.

use std::fmt;

/// A UN document symbol in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(String);

impl Symbol {
    /// Parses a symbol as a user or a text writes it. `75/240` is taken as a General Assembly
    /// resolution. Returns `None` for anything that is not a plausible UN symbol.
    ///
    /// ```
    /// use normgraph::reference::symbol::{DocKind, Symbol};
    /// assert_eq!(Symbol::parse("75/240").unwrap().as_str(), "A/RES/75/240");
    /// let draft = Symbol::parse("A/C.1/73/L.27/Rev.1").unwrap();
    /// assert_eq!((draft.kind(), draft.session()), (DocKind::LimitedDocument, Some(73)));
    /// assert!(Symbol::parse("A/RES/75/240> } DROP").is_none());
    /// ```
    pub fn parse(input: &str) -> Option<Self> {
        let s = input.trim().trim_end_matches('.').trim();
        let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((session, number, letter)) = split_session_number(&collapsed) {
            return Some(Self::resolution(session, number, letter.as_deref()));
        }
        let valid = collapsed.starts_with("A/")
            && collapsed.len() <= 60
            && collapsed
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | ' ' | '-' | '('))
            && collapsed.split('/').all(|part| !part.is_empty())
            && collapsed.chars().any(|c| c.is_ascii_digit());
        valid.then_some(Self(collapsed))
    }

    /// The General Assembly resolution `A/RES/{session}/{number}` (with its letter, as in
    /// "43/78 H").
    pub fn resolution(session: u32, number: u32, letter: Option<&str>) -> Self {
        match letter {
            Some(l) => Self(format!("A/RES/{session}/{number} {l}")),
            None => Self(format!("A/RES/{session}/{number}")),
        }
    }

    /// The General Assembly decision `A/DEC/{session}/{number}`.
    pub fn decision(session: u32, number: u32) -> Self {
        Self(format!("A/DEC/{session}/{number}"))
    }

    /// The Human Rights Council resolution `A/HRC/RES/{session}/{number}`.
    pub fn hrc_resolution(session: u32, number: u32) -> Self {
        Self(format!("A/HRC/RES/{session}/{number}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The symbol as an IRI path segment: spaces removed, everything else kept.
    pub fn slug(&self) -> String {
        slug(&self.0)
    }

    /// The session number printed in the symbol, when there is one.
    pub fn session(&self) -> Option<u32> {
        let parts: Vec<&str> = self.0.split('/').collect();
        parts
            .iter()
            .skip(1)
            .find_map(|p| p.parse::<u32>().ok().filter(|n| (1..200).contains(n)))
    }

    /// What kind of document the symbol alone says this is.
    pub fn kind(&self) -> DocKind {
        let s = self.0.as_str();
        if s.starts_with("A/RES/") {
            DocKind::Resolution
        } else if s.starts_with("A/DEC/") {
            DocKind::Decision
        } else if s.starts_with("A/HRC/RES/") {
            DocKind::HrcResolution
        } else if s.contains("/L.") {
            // Drafts, amendments and statements of programme budget implications share the
            // L series: the symbol alone does not say which.
            DocKind::LimitedDocument
        } else if s.contains("/PV.") {
            DocKind::MeetingRecord
        } else if s.contains("/CRP.") {
            DocKind::ConferenceRoomPaper
        } else {
            DocKind::Report
        }
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// "75/240", "43/78 H" → (75, 240, Some("H")).
fn split_session_number(s: &str) -> Option<(u32, u32, Option<String>)> {
    let (session, rest) = s.split_once('/')?;
    let session: u32 = session.parse().ok()?;
    let (number, letter) = match rest.split_once(' ') {
        Some((n, l)) if l.len() == 1 && l.chars().all(|c| c.is_ascii_uppercase()) => {
            (n, Some(l.to_owned()))
        }
        Some(_) => return None,
        None => (rest, None),
    };
    let number: u32 = number.parse().ok()?;
    ((1..200).contains(&session) && number > 0).then_some((session, number, letter))
}

/// The kinds of document the graph knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Resolution,
    DraftResolution,
    DraftDecision,
    Decision,
    CommitteeReport,
    GgeReport,
    HrcResolution,
    Report,
    MeetingRecord,
    ConferenceRoomPaper,
    LimitedDocument,
}

impl DocKind {
    /// The local name of the class in our vocabulary.
    pub fn class_name(self) -> &'static str {
        match self {
            DocKind::Resolution => "Resolution",
            DocKind::DraftResolution => "DraftResolution",
            DocKind::DraftDecision => "DraftDecision",
            DocKind::Decision => "Decision",
            DocKind::CommitteeReport => "CommitteeReport",
            DocKind::GgeReport => "GGEReport",
            DocKind::HrcResolution => "HRCResolution",
            DocKind::Report => "Report",
            DocKind::MeetingRecord => "MeetingRecord",
            DocKind::ConferenceRoomPaper => "ConferenceRoomPaper",
            DocKind::LimitedDocument => "LimitedDocument",
        }
    }
}

/// A symbol as written (`A/RES/43/78 H`) as an IRI path segment (`A/RES/43/78H`).
pub fn slug(symbol: &str) -> String {
    symbol.replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_resolution_numbers_are_ga_resolutions() {
        assert_eq!(Symbol::parse("75/240").unwrap().as_str(), "A/RES/75/240");
        assert_eq!(Symbol::parse("43/78 H").unwrap().as_str(), "A/RES/43/78 H");
        assert_eq!(Symbol::parse("43/78 H").unwrap().slug(), "A/RES/43/78H");
    }

    #[test]
    fn full_symbols_keep_their_form() {
        let s = Symbol::parse(" A/C.1/73/L.27/Rev.1 ").unwrap();
        assert_eq!(s.as_str(), "A/C.1/73/L.27/Rev.1");
        assert_eq!(s.kind(), DocKind::LimitedDocument);
        assert_eq!(s.session(), Some(73));
        assert_eq!(Symbol::parse("A/70/174.").unwrap().kind(), DocKind::Report);
    }

    #[test]
    fn hostile_or_empty_input_is_not_a_symbol() {
        for bad in [
            "",
            "A/",
            "75/",
            "<x>",
            "A/RES/75/240> } DROP",
            "hello",
            "999/1",
        ] {
            assert!(Symbol::parse(bad).is_none(), "{bad}");
        }
    }
}
