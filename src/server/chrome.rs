//! The chrome of every page: the frame around it (navigation, search box, alternates) and its
//! words in the reader's language.
//!
//! The words are keyed by their English text, as gettext does: [`Chrome::t`] looks the English
//! up in [`WORDS`] and gives the reader's language, or the English when that language has no
//! entry. English and French are filled in; a column for each other official language of the
//! United Nations is there to fill, and until it is, those readers get English chrome around
//! labels and titles in their own language (the graph's literals carry their language: a value
//! is marked `lang` wherever it is shown).

use super::html::escape;

/// The languages the chrome knows, in the order of [`WORDS`]'s columns after English.
pub const LANGUAGES: [&str; 6] = ["en", "fr", "es", "ru", "zh", "ar"];

/// The chrome's words: the English, then French, Spanish, Russian, Chinese and Arabic (an
/// empty entry falls back to the English).
const WORDS: &[(&str, [&str; 5])] = &[
    ("Documents", ["Documents", "", "", "", ""]),
    ("States", ["États", "", "", "", ""]),
    ("Norms", ["Normes", "", "", "", ""]),
    ("Bodies", ["Organes", "", "", "", ""]),
    ("Canned queries", ["Requêtes prêtes", "", "", "", ""]),
    ("SPARQL endpoint", ["Point d’accès SPARQL", "", "", "", ""]),
    ("SPARQL editor", ["Éditeur SPARQL", "", "", "", ""]),
    ("Search", ["Rechercher", "", "", "", ""]),
    (
        "Search the graph",
        ["Rechercher dans le graphe", "", "", "", ""],
    ),
    (
        "A symbol, a State, a norm, a body",
        ["Une cote, un État, une norme, un organe", "", "", "", ""],
    ),
    ("Adopted", ["Adoptée", "", "", "", ""]),
    ("Distributed", ["Distribuée", "", "", "", ""]),
    ("Introduced", ["Présenté", "", "", "", ""]),
    ("Session", ["Session", "", "", "", ""]),
    ("Agenda item", ["Point de l’ordre du jour", "", "", "", ""]),
    ("Meeting", ["Séance", "", "", "", ""]),
    ("plenary meeting", ["séance plénière", "", "", "", ""]),
    (
        "Adopted on the report",
        ["Adoptée sur le rapport", "", "", "", ""],
    ),
    (
        "Carried by the report",
        ["Rapport de la Commission", "", "", "", ""],
    ),
    ("Its draft", ["Son projet", "", "", "", ""]),
    (
        "Became resolution",
        ["Devenu la résolution", "", "", "", ""],
    ),
    (
        "The document on undocs.org",
        ["Le document sur undocs.org", "", "", "", ""],
    ),
    ("Votes", ["Votes", "", "", "", ""]),
    (
        "No recorded vote.",
        ["Aucun vote enregistré.", "", "", "", ""],
    ),
    (
        "Adopted without a vote",
        ["Adopté sans vote", "", "", "", ""],
    ),
    ("First Committee", ["Première Commission", "", "", "", ""]),
    ("Plenary", ["Séance plénière", "", "", "", ""]),
    (
        "Plenary vote on",
        ["Vote en séance plénière sur", "", "", "", ""],
    ),
    (
        "First Committee vote on",
        ["Vote de la Première Commission sur", "", "", "", ""],
    ),
    (
        "on preambular paragraph",
        ["sur l’alinéa du préambule", "", "", "", ""],
    ),
    (
        "on operative paragraph",
        ["sur le paragraphe du dispositif", "", "", "", ""],
    ),
    ("Yes", ["Pour", "", "", "", ""]),
    ("No", ["Contre", "", "", "", ""]),
    ("Abstain", ["Abstention", "", "", "", ""]),
    ("Absent", ["Absent", "", "", "", ""]),
    (
        "Absent (Member States that cast none of the three)",
        [
            "Absents (États Membres qui n’ont émis aucun des trois votes)",
            "",
            "",
            "",
            "",
        ],
    ),
    ("as printed", ["tel qu’imprimé", "", "", "", ""]),
    (
        "counted from the lists",
        ["compté sur les listes", "", "", "", ""],
    ),
    ("The whole vote", ["Le vote en entier", "", "", "", ""]),
    (
        "Later said it had intended",
        ["A déclaré ensuite avoir voulu", "", "", "", ""],
    ),
    (
        "Stated intentions",
        ["Intentions déclarées", "", "", "", ""],
    ),
    ("Sponsors", ["Auteurs", "", "", "", ""]),
    ("original sponsors", ["auteurs d’origine", "", "", "", ""]),
    (
        "joined later",
        ["se sont portés coauteurs ensuite", "", "", "", ""],
    ),
    ("introduced by", ["présenté par", "", "", "", ""]),
    (
        "No sponsor recorded.",
        ["Aucun auteur enregistré.", "", "", "", ""],
    ),
    ("What it cites", ["Ce qu’elle cite", "", "", "", ""]),
    ("What cites it", ["Ce qui la cite", "", "", "", ""]),
    ("Document", ["Document", "", "", "", ""]),
    ("Verb", ["Verbe", "", "", "", ""]),
    ("Date", ["Date", "", "", "", ""]),
    ("Paragraph", ["Paragraphe", "", "", "", ""]),
    ("footnote", ["note", "", "", "", ""]),
    (
        "Bodies it set up or names",
        ["Organes qu’elle crée ou nomme", "", "", "", ""],
    ),
    (
        "Norms it affirms or welcomes",
        ["Normes qu’elle affirme ou accueille", "", "", "", ""],
    ),
    ("In the sources", ["Dans les sources", "", "", "", ""]),
    (
        "Facts, for linked-data readers",
        [
            "Les faits, pour les lecteurs de données liées",
            "",
            "",
            "",
            "",
        ],
    ),
    ("Referred to by", ["Cité par", "", "", "", ""]),
    ("show all", ["tout afficher", "", "", "", ""]),
    ("Next", ["Suivant", "", "", "", ""]),
    ("Previous", ["Précédent", "", "", "", ""]),
    (
        "Its citation chain and its sponsors, in pictures",
        [
            "Sa chaîne de citations et ses auteurs, en images",
            "",
            "",
            "",
            "",
        ],
    ),
    ("This data as", ["Ces données en", "", "", "", ""]),
    ("Result", ["Résultat", "", "", "", ""]),
    ("Vote", ["Vote", "", "", "", ""]),
    ("Its votes", ["Ses votes", "", "", "", ""]),
    ("Its vote", ["Son vote", "", "", "", ""]),
    ("Its sponsorships", ["Ses parrainages", "", "", "", ""]),
    (
        "Votes most with",
        ["Vote le plus souvent comme", "", "", "", ""],
    ),
    (
        "Votes least with",
        ["Vote le moins souvent comme", "", "", "", ""],
    ),
    ("votes in common", ["votes en commun", "", "", "", ""]),
    (
        "and as often, States not listed:",
        ["et aussi souvent, États non cités :", "", "", "", ""],
    ),
    ("agreement", ["accord", "", "", "", ""]),
    (
        "Member of the United Nations since",
        [
            "Membre de l’Organisation des Nations Unies depuis",
            "",
            "",
            "",
            "",
        ],
    ),
    ("Names", ["Noms", "", "", "", ""]),
    ("Role", ["Rôle", "", "", "", ""]),
    ("original", ["d’origine", "", "", "", ""]),
    ("joined", ["coauteur ensuite", "", "", "", ""]),
    ("introducer", ["a présenté le projet", "", "", "", ""]),
    ("Text", ["Texte", "", "", "", ""]),
    (
        "Its root in the 2015 report (A/70/174)",
        [
            "Sa source dans le rapport de 2015 (A/70/174)",
            "",
            "",
            "",
            "",
        ],
    ),
    ("Welcomed by", ["Accueillie par", "", "", "", ""]),
    (
        "Texts that affirm the norms",
        ["Textes qui affirment les normes", "", "", "", ""],
    ),
    (
        "How the root was mapped",
        ["Comment la source a été établie", "", "", "", ""],
    ),
    ("Set up by", ["Créé par", "", "", "", ""]),
    (
        "Mandated or proposed by",
        ["Mandaté ou proposé par", "", "", "", ""],
    ),
    ("Term", ["Mandat", "", "", "", ""]),
    (
        "Reports to session",
        ["Fait rapport à la session", "", "", "", ""],
    ),
    ("Its reports", ["Ses rapports", "", "", "", ""]),
    ("Mandate", ["Mandat", "", "", "", ""]),
    ("Kind", ["Type", "", "", "", ""]),
    (
        "The line, year by year",
        ["La filière, année par année", "", "", "", ""],
    ),
    ("Other documents", ["Autres documents", "", "", "", ""]),
    (
        "Every State of the graph",
        ["Tous les États du graphe", "", "", "", ""],
    ),
    (
        "The norms of responsible State behaviour",
        [
            "Les normes de comportement responsable des États",
            "",
            "",
            "",
            "",
        ],
    ),
    (
        "The bodies of the line",
        ["Les organes de la filière", "", "", "", ""],
    ),
    ("Nothing found for", ["Rien trouvé pour", "", "", "", ""]),
    ("Found", ["Trouvé", "", "", "", ""]),
    ("Not found", ["Introuvable", "", "", "", ""]),
    ("Nearest", ["Les plus proches", "", "", "", ""]),
    (
        "Back to the home page",
        ["Retour à l’accueil", "", "", "", ""],
    ),
    ("resolution", ["résolution", "", "", "", ""]),
    ("draft", ["projet", "", "", "", ""]),
    ("report", ["rapport", "", "", "", ""]),
    ("State", ["État", "", "", "", ""]),
    ("norm", ["norme", "", "", "", ""]),
    ("body", ["organe", "", "", "", ""]),
    ("document", ["document", "", "", "", ""]),
];

