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

#[derive(Debug, Clone)]
pub struct Curated {
    pub draft_outcomes: Vec<DraftOutcome>,
    pub committee_reports: Vec<CommitteeReport>,
    pub gge_reports: Vec<GgeReport>,
    pub norm_roots: Vec<NormRoot>,
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
    pub fn sources() -> [(&'static str, &'static str); 4] {
        [
            ("draft-outcomes.tsv", DRAFT_OUTCOMES),
            ("committee-reports.tsv", COMMITTEE_REPORTS),
            ("gge-reports.tsv", GGE_REPORTS),
            ("norm-roots.tsv", NORM_ROOTS),
        ]
    }

    fn parse() -> Result<Self, String> {
        let mut t = Curated {
            draft_outcomes: Vec::new(),
            committee_reports: Vec::new(),
            gge_reports: Vec::new(),
            norm_roots: Vec::new(),
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
        Ok(t)
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
