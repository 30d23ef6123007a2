//! The State table: every name the sources use, in any of the six languages, any case and
//! any spelling we have seen, resolves to one State keyed by its ISO 3166-1 alpha-3 code.
//!
//! The table is `data/states/states.tsv`, derived from the OCHA Countries & Territories
//! Taxonomy by `data/states/derive_states.py`, plus `data/states/aliases.tsv`, the historical
//! and variant names the sources print, each with the document it was seen in. Both are
//! compiled into the binary, so `build` on any folder resolves names the same way.
//!
//! Resolution never invents a State: an unknown name is an error that lists the nearest
//! known names.

use std::collections::HashMap;
use std::sync::OnceLock;

const STATES_TSV: &str = include_str!("../../data/states/states.tsv");
const ALIASES_TSV: &str = include_str!("../../data/states/aliases.tsv");

/// The texts of the two tables, for hashing: a change in either rebuilds the reference graph.
pub fn sources() -> [(&'static str, &'static str); 2] {
    [("states.tsv", STATES_TSV), ("aliases.tsv", ALIASES_TSV)]
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub iso3: String,
    pub iso2: String,
    pub m49: String,
    pub un_member: bool,
    /// UN short names in the order of [`LANGUAGES`](super::languages::LANGUAGES).
    pub short_names: [String; 6],
    /// The year the State was admitted to the United Nations (Member States only).
    pub admission_year: Option<u16>,
}

impl State {
    pub fn english_name(&self) -> &str {
        &self.short_names[0]
    }
}

/// A historical or variant name and where it was seen.
#[derive(Debug, Clone)]
pub struct Alias {
    pub iso3: String,
    pub name: String,
    pub lang: String,
    pub source: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown State name \"{name}\" (nearest known names: {})", nearest.join(", "))]
pub struct UnknownState {
    pub name: String,
    pub nearest: Vec<String>,
}

pub struct StateTable {
    states: Vec<State>,
    aliases: Vec<Alias>,
    by_key: HashMap<String, usize>,
    /// Spellings without spaces, hyphens or apostrophes; None where two States share one.
    by_compact: HashMap<String, Option<usize>>,
    /// Every known spelling, for "did you mean".
    spellings: Vec<(String, String)>,
}

