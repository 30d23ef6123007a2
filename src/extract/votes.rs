//! The sentences in which First Committee reports and plenary records report a recorded vote
//! ("By a recorded vote of 109 to 45, with 16 abstentions, the Committee adopted …", "The second
//! preambular paragraph was retained by a recorded vote of 103 to 53 …", "… par 109 voix contre
//! 45, avec 16 abstentions"), and the statements of the votes delegations later said they had
//! intended, in a footnote of the report or in the record.

use super::facts::Named;
use super::lang::Lang;
use super::layout::markers;
use super::read::{Block, Reading};
use crate::records::*;
use regex::Regex;
use std::sync::LazyLock;

impl Reading<'_> {
    /// "À la même séance, à l'issue d'un vote enregistré, la Commission a adopté le projet de
    /// résolution … par 109 voix contre 45, avec 16 abstentions (voir par. 11, projet de
    /// résolution I)."; "(a) The second preambular paragraph was retained by a recorded vote of
    /// 103 to 53, with 8 abstentions."; "… the Committee adopted draft resolution A/C.1/77/L.73
    /// by a recorded vote of 157 to 6, with 14 abstentions (see para. 11, draft resolution
    /// II)". Returns the draft's numeral in the recommendation, if printed.
    pub(super) fn recorded_vote(
        &mut self,
        block: &Block,
        plain: &str,
        para: ParaRef,
        meeting: Option<(u32, Option<Date>)>,
    ) -> Result<Option<(Option<String>, RecordedVote)>, ExtractError> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"vote enregistré, (?P<body>la Commission|l'Assemblée générale) a adopté le projet de résolution \S+ par (?P<yes>\d+) voix contre (?P<no>\d+), avec (?P<abstain>\d+) abstentions?(?: \(voir par\. \d+, projet de résolution (?P<numeral>[IVX]+)\))?").unwrap()
        });
        static EN: LazyLock<[Regex; 3]> = LazyLock::new(|| {
            let tail = r"(?P<yes>\d+) to (?P<no>\d+), with (?P<abstain>\d+) abstentions?";
            let see = r"(?: \(see para\. \d+, draft resolution (?P<numeral>[IVX]+)\))?";
            [
                // "By a recorded vote of 109 to 45, with 16 abstentions, the Committee adopted
                // draft resolution …"
                Regex::new(&format!(r"recorded vote of {tail}, (?P<body>the Committee|the General Assembly) adopted draft resolution \S+{see}")).unwrap(),
                // "the Committee adopted draft resolution A/C.1/77/L.73 by a recorded vote of …"
                Regex::new(&format!(r"(?P<body>the Committee|the General Assembly) adopted draft resolution \S+ by a recorded vote of {tail}{see}")).unwrap(),
                // "The second preambular paragraph was retained by a recorded vote of …",
                // "Draft resolution …, as a whole, was adopted by a recorded vote of …"
                Regex::new(&format!(r"(?i:the (?P<ordinal>[a-z-]+) (?P<part>preambular|operative) paragraph|draft resolution \S+, as a whole,) was (?:adopted|retained|deleted|rejected) by a recorded vote of {tail}{see}")).unwrap(),
            ]
        });
        let c = match self.lang {
            Lang::Fr => FR.captures(plain),
            Lang::En => EN.iter().find_map(|re| re.captures(plain)),
        };
        let Some(c) = c else {
            return Ok(None);
        };
        let body = match c.name("body").map(|m| m.as_str()) {
            Some("l'Assemblée générale" | "the General Assembly") => VotingBody::Plenary,
            _ => VotingBody::FirstCommittee,
        };
        let count = |name: &str| c[name].parse().unwrap_or(0);
        let numeral = c.name("numeral").map(|m| m.as_str().to_owned());
        let mut vote = RecordedVote::new(body, para);
        if let (Some(ordinal), Some(part)) = (c.name("ordinal"), c.name("part")) {
            let Some(number) = self.lang.ordinal(ordinal.as_str()) else {
                return Err(ExtractError::new(
                    block.line,
                    ErrorKind::BadValue,
                    format!(
                        "expected an ordinal number (\"second\", \"fourth\") before \"{} paragraph\", found \"{}\"",
                        part.as_str(),
                        ordinal.as_str()
                    ),
                ));
            };
            vote.subject = VoteSubject::Paragraph {
                preambular: part.as_str().eq_ignore_ascii_case("preambular"),
                number,
            };
        }
        vote.meeting = meeting.map(|m| m.0);
        vote.date = meeting.and_then(|m| m.1);
        vote.printed_yes = count("yes");
        vote.printed_no = count("no");
        vote.printed_abstain = count("abstain");
        // Later statements of intended votes, in the footnotes this paragraph points at.
        for n in markers(&block.text) {
            let Some(note) = self.footnote(n, block.line).cloned() else {
                self.warn(block.line, format!("footnote marker {n} has no footnote"));
                continue;
            };
            let note_para = self.push_para(
                "",
                &Block::other(
                    format!("footnote{n}-line{}", note.line),
                    note.line,
                    note.text.clone(),
                ),
            );
            for (state, printed, option) in self.intentions(&note.text, note.line)? {
                vote.intended.push(IntendedVote {
                    state,
                    printed,
                    option,
                    para: note_para,
                });
            }
        }
        Ok(Some((numeral, vote)))
    }

    /// "la délégation de la République démocratique du Congo a indiqué … qu'elle avait eu
    /// l'intention de voter pour et les délégations du Mozambique et du Pakistan ont indiqué
    /// qu'elles avaient eu l'intention de s'abstenir."; "The delegation of Chad subsequently
    /// indicated that it had intended to vote in favour."
    pub(super) fn intentions(
        &mut self,
        text: &str,
        line: usize,
    ) -> Result<Vec<(String, String, VoteOption)>, ExtractError> {
        static FR: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"délégations? (.+?) (?:a|ont) indiqué .*?intention (de voter pour|de voter contre|de s'abstenir)").unwrap()
        });
        static EN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"delegations? of (.+?) (?:subsequently )?(?:advised|indicated|informed) .*?intended to (vote in favour|vote against|abstain)").unwrap()
        });
        let re = match self.lang {
            Lang::Fr => &*FR,
            Lang::En => &*EN,
        };
        let text = text.replace('’', "'");
        let mut out = Vec::new();
        // "… la délégation de X a indiqué … et les délégations de Y et de Z ont indiqué …":
        // one clause per delegation statement, each keeping its own "délégation(s)" word.
        let (separator, word) = match self.lang {
            Lang::Fr => (" et les délégations", "délégations"),
            Lang::En => ("; the delegation", "delegation"),
        };
        for (i, clause) in text.split(separator).enumerate() {
            let clause = if i > 0 {
                format!("{word}{clause}")
            } else {
                clause.to_owned()
            };
            let Some(c) = re.captures(&clause) else {
                continue;
            };
            let option = match &c[2] {
                "de voter pour" | "vote in favour" => VoteOption::Yes,
                "de voter contre" | "vote against" => VoteOption::No,
                _ => VoteOption::Abstain,
            };
            for named in self.state_list(&c[1], line, "a statement of an intended vote")? {
                if let Named::State(state, printed) = named {
                    out.push((state, printed, option));
                }
            }
        }
        if out.is_empty() {
            self.warn(
                line,
                "a footnote of a vote paragraph states no intended vote that could be read",
            );
        }
        Ok(out)
    }
}
