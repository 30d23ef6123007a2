//! The curated tables of `data/tables/`: facts our texts do not print in one place, each row
//! with the source it comes from. Compiled into the binary, like the State table.
//!
//! (`Curated`, not "tables": the State table is reference data too, and a query answers rows.)

use super::symbol::Symbol;
use std::sync::OnceLock;

const DRAFT_OUTCOMES: &str = include_str!("../../data/tables/draft-outcomes.tsv");
const COMMITTEE_REPORTS: &str = include_str!("../../data/tables/committee-reports.tsv");
const GGE_REPORTS: &str = include_str!("../../data/tables/gge-reports.tsv");
const NORM_ROOTS: &str = include_str!("../../data/tables/norm-roots.tsv");
const BODIES: &str = include_str!("../../data/tables/bodies.tsv");
const CLAUSE_VERBS: &str = include_str!("../../data/tables/clause-verbs.tsv");

#[derive(Debug, Clone)]
pub struct DraftOutcome {
    pub draft: Symbol,
    pub resolution: Symbol,
    pub adopted: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct CommitteeReport {
    pub symbol: Symbol,
    pub session: u32,
    pub agenda_item: u32,
    pub committee: String,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct GgeReport {
    pub symbol: Symbol,
    pub year: i32,
    pub session: u32,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct NormRoot {
    pub notation: String,
    /// "13(i)", or `None` where the norm has no root among the eleven of paragraph 13.
    pub gge_paragraph: Option<String>,
    pub note: String,
    pub source: String,
}

/// A body the line sets up: its key ("gge/2004"), kind, years, name, the texts that mandate it,
/// the reports it produced.
#[derive(Debug, Clone)]
pub struct BodyRow {
    pub key: String,
    pub class: String,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub name_en: String,
    pub mandated_by: Vec<Symbol>,
    pub reports: Vec<Symbol>,
    pub source: String,
}

/// A clause verb: the concept the opening words of a paragraph stand for ("welcoming" for
/// "Welcomes", "Saluant", "Se félicite"), the CiTO characterisation of what it cites, its
/// labels and printed forms (keys: lower case, accents off).
#[derive(Debug, Clone)]
pub struct ClauseVerb {
    pub concept: String,
    /// The local name of the CiTO property ("agreesWith").
    pub cito: String,
    pub labels: Vec<(String, &'static str)>,
    pub forms: Vec<(String, &'static str)>,
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct Curated {
    pub draft_outcomes: Vec<DraftOutcome>,
    pub committee_reports: Vec<CommitteeReport>,
    pub gge_reports: Vec<GgeReport>,
    pub norm_roots: Vec<NormRoot>,
    pub bodies: Vec<BodyRow>,
    pub clause_verbs: Vec<ClauseVerb>,
}

fn rows(name: &str, text: &str, columns: usize) -> Result<Vec<Vec<String>>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(str::to_owned).collect();
        if cols.len() != columns {
            return Err(format!(
                "{name} line {}: expected {columns} columns, found {}",
                i + 1,
                cols.len()
            ));
        }
        out.push(cols);
    }
    Ok(out)
}

fn symbol(name: &str, s: &str) -> Result<Symbol, String> {
    Symbol::parse(s).ok_or_else(|| format!("{name}: \"{s}\" is not a UN symbol"))
}

impl Curated {
    pub fn bundled() -> &'static Curated {
        static TABLES: OnceLock<Curated> = OnceLock::new();
        TABLES.get_or_init(|| Curated::parse().expect("bundled tables are valid"))
    }

    /// The text of every table, for hashing: a change in a table rebuilds the reference graph.
    pub fn sources() -> [(&'static str, &'static str); 6] {
        [
            ("draft-outcomes.tsv", DRAFT_OUTCOMES),
            ("committee-reports.tsv", COMMITTEE_REPORTS),
            ("gge-reports.tsv", GGE_REPORTS),
            ("norm-roots.tsv", NORM_ROOTS),
            ("bodies.tsv", BODIES),
            ("clause-verbs.tsv", CLAUSE_VERBS),
        ]
    }

    fn parse() -> Result<Self, String> {
        let mut t = Curated {
            draft_outcomes: Vec::new(),
            committee_reports: Vec::new(),
            gge_reports: Vec::new(),
            norm_roots: Vec::new(),
            bodies: Vec::new(),
            clause_verbs: Vec::new(),
        };
        for r in rows("draft-outcomes.tsv", DRAFT_OUTCOMES, 4)? {
            t.draft_outcomes.push(DraftOutcome {
                draft: symbol("draft-outcomes.tsv", &r[0])?,
                resolution: symbol("draft-outcomes.tsv", &r[1])?,
                adopted: r[2].clone(),
                source: r[3].clone(),
            });
        }
        for r in rows("committee-reports.tsv", COMMITTEE_REPORTS, 5)? {
            t.committee_reports.push(CommitteeReport {
                symbol: symbol("committee-reports.tsv", &r[0])?,
                session: r[1]
                    .parse()
                    .map_err(|_| format!("committee-reports.tsv: bad session {}", r[1]))?,
                agenda_item: r[2]
                    .parse()
                    .map_err(|_| format!("committee-reports.tsv: bad item {}", r[2]))?,
                committee: r[3].clone(),
                source: r[4].clone(),
            });
        }
        for r in rows("gge-reports.tsv", GGE_REPORTS, 4)? {
            t.gge_reports.push(GgeReport {
                symbol: symbol("gge-reports.tsv", &r[0])?,
                year: r[1]
                    .parse()
                    .map_err(|_| format!("gge-reports.tsv: bad year {}", r[1]))?,
                session: r[2]
                    .parse()
                    .map_err(|_| format!("gge-reports.tsv: bad session {}", r[2]))?,
                source: r[3].clone(),
            });
        }
        for r in rows("norm-roots.tsv", NORM_ROOTS, 4)? {
            t.norm_roots.push(NormRoot {
                notation: r[0].clone(),
                gge_paragraph: Some(r[1].clone()).filter(|p| !p.is_empty()),
                note: r[2].clone(),
                source: r[3].clone(),
            });
        }
        let year = |s: &str| -> Result<Option<i32>, String> {
            match s {
                "" => Ok(None),
                y => y
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("bodies.tsv: bad year {y}")),
            }
        };
        let symbols = |s: &str| -> Result<Vec<Symbol>, String> {
            s.split_whitespace()
                .map(|x| symbol("bodies.tsv", x))
                .collect()
        };
        const CLASSES: [&str; 4] = [
            "GroupOfGovernmentalExperts",
            "OpenEndedWorkingGroup",
            "ProgrammeOfAction",
            "GlobalMechanism",
        ];
        for r in rows("bodies.tsv", BODIES, 8)? {
            if !CLASSES.contains(&r[1].as_str()) {
                return Err(format!("bodies.tsv: class {} is none of {CLASSES:?}", r[1]));
            }
            t.bodies.push(BodyRow {
                key: r[0].clone(),
                class: r[1].clone(),
                start_year: year(&r[2])?,
                end_year: year(&r[3])?,
                name_en: r[4].clone(),
                mandated_by: symbols(&r[5])?,
                reports: symbols(&r[6])?,
                source: r[7].clone(),
            });
        }
        for r in rows("clause-verbs.tsv", CLAUSE_VERBS, 7)? {
            let forms = |col: &str, lang: &'static str| {
                col.split('|')
                    .filter(|f| !f.is_empty())
                    .map(|f| (crate::reference::states::name_key(f), lang))
                    .collect::<Vec<_>>()
            };
            let mut all = forms(&r[4], "en");
            all.extend(forms(&r[5], "fr"));
            t.clause_verbs.push(ClauseVerb {
                concept: r[0].clone(),
                cito: r[1].clone(),
                labels: vec![(r[2].clone(), "en"), (r[3].clone(), "fr")],
                forms: all,
                source: r[6].clone(),
            });
        }
        Ok(t)
    }

    /// The clause verb a paragraph opens with ("1. Decides to endorse …" → endorsing), in the
    /// language of its text: the longest printed form its opening words begin with. "Also",
    /// "further", "aussi" before the verb are passed over.
    pub fn clause_verb(&self, lang: &str, paragraph: &str) -> Option<&ClauseVerb> {
        let text =
            paragraph.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
        let mut key = crate::reference::states::name_key(text).replace('’', "'");
        for lead in ["also ", "further ", "aussi ", "en outre, ", "de plus, "] {
            if let Some(rest) = key.strip_prefix(lead) {
                key = rest.to_owned();
            }
        }
        let mut best: Option<(&ClauseVerb, usize)> = None;
        for v in &self.clause_verbs {
            for (form, l) in &v.forms {
                let whole_word = key
                    .get(form.len()..)
                    .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphabetic()));
                if *l == lang
                    && key.starts_with(form.as_str())
                    && whole_word
                    && best.is_none_or(|(_, n)| form.len() > n)
                {
                    best = Some((v, form.len()));
                }
            }
        }
        best.map(|(v, _)| v)
    }

    /// The body of a kind that a text mandates ("pursuant to resolution 70/237"), if the table
    /// knows one.
    pub fn body_mandated_by(&self, class: &str, text: &Symbol) -> Option<&BodyRow> {
        self.bodies
            .iter()
            .find(|b| b.class == class && b.mandated_by.contains(text))
    }

    pub fn body(&self, key: &str) -> Option<&BodyRow> {
        self.bodies.iter().find(|b| b.key == key)
    }

    pub fn committee_report(&self, session: u32, agenda_item: u32) -> Option<&CommitteeReport> {
        self.committee_reports
            .iter()
            .find(|r| r.session == session && r.agenda_item == agenda_item)
    }

    pub fn gge_report(&self, year: i32) -> Option<&Symbol> {
        self.gge_reports
            .iter()
            .find(|r| r.year == year)
            .map(|r| &r.symbol)
    }

    pub fn outcome_of(&self, draft: &Symbol) -> Option<&DraftOutcome> {
        self.draft_outcomes.iter().find(|o| &o.draft == draft)
    }
}
