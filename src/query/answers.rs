//! The answer tables: every canned question's rows for every value of its parameters, computed
//! at the end of a build (`compute::answers`) and read back by one point lookup, so that a large
//! answer costs what reading its rows costs, not a nested loop of index lookups per row.
//!
//! They live in the store, in the computed graph [`crate::rdf::graphs::ANSWERS`]: one quad per
//! question and key, `<urn:normgraph:answer:{question}:{key}> ng:answerRows "{rows}"`, the rows
//! written in the compact text of [`encode`]. The graph records the fingerprint of the sources
//! it was computed from, like the derived facts; [`lookup`] answers only while that fingerprint
//! is the derived facts' own and the tables were written by this build of normgraph ([`current`],
//! found once per handle as [`Tables`]), so a stale table is never read (the question then goes
//! to SPARQL, [`crate::query::Canned::run_sparql`]).
//!
//! A question with no table (or a store built before there were any) is answered by SPARQL. The
//! tests check, on the bundled graph and on a synthetic history, that both give the same rows.

use super::sparql::Rows;
use crate::rdf::graphs::{ANSWERS, DERIVED_FACTS};
use crate::rdf::vocab::ng;
use oxigraph::model::{BlankNode, GraphNameRef, Literal, NamedNode, NamedOrBlankNodeRef, Term};
use oxigraph::store::{StorageError, Store};

/// The subject that holds the rows of `question` for the parameter values `key` (in the order
/// the question declares its parameters; none for a question without parameters).
pub fn key_node<S: AsRef<str>>(question: &str, key: &[S]) -> NamedNode {
    let mut iri = format!("urn:normgraph:answer:{question}");
    for k in key {
        iri.push(':');
        for b in k.as_ref().bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/()".contains(&b) {
                iri.push(b as char);
            } else {
                iri.push_str(&format!("%{b:02X}"));
            }
        }
    }
    NamedNode::new_unchecked(iri)
}

/// What `serve` says of a store whose tables are not [`current`] (written by another build of
/// normgraph, or before its sources last changed), so that a slow canned question is no mystery.
pub const STALE: &str = "this store's answer tables were not written by this build of \
normgraph from its current sources: the canned questions are answered by SPARQL, slower, until \
`normgraph build` writes them again";

/// Whether the answer tables in `store` were computed from what the derived facts were
/// computed from, by this build of normgraph: only then does [`lookup`] read them.
pub fn current(store: &Store) -> Result<bool, StorageError> {
    let derived = crate::store::recorded_hash(store, DERIVED_FACTS)?;
    if derived.is_none() || crate::store::recorded_hash(store, ANSWERS)? != derived {
        return Ok(false);
    }
    Ok(crate::store::recorded_build(store, ANSWERS)?.as_deref() == Some(crate::hash::BUILD_HASH))
}

/// Whether a store's answer tables may be read ([`current`]), found once for a handle on a store
/// that nothing writes while it is held: `query` and `serve` find it when they open the store
/// ([`crate::query::open()`]), and an answer is then one lookup, not four.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tables {
    /// Written by this build of normgraph from the sources the derived facts come from.
    Current,
    /// Absent, or not [`current`]: every canned question goes to SPARQL.
    Stale,
}

impl Tables {
    /// What the store's records say now.
    pub fn of(store: &Store) -> Result<Tables, StorageError> {
        Ok(if current(store)? {
            Tables::Current
        } else {
            Tables::Stale
        })
    }
}

/// The rows of `question` for `key` from its table, with `columns`; None when the tables are
/// [`Tables::Stale`]. A current table with no rows for a key holds nothing for it: that is an
/// empty answer.
pub fn lookup<S: AsRef<str>>(
    store: &Store,
    tables: Tables,
    question: &str,
    key: &[S],
    columns: &[String],
) -> Result<Option<Rows>, AnswerError> {
    if tables == Tables::Stale {
        return Ok(None);
    }
    held_rows(store, question, key, columns).map(Some)
}

/// The rows of a table the caller knows to be [`current`].
fn held_rows<S: AsRef<str>>(
    store: &Store,
    question: &str,
    key: &[S],
    columns: &[String],
) -> Result<Rows, AnswerError> {
    let node = key_node(question, key);
    let held = store
        .quads_for_pattern(
            Some(NamedOrBlankNodeRef::NamedNode(node.as_ref())),
            Some(ng::answerRows),
            None,
            Some(GraphNameRef::NamedNode(ANSWERS)),
        )
        .next()
        .transpose()?;
    let held = match held.map(|q| q.object) {
        None => {
            return Ok(Rows {
                columns: columns.to_vec(),
                rows: Vec::new(),
            })
        }
        Some(Term::Literal(l)) => l,
        Some(other) => {
            return Err(AnswerError::Malformed {
                node: node.as_str().to_owned(),
                line: 0,
                reason: format!("rows are a literal, not {other}"),
            })
        }
    };
    decode(held.value(), columns).map_err(|(line, reason)| AnswerError::Malformed {
        node: node.as_str().to_owned(),
        line,
        reason,
    })
}

