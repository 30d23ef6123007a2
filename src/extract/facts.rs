//! The facts a paragraph states beyond its citations: the bodies it sets up (working groups,
//! groups of governmental experts, the programme of action) with their years, session and
//! tasks; the item it puts on the agenda of the next session; the States a list names; the
//! dates it prints.

use super::lang::Lang;
use super::patterns::*;
use super::read::{split_outside_parens, Reading};
use crate::records::*;
use crate::reference::states::name_key;
use crate::reference::symbol::Symbol;
use regex::Regex;
use std::sync::LazyLock;

/// A name of a list of States: the State it denotes (code, name as printed), or the name as
/// printed where it denotes none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Named {
    State(String, String),
    Unknown(String),
}

impl Named {
    /// This name's vote in `vote`: a State's, or one kept under the name as printed.
    pub(super) fn cast(self, vote: &mut RecordedVote, option: VoteOption, para: ParaRef) {
        match self {
            Named::State(state, printed) => vote.votes.push(StateVote {
                state,
                printed,
                option,
                para,
            }),
            Named::Unknown(printed) => vote.unresolved.push(UnresolvedVote {
                printed,
                option,
                para,
            }),
        }
    }
}

impl Reading<'_> {
    // ----- bodies and the agenda ---------------------------------------------------------------

    /// The bodies a paragraph sets up, proposes or speaks of as set up (a preamble only speaks
    /// of them), each with its key where the text says which body it is.
    pub(super) fn bodies(&self, plain: &str, para: ParaRef, operative: bool) -> Vec<Body> {
        let mut out = Vec::new();
        if operative {
            out.extend(programme_of_action(plain, para));
            out.extend(global_mechanism(plain, para));
            if let Some(b) = self.convened_oewg(plain, para) {
                out.push(b);
            }
        }
        if let Some(b) = self.gge(plain, para, operative) {
            out.push(b);
        }
        if !out
            .iter()
            .any(|b| b.kind == BodyKind::OpenEndedWorkingGroup)
        {
            out.extend(self.oewg_mention(plain, para));
        }
        for b in &mut out {
            b.key = self.body_key(b);
        }
        out
    }

    /// "gge/2004": the kind and the year it began; else the curated body that the resolution
    /// a mention names mandates.
    fn body_key(&self, b: &Body) -> Option<String> {
        match b.kind {
            BodyKind::ProgrammeOfAction | BodyKind::GlobalMechanism => {
                return Some(b.kind.key_prefix().to_owned())
            }
            _ => {}
        }
        if let Some(y) = b.start_year {
            return Some(format!("{}/{y}", b.kind.key_prefix()));
        }
        let by = b.pursuant_to.as_ref()?;
        self.curated
            .body_mandated_by(b.kind.class_name(), by)
            .map(|row| row.key.clone())
    }

    /// An open-ended working group that the paragraph convenes (the verb comes first: "de
    /// constituer … un groupe de travail", "Decides to convene, beginning in 2019, … an
    /// open-ended working group"), with its years, session, tasks.
    fn convened_oewg(&self, plain: &str, para: ParaRef) -> Option<Body> {
        let name = self.oewg_name(plain)?;
        static START: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:à partir de|starting (?:from|in)|beginning in|créé en|sera créé en|from|convene in|convoquer en) (\d{4})").unwrap()
        });
        let mut b = Body::new(
            BodyKind::OpenEndedWorkingGroup,
            BodyAct::Establishes,
            name,
            para,
        );
        let range = RANGE.captures(&b.name).or_else(|| RANGE.captures(plain));
        b.start_year = START
            .captures(plain)
            .and_then(|c| c[1].parse().ok())
            .or_else(|| range.as_ref().and_then(|r| r[1].parse().ok()));
        b.end_year = range.as_ref().and_then(|r| r[2].parse().ok());
        self.mandate(plain, &mut b);
        Some(b)
    }

    /// What a mandate says beyond the body's name: the session it reports to, whether it acts
    /// by consensus and reports each year, its tasks.
    fn mandate(&self, plain: &str, b: &mut Body) {
        let k = name_key(plain);
        let session_re = &patterns(self.lang).reports_to_session;
        b.reports_to_session = session_re
            .captures_iter(plain)
            .filter_map(|c| self.lang.ordinal(&c[1]))
            .last();
        b.consensus = k.contains("consensus");
        b.annual_progress_reports =
            k.contains("rapports d'activite annuels") || k.contains("annual progress reports");
        b.tasks = tasks(self.lang, plain);
    }

    /// The name of an open-ended working group that the paragraph convenes: the verb first,
    /// and no other body between the verb and the group ("Decides to establish a mechanism …,
    /// upon the conclusion of the 2021–2025 open-ended working group" convenes none).
    pub(super) fn oewg_name(&self, plain: &str) -> Option<String> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\bconstituer([^;]*?)(groupe de travail à composition non limitée(?: sur la sécurité du numérique et de son utilisation)?(?: \(\d{4} ?- ?\d{4}\))?)").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b(?:convene|establish)\b([^;]*?)(open-ended working group(?: on [^,;]+?)?)(?:,| acting|;|$)").unwrap()
        });
        let normalised = plain.replace(" -", "-").replace("- ", "-");
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let c = re.captures(&normalised)?;
        let between = name_key(&c[1]);
        if [
            "mechanism",
            "mecanisme",
            "programme",
            "conclusion",
            "issue des travaux",
        ]
        .iter()
        .any(|w| between.contains(w))
        {
            return None;
        }
        Some(c[2].to_owned())
    }

    /// A working group named with its years ("the 2021–2025 open-ended working group", "groupe
    /// de travail à composition non limitée (2021-2025)") or by the resolution it was set up
    /// under ("the open-ended working group … established pursuant to resolution 75/240"): a
    /// mention.
    fn oewg_mention(&self, plain: &str, para: ParaRef) -> Option<Body> {
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?:(\d{4}) ?[-–] ?(\d{4}) )?(open-ended working group(?: on security of and in the use of information and communications technologies)?)(?: (\d{4}) ?[-–] ?(\d{4}))?").unwrap()
        });
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(groupe de travail à composition non limitée(?: sur la sécurité du numérique et de son utilisation)?) \((\d{4}) ?- ?(\d{4})\)").unwrap()
        });
        static PURSUANT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:established pursuant to|créé en application de|créé par) (?:General Assembly )?(?:la )?résolution (\d{1,3}/\d{1,3})|established pursuant to (?:General Assembly )?resolution (\d{1,3}/\d{1,3})").unwrap()
        });
        let normalised = plain.replace(" -", "-").replace("- ", "-");
        let (name, years) = match self.lang {
            Lang::En => {
                let c = EN.captures(&normalised)?;
                let years = c.get(1).zip(c.get(2)).or(c.get(4).zip(c.get(5)));
                (
                    c[3].to_owned(),
                    years.map(|(a, b)| (a.as_str(), b.as_str())),
                )
            }
            Lang::Fr => {
                let c = FR.captures(&normalised)?;
                let (a, b) = (c.get(2)?.as_str(), c.get(3)?.as_str());
                (c[1].to_owned(), Some((a, b)))
            }
        };
        let mut b = Body::new(
            BodyKind::OpenEndedWorkingGroup,
            BodyAct::Mentions,
            name,
            para,
        );
        if let Some((a, z)) = years {
            b.start_year = a.parse().ok();
            b.end_year = z.parse().ok();
        }
        b.pursuant_to = PURSUANT
            .captures(&normalised)
            .and_then(|c| c.get(1).or(c.get(2)))
            .and_then(|m| Symbol::parse(m.as_str()));
        (b.start_year.is_some() || b.pursuant_to.is_some()).then_some(b)
    }

    /// A group of governmental experts: mandated ("with the assistance of a group of
    /// governmental experts, to be established in 2004", "qui sera créé en 2019"), or spoken of
    /// as set up ("established in 2004 pursuant to resolution 58/32", "in fulfilment of
    /// resolution 60/45, established in 2009 … a group of governmental experts", "established
    /// by the Secretary-General pursuant to resolution 70/237").
    fn gge(&self, plain: &str, para: ParaRef, operative: bool) -> Option<Body> {
        let k = name_key(plain);
        let name = match self.lang {
            Lang::Fr if k.contains("groupe d'experts gouvernementaux") => {
                "groupe d'experts gouvernementaux"
            }
            Lang::En if k.contains("group of governmental experts") => {
                "group of governmental experts"
            }
            _ => return None,
        };
        static TO_BE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:to be established in|(?:qui )?sera cree en) (\d{4})").unwrap()
        });
        static ESTABLISHED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?:established|cree) (?:in|en) (\d{4})").unwrap());
        static PURSUANT: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:pursuant to|in fulfilment of|en application de|comme suite a) (?:general assembly )?(?:la )?(?:its )?resolution (\d{1,3}/\d{1,3})").unwrap()
        });
        let year = |c: regex::Captures| c[1].parse().ok();
        if let Some(y) = TO_BE.captures(&k).and_then(year).filter(|_| operative) {
            let mut b = Body::new(
                BodyKind::GroupOfGovernmentalExperts,
                BodyAct::Establishes,
                name,
                para,
            );
            b.start_year = Some(y);
            self.mandate(plain, &mut b);
            return Some(b);
        }
        if TO_BE.is_match(&k) {
            return None;
        }
        let start_year = ESTABLISHED.captures(&k).and_then(year);
        let pursuant_to = PURSUANT.captures(&k).and_then(|c| Symbol::parse(&c[1]));
        if start_year.is_none() && pursuant_to.is_none() {
            return None;
        }
        let mut b = Body::new(
            BodyKind::GroupOfGovernmentalExperts,
            BodyAct::Mentions,
            name,
            para,
        );
        b.start_year = start_year;
        b.pursuant_to = pursuant_to;
        Some(b)
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
            .or_else(|| self.states.lookup_misencoded(printed).map(|(s, _)| s))
            .map(|s| (s.iso3.clone(), printed.to_owned()))
    }

    /// The State a name denotes, or the error that names the nearest known names.
    pub(super) fn state(
        &self,
        printed: &str,
        line: usize,
    ) -> Result<(String, String), ExtractError> {
        let printed = printed.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        if let Some(s) = self.known_state(printed) {
            return Ok(s);
        }
        self.states
            .resolve(printed)
            .map(|s| (s.iso3.clone(), printed.to_owned()))
            .map_err(|e| ExtractError::new(line, ErrorKind::UnknownState, e.to_string()))
    }

    /// A name of a list, resolved; a name that denotes no State is kept as printed and
    /// flagged (file, line, the nearest known names), never guessed. `what` says which list
    /// ("the vote list", "the sponsors").
    pub(super) fn named(&mut self, printed: &str, line: usize, what: &str) -> Named {
        let printed = printed.trim().trim_end_matches(['.', ',', ';', ':']).trim();
        if let Some((state, printed)) = self.known_state(printed) {
            if self.states.lookup(&printed).is_none() {
                if let Some((_, repaired)) = self.states.lookup_misencoded(&printed) {
                    self.warn(
                        line,
                        format!("\"{printed}\" read as \"{repaired}\": Turkish letters mis-encoded (Windows-1254 read as Windows-1252)"),
                    );
                }
            }
            return Named::State(state, printed);
        }
        let e = self.state(printed, line).unwrap_err();
        self.flag_unknown(
            line,
            format!("{what}: {}; kept as printed, without a State", e.message),
        );
        Named::Unknown(printed.to_owned())
    }

    /// "Algérie, Angola, …, et Zimbabwe", "la Guinée, le Kirghizistan et le Myanmar": commas
    /// outside parentheses split; a piece that is no State is tried as "A et B". Each name
    /// that denotes no State is kept as printed and flagged (see [`Reading::named`]).
    ///
    /// A piece too long to be a name (more than nine words or seventy characters: the longest
    /// name of a State, "United Kingdom of Great Britain and Northern Ireland", has eight) is
    /// prose run into the list, and the list is refused, naming its line: a sentence is never
    /// read as a list of States.
    pub(super) fn state_list(
        &mut self,
        list: &str,
        line: usize,
        what: &str,
    ) -> Result<Vec<Named>, ExtractError> {
        let pieces = self.list_pieces(list);
        if let Some(Err(prose)) = pieces.iter().find(|p| {
            p.as_ref()
                .is_err_and(|t| t.split_whitespace().count() > 9 || t.chars().count() > 70)
        }) {
            return Err(ExtractError::new(
                line,
                ErrorKind::BadValue,
                format!(
                    "expected {what} naming States, found prose: \"{}…\"",
                    super::read::prefix_chars(prose, 80)
                ),
            ));
        }
        let mut out = Vec::new();
        for piece in pieces {
            match piece {
                Ok(s) => out.push(Named::State(s.0, s.1)),
                Err(printed) => out.push(self.named(&printed, line, what)),
            }
        }
        Ok(out)
    }

    /// The names of a list, each the State it denotes or (Err) the piece as printed.
    pub(super) fn list_pieces(&self, list: &str) -> Vec<Result<(String, String), String>> {
        let mut out = Vec::new();
        let and = format!(" {} ", self.lang.and());
        for piece in split_outside_parens(list) {
            let piece = piece.trim().trim_end_matches(['.', ';', ':']).trim();
            let piece = piece.strip_prefix(&and[1..]).unwrap_or(piece).trim();
            if piece.is_empty() {
                continue;
            }
            if let Some(s) = self.known_state(piece) {
                out.push(Ok(s));
                continue;
            }
            let mut parts = Vec::new();
            let mut rest = piece;
            while let Some(pos) = rest.find(&and) {
                parts.push(&rest[..pos]);
                rest = &rest[pos + and.len()..];
            }
            parts.push(rest);
            if parts.len() < 2 {
                out.push(Err(piece.to_owned()));
                continue;
            }
            // Rebuild greedily: the longest run of parts that names one State. No State's
            // name holds more than one "and" ("Saint Vincent and the Grenadines"), so runs
            // are at most three parts long.
            let mut k = 0;
            while k < parts.len() {
                let matched = (k + 1..=parts.len().min(k + 3)).rev().find_map(|end| {
                    self.known_state(&parts[k..end].join(&and))
                        .map(|s| (s, end))
                });
                match matched {
                    Some((s, end)) => {
                        out.push(Ok(s));
                        k = end;
                    }
                    None => {
                        out.push(Err(parts[k].trim().to_owned()));
                        k += 1;
                    }
                }
            }
        }
        out
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

static RANGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4}) ?[-–] ?(\d{4})").unwrap());

