//! Citations: the resolutions and decisions a paragraph cites by number, with the date printed
//! beside each; the documents it cites by symbol, in its text or its footnotes; and the reports
//! of the groups of governmental experts it cites by year ("rapports de 2013 et 2015").

use super::layout::{markers, strip_markers};
use super::patterns::*;
use super::read::{prefix_chars, Block, BlockKind, Reading};
use crate::records::*;
use crate::reference::states::name_key;
use crate::reference::symbol::Symbol;
use std::collections::BTreeSet;

/// A number a paragraph prints, where it stands, and the date printed after it.
struct Hit {
    start: usize,
    end: usize,
    session: u32,
    number: u32,
    letter: Option<String>,
    date: Option<Date>,
}

impl Reading<'_> {
    // ----- citations ---------------------------------------------------------------------

    pub(super) fn citations(
        &mut self,
        block: &Block,
        para: ParaRef,
        verb: Option<String>,
        doc: &mut Document,
    ) {
        let plain = strip_markers(&block.text);
        // The clause verb: of the paragraph's opening words, or of its parent's verb for an
        // item "(a)" of an operative paragraph.
        let opening = match block.kind {
            BlockKind::SubItem(_) => verb.clone().unwrap_or_default(),
            _ => plain.clone(),
        };
        let concept = self
            .curated
            .clause_verb(self.lang.code(), &opening)
            .map(|v| v.concept.clone());
        let mut found = self.cited_resolutions(&plain, para, verb.clone());
        found.extend(self.cited_reports(block, para, verb));
        for mut c in found {
            c.verb_concept = concept.clone();
            if !doc
                .citations
                .iter()
                .any(|e| e.target == c.target && e.para == c.para)
                && c.target != doc.symbol
            {
                doc.citations.push(c);
            }
        }
    }

    pub(super) fn citations_in_report_paragraph(
        &mut self,
        block: &Block,
        para: ParaRef,
    ) -> Vec<Citation> {
        let plain = strip_markers(&block.text);
        let mut out = self.cited_resolutions(&plain, para, None);
        out.extend(self.cited_reports(block, para, None));
        out
    }

    /// Resolutions and decisions cited by number, with the date printed beside each.
    pub(super) fn cited_resolutions(
        &mut self,
        plain: &str,
        para: ParaRef,
        verb: Option<String>,
    ) -> Vec<Citation> {
        let hits = self.numbers_cited(plain);
        // Group hits into lists and find each list's kind from the word before it.
        let mut out = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            let mut j = i;
            while j + 1 < hits.len() && LIST_JOINER.is_match(&plain[hits[j].end..hits[j + 1].start])
            {
                j += 1;
            }
            let pushed_before = out.len();
            let hrc = self.cite_list(plain, &hits, i..=j, para, &verb, &mut out);
            // Dates printed after the list, in order: "résolutions 20/8 et 26/13 du Conseil des
            // droits de l'homme, en date du 5 juillet 2012 et du 26 juin 2014"; "résolutions
            // 68/167 et 69/166 … qu'elle a adoptées l'une le 18 décembre 2013 et l'autre le 18
            // décembre 2014".
            let n = j - i + 1;
            let pushed = out.len() - pushed_before;
            if pushed == n && hits[i..=j].iter().all(|h| h.date.is_none()) {
                let tail = &plain[hits[j].end..];
                let dates = if hrc {
                    self.dates_in(prefix_chars(tail, 120))
                } else {
                    self.one_and_other_dates(tail)
                };
                if dates.len() >= n {
                    let len = out.len();
                    for (c, d) in out[len - n..].iter_mut().zip(dates) {
                        c.printed_date = d;
                    }
                }
            }
            i = j + 1;
        }
        out
    }

    /// Every "session/number" a paragraph prints that may be a resolution or decision, with
    /// the date printed right after it ("of 9 December 1981"); an undated number joined by
    /// "and" to a dated one shares its date ("74/28 and 74/29 of 12 December 2019").
    fn numbers_cited(&self, plain: &str) -> Vec<Hit> {
        let date_re = &patterns(self.lang).date_after;
        let mut hits: Vec<Hit> = Vec::new();
        for c in CITED_NUMBER.captures_iter(plain) {
            let m = c.get(0).unwrap();
            let before = plain[..m.start()].chars().next_back();
            if before.is_some_and(|ch| ch == '/' || ch.is_alphanumeric() || ch == '.') {
                continue;
            }
            let after = &plain[m.end()..];
            if after.starts_with('/') || after.starts_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            let (session, number) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            if !(1..200).contains(&session) || number == 0 {
                continue;
            }
            let (date, end) = match date_re.captures(after) {
                Some(d) => {
                    let date = match (d[1].parse().ok(), self.lang.month(&d[2]), d[3].parse().ok())
                    {
                        (Some(day), Some(month), Some(year)) => Date::new(year, month, day),
                        _ => None,
                    };
                    (date, m.end() + d.get(0).unwrap().end())
                }
                None => (None, m.end()),
            };
            hits.push(Hit {
                start: m.start(),
                end,
                session,
                number,
                letter: c.get(3).map(|l| l.as_str().to_owned()),
                date,
            });
        }
        for i in (0..hits.len().saturating_sub(1)).rev() {
            if hits[i].date.is_none() && hits[i + 1].date.is_some() {
                let gap = &plain[hits[i].end..hits[i + 1].start];
                if AND_ONLY.is_match(gap) {
                    hits[i].date = hits[i + 1].date;
                }
            }
        }
        hits
    }

    /// The citations of one list of numbers (`hits[list]`), each of the kind the word before
    /// it or before the list names ("résolutions", "decision"), of the Human Rights Council
    /// where the list is followed by its name. Returns whether it is.
    fn cite_list(
        &self,
        plain: &str,
        hits: &[Hit],
        list: std::ops::RangeInclusive<usize>,
        para: ParaRef,
        verb: &Option<String>,
        out: &mut Vec<Citation>,
    ) -> bool {
        let (i, j) = (*list.start(), *list.end());
        let before = name_key(&plain[..hits[i].start]);
        let tail = before.trim_end();
        let kind_word = ["resolutions", "resolution", "decisions", "decision"]
            .iter()
            .filter_map(|w| tail.rfind(w).map(|p| (p, *w)))
            .max();
        let after_list = name_key(&plain[hits[j].end..]);
        // French names the Council after the list ("résolutions 27/13 … du Conseil des droits
        // de l'homme"), English also before its kind word ("Human Rights Council resolutions
        // 27/13 …").
        let hrc = after_list
            .trim_start()
            .starts_with("du conseil des droits de l'homme")
            || after_list
                .trim_start()
                .starts_with("of the human rights council")
            || kind_word
                .is_some_and(|(p, _)| tail[..p].trim_end().ends_with("human rights council"));
        // A list may mix: "ses résolutions … ainsi que sa décision 72/512".
        for h in &hits[list] {
            let local_before = name_key(&plain[..h.start]);
            let local_kind = ["resolution", "decision"]
                .iter()
                .filter_map(|w| local_before.rfind(w).map(|p| (p, *w)))
                .max()
                .or(kind_word.map(|(p, w)| {
                    (
                        p,
                        if w.starts_with("resolution") {
                            "resolution"
                        } else {
                            "decision"
                        },
                    )
                }));
            let Some((pos, word)) = local_kind else {
                continue;
            };
            // The keyword must be close: within the list or just before it.
            if hits[i].start.saturating_sub(pos) > 40 && local_before.len().saturating_sub(pos) > 40
            {
                continue;
            }
            let target = if hrc {
                Symbol::hrc_resolution(h.session, h.number)
            } else if word == "decision" {
                Symbol::decision(h.session, h.number)
            } else {
                Symbol::resolution(h.session, h.number, h.letter.as_deref())
            };
            out.push(Citation {
                printed_date: h.date,
                ..Citation::new(target, verb.clone(), para)
            });
        }
        hrc
    }

    /// Documents cited by symbol in the text or in its footnotes, and GGE reports cited by year
    /// ("rapports de 2013 et 2015", "the 2010, 2013 and 2015 reports").
    pub(super) fn cited_reports(
        &mut self,
        block: &Block,
        para: ParaRef,
        verb: Option<String>,
    ) -> Vec<Citation> {
        let mut out: Vec<Citation> = Vec::new();
        let years = self.gge_years(&block.text);
        // Markers whose footnote names another GGE report than the year they sit on.
        let mut conflicting: Vec<u32> = Vec::new();
        for (year, marker) in &years {
            let Some(symbol) = self.curated.gge_report(*year) else {
                continue;
            };
            if let Some(n) = marker {
                if let Some(note) = self.footnote(*n, block.line) {
                    let in_note: BTreeSet<Symbol> =
                        report_symbols(&note.text).into_iter().collect();
                    if !in_note.is_empty() && !in_note.contains(symbol) {
                        let msg = format!(
                            "footnote marker {n} after \"{year}\" points to a footnote citing {}; the {year} report of the GGE is {symbol} (data/tables/gge-reports.tsv), kept",
                            in_note.iter().map(Symbol::as_str).collect::<Vec<_>>().join(", ")
                        );
                        self.warn(block.line, msg);
                        conflicting.push(*n);
                    }
                }
            }
            out.push(Citation {
                footnote: marker.filter(|n| !conflicting.contains(n)),
                ..Citation::new(symbol.clone(), verb.clone(), para)
            });
        }
        // Symbols printed in the paragraph itself ("publié sous la cote A/C.1/73/L.71").
        for symbol in report_symbols(&strip_markers(&block.text)) {
            out.push(Citation::new(symbol, verb.clone(), para));
        }
        let year_markers: BTreeSet<u32> = years.iter().filter_map(|(_, m)| *m).collect();
        for n in markers(&block.text) {
            if year_markers.contains(&n) {
                continue;
            }
            let Some(note) = self.footnote(n, block.line).cloned() else {
                continue;
            };
            for symbol in report_symbols(&note.text) {
                out.push(Citation {
                    footnote: Some(n),
                    ..Citation::new(symbol, verb.clone(), para)
                });
            }
        }
        // One citation per report; the one read from its footnote says the most.
        let footnoted: BTreeSet<Symbol> = out
            .iter()
            .filter(|c| c.footnote.is_some())
            .map(|c| c.target.clone())
            .collect();
        let mut seen = BTreeSet::new();
        out.retain(|c| {
            (c.footnote.is_some() || !footnoted.contains(&c.target))
                && seen.insert(c.target.clone())
        });
        out
    }

    /// Years of GGE reports named in a paragraph that speaks of the Group's reports, each with
    /// the footnote marker printed on it.
    pub(super) fn gge_years(&self, text: &str) -> Vec<(i32, Option<u32>)> {
        let k = name_key(&strip_markers(text));
        let speaks_of_gge = k.contains("groupe d'experts gouvernementaux")
            || k.contains("groupes d'experts gouvernementaux")
            || k.contains("group of governmental experts")
            || k.contains("groups of governmental experts");
        let speaks_of_reports = k.contains("rapport") || k.contains("report");
        if !(speaks_of_gge && speaks_of_reports) {
            return Vec::new();
        }
        let re = &*YEAR_WITH_MARKER;
        let mut out: Vec<(i32, Option<u32>)> = Vec::new();
        for c in re.captures_iter(text) {
            let year: i32 = c[1].parse().unwrap_or(0);
            if self.curated.gge_report(year).is_none() {
                continue;
            }
            // Only years that name reports: "rapport(s) de 2013", "2013 and 2015 reports".
            let m = c.get(0).unwrap();
            let window_before = name_key(&strip_markers(&text[..m.start()]));
            let window_after = name_key(&strip_markers(&text[m.end()..]));
            let near_before = window_before
                .chars()
                .rev()
                .take(60)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>();
            let near_after: String = window_after.chars().take(40).collect();
            // "the 2010, 2013, 2015 and 2021 groups of governmental experts": a group known by
            // the year of its report.
            let list_after: String = window_after.chars().take(90).collect();
            let names_group = [
                "group of governmental experts",
                "groups of governmental experts",
                "groupes d'experts gouvernementaux",
                "groupe d'experts gouvernementaux",
            ]
            .iter()
            .any(|g| {
                list_after.find(g).is_some_and(|at| {
                    // Only years, commas and "and" between the year and the group.
                    list_after[..at].chars().all(|c| {
                        c.is_ascii_digit() || matches!(c, ',' | ' ') || "andet".contains(c)
                    })
                })
            });
            // "les groupes d'experts gouvernementaux de 2010, 2013, 2015 et 2021".
            let before_list = near_before
                .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | ' '))
                .trim_end_matches(" et")
                .trim_end_matches(" and")
                .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | ' '));
            let names_group = names_group
                || before_list.ends_with("experts gouvernementaux de")
                || before_list.ends_with("governmental experts of");
            let names_report = near_before.contains("rapport")
                || near_after.contains("report")
                || near_before.contains("report")
                || names_group;
            if !names_report {
                continue;
            }
            let marker = c.get(2).and_then(|n| n.as_str().parse().ok());
            if !out.iter().any(|(y, _)| *y == year) {
                out.push((year, marker));
            }
        }
        out
    }
}

pub(super) fn report_symbols(text: &str) -> Vec<Symbol> {
    SYMBOL_IN_TEXT
        .find_iter(text)
        .filter_map(|m| Symbol::parse(m.as_str().trim_end_matches(['.', ','])))
        .collect()
}