/// The answer of `canned` for `key` from the tables; None when they are [`Tables::Stale`].
/// `common-sponsors` has no table of its own (one per pair of documents would be most of the
/// store): it is the join, on the State, of the two documents' `sponsors` tables.
pub fn read(
    store: &Store,
    tables: Tables,
    canned: &super::Canned,
    key: &[&str],
) -> Result<Option<Rows>, AnswerError> {
    if canned.name != "common-sponsors" {
        return lookup(store, tables, &canned.name, key, &canned.columns);
    }
    if tables == Tables::Stale {
        return Ok(None);
    }
    let sponsors = super::find("sponsors").expect("a canned sponsors query");
    let a = held_rows(store, "sponsors", &key[..1], &sponsors.columns)?;
    let b = held_rows(store, "sponsors", &key[1..], &sponsors.columns)?;
    Ok(Some(common_sponsors(a, b, &canned.columns)))
}

/// The rows of `common-sponsors` from the `sponsors` rows (state name role introducer) of each
/// side: the States of both, with their role on each, each row once, by State.
fn common_sponsors(a: Rows, b: Rows, columns: &[String]) -> Rows {
    let mut rows: Vec<Vec<Option<Term>>> = Vec::new();
    for ra in &a.rows {
        for rb in b.rows.iter().filter(|rb| rb[..2] == ra[..2]) {
            let row = vec![ra[0].clone(), ra[1].clone(), ra[2].clone(), rb[2].clone()];
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
    }
    let code = |r: &Vec<Option<Term>>| match &r[0] {
        Some(Term::Literal(l)) => l.value().to_owned(),
        _ => String::new(),
    };
    rows.sort_by_key(code);
    Rows {
        columns: columns.to_vec(),
        rows,
    }
}

/// Why an answer table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A table the store holds that this build cannot read: written by hand, or damaged.
    #[error("answer table {node}, row {line}: {reason} (the store was changed other than by a build: build into a new store)")]
    Malformed {
        node: String,
        line: usize,
        reason: String,
    },
}

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// The datatypes the tables name by one letter; any other is written as `^<iri>"`.
const SHORT_TYPES: [(char, &str); 6] = [
    ('i', "integer"),
    ('d', "date"),
    ('y', "gYear"),
    ('b', "boolean"),
    ('D', "decimal"),
    ('f', "double"),
];

/// The datatypes of [`SHORT_TYPES`] as nodes, made once.
fn short_types() -> &'static [NamedNode] {
    static TYPES: std::sync::OnceLock<Vec<NamedNode>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        SHORT_TYPES
            .iter()
            .map(|(_, local)| NamedNode::new_unchecked(format!("{XSD}{local}")))
            .collect()
    })
}

/// The rows as text: a line per row, a tab between cells; a cell is empty (unbound), `<iri`,
/// `_id` (a blank node), `"text` (a simple literal), `@lang"text`, `^x"text` (a literal of one of
/// the datatypes of [`SHORT_TYPES`]) or `^<iri>"text`. A backslash, tab, newline or carriage
/// return in a value is escaped as `\\`, `\t`, `\n`, `\r`.
pub fn encode(rows: &[Vec<Option<Term>>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            encode_cell(cell.as_ref(), &mut out);
        }
        out.push('\n');
    }
    out
}

/// One cell of [`encode`]'s text, appended to `out`: for a table written cell by cell.
pub fn encode_cell(cell: Option<&Term>, out: &mut String) {
    match cell {
        None => {}
        Some(Term::NamedNode(n)) => {
            out.push('<');
            escape(n.as_str(), out);
        }
        Some(Term::BlankNode(b)) => {
            out.push('_');
            escape(b.as_str(), out);
        }
        Some(Term::Literal(l)) => {
            if let Some(lang) = l.language() {
                out.push('@');
                out.push_str(lang);
            } else {
                let dt = l.datatype().as_str();
                if dt != "http://www.w3.org/2001/XMLSchema#string" {
                    out.push('^');
                    match SHORT_TYPES
                        .iter()
                        .find(|(_, local)| dt.strip_prefix(XSD) == Some(*local))
                    {
                        Some((c, _)) => out.push(*c),
                        None => {
                            out.push('<');
                            escape(dt, out);
                            out.push('>');
                        }
                    }
                }
            }
            out.push('"');
            escape(l.value(), out);
        }
        #[allow(unreachable_patterns)]
        Some(_) => {}
    }
}

fn escape(v: &str, out: &mut String) {
    if !v.contains(['\\', '\t', '\n', '\r']) {
        out.push_str(v);
        return;
    }
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(v: &str) -> Result<String, String> {
    if !v.contains('\\') {
        return Ok(v.to_owned());
    }
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next() {
            Some('\\') => '\\',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            other => return Err(format!("unknown escape \\{}", other.unwrap_or(' '))),
        });
    }
    Ok(out)
}

