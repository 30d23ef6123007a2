//! Pictures of a document, drawn by the server as SVG: its citation chain (what it rests on,
//! column by column) and who sponsored it. The facts come from the canned queries
//! `citation-chain` and `sponsors` (read in `lookup`), so a picture shows exactly what those
//! answer; the drawing itself is a pure function of them, links included (every box leads to
//! the resource's page).

use super::html::{doc_href, escape};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;

/// A document of a citation chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Cited {
    pub depth: u32,
    pub symbol: String,
    pub date: String,
    /// For a document the root cites directly, what the root's paragraphs do with it
    /// ("welcoming (op1); recalling (pp1)"), as `citation-chain` gives it.
    pub verb: String,
}

/// The citation chain of a document: the documents it reaches and the citations among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    pub root: String,
    /// The root's date, when one is known.
    pub root_date: String,
    pub nodes: Vec<Cited>,
    /// (citing, cited), both among `root` and `nodes`.
    pub edges: Vec<(String, String)>,
}

/// A sponsor of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Sponsor {
    pub iso3: String,
    pub name: String,
    pub role: String,
    pub introducer: bool,
}

/// The most boxes a column of the chain shows; the others are counted.
const COLUMN_CAP: usize = 40;

/// The picture's root: a group with a name, not an image (its boxes are links, and an image
/// holds nothing a reader can follow).
fn open_svg(out: &mut String, width: u32, height: u32, title: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"group\" aria-label=\"{t}\" \
         font-family=\"system-ui, sans-serif\" font-size=\"12\"><title>{t}</title>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
        t = escape(title)
    );
}