impl StateTable {
    /// The table compiled into the binary.
    pub fn bundled() -> &'static StateTable {
        static TABLE: OnceLock<StateTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            StateTable::from_tsv(STATES_TSV, ALIASES_TSV).expect("bundled State table is valid")
        })
    }

    pub fn from_tsv(states_tsv: &str, aliases_tsv: &str) -> Result<Self, String> {
        let mut table = StateTable {
            states: Vec::new(),
            aliases: Vec::new(),
            by_key: HashMap::new(),
            by_compact: HashMap::new(),
            spellings: Vec::new(),
        };
        for (i, line) in states_tsv.lines().enumerate().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 13 {
                return Err(format!(
                    "states.tsv line {}: expected 13 columns, found {}",
                    i + 1,
                    cols.len()
                ));
            }
            let state = State {
                iso3: cols[0].to_owned(),
                iso2: cols[1].to_owned(),
                m49: cols[2].to_owned(),
                un_member: cols[3] == "true",
                short_names: std::array::from_fn(|k| cols[4 + k].to_owned()),
                admission_year: match cols[12] {
                    "" => None,
                    y => Some(y.parse().map_err(|_| {
                        format!("states.tsv line {}: year of admission \"{y}\"", i + 1)
                    })?),
                },
            };
            let index = table.states.len();
            let mut names: Vec<&str> = state.short_names.iter().map(String::as_str).collect();
            names.push(cols[10]);
            names.extend(cols[11].split('|'));
            names.push(cols[0]);
            for name in names.into_iter().filter(|n| !n.is_empty()) {
                table.add_name(name, index)?;
            }
            table.states.push(state);
        }
        for (i, line) in aliases_tsv.lines().enumerate() {
            if i == 0 || line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 4 {
                return Err(format!("aliases.tsv line {}: expected 4 columns", i + 1));
            }
            let index = table
                .states
                .iter()
                .position(|s| s.iso3 == cols[0])
                .ok_or_else(|| format!("aliases.tsv line {}: unknown code {}", i + 1, cols[0]))?;
            table.add_name(cols[1], index)?;
            table.aliases.push(Alias {
                iso3: cols[0].to_owned(),
                name: cols[1].to_owned(),
                lang: cols[2].to_owned(),
                source: cols[3].to_owned(),
            });
        }
        Ok(table)
    }

    fn add_name(&mut self, name: &str, index: usize) -> Result<(), String> {
        let key = name_key(name);
        if let Some(&other) = self.by_key.get(&key) {
            if other != index {
                return Err(format!(
                    "the name \"{name}\" would name both {} and {}",
                    self.states[other].iso3, self.states[index].iso3
                ));
            }
            return Ok(());
        }
        self.by_key.insert(key.clone(), index);
        self.by_compact
            .entry(compact_key(&key))
            .and_modify(|i| {
                if *i != Some(index) {
                    *i = None;
                }
            })
            .or_insert(Some(index));
        self.spellings.push((key, name.to_owned()));
        Ok(())
    }

    pub fn states(&self) -> &[State] {
        &self.states
    }

    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    pub fn by_code(&self, iso3: &str) -> Option<&State> {
        self.states
            .iter()
            .find(|s| s.iso3.eq_ignore_ascii_case(iso3))
    }

    /// Resolves a name as printed. Leading articles ("la", "le", "les", "l'", "the", and
    /// the "du", "de la", "des" of "la délégation du Mozambique") are tried off when the
    /// name as printed is not known.
    ///
    /// ```
    /// use normgraph::reference::states::StateTable;
    /// let states = StateTable::bundled();
    /// assert_eq!(states.resolve("Tchèque").unwrap().iso3, "CZE");
    /// assert_eq!(states.resolve("du Mozambique").unwrap().iso3, "MOZ");
    /// assert_eq!(states.resolve("Bolivarian Republic of Venezuela").unwrap().iso3, "VEN");
    /// assert!(states.resolve("Atlantis").is_err());
    /// ```
    pub fn resolve(&self, printed: &str) -> Result<&State, UnknownState> {
        self.lookup(printed).ok_or_else(|| UnknownState {
            // A "name" that runs on for a page is quoted by its start.
            name: match printed.trim().char_indices().nth(120) {
                Some((cut, _)) => format!("{}…", &printed.trim()[..cut]),
                None => printed.trim().to_owned(),
            },
            nearest: self.nearest(&name_key(printed), 3),
        })
    }

    /// [`resolve`](Self::resolve) without the nearest names on failure: cheap enough to try
    /// many candidate readings of a list.
    pub fn lookup(&self, printed: &str) -> Option<&State> {
        let key = name_key(printed);
        if let Some(&i) = self.by_key.get(&key) {
            return Some(&self.states[i]);
        }
        for article in [
            "the ", "la ", "le ", "les ", "l'", "du ", "de la ", "de l'", "des ", "de ", "d'",
        ] {
            if let Some(rest) = key.strip_prefix(article) {
                if let Some(&i) = self.by_key.get(rest) {
                    return Some(&self.states[i]);
                }
            }
        }
        // A formal name our table gives with its article ("the Bolivarian Republic of
        // Venezuela"), printed without it in a list ("…, Vanuatu, Bolivarian Republic of
        // Venezuela, Yemen" in 77/8).
        if let Some(&i) = self.by_key.get(&format!("the {key}")) {
            return Some(&self.states[i]);
        }
        // The same letters with a stray space, hyphen or apostrophe ("Canad a", "TimorLeste",
        // "Democratic Peoples Republic of Korea"): one State, no guess between two.
        if let Some(Some(i)) = self.by_compact.get(&compact_key(&key)) {
            return Some(&self.states[*i]);
        }
        None
    }

    /// A name printed with Turkish letters mis-encoded (text in Windows-1254 read as
    /// Windows-1252: "TÜRKÝYE" for "TÜRKİYE"), and the name as it was meant, when that one
    /// denotes a State. Only the six letters where the two code pages differ are undone.
    pub fn lookup_misencoded(&self, printed: &str) -> Option<(&State, String)> {
        const CP1254_AS_CP1252: [(char, char); 6] = [
            ('Ý', 'İ'),
            ('ý', 'ı'),
            ('Þ', 'Ş'),
            ('þ', 'ş'),
            ('Ð', 'Ğ'),
            ('ð', 'ğ'),
        ];
        if !printed
            .chars()
            .any(|c| CP1254_AS_CP1252.iter().any(|(bad, _)| *bad == c))
        {
            return None;
        }
        let repaired: String = printed
            .chars()
            .map(|c| {
                CP1254_AS_CP1252
                    .iter()
                    .find(|(bad, _)| *bad == c)
                    .map_or(c, |(_, good)| *good)
            })
            .collect();
        self.lookup(&repaired).map(|s| (s, repaired))
    }

    fn nearest(&self, key: &str, n: usize) -> Vec<String> {
        // Names that begin with what was printed ("United Kingdom" → "United Kingdom of Great
        // Britain…") come first, then the closest by edit distance. No State's name is longer
        // than 80 characters: a longer "name" is compared by its start only (the edit distance
        // of a page of text to 600 names would take seconds).
        let key = match key.char_indices().nth(80) {
            Some((cut, _)) => &key[..cut],
            None => key,
        };
        let mut scored: Vec<(usize, &str)> = self
            .spellings
            .iter()
            .map(|(k, name)| {
                let score = if k.starts_with(key) && !key.is_empty() {
                    0
                } else {
                    1 + levenshtein(key, k)
                };
                (score, name.as_str())
            })
            .collect();
        scored.sort();
        scored
            .into_iter()
            .take(n)
            .map(|(_, s)| s.to_owned())
            .collect()
    }
}

