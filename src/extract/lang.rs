//! The words of the two languages our text sources come in: months, ordinal session numbers,
//! the verbs that open paragraphs, the headings of vote lists. Everything language-specific
//! the extractor knows is here, so that a third language is one more table.

use crate::records::VoteOption;
use crate::reference::states::name_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Guesses the language of a UN text from words every UN document carries.
    pub fn detect(text: &str) -> Option<Lang> {
        if text.contains("Assemblée générale") {
            Some(Lang::Fr)
        } else if text.contains("General Assembly") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Month number of a month name in this language (case and accents ignored).
    pub fn month(self, word: &str) -> Option<u32> {
        let key = name_key(word);
        let names: [&str; 12] = match self {
            Lang::Fr => [
                "janvier",
                "fevrier",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "aout",
                "septembre",
                "octobre",
                "novembre",
                "decembre",
            ],
            Lang::En => [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ],
        };
        names.iter().position(|m| *m == key).map(|i| i as u32 + 1)
    }

    /// The regex alternation of this language's month names, accents included.
    pub fn month_pattern(self) -> &'static str {
        match self {
            Lang::Fr => "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
            Lang::En => "January|February|March|April|May|June|July|August|September|October|November|December",
        }
    }

    /// "soixante-quinzième", "Seventy-fifth", "eightieth", "quatre-vingtième" → 75, 75, 80, 80.
    pub fn ordinal(self, word: &str) -> Option<u32> {
        let key = name_key(word).replace(' ', "-");
        match self {
            Lang::Fr => french_ordinal(&key),
            Lang::En => english_ordinal(&key),
        }
    }

    /// The regex of an ordinal session word in this language.
    pub fn ordinal_pattern(self) -> &'static str {
        match self {
            Lang::Fr => r"[a-zà-ÿ]+(?:[\- ]+[a-zà-ÿ]+)*ième",
            Lang::En => r"[a-z]+(?:-[a-z]+)?(?:th|st|nd|rd)",
        }
    }

    /// Does this word open a preambular paragraph ("Rappelant", "Recalling", "Consciente")?
    pub fn is_preamble_opener(self, first_words: &str) -> bool {
        let first = first_words.split_whitespace().next().unwrap_or("");
        if !first.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        let w = name_key(first.trim_end_matches(','));
        match self {
            Lang::Fr => {
                w.ends_with("ant")
                    || [
                        "se",
                        "consciente",
                        "convaincue",
                        "preoccupee",
                        "profondement",
                        "vivement",
                        "resolue",
                        "sachant",
                        "ayant",
                        "tenant",
                        "prenant",
                        "guidee",
                        "s'inspirant",
                    ]
                    .contains(&w.as_str())
            }
            Lang::En => {
                w.ends_with("ing")
                    || [
                        "aware",
                        "convinced",
                        "mindful",
                        "deeply",
                        "conscious",
                        "concerned",
                        "alarmed",
                        "determined",
                        "cognizant",
                        "gravely",
                        "guided",
                        "encouraged",
                        "desirous",
                        "also",
                        "further",
                    ]
                    .contains(&w.as_str())
            }
        }
    }

    /// The line that opens the body of a resolution.
    pub fn is_assembly_opening(self, line: &str) -> bool {
        let k = name_key(line);
        match self {
            Lang::Fr => k == "l'assemblee generale,",
            Lang::En => k == "the general assembly,",
        }
    }

    /// The heading of a vote list and the option it announces.
    pub fn vote_heading(self, line: &str) -> Option<VoteOption> {
        let k = name_key(line);
        let k = k.trim_end_matches([' ', ':']);
        match (self, k) {
            (Lang::Fr, "ont vote pour") | (Lang::En, "in favour") => Some(VoteOption::Yes),
            (Lang::Fr, "ont vote contre") | (Lang::En, "against") => Some(VoteOption::No),
            (Lang::Fr, "se sont abstenus")
            | (Lang::En, "abstaining")
            | (Lang::En, "abstentions") => Some(VoteOption::Abstain),
            _ => None,
        }
    }

    /// Conjunction that closes a list ("et", "and").
    pub fn and(self) -> &'static str {
        match self {
            Lang::Fr => "et",
            Lang::En => "and",
        }
    }
}