/// The citation chain, one column per distance: the document, then what it cites directly,
/// then what those cite, and so on. A line joins a document to each document of the next
/// column it cites.
pub fn chain_svg(chain: &Chain) -> String {
    const W: u32 = 190;
    const H: u32 = 34;
    const GAP_X: u32 = 60;
    const PITCH: u32 = 40;
    const TOP: u32 = 46;
    let mut columns: BTreeMap<u32, Vec<&Cited>> = BTreeMap::new();
    let root = Cited {
        depth: 0,
        symbol: chain.root.clone(),
        date: chain.root_date.clone(),
        verb: String::new(),
    };
    columns.entry(0).or_default().push(&root);
    for n in &chain.nodes {
        columns.entry(n.depth).or_default().push(n);
    }
    let deepest = columns.keys().last().copied().unwrap_or(0);
    let tallest = columns
        .values()
        .map(|c| c.len().min(COLUMN_CAP) + usize::from(c.len() > COLUMN_CAP))
        .max()
        .unwrap_or(1) as u32;
    let width = 20 + (deepest + 1) * (W + GAP_X);
    let height = TOP + tallest * PITCH + 10;
    // Where each drawn box is: its column and row.
    let mut at: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for (&depth, docs) in &columns {
        for (row, d) in docs.iter().take(COLUMN_CAP).enumerate() {
            at.insert(d.symbol.as_str(), (depth, row as u32));
        }
    }
    let x = |depth: u32| 20 + depth * (W + GAP_X);
    let y = |row: u32| TOP + row * PITCH;
    let mut out = String::new();
    open_svg(
        &mut out,
        width,
        height,
        &format!("What {} rests on: its citation chain", chain.root),
    );
    for &depth in columns.keys() {
        let heading = match depth {
            0 => "the document".to_owned(),
            1 => "cites directly".to_owned(),
            n => format!("at {n} citations"),
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"24\" font-weight=\"bold\" fill=\"#444\">{}</text>",
            x(depth),
            escape(&heading)
        );
    }
    out.push_str("<g fill=\"none\" stroke=\"#8aa4c8\" stroke-width=\"1.2\">\n");
    for (a, b) in &chain.edges {
        let (Some(&(da, ra)), Some(&(db, rb))) = (at.get(a.as_str()), at.get(b.as_str())) else {
            continue;
        };
        if db != da + 1 {
            continue;
        }
        let (x1, y1) = (x(da) + W, y(ra) + H / 2);
        let (x2, y2) = (x(db), y(rb) + H / 2);
        let mid = (x1 + x2) / 2;
        let _ = writeln!(
            out,
            "<path d=\"M{x1} {y1} C{mid} {y1} {mid} {y2} {x2} {y2}\"/>"
        );
    }
    out.push_str("</g>\n");
    for (&depth, docs) in &columns {
        for (row, d) in docs.iter().take(COLUMN_CAP).enumerate() {
            let (bx, by) = (x(depth), y(row as u32));
            let fill = if depth == 0 { "#1f4e8c" } else { "#eef3fa" };
            let ink = if depth == 0 { "#fff" } else { "#123" };
            // The second line: the date, and for a direct citation what the root does with it
            // (its first verb; all of them on hover).
            let first_verb = d.verb.split(" (").next().unwrap_or("");
            let second = match (d.date.is_empty(), first_verb.is_empty()) {
                (_, true) => d.date.clone(),
                (true, false) => first_verb.to_owned(),
                (false, false) => format!("{} · {first_verb}", d.date),
            };
            let _ = writeln!(
                out,
                "<a href=\"{href}\" class=\"doc\"><title>{sym}{date}{verb}</title>\
                 <rect x=\"{bx}\" y=\"{by}\" width=\"{W}\" height=\"{H}\" rx=\"4\" fill=\"{fill}\" stroke=\"#1f4e8c\"/>\
                 <text x=\"{tx}\" y=\"{ty}\" fill=\"{ink}\">{sym}</text>\
                 <text x=\"{tx}\" y=\"{dy}\" fill=\"{ink}\" font-size=\"10\">{d}</text></a>",
                href = escape(&doc_href(&d.symbol)),
                sym = escape(&d.symbol),
                date = if d.date.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", escape(&d.date))
                },
                verb = if d.verb.is_empty() {
                    String::new()
                } else {
                    format!(": {}", escape(&d.verb))
                },
                d = escape(&second),
                tx = bx + 8,
                ty = by + 15,
                dy = by + 28,
            );
        }
        if docs.len() > COLUMN_CAP {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" fill=\"#444\">and {} more (see the table)</text>",
                x(depth) + 8,
                y(COLUMN_CAP as u32) + 15,
                docs.len() - COLUMN_CAP
            );
        }
    }
    if chain.nodes.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#444\">cites no document the graph knows</text>",
            x(1),
            y(0) + 15
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Who sponsored the text: the State that introduced it, its original sponsors, those who
/// joined later; each a box with the State's name (shortened past a box's width, whole on
/// hover), a link to its page.
pub fn sponsors_svg(doc: &str, sponsors: &[Sponsor]) -> String {
    const PER_ROW: usize = 5;
    const W: u32 = 170;
    const H: u32 = 24;
    const PITCH_X: u32 = 176;
    const PITCH_Y: u32 = 30;
    /// The characters of a name a box holds.
    const FITS: usize = 24;
    let groups: [(&str, &str, Vec<&Sponsor>); 3] = [
        (
            "Introduced by",
            "#b5462a",
            sponsors.iter().filter(|s| s.introducer).collect(),
        ),
        (
            "Original sponsors",
            "#1f4e8c",
            sponsors.iter().filter(|s| s.role == "original").collect(),
        ),
        (
            "Joined later",
            "#5b8f3a",
            sponsors.iter().filter(|s| s.role == "joined").collect(),
        ),
    ];
    let width = 20 + PER_ROW as u32 * PITCH_X;
    let mut height = 40;
    for (_, _, members) in &groups {
        height += 28 + members.len().div_ceil(PER_ROW).max(1) as u32 * PITCH_Y;
    }
    let mut out = String::new();
    open_svg(&mut out, width, height, &format!("Who sponsored {doc}"));
    let _ = writeln!(
        out,
        "<text x=\"20\" y=\"24\" font-weight=\"bold\" fill=\"#222\">{} · {} sponsor(s)</text>",
        escape(doc),
        sponsors
            .iter()
            .map(|s| &s.iso3)
            .collect::<HashSet<_>>()
            .len()
    );
    let mut top = 40;
    for (heading, colour, members) in &groups {
        let _ = writeln!(
            out,
            "<text x=\"20\" y=\"{}\" fill=\"{colour}\" font-weight=\"bold\">{} ({})</text>",
            top + 16,
            escape(heading),
            members.len()
        );
        top += 24;
        if members.is_empty() {
            let _ = writeln!(
                out,
                "<text x=\"20\" y=\"{}\" fill=\"#777\">none recorded</text>",
                top + 16
            );
        }
        for (i, s) in members.iter().enumerate() {
            let bx = 20 + (i % PER_ROW) as u32 * PITCH_X;
            let by = top + (i / PER_ROW) as u32 * PITCH_Y;
            let shown = if s.name.chars().count() > FITS {
                format!(
                    "{}…",
                    s.name.chars().take(FITS - 1).collect::<String>().trim_end()
                )
            } else {
                s.name.clone()
            };
            let _ = writeln!(
                out,
                "<a href=\"/id/state/{code}\" class=\"state\"><title>{name} ({code})</title>\
                 <rect x=\"{bx}\" y=\"{by}\" width=\"{W}\" height=\"{H}\" rx=\"4\" fill=\"{colour}\"/>\
                 <text x=\"{tx}\" y=\"{ty}\" fill=\"#fff\">{shown}</text></a>",
                code = escape(&s.iso3),
                name = escape(&s.name),
                shown = escape(&shown),
                tx = bx + 8,
                ty = by + 16,
            );
        }
        top += members.len().div_ceil(PER_ROW).max(1) as u32 * PITCH_Y + 4;
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn well_formed(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"))
    }

    #[test]
    fn a_chain_links_every_box_and_joins_each_column_to_the_next() {
        let chain = Chain {
            root: "A/RES/75/240".into(),
            root_date: "2020-12-31".into(),
            nodes: vec![
                Cited {
                    depth: 1,
                    symbol: "A/RES/73/27".into(),
                    date: "2018-12-05".into(),
                    verb: "welcoming (op1); recalling (pp1)".into(),
                },
                Cited {
                    depth: 1,
                    symbol: "A/70/174".into(),
                    date: "2015".into(),
                    verb: String::new(),
                },
                Cited {
                    depth: 2,
                    symbol: "A/68/98".into(),
                    date: "2013".into(),
                    verb: String::new(),
                },
            ],
            edges: vec![
                ("A/RES/75/240".into(), "A/RES/73/27".into()),
                ("A/RES/75/240".into(), "A/70/174".into()),
                ("A/RES/73/27".into(), "A/68/98".into()),
                // Not drawn: from column 0 to column 2 (the chain's other path shows it).
                ("A/RES/75/240".into(), "A/68/98".into()),
            ],
        };
        let svg = chain_svg(&chain);
        let doc = well_formed(&svg);
        let links: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("a"))
            .filter_map(|n| n.attribute("href"))
            .collect();
        assert_eq!(
            links,
            [
                "/id/doc/A/RES/75/240",
                "/id/doc/A/RES/73/27",
                "/id/doc/A/70/174",
                "/id/doc/A/68/98"
            ]
        );
        let paths = doc.descendants().filter(|n| n.has_tag_name("path")).count();
        assert_eq!(paths, 3);
        assert!(svg.contains("at 2 citations"));
        // The verb of a direct citation, on the box and whole on hover.
        assert!(svg.contains(">2018-12-05 · welcoming</text>"), "{svg}");
        assert!(svg
            .contains("<title>A/RES/73/27 (2018-12-05): welcoming (op1); recalling (pp1)</title>"));
    }

    #[test]
    fn sponsors_are_grouped_and_names_escaped() {
        let s = |iso3: &str, name: &str, role: &str, introducer: bool| Sponsor {
            iso3: iso3.into(),
            name: name.into(),
            role: role.into(),
            introducer,
        };
        let svg = sponsors_svg(
            "A/C.1/73/L.37",
            &[
                s("USA", "United States <of> America", "original", true),
                s("FRA", "France", "original", false),
                s("MWI", "Malawi", "joined", false),
            ],
        );
        let doc = well_formed(&svg);
        let codes: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("a"))
            .filter_map(|n| n.attribute("href"))
            .collect();
        // The introducer is drawn with the introducers, and again with the original sponsors.
        assert_eq!(
            codes,
            [
                "/id/state/USA",
                "/id/state/USA",
                "/id/state/FRA",
                "/id/state/MWI"
            ]
        );
        assert!(svg.contains("Joined later (1)"));
        // By name, escaped; a long one shortened on its box, whole on hover.
        assert!(
            svg.contains(">United States &lt;of&gt; Amer…</text>"),
            "{svg}"
        );
        assert!(svg.contains("<title>United States &lt;of&gt; America (USA)</title>"));
        assert!(svg.contains(">France</text>"));
    }
}
