//! The extractor on small fixtures, one per trap of the sources (shared/corpus/README.md).

use normgraph::extract::text::extract;
use normgraph::extract::{Extraction, SponsorRole, VoteOption};
use normgraph::states::StateTable;
use normgraph::tables::Tables;

fn run(text: &str) -> Extraction {
    extract(text, StateTable::bundled(), Tables::bundled()).unwrap()
}

const REPORT_HEAD: &str = "Assemblée générale\n\nDistr. générale\n19 novembre 2018\n\nSoixante-treizième session\nPoint 96 de l'ordre du jour\n\nProgrès de l'informatique\n\nRapport de la Première Commission\n\nI. Introduction\n\n1. Texte.\n\nII. Examen\n\nA. Projet de résolution [A/C.1/73/L.37](#)\n\n";

#[test]
fn french_sponsor_lists_with_articles_and_et() {
    let text = format!("{REPORT_HEAD}2. Le 18 octobre, le représentant des États-Unis d'Amérique a déposé un projet de résolution intitulé « Titre » ([A/C.1/73/L.37](#)) au nom des pays suivants : Royaume-Uni de Grande-Bretagne et d'Irlande du Nord, Tchéquie et Ukraine. Par la suite, la Guinée, le Kirghizistan et le Myanmar se sont joints aux auteurs du projet de résolution.\n");
    let x = run(&text);
    let draft = &x.documents[1];
    let intro = draft.introduction.as_ref().unwrap();
    assert_eq!(
        (intro.state.as_str(), intro.date.unwrap().to_string()),
        ("USA", "2018-10-18".into())
    );
    let original: Vec<&str> = draft
        .sponsors
        .iter()
        .filter(|s| s.role == SponsorRole::Original)
        .map(|s| s.state.as_str())
        .collect();
    let joined: Vec<&str> = draft
        .sponsors
        .iter()
        .filter(|s| s.role == SponsorRole::Joined)
        .map(|s| s.state.as_str())
        .collect();
    assert_eq!(original, ["GBR", "CZE", "UKR"]);
    assert_eq!(joined, ["GIN", "KGZ", "MMR"]);
}

#[test]
fn a_vote_list_cut_by_a_page_break_with_footnotes_in_between() {
    let text = format!("{REPORT_HEAD}2. À la 31e séance, le 8 novembre, rien.\n\n3. À la même séance, à l'issue d'un vote enregistré, la Commission a adopté le projet de résolution [A/C.1/73/L.37](#) par 3 voix contre 1, avec 0 abstentions. Les voix se sont réparties comme suit⁴ :\n\nOnt voté pour :\n\nAfghanistan, Tchèque,\n\n⁴ Par la suite, la délégation du Pakistan a indiqué qu'elle avait eu l'intention de s'abstenir.\n\nex-République yougoslave de Macédoine.\n\nOnt voté contre :\n\nChine.\n\nSe sont abstenus :\n\n\n");
    let x = run(&text);
    let vote = &x.documents[1].votes[0];
    let yes: Vec<&str> = vote
        .votes
        .iter()
        .filter(|v| v.option == VoteOption::Yes)
        .map(|v| v.state.as_str())
        .collect();
    assert_eq!(yes, ["AFG", "CZE", "MKD"]);
    assert_eq!(
        (vote.printed_yes, vote.printed_no, vote.printed_abstain),
        (3, 1, 0)
    );
    assert_eq!(
        (vote.meeting, vote.date.map(|d| d.to_string())),
        (Some(31), Some("2018-11-08".into()))
    );
    assert_eq!(vote.intended.len(), 1);
    assert_eq!(
        (vote.intended[0].state.as_str(), vote.intended[0].option),
        ("PAK", VoteOption::Abstain)
    );
}

