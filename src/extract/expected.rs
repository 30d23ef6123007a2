//! The records of one file as readable text, one fact a line, each with the paragraph it was
//! read from: what `normgraph extract` prints and what the fixture files under
//! `tests/expected/` and `tests/specs/` pin, so that a reader checks them against the source
//! without reading Rust.

use crate::records::*;
use std::fmt::Write as _;

impl Extraction {
    /// The records as readable text (see the module's documentation).
    pub fn to_text(&self) -> String {
        let mut w = Text {
            x: self,
            out: String::new(),
        };
        w.line(format_args!("language: {}", self.language));
        for d in &self.documents {
            w.document(d);
        }
        if !self.warnings.is_empty() {
            w.out.push('\n');
        }
        for warning in &self.warnings {
            w.line(format_args!("warning: {warning}"));
        }
        w.out
    }
}

/// The text being written, and the extraction it tells of.
struct Text<'a> {
    x: &'a Extraction,
    out: String,
}

fn opt(d: Option<Date>) -> String {
    d.map_or("-".to_owned(), |d| d.to_string())
}

fn number(n: Option<impl ToString>) -> String {
    n.map_or("-".into(), |n| n.to_string())
}

impl Text<'_> {
    fn line(&mut self, args: std::fmt::Arguments<'_>) {
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
    }

    /// The id of a paragraph, "?" for none.
    fn para(&self, p: ParaRef) -> &str {
        self.x.paragraphs.get(p).map_or("?", |p| p.id.as_str())
    }

    fn document(&mut self, d: &Document) {
        self.line(format_args!("\ndocument {} ({:?})", d.symbol, d.kind));
        self.identity(d);
        for role in [SponsorRole::Original, SponsorRole::Joined] {
            let s: Vec<&str> = d
                .sponsors
                .iter()
                .filter(|s| s.role == role)
                .map(|s| s.state.as_str())
                .collect();
            if !s.is_empty() {
                self.line(format_args!(
                    "  sponsors {} ({}): {}",
                    role.as_str(),
                    s.len(),
                    s.join(" ")
                ));
            }
        }
        for v in &d.votes {
            self.vote(v);
        }
        for w in &d.without_vote {
            let para = self.para(w.para).to_owned();
            self.line(format_args!(
                "  adopted without a vote: {} meeting {} on {} ({para})",
                w.body.slug(),
                number(w.meeting),
                opt(w.date)
            ));
        }
        for c in &d.citations {
            let para = self.para(c.para).to_owned();
            self.line(format_args!(
                "  cites {} {} {}{} ({para})",
                c.target,
                opt(c.printed_date),
                c.verb.as_deref().map_or("-".into(), |v| format!("\"{v}\"")),
                c.footnote
                    .map_or(String::new(), |n| format!(" footnote {n}"))
            ));
        }
        for n in &d.norms {
            let para = self.para(n.para).to_owned();
            self.line(format_args!("  norm {} ({para}): {}", n.notation, n.text));
        }
        for a in &d.norm_affirmations {
            let para = self.para(a.para).to_owned();
            self.line(format_args!(
                "  affirms the norms of {} {} ({para})",
                a.scheme,
                a.verb_concept.as_deref().unwrap_or("-")
            ));
        }
        for b in &d.bodies {
            self.body(b);
        }
        if let Some(a) = &d.agenda_inclusion {
            let para = self.para(a.para).to_owned();
            self.line(format_args!(
                "  agenda of session {}: {} ({para})",
                a.session, a.item_title
            ));
        }
    }

    /// What the document is: title, session, dates, meeting, the report and workflow it came
    /// through, who submitted or introduced it.
    fn identity(&mut self, d: &Document) {
        if let Some(t) = &d.title {
            self.line(format_args!("  title: {t}"));
        }
        self.line(format_args!(
            "  session: {}  agenda item: {}  distributed: {}  adopted: {}",
            number(d.session),
            number(d.agenda_item),
            opt(d.distributed),
            opt(d.adopted)
        ));
        if let Some(m) = &d.meeting {
            let para = self.para(m.para).to_owned();
            self.line(format_args!(
                "  meeting: {} plenary={} resumed={} on {} ({para})",
                m.number,
                m.plenary,
                number(m.resumed),
                opt(m.date)
            ));
        }
        if let Some((r, p)) = &d.on_report {
            self.line(format_args!("  on the report: {r} para. {}", number(*p)));
        }
        if let Some(w) = &d.work_iri {
            self.line(format_args!("  AKN work: {w}"));
        }
        if let Some(by) = &d.submitted_by {
            self.line(format_args!("  submitted by: {by}"));
        }
        for u in &d.unresolved_sponsors {
            self.line(format_args!(
                "  unresolved sponsor ({}): {}",
                u.role.as_str(),
                u.printed
            ));
        }
        if let Some(r) = &d.became {
            self.line(format_args!("  became: {r}"));
        }
        if !d.subjects.is_empty() {
            self.line(format_args!("  subjects: {}", d.subjects.len()));
        }
        for r in &d.takes_up {
            self.line(format_args!("  takes up: {r}"));
        }
        if let Some((r, label)) = &d.recommended_as {
            self.line(format_args!("  recommended in {r} as {label}"));
        }
        if let Some((r, p)) = &d.carried_by {
            let para = self.para(*p).to_owned();
            self.line(format_args!("  carried by: {r} ({para})"));
        }
        if let Some(i) = &d.introduction {
            let para = self.para(i.para).to_owned();
            self.line(format_args!(
                "  introduced by: {} \"{}\" on {} ({para})",
                i.state,
                i.printed,
                opt(i.date)
            ));
        }
    }

    fn vote(&mut self, v: &RecordedVote) {
        let para = self.para(v.para).to_owned();
        self.line(format_args!(
            "  vote {}{} meeting {} on {}: printed {}/{}/{}, listed {}/{}/{} ({para})",
            v.body.slug(),
            v.subject
                .slug()
                .map_or(String::new(), |s| format!(" on {s}")),
            number(v.meeting),
            opt(v.date),
            v.printed_yes,
            v.printed_no,
            v.printed_abstain,
            v.count(VoteOption::Yes),
            v.count(VoteOption::No),
            v.count(VoteOption::Abstain)
        ));
        for o in [VoteOption::Yes, VoteOption::No, VoteOption::Abstain] {
            let s: Vec<&str> = v
                .votes
                .iter()
                .filter(|x| x.option == o)
                .map(|x| x.state.as_str())
                .collect();
            self.line(format_args!("    {}: {}", o.as_str(), s.join(" ")));
        }
        for u in &v.unresolved {
            let para = self.para(u.para).to_owned();
            self.line(format_args!(
                "    unresolved {}: \"{}\" ({para})",
                u.option.as_str(),
                u.printed
            ));
        }
        for i in &v.intended {
            let para = self.para(i.para).to_owned();
            self.line(format_args!(
                "    intended: {} {} ({para})",
                i.state,
                i.option.as_str()
            ));
        }
    }

    fn body(&mut self, b: &Body) {
        let para = self.para(b.para).to_owned();
        self.line(format_args!(
            "  body {} {:?}{}{} \"{}\" from {} to {} reports to session {} consensus={} annual={} ({para})",
            b.key.as_deref().unwrap_or("-"),
            b.kind,
            match b.act {
                BodyAct::Establishes => "",
                BodyAct::Proposes => " (proposed)",
                BodyAct::Mentions => " (mentioned)",
            },
            b.pursuant_to
                .as_ref()
                .map_or(String::new(), |s| format!(" pursuant to {s}")),
            b.name,
            number(b.start_year),
            number(b.end_year),
            number(b.reports_to_session),
            b.consensus,
            b.annual_progress_reports
        ));
        for t in &b.tasks {
            self.line(format_args!("    task: {t}"));
        }
    }
}
