//! The facts a paragraph states beyond its citations: the bodies it sets up (working groups,
//! groups of governmental experts, the programme of action) with their years, session and
//! tasks; the item it puts on the agenda of the next session; the States a list names; the
//! dates it prints.

use super::lang::Lang;
use super::patterns::*;
use super::read::{split_outside_parens, Reading};
use crate::records::*;
use crate::reference::states::name_key;
use regex::Regex;
use std::sync::LazyLock;

impl Reading<'_> {
    // ----- bodies and the agenda ---------------------------------------------------------------

    pub(super) fn body(&mut self, plain: &str, para: ParaRef) -> Option<Body> {
        if let Some(b) = programme_of_action(plain, para) {
            return Some(b);
        }
        let k = name_key(plain);
        let (kind, name) = if let Some(n) = self.oewg_name(plain) {
            (BodyKind::OpenEndedWorkingGroup, n)
        } else if k.contains("groupe d'experts gouvernementaux") && GGE_FR.is_match(&k) {
            (
                BodyKind::GroupOfGovernmentalExperts,
                "groupe d'experts gouvernementaux".to_owned(),
            )
        } else if k.contains("group of governmental experts") && GGE_EN.is_match(&k) {
            (
                BodyKind::GroupOfGovernmentalExperts,
                "group of governmental experts".to_owned(),
            )
        } else {
            return None;
        };
        static START: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:à partir de|starting (?:from|in)|créé en|established in|sera créé en|from) (\d{4})").unwrap()
        });
        static RANGE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(\d{4}) ?[-–] ?(\d{4})").unwrap());
        let range = RANGE.captures(&name).or_else(|| RANGE.captures(plain));
        let start_year = START
            .captures(plain)
            .and_then(|c| c[1].parse().ok())
            .or_else(|| range.as_ref().and_then(|r| r[1].parse().ok()));
        let end_year = range.as_ref().and_then(|r| r[2].parse().ok());
        let session_re = &patterns(self.lang).reports_to_session;
        let reports_to_session = session_re
            .captures_iter(plain)
            .filter_map(|c| self.lang.ordinal(&c[1]))
            .last();
        let consensus = k.contains("consensus");
        let annual =
            k.contains("rapports d'activite annuels") || k.contains("annual progress reports");
        let tasks = tasks(self.lang, plain);
        Some(Body {
            kind,
            proposed: false,
            name,
            start_year,
            end_year,
            reports_to_session,
            consensus,
            annual_progress_reports: annual,
            tasks,
            para,
        })
    }

    /// The name of an open-ended working group that the paragraph convenes (the verb comes
    /// first: "de constituer … un groupe de travail", "Decides to convene … a new open-ended
    /// working group").
    pub(super) fn oewg_name(&self, plain: &str) -> Option<String> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"constituer[^;]*?(groupe de travail à composition non limitée(?: sur la sécurité du numérique et de son utilisation)?(?: \(\d{4} ?- ?\d{4}\))?)").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:convene|establish)[^;]*?(open-ended working group(?: on [^,;]+?)?)(?:,| acting|;|$)").unwrap()
        });
        let normalised = plain.replace(" -", "-").replace("- ", "-");
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        re.captures(&normalised).map(|c| c[1].to_owned())
    }

    pub(super) fn agenda_inclusion(&self, plain: &str, para: ParaRef) -> Option<AgendaInclusion> {
        let re = &patterns(self.lang).agenda_inclusion;
        let text = plain.replace('’', "'");
        let c = re.captures(&text)?;
        Some(AgendaInclusion {
            session: self.lang.ordinal(&c[1])?,
            item_title: c[2].trim().to_owned(),
            para,
        })
    }

    // ----- States ------------------------------------------------------------------------

    /// The State a name denotes, if any, without the cost of suggesting near names.
    pub(super) fn known_state(&self, printed: &str) -> Option<(String, String)> {
        let printed = printed.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        self.states
            .lookup(printed)
            .map(|s| (s.iso3.clone(), printed.to_owned()))
    }

    pub(super) fn state(
        &self,
        printed: &str,
        line: usize,
    ) -> Result<(String, String), ExtractError> {
        let printed = printed.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        self.states
            .resolve(printed)
            .map(|s| (s.iso3.clone(), printed.to_owned()))
            .map_err(|e| ExtractError::new(line, ErrorKind::UnknownState, e.to_string()))
    }

    /// "Algérie, Angola, …, et Zimbabwe", "la Guinée, le Kirghizistan et le Myanmar": commas
    /// outside parentheses split; a piece that is no State is tried as "A et B".
    pub(super) fn state_list(
        &self,
        list: &str,
        line: usize,
    ) -> Result<Vec<(String, String)>, ExtractError> {
        let mut out = Vec::new();
        let and = format!(" {} ", self.lang.and());
        for piece in split_outside_parens(list) {
            let piece = piece.trim().trim_end_matches(['.', ';', ':']).trim();
            let piece = piece.strip_prefix(&and[1..]).unwrap_or(piece).trim();
            if piece.is_empty() {
                continue;
            }
            match self.known_state(piece) {
                Some(s) => out.push(s),
                None => {
                    let mut parts = Vec::new();
                    let mut rest = piece;
                    while let Some(pos) = rest.find(&and) {
                        parts.push(&rest[..pos]);
                        rest = &rest[pos + and.len()..];
                    }
                    parts.push(rest);
                    if parts.len() < 2 {
                        return Err(self.state(piece, line).unwrap_err());
                    }
                    // Rebuild greedily: the longest run of parts that names one State. No
                    // State's name holds more than one "and" ("Saint Vincent and the
                    // Grenadines"), so runs are at most three parts long.
                    let mut k = 0;
                    while k < parts.len() {
                        let mut matched = None;
                        for end in (k + 1..=parts.len().min(k + 3)).rev() {
                            if let Some(s) = self.known_state(&parts[k..end].join(&and)) {
                                matched = Some((s, end));
                                break;
                            }
                        }
                        match matched {
                            Some((s, end)) => {
                                out.push(s);
                                k = end;
                            }
                            None => return Err(self.state(parts[k], line).unwrap_err()),
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// Every date printed in `text`, in order.
    pub(super) fn dates_in(&self, text: &str) -> Vec<Option<Date>> {
        let re = &patterns(self.lang).any_date;
        re.captures_iter(text)
            .map(
                |d| match (d[1].parse().ok(), self.lang.month(&d[2]), d[3].parse().ok()) {
                    (Some(day), Some(m), Some(y)) => Date::new(y, m, day),
                    _ => None,
                },
            )
            .collect()
    }

    /// "l'une le 18 décembre 2013 et l'autre le 18 décembre 2014" → the two dates.
    pub(super) fn one_and_other_dates(&self, text: &str) -> Vec<Option<Date>> {
        let text = text.replace('’', "'");
        let re = &patterns(self.lang).one_and_other;
        match re.captures(&text) {
            Some(c) => vec![
                self.parse_date(&c[1].replace("1er", "1")),
                self.parse_date(&c[2].replace("1er", "1")),
            ],
            None => Vec::new(),
        }
    }

    pub(super) fn parse_date(&self, text: &str) -> Option<Date> {
        let re = &patterns(self.lang).exact_date;
        let c = re.captures(text.trim())?;
        Date::new(
            c[3].parse().ok()?,
            self.lang.month(&c[2])?,
            c[1].parse().ok()?,
        )
    }
}

/// A programme of action that an operative paragraph sets up or welcomes the proposal of
/// (77/37: "Welcomes the proposal to establish a United Nations programme of action to advance
/// responsible State behaviour …, as a permanent, inclusive, action-oriented mechanism"; French:
/// "de la proposition de créer un programme d’action des Nations Unies destiné à …").
pub(super) fn programme_of_action(plain: &str, para: ParaRef) -> Option<Body> {
    static POA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(proposal to establish|decides to establish|proposition de créer|décide de créer) (?:a |an |the |un |le )?((?:United Nations programme of action|programme d[’']action des Nations Unies)[^,;]*)",
        )
        .unwrap()
    });
    let c = POA.captures(plain)?;
    let verb = c[1].to_lowercase();
    Some(Body {
        kind: BodyKind::ProgrammeOfAction,
        proposed: verb.starts_with("propos"),
        name: c[2].trim().to_owned(),
        start_year: None,
        end_year: None,
        reports_to_session: None,
        consensus: false,
        annual_progress_reports: false,
        tasks: Vec::new(),
        para,
    })
}

/// The tasks of a body: the clauses after "chargé, sur la base du consensus, de" / "acting on a
/// consensus basis, to", separated by semicolons.
pub(super) fn tasks(lang: Lang, plain: &str) -> Vec<String> {
    let start = match lang {
        Lang::Fr => [
            "sur la base du consensus :",
            "sur la base du consensus, de ",
            "qui sera chargé de ",
            "l'examen des ",
        ]
        .iter()
        .find_map(|m| plain.replace('’', "'").find(m).map(|p| p + m.len())),
        Lang::En => [
            "acting on a consensus basis, to ",
            "acting on a consensus basis, ",
            "with a view to ",
        ]
        .iter()
        .find_map(|m| plain.find(m).map(|p| p + m.len())),
    };
    let Some(start) = start else {
        return Vec::new();
    };
    let text = plain.replace('’', "'");
    let Some(rest) = text.get(start..) else {
        return Vec::new();
    };
    rest.split(';')
        .map(|t| {
            t.trim()
                .trim_start_matches("and ")
                .trim_start_matches("to ")
                .trim_start_matches("de ")
                .trim_start_matches("d'")
                .trim_end_matches(['.', ','])
                .trim()
                .to_owned()
        })
        .filter(|t| t.split_whitespace().count() > 2)
        .collect()
}