/// A programme of action that an operative paragraph sets up or welcomes the proposal of
/// (77/37: "Welcomes the proposal to establish a United Nations programme of action to advance
/// responsible State behaviour …, as a permanent, inclusive, action-oriented mechanism"; French:
/// "de la proposition de créer un programme d’action des Nations Unies destiné à …"), or the
/// mechanism 78/16 decides to establish "with the specific objectives affirmed in … resolution
/// 77/37" (French: "Décide de créer, …, un mécanisme placé sous l’égide de l’Organisation des
/// Nations Unies").
pub(super) fn programme_of_action(plain: &str, para: ParaRef) -> Option<Body> {
    static POA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(proposal to establish|decides to establish|proposition de créer|décide de créer) (?:a |an |the |un |le )?((?:United Nations programme of action|programme d[’']action des Nations Unies)[^,;]*)",
        )
        .unwrap()
    });
    static MECHANISM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d+\. (?:Decides to establish (a mechanism under the auspices of the United Nations)|Décide de créer, [^;]*?(un mécanisme placé sous l[’']égide de l[’']Organisation des Nations Unies))[^;]*(?:resolution|résolution) 77/37").unwrap()
    });
    if let Some(c) = POA.captures(plain) {
        let verb = c[1].to_lowercase();
        let act = if verb.starts_with("propos") {
            BodyAct::Proposes
        } else {
            BodyAct::Establishes
        };
        return Some(Body::new(
            BodyKind::ProgrammeOfAction,
            act,
            c[2].trim(),
            para,
        ));
    }
    let c = MECHANISM.captures(plain)?;
    let name = c.get(1).or(c.get(2))?.as_str();
    Some(Body::new(
        BodyKind::ProgrammeOfAction,
        BodyAct::Establishes,
        name,
        para,
    ))
}

/// The Global Mechanism (80/16 op. 2: "the Global Mechanism on developments in the field of
/// ICTs …, starting in 2026"; French "Mécanisme mondial …, à compter de 2026"), and the "future
/// permanent mechanism" whose establishment 79/237 welcomes the recommendation of.
pub(super) fn global_mechanism(plain: &str, para: ParaRef) -> Option<Body> {
    static GLOBAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:Global Mechanism|Mécanisme mondial) [^,;]+), (?:starting in|à compter de) (\d{4})").unwrap()
    });
    static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:Recommend the establishment of the (future permanent mechanism)|De recommander que le (futur mécanisme permanent) soit établi)").unwrap()
    });
    if let Some(c) = GLOBAL.captures(plain) {
        let mut b = Body::new(
            BodyKind::GlobalMechanism,
            BodyAct::Establishes,
            c[1].trim(),
            para,
        );
        b.start_year = c[2].parse().ok();
        return Some(b);
    }
    let c = FUTURE.captures(plain)?;
    let name = c.get(1).or(c.get(2))?.as_str();
    Some(Body::new(
        BodyKind::GlobalMechanism,
        BodyAct::Proposes,
        name,
        para,
    ))
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
