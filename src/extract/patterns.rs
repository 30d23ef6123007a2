//! The patterns of the text readers, compiled once: those every reader shares, and those that
//! depend on the language (months, ordinal session words), compiled once per language. A reader
//! that alone uses a pattern keeps it beside its code.

use super::lang::Lang;
use super::layout;
use regex::Regex;
use std::sync::LazyLock;

pub(super) static RESOLUTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})/(\d{1,3})\.(?:\s+(.*))?$").unwrap());
pub(super) static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(?:\s+(.*))?$").unwrap());
pub(super) static SUB_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(\d{1,2})\.\s+(.*)$").unwrap());
pub(super) static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:- )?\(?([a-z])\)\s+(.*)$").unwrap());
pub(super) static ROMAN_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:I|II|III|IV|V|VI|VII)\.\s+\S").unwrap());
pub(super) static LETTER_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-H]\.\s+\S").unwrap());
pub(super) static DRAFT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Projet de résolution|Draft resolution) (I{1,3}|IV|V)\b\s*(.*)$").unwrap()
});
pub(super) static CITED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{1,3})/(\d{1,3})(?: ([A-Z])\b)?").unwrap());
pub(super) static SYMBOL_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"A/(?:[A-Za-z0-9.]+/)*[A-Za-z0-9.]*\d[A-Za-z0-9.]*").unwrap());
pub(super) static CLOSING_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3})(?:e|th|st|nd|rd) (?:\((resumed)\) )?(?:plenary meeting|séance plénière)(?: \((reprise)\))?$").unwrap()
});

pub(super) static LIST_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:,\s*|,?\s*(?:et|and)\s+|,?\s*(?:ainsi que|as well as)\s+(?:sa |ses |its )?)$",
    )
    .unwrap()
});
pub(super) static YEAR_WITH_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{4}}),?(?:{}(\d+){})?",
        layout::MARK_OPEN,
        layout::MARK_CLOSE
    ))
    .unwrap()
});

pub(super) static AND_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:et|and)\s*$").unwrap());

pub(super) static SUB_NUMBERED_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"op(\d+)\.(\d+)$").unwrap());

/// The patterns that depend on the language, compiled once per language.
pub(super) struct Patterns {
    /// "Seventy-fifth session", "Soixante-treizième session".
    pub(super) session_line: Regex,
    /// The date right after a cited number: " du 9 décembre 1981", " of 9 December 1981".
    pub(super) date_after: Regex,
    /// "à sa soixante-quinzième session", "at its eightieth session".
    pub(super) reports_to_session: Regex,
    pub(super) agenda_inclusion: Regex,
    pub(super) any_date: Regex,
    pub(super) exact_date: Regex,
    /// "l'une le … et l'autre le …", "on … and … respectively".
    pub(super) one_and_other: Regex,
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

pub(super) fn patterns(lang: Lang) -> &'static Patterns {
    static FR: LazyLock<Patterns> = LazyLock::new(|| Patterns::new(Lang::Fr));
    static EN: LazyLock<Patterns> = LazyLock::new(|| Patterns::new(Lang::En));
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}