/// The months, for dates as people read them.
const MONTHS: [[&str; 12]; 2] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
];

/// The reader's language for the chrome, and their languages in order for the graph's labels.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The chrome's language: one of [`LANGUAGES`].
    pub lang: &'static str,
    /// The reader's languages, best first, for labels and titles.
    pub languages: Vec<String>,
}

impl Chrome {
    /// From the reader's languages (the Accept-Language header's, best first; `?lang=` first of
    /// all): the first the chrome knows, else English.
    pub fn new(languages: Vec<String>) -> Self {
        let lang = languages
            .iter()
            .find_map(|l| LANGUAGES.iter().find(|k| **k == l.as_str()))
            .copied()
            .unwrap_or("en");
        Chrome { lang, languages }
    }

    /// English chrome, labels in English.
    pub fn english() -> Self {
        Chrome::new(vec!["en".into()])
    }

    /// `english` in the chrome's language (the English when it has no entry for it).
    pub fn t(&self, english: &'static str) -> &'static str {
        let Some(column) = LANGUAGES.iter().position(|l| *l == self.lang) else {
            return english;
        };
        if column == 0 {
            return english;
        }
        WORDS
            .iter()
            .find(|(en, _)| *en == english)
            .map(|(_, others)| others[column - 1])
            .filter(|w| !w.is_empty())
            .unwrap_or(english)
    }

    /// A date (`2020-12-31`, or a year) as the reader writes it: "31 December 2020",
    /// "31 décembre 2020". Anything else as given.
    pub fn date(&self, iso: &str) -> String {
        let parts: Vec<&str> = iso.splitn(3, '-').collect();
        let (Some(y), Some(m), Some(d)) = (parts.first(), parts.get(1), parts.get(2)) else {
            return iso.to_owned();
        };
        let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.get(..2).unwrap_or(d).parse::<u32>()) else {
            return iso.to_owned();
        };
        if !(1..=12).contains(&m) {
            return iso.to_owned();
        }
        let months = if self.lang == "fr" {
            &MONTHS[1]
        } else {
            &MONTHS[0]
        };
        let day = if self.lang == "fr" && d == 1 {
            "1er".to_owned()
        } else {
            d.to_string()
        };
        format!("{day} {} {y}", months[m - 1])
    }