const RES_EN: &str = "A/RES/75/240\n\nGeneral Assembly\n\nDistr.: General\n4 January 2021\n\nSeventy-fifth session\nAgenda item 98\nDevelopments\n\nResolution adopted by the General Assembly\non 31 December 2020\n[on the report of the First Committee (A/75/394, para. 17)]\n\n75/240.\n\nDevelopments in the field\nThe General Assembly,\nRecalling its resolutions 73/27 of 5 December 2018, 74/28 and 74/29 of\n12 December 2019,\nRecalling that the Group of Governmental Experts, in its 2015 report, 1 identified\n__________________\n1\n\n2/4\n\nA/70/174.\n21-00006\n\u{c}Developments in the field\n\nA/RES/75/240\n\nthe principles of the Charter,\n1.\nDecides to include in the provisional agenda of its seventy-sixth\nsession the item entitled “Developments”.\n48th (resumed) plenary meeting\n31 December 2020\n";

#[test]
fn english_pdf_text_with_running_headers_footnotes_and_shared_dates() {
    let x = run(RES_EN);
    let d = x.primary();
    assert_eq!(d.symbol.as_str(), "A/RES/75/240");
    assert_eq!(d.adopted.unwrap().to_string(), "2020-12-31");
    assert_eq!(
        d.on_report.as_ref().map(|(s, p)| (s.as_str(), *p)),
        Some(("A/75/394", Some(17)))
    );
    assert_eq!(d.agenda_item, Some(98));
    let cited: Vec<(String, Option<String>)> = d
        .citations
        .iter()
        .map(|c| (c.target.to_string(), c.printed_date.map(|x| x.to_string())))
        .collect();
    assert_eq!(
        cited,
        [
            ("A/RES/73/27".into(), Some("2018-12-05".into())),
            ("A/RES/74/28".into(), Some("2019-12-12".into())),
            ("A/RES/74/29".into(), Some("2019-12-12".into())),
            ("A/70/174".into(), None),
        ]
    );
    // The running header after the form feed is not part of the paragraph.
    let pp2 = x.paragraphs.iter().find(|p| p.id == "pp2").unwrap();
    assert_eq!(pp2.text, "Recalling that the Group of Governmental Experts, in its 2015 report, identified the principles of the Charter,");
    assert_eq!(d.agenda_inclusion.as_ref().unwrap().session, 76);
    assert_eq!(
        d.meeting.as_ref().map(|m| (m.number, m.resumed)),
        Some((48, Some(true)))
    );
}

#[test]
fn a_text_that_is_no_un_document_is_refused_with_a_line() {
    let err = extract("Hello\nworld\n", StateTable::bundled(), Tables::bundled()).unwrap_err();
    assert_eq!(err.line, 1);
    let err = extract(
        "General Assembly\nsomething else\n",
        StateTable::bundled(),
        Tables::bundled(),
    )
    .unwrap_err();
    assert!(
        err.message.contains("expected a resolution number line"),
        "{}",
        err.message
    );
}

/// Every bundled document, read into records and compared with `tests/expected/NAME.txt`, a file
/// a reader checks against the source without reading Rust. `NORMGRAPH_BLESS=1 cargo test`
/// rewrites them; the diff is then reviewed like any change.
#[test]
fn bundled_documents_read_as_the_expected_records() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("NORMGRAPH_BLESS").is_some();
    let mut checked = 0;
    for file in normgraph::ingest::documents_in(&root.join("data")).unwrap() {
        let (x, _) =
            normgraph::ingest::extract_file(&file, StateTable::bundled(), Tables::bundled())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let mut ids: Vec<&str> = x.paragraphs.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(
            before,
            ids.len(),
            "{}: paragraph ids repeat",
            file.display()
        );
        let relative = file
            .strip_prefix(root.join("data"))
            .unwrap()
            .to_string_lossy()
            .replace(['/', '\\'], "__");
        let expected_path = root.join("tests/expected").join(format!("{relative}.txt"));
        let got = x.to_text();
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run NORMGRAPH_BLESS=1 cargo test",
                expected_path.display()
            )
        });
        assert_eq!(
            got,
            expected,
            "{} differs from {}",
            file.display(),
            expected_path.display()
        );
        checked += 1;
    }
    assert_eq!(checked, 50, "9 PDF texts and 41 AKN files");
}