/// The key under which names are compared: no accents, lower case, one kind of apostrophe,
/// single spaces, no space before a hyphen ("Open -ended").
pub fn name_key(name: &str) -> String {
    // One pass, a character at a time (every extractor asks this of every paragraph): each
    // character's compatibility decomposition (NFKD's, whose canonical reordering only moves
    // combining marks, and those are dropped), ASCII as it is.
    let mut key = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_ascii() {
            fold_into(&mut key, &mut space, c);
        } else {
            unicode_normalization::char::decompose_compatible(c, |d| {
                fold_into(&mut key, &mut space, d)
            });
        }
    }
    for (from, to) in [(" -", "-"), ("- ", "-"), ("' ", "'")] {
        if key.contains(from) {
            key = key.replace(from, to);
        }
    }
    key
}

/// One decomposed character into a name key: no combining mark, one kind of apostrophe and of
/// hyphen, lower case, a run of white space as one space between words (`space` says one is
/// due before the next character).
fn fold_into(key: &mut String, space: &mut bool, c: char) {
    if unicode_normalization::char::is_combining_mark(c) {
        return;
    }
    let c = match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
        c => c,
    };
    if c.is_whitespace() {
        *space = !key.is_empty();
        return;
    }
    if std::mem::take(space) {
        key.push(' ');
    }
    if c.is_ascii() {
        key.push(c.to_ascii_lowercase());
    } else {
        key.extend(c.to_lowercase());
    }
}

/// A name key without spaces, hyphens, apostrophes and parentheses.
fn compact_key(key: &str) -> String {
    key.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The edit distance between two texts, in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> &'static StateTable {
        StateTable::bundled()
    }

    /// Decomposing a character at a time gives NFKD but for its canonical reordering, which
    /// moves only the characters of a non-zero combining class: all of them are marks, which
    /// the key drops. (`tests/extract.rs` holds the key to its NFKD version on every line of
    /// `data/` and of the shared corpus.)
    #[test]
    fn every_character_that_nfkd_reorders_is_a_mark_the_key_drops() {
        use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
        let reordered: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| canonical_combining_class(c) != 0 && !is_combining_mark(c))
            .collect();
        assert!(reordered.is_empty(), "{reordered:?}");
    }

    #[test]
    fn the_table_has_the_193_member_states() {
        assert_eq!(t().states().iter().filter(|s| s.un_member).count(), 193);
    }

    #[test]
    fn names_resolve_in_every_language_case_and_spelling() {
        for (name, code) in [
            ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "GBR"),
            (
                "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND",
                "GBR",
            ),
            ("Tchéquie", "CZE"),
            ("Tchèque", "CZE"),
            ("ex-République yougoslave de Macédoine", "MKD"),
            ("the Comoros", "COM"),
            ("Côte d’Ivoire", "CIV"),
            ("le Kirghizistan", "KGZ"),
            ("Российская Федерация", "RUS"),
            ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "PRK"),
            ("Turquie", "TUR"),
            ("Canad a", "CAN"),
            ("TimorLeste", "TLS"),
            ("Democratic Peoples Republic of Korea", "PRK"),
        ] {
            assert_eq!(
                t().resolve(name).map(|s| s.iso3.as_str()),
                Ok(code),
                "{name}"
            );
        }
    }

    #[test]
    fn an_unknown_name_is_an_error_with_the_nearest_names() {
        let err = t().resolve("Republique de Moldavie").unwrap_err();
        assert_eq!(err.name, "Republique de Moldavie");
        assert!(err.nearest.iter().any(|n| n.contains("Moldova")), "{err}");
    }
}
