//! The six official languages of the United Nations: the one list, in the order of the State
//! table's columns, with the codes the sources write them by (BCP 47 in our graph and on the
//! command line, ISO 639-2 in the UN's XML) and the folder the UN's repository keeps each in.

/// One official language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// The BCP 47 tag our graph writes ("fr").
    pub code: &'static str,
    /// The other codes a source may give it by (the ISO 639-2 codes of AKN: "fra", "fre").
    pub aliases: &'static [&'static str],
    /// Its folder in the UN's repository of resolutions ("French").
    pub folder: &'static str,
}

/// The six languages, in the order of the columns of `data/states/states.tsv`.
pub const LANGUAGES: [Language; 6] = [
    Language {
        code: "en",
        aliases: &["eng"],
        folder: "English",
    },
    Language {
        code: "fr",
        aliases: &["fra", "fre"],
        folder: "French",
    },
    Language {
        code: "es",
        aliases: &["spa"],
        folder: "Spanish",
    },
    Language {
        code: "ru",
        aliases: &["rus"],
        folder: "Russian",
    },
    Language {
        code: "zh",
        aliases: &["zho", "chi"],
        folder: "Chinese",
    },
    Language {
        code: "ar",
        aliases: &["ara"],
        folder: "Arabic",
    },
];

/// The language a source or a user names by any of its codes.
pub fn by_code(code: &str) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .find(|l| l.code == code || l.aliases.contains(&code))
}

/// The BCP 47 tags of the six, in order ("en", "fr", ...).
pub fn codes() -> [&'static str; 6] {
    LANGUAGES.map(|l| l.code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_code_names_one_language() {
        assert_eq!(super::by_code("fre").map(|l| l.code), Some("fr"));
        assert_eq!(super::by_code("zh").map(|l| l.folder), Some("Chinese"));
        assert_eq!(super::by_code("xx"), None);
        assert_eq!(super::codes(), ["en", "fr", "es", "ru", "zh", "ar"]);
    }
}