/// The extractor never panics: real files, mutated (lines dropped, doubled and swapped, bytes
/// cut, stray characters inserted), give records or an error, never a panic. Deterministic
/// (a fixed xorshift seed), so a failure names the case to replay.
#[test]
fn mutated_real_files_never_panic() {
    const ROUNDS: usize = 30;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts: Vec<String> = normgraph::ingest::documents_in(&root.join("data"))
        .unwrap()
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let inserts = [
        "\u{c}",
        "______________",
        "¹",
        "2015³",
        " -",
        "«",
        "»",
        "(",
        ")",
        "1.",
        "Ont voté pour :",
        "A/",
        "/",
        "é",
        "\n\n",
        "Par la suite, ",
        "99/999 du 1er février",
    ];
    let mut cases = 0;
    for (t, text) in texts.iter().enumerate() {
        for round in 0..ROUNDS {
            let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
            for _ in 0..(1 + next() % 6) {
                let n = lines.len().max(1);
                let i = (next() as usize) % n;
                match next() % 6 {
                    0 if lines.len() > 1 => {
                        lines.remove(i);
                    }
                    1 => {
                        let l = lines[i].clone();
                        lines.insert(i, l);
                    }
                    2 => {
                        let j = (next() as usize) % n;
                        lines.swap(i, j);
                    }
                    3 => {
                        let l = &mut lines[i];
                        let cut = l
                            .char_indices()
                            .nth((next() as usize) % (l.chars().count() + 1))
                            .map_or(l.len(), |(b, _)| b);
                        l.truncate(cut);
                    }
                    _ => {
                        let l = &mut lines[i];
                        let at = l
                            .char_indices()
                            .nth((next() as usize) % (l.chars().count() + 1))
                            .map_or(l.len(), |(b, _)| b);
                        l.insert_str(at, inserts[(next() as usize) % inserts.len()]);
                    }
                }
            }
            let mutated = lines.join("\n");
            let result = std::panic::catch_unwind(|| {
                let _ = extract(&mutated, StateTable::bundled(), Tables::bundled());
                let _ = normgraph::extract::akn::extract(
                    &mutated,
                    StateTable::bundled(),
                    Tables::bundled(),
                );
            });
            assert!(
                result.is_ok(),
                "file {t}, round {round} panicked; mutated text:\n{mutated}"
            );
            cases += 1;
        }
    }
    assert_eq!(cases, texts.len() * ROUNDS);
}

/// Every input the fuzzers (`fuzz/run`) ever found troublesome, kept in
/// `tests/fuzz-regressions/<target>/`: each goes through its extractor again and comes back
/// with records or an error, never a panic.
#[test]
fn inputs_the_fuzzers_found_stay_handled() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut cases = 0;
    for target in ["text", "akn"] {
        let Ok(dir) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in dir {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let Ok(input) = std::str::from_utf8(&bytes) else {
                continue; // the fuzz targets skip what is not UTF-8 too
            };
            let result = std::panic::catch_unwind(|| match target {
                "text" => extract(input, StateTable::bundled(), Tables::bundled()).map(|_| ()),
                _ => normgraph::extract::akn::extract(
                    input,
                    StateTable::bundled(),
                    Tables::bundled(),
                )
                .map(|_| ()),
            });
            assert!(result.is_ok(), "{} panicked", path.display());
            cases += 1;
        }
    }
    assert!(
        cases >= 1,
        "the regression inputs are in {}",
        root.display()
    );
}

/// The fuzzer's first find: a list of States run together with prose over a page made the
/// extractor try every reading of the list and measure every one against 600 names (14 s under
/// the fuzzer). Now the list is refused at once, naming its line and quoting the start of what
/// was printed.
#[test]
fn a_state_list_run_together_with_prose_is_refused_naming_its_line() {
    let input = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz-regressions/text/state-list-quadratic-timeout.txt"),
    )
    .unwrap();
    let err = extract(&input, StateTable::bundled(), Tables::bundled()).unwrap_err();
    assert_eq!(err.line, 47);
    assert!(
        err.message
            .starts_with("unknown State name \"A)gérie, Angola,"),
        "{}",
        err.message
    );
    assert!(
        err.message.len() < 400,
        "the message quotes the start only: {}",
        err.message
    );
}