    /// A whole page around `body`. `base` is the base of the graph's IRIs (the script links
    /// the IRIs of results under it to this server's pages); `alternates` are the same
    /// resource's data, as (media type, URL), linked from the head and offered at the foot.
    pub fn layout(
        &self,
        title: &str,
        base: &str,
        body: &str,
        alternates: &[(&str, String)],
    ) -> String {
        let mut links = String::new();
        for (media, url) in alternates {
            links.push_str(&format!(
                "<link rel=\"alternate\" type=\"{}\" href=\"{}\">",
                escape(media),
                escape(url)
            ));
        }
        let foot = if alternates.is_empty() {
            String::new()
        } else {
            let offered: Vec<String> = alternates
                .iter()
                .map(|(media, url)| {
                    format!(
                        "<a href=\"{}\" type=\"{m}\">{m}</a>",
                        escape(url),
                        m = escape(media)
                    )
                })
                .collect();
            format!(
                "<footer><p>{}: {}</p></footer>\n",
                escape(self.t("This data as")),
                offered.join(" · ")
            )
        };
        let nav = [
            ("/id/doc/", "Documents"),
            ("/id/state/", "States"),
            ("/id/norm/", "Norms"),
            ("/id/body/", "Bodies"),
            ("/queries", "Canned queries"),
            ("/editor", "SPARQL editor"),
        ]
        .iter()
        .map(|(href, what)| format!("<a href=\"{href}\">{}</a>", escape(self.t(what))))
        .collect::<Vec<_>>()
        .join(" · ");
        format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title}</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/assets/style.css\">{links}\
             <script src=\"/assets/app.js\" defer></script></head>\n\
             <body data-base=\"{base}\"><header class=\"site\"><nav aria-label=\"normgraph\"><a href=\"/\">normgraph</a> · {nav}</nav>\
             <form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
             <label for=\"search-box\" class=\"hidden\">{search_label}</label>\
             <input id=\"search-box\" name=\"q\" type=\"search\" list=\"search-suggestions\" autocomplete=\"off\" placeholder=\"{placeholder}\">\
             <datalist id=\"search-suggestions\"></datalist> <button type=\"submit\">{search}</button></form></header>\n\
             <main>\n{body}</main>\n{foot}</body></html>\n",
            lang = self.lang,
            title = escape(title),
            base = escape(base),
            search_label = escape(self.t("Search the graph")),
            placeholder = escape(self.t("A symbol, a State, a norm, a body")),
            search = escape(self.t("Search")),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Chrome;

    #[test]
    fn the_chrome_speaks_the_readers_language_or_english() {
        let fr = Chrome::new(vec!["de".into(), "fr".into()]);
        assert_eq!(fr.lang, "fr");
        assert_eq!(fr.t("States"), "États");
        assert_eq!(fr.date("2018-12-05"), "5 décembre 2018");
        assert_eq!(fr.date("2018-12-01"), "1er décembre 2018");
        let es = Chrome::new(vec!["es".into()]);
        // No Spanish words yet: English chrome, the reader's language kept for labels.
        assert_eq!(es.t("States"), "States");
        assert_eq!(es.languages, ["es"]);
        let en = Chrome::new(vec![]);
        assert_eq!(en.lang, "en");
        assert_eq!(en.date("2020-12-31"), "31 December 2020");
        assert_eq!(en.date("2019"), "2019");
        assert_eq!(en.t("a word the table lacks"), "a word the table lacks");
    }

    #[test]
    fn every_word_has_its_french() {
        for (en, others) in super::WORDS {
            assert!(!others[0].is_empty(), "no French for {en:?}");
        }
    }
}