fn french_ordinal(key: &str) -> Option<u32> {
    let stem = key.strip_suffix("ieme")?;
    let units = [
        ("premier", 1),
        ("un", 1),
        ("deux", 2),
        ("trois", 3),
        ("quatr", 4),
        ("cinqu", 5),
        ("six", 6),
        ("sept", 7),
        ("huit", 8),
        ("neuv", 9),
        ("dix", 10),
        ("onz", 11),
        ("douz", 12),
        ("treiz", 13),
        ("quatorz", 14),
        ("quinz", 15),
        ("seiz", 16),
    ];
    let tens = [
        ("quatre-vingt", 80),
        ("soixante", 60),
        ("cinquante", 50),
        ("quarante", 40),
        ("trente", 30),
        ("vingt", 20),
        ("dix", 10),
    ];
    let parts: Vec<&str> = stem
        .split('-')
        .filter(|p| !p.is_empty() && *p != "et")
        .collect();
    let joined = parts.join("-");
    // Try "tens-unit" splits, longest tens first.
    for (t, tv) in tens {
        if joined == t.trim_end_matches('t') || joined == t {
            return Some(tv);
        }
        if let Some(rest) = joined.strip_prefix(t) {
            let rest = rest.trim_start_matches('-');
            if rest.is_empty() {
                return Some(tv);
            }
            if let Some(v) = french_unit(rest, &units) {
                return Some(tv + v);
            }
        }
    }
    // "quatre-vingtième" drops the final t before -ième in some spellings.
    if joined == "quatre-ving" {
        return Some(80);
    }
    french_unit(&joined, &units)
}

fn french_unit(s: &str, units: &[(&str, u32)]) -> Option<u32> {
    if let Some(rest) = s.strip_prefix("dix-") {
        return french_unit(rest, units).map(|v| v + 10);
    }
    units.iter().find(|(u, _)| *u == s).map(|(_, v)| *v)
}

fn english_ordinal(key: &str) -> Option<u32> {
    let (tens_word, unit_word) = match key.split_once('-') {
        Some((t, u)) => (Some(t), u),
        None => (None, key),
    };
    let units = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
    ];
    let tens = [
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    let tens_ordinal = [
        ("twentieth", 20),
        ("thirtieth", 30),
        ("fortieth", 40),
        ("fiftieth", 50),
        ("sixtieth", 60),
        ("seventieth", 70),
        ("eightieth", 80),
        ("ninetieth", 90),
    ];
    match tens_word {
        Some(t) => {
            let tv = tens.iter().find(|(w, _)| *w == t)?.1;
            let uv = units
                .iter()
                .find(|(w, _)| *w == unit_word)
                .filter(|(_, v)| *v < 10)?
                .1;
            Some(tv + uv)
        }
        None => units
            .iter()
            .chain(tens_ordinal.iter())
            .find(|(w, _)| *w == unit_word)
            .map(|(_, v)| *v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        for (w, n) in [
            ("soixante-quinzième", 75),
            ("Soixante-treizième", 73),
            ("soixante-quatorzième", 74),
            ("soixante-seizième", 76),
            ("quatre-vingtième", 80),
            ("soixante-dix-septième", 77),
        ] {
            assert_eq!(Lang::Fr.ordinal(w), Some(n), "{w}");
        }
        for (w, n) in [
            ("seventy-fifth", 75),
            ("Seventy-sixth", 76),
            ("eightieth", 80),
            ("seventy-eighth", 78),
        ] {
            assert_eq!(Lang::En.ordinal(w), Some(n), "{w}");
        }
        assert_eq!(Lang::En.ordinal("session"), None);
    }

    #[test]
    fn months() {
        assert_eq!(Lang::Fr.month("décembre"), Some(12));
        assert_eq!(Lang::Fr.month("Août"), Some(8));
        assert_eq!(Lang::En.month("December"), Some(12));
    }

    #[test]
    fn preamble_openers() {
        assert!(Lang::Fr.is_preamble_opener("Rappelant ses résolutions"));
        assert!(Lang::Fr.is_preamble_opener("Se déclarant préoccupée"));
        assert!(!Lang::Fr.is_preamble_opener("République démocratique"));
        assert!(Lang::En.is_preamble_opener("Recalling its resolutions"));
        assert!(!Lang::En.is_preamble_opener("the latest information"));
    }
}