/// The rows [`encode`] wrote, as a table of `columns`; on failure the row (from 1) and why.
pub fn decode(text: &str, columns: &[String]) -> Result<Rows, (usize, String)> {
    let mut rows = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count());
    for (i, line) in text.lines().enumerate() {
        let mut row: Vec<Option<Term>> = Vec::with_capacity(columns.len());
        for c in line.split('\t') {
            row.push(cell(c).map_err(|e| (i + 1, e))?);
        }
        if row.len() != columns.len() {
            return Err((
                i + 1,
                format!("{} cells, expected {}", row.len(), columns.len()),
            ));
        }
        rows.push(row);
    }
    Ok(Rows {
        columns: columns.to_vec(),
        rows,
    })
}

fn cell<'a>(c: &'a str) -> Result<Option<Term>, String> {
    let Some(tag) = c.chars().next() else {
        return Ok(None);
    };
    let rest = &c[tag.len_utf8()..];
    // A literal's head (its language or datatype) and its value.
    let literal = |head: &'a str| -> Result<(&'a str, String), String> {
        let (h, v) = head
            .split_once('"')
            .ok_or_else(|| format!("no '\"' in cell {c:?}"))?;
        Ok((h, unescape(v)?))
    };
    Ok(Some(match tag {
        '<' => NamedNode::new(unescape(rest)?)
            .map_err(|e| format!("IRI {rest:?}: {e}"))?
            .into(),
        '_' => BlankNode::new(unescape(rest)?)
            .map_err(|e| format!("blank node {rest:?}: {e}"))?
            .into(),
        '"' => Literal::new_simple_literal(unescape(rest)?).into(),
        '@' => {
            let (lang, v) = literal(rest)?;
            Literal::new_language_tagged_literal(v, lang)
                .map_err(|e| format!("language tag in {c:?}: {e}"))?
                .into()
        }
        '^' => {
            let (dt, v) = literal(rest)?;
            let dt = match dt.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
                Some(iri) => {
                    NamedNode::new(unescape(iri)?).map_err(|e| format!("datatype in {c:?}: {e}"))?
                }
                None => {
                    let short = dt.chars().next().unwrap_or(' ');
                    let at = SHORT_TYPES
                        .iter()
                        .position(|(k, _)| *k == short && dt.len() == 1)
                        .ok_or_else(|| format!("unknown datatype {dt:?} in {c:?}"))?;
                    short_types()[at].clone()
                }
            };
            Literal::new_typed_literal(v, dt).into()
        }
        other => return Err(format!("unknown cell kind {other:?} in {c:?}")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_survive_the_text() {
        let xsd = |l: &str| NamedNode::new_unchecked(format!("{XSD}{l}"));
        let rows = vec![
            vec![
                Some(Literal::new_simple_literal("A/RES/75/240").into()),
                Some(Literal::new_typed_literal("2020-12-31", xsd("date")).into()),
                None,
                Some(Literal::from(3i64).into()),
            ],
            vec![
                Some(
                    Literal::new_language_tagged_literal("Tchéquie", "fr")
                        .unwrap()
                        .into(),
                ),
                Some(
                    Literal::new_typed_literal("x", NamedNode::new_unchecked("http://e/t")).into(),
                ),
                Some(NamedNode::new_unchecked("https://normgraph.org/id/state/FRA").into()),
                Some(Literal::new_simple_literal("tab\there\\ and\nline \"quoted\"").into()),
            ],
            vec![
                Some(Literal::from(true).into()),
                Some(Literal::new_typed_literal("2015", xsd("gYear")).into()),
                Some(Literal::new_simple_literal("").into()),
                Some(BlankNode::new_unchecked("b0").into()),
            ],
        ];
        let columns: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let back = decode(&encode(&rows), &columns).unwrap();
        assert_eq!(back.rows, rows);
        assert_eq!(decode("", &columns).unwrap().rows.len(), 0);
    }

    #[test]
    fn a_damaged_table_names_its_row() {
        let columns: Vec<String> = vec!["a".into(), "b".into()];
        assert_eq!(decode("\"x\t\"y\n\"z\n", &columns).unwrap_err().0, 2);
        let (line, why) = decode("\"x\t^q\"1\n", &columns).unwrap_err();
        assert_eq!(line, 1);
        assert!(why.contains("unknown datatype"), "{why}");
    }

    #[test]
    fn keys_are_iris() {
        let n = key_node("votes", &["A/RES/43/78 H"]);
        assert_eq!(n.as_str(), "urn:normgraph:answer:votes:A/RES/43/78%20H");
        assert!(NamedNode::new(n.as_str()).is_ok());
        let n = key_node("voting-agreement", &["USA", "RUS"]);
        assert_eq!(n.as_str(), "urn:normgraph:answer:voting-agreement:USA:RUS");
        assert_eq!(
            key_node::<&str>("timeline", &[]).as_str(),
            "urn:normgraph:answer:timeline"
        );
    }
}
