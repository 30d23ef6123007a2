//! The canned queries: the `.rq` files of `queries/`, compiled into the binary.
//!
//! Each file opens with a header of comment lines:
//!
//! ```text
//! # name: citation-chain
//! # description: what it answers
//! # param: doc document        (one line per parameter: its name and its kind)
//! # columns: depth symbol date  (what a result row shows, in this order)
//! ```
//!
//! A parameter is a variable of the query, bound as an RDF term by Oxigraph's variable
//! substitution; its value is never spliced into the text. A `document` parameter takes a UN
//! symbol ("A/RES/75/240", "A/C.1/73/L.27/Rev.1", or "75/240" for a General Assembly
//! resolution) and is bound to the symbol literal; a `state` parameter takes an ISO 3166-1
//! alpha-3 code or a name in one of the six languages, and is bound to the alpha-3 code. Oxigraph
//! substitutes only variables of the projection, so a query projects its parameters too, and
//! [`Canned::run`] returns the declared columns alone.

use super::answers::Tables;
use super::sparql::{self, Rows, SparqlError};
use crate::reference::states::StateTable;
use crate::reference::symbol::Symbol;
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use std::sync::OnceLock;

/// The `.rq` files, by file name; a test checks this list against the folder.
pub const FILES: [(&str, &str); 13] = [
    (
        "citation-chain.rq",
        include_str!("../../queries/citation-chain.rq"),
    ),
    ("cited-by.rq", include_str!("../../queries/cited-by.rq")),
    ("sponsors.rq", include_str!("../../queries/sponsors.rq")),
    (
        "common-sponsors.rq",
        include_str!("../../queries/common-sponsors.rq"),
    ),
    (
        "state-sponsorships.rq",
        include_str!("../../queries/state-sponsorships.rq"),
    ),
    ("votes.rq", include_str!("../../queries/votes.rq")),
    (
        "vote-totals.rq",
        include_str!("../../queries/vote-totals.rq"),
    ),
    (
        "voting-agreement.rq",
        include_str!("../../queries/voting-agreement.rq"),
    ),
    (
        "sponsor-defections.rq",
        include_str!("../../queries/sponsor-defections.rq"),
    ),
    ("norms.rq", include_str!("../../queries/norms.rq")),
    ("mandates.rq", include_str!("../../queries/mandates.rq")),
    ("timeline.rq", include_str!("../../queries/timeline.rq")),
    (
        "norm-lineage.rq",
        include_str!("../../queries/norm-lineage.rq"),
    ),
];

/// What a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Document,
    State,
    /// A norm ("13(f)" of A/70/174, "1.6" of 73/27) or the document that sets out a set of
    /// norms (A/70/174, A/RES/73/27).
    Norm,
}

impl ParamKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamKind::Document => "document",
            ParamKind::State => "state",
            ParamKind::Norm => "norm",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    pub kind: ParamKind,
}

/// One canned query.
#[derive(Debug, Clone)]
pub struct Canned {
    pub name: String,
    pub description: String,
    pub params: Vec<Param>,
    pub columns: Vec<String>,
    /// A value for each parameter (`# example: NAME=VALUE`): what the forms of the server's
    /// pages are filled in with, and what the tests run every query with.
    pub examples: Vec<(String, String)>,
    /// The whole file, header included (a SPARQL comment).
    pub text: String,
}

/// Why a canned query could not be run.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("no canned query named \"{0}\"")]
    Unknown(String),
    #[error("{query}: missing parameter {param} ({kind})")]
    Missing {
        query: String,
        param: String,
        kind: &'static str,
    },
    #[error("{query}: no parameter named \"{param}\" (it takes: {takes})")]
    UnknownParam {
        query: String,
        param: String,
        takes: String,
    },
    #[error("{query}: parameter {param} given twice")]
    Twice { query: String, param: String },
    #[error("{query}: parameter {param}: {reason}")]
    BadValue {
        query: String,
        param: String,
        reason: String,
    },
    #[error("{query}: {error}")]
    Evaluation { query: String, error: SparqlError },
    /// A well-formed symbol of no document the graph holds: an empty answer would read as
    /// "none", so it is an error that names the nearest symbols the graph does hold.
    #[error("{query}: no document {symbol} in the graph{}", nearest_text(nearest))]
    NotInGraph {
        query: String,
        symbol: String,
        nearest: Vec<String>,
    },
}

fn nearest_text(nearest: &[String]) -> String {
    if nearest.is_empty() {
        String::new()
    } else {
        format!(" (nearest: {})", nearest.join(", "))
    }
}

/// The `n` symbols of the graph's documents nearest to `symbol` (by edit distance, then in
/// order): what an error about a symbol the graph does not hold offers instead.
pub fn nearest_symbols(store: &Store, symbol: &str, n: usize) -> Result<Vec<String>, SparqlError> {
    let mut known: Vec<(usize, String)> =
        sparql::select_text(store, "SELECT DISTINCT ?s WHERE { ?d ng:symbol ?s }")?
            .into_iter()
            .filter_map(|row| row.into_iter().next())
            .map(|s| (crate::reference::states::levenshtein(symbol, &s), s))
            .collect();
    known.sort();
    Ok(known.into_iter().take(n).map(|(_, s)| s).collect())
}

/// The catalogue, parsed once.
pub fn catalogue() -> &'static [Canned] {
    static CATALOGUE: OnceLock<Vec<Canned>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        FILES
            .iter()
            .map(|(file, text)| {
                Canned::parse(text).unwrap_or_else(|e| panic!("queries/{file}: {e}"))
            })
            .collect()
    })
}

pub fn find(name: &str) -> Result<&'static Canned, QueryError> {
    catalogue()
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| QueryError::Unknown(name.to_owned()))
}

impl Canned {
    /// Reads a query file: its header, then checks that the query parses and projects its
    /// parameters and columns.
    pub fn parse(text: &str) -> Result<Canned, String> {
        let (mut name, mut description, mut params, mut columns) = (None, None, vec![], None);
        let mut examples = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let Some(comment) = line.strip_prefix('#') else {
                break;
            };
            let Some((key, value)) = comment.trim().split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "name" => name = Some(value.to_owned()),
                "description" => description = Some(value.to_owned()),
                "param" => {
                    let (p, kind) = value
                        .split_once(' ')
                        .ok_or_else(|| format!("line {}: expected \"param NAME KIND\"", i + 1))?;
                    let kind = match kind.trim() {
                        "document" => ParamKind::Document,
                        "state" => ParamKind::State,
                        "norm" => ParamKind::Norm,
                        other => {
                            return Err(format!(
                            "line {}: parameter kind \"{other}\", expected document, state or norm",
                            i + 1
                        ))
                        }
                    };
                    params.push(Param {
                        name: p.to_owned(),
                        kind,
                    });
                }
                "columns" => {
                    columns = Some(value.split_whitespace().map(str::to_owned).collect());
                }
                "example" => {
                    let (p, v) = value.split_once('=').ok_or_else(|| {
                        format!("line {}: expected \"example: NAME=VALUE\"", i + 1)
                    })?;
                    examples.push((p.trim().to_owned(), v.trim().to_owned()));
                }
                other => return Err(format!("line {}: unknown header field \"{other}\"", i + 1)),
            }
        }
        let canned = Canned {
            name: name.ok_or("no \"# name:\" line")?,
            description: description.ok_or("no \"# description:\" line")?,
            params,
            columns: columns.ok_or("no \"# columns:\" line")?,
            examples,
            text: text.to_owned(),
        };
        for p in &canned.params {
            match canned.examples.iter().filter(|(k, _)| k == &p.name).count() {
                1 => {}
                0 => return Err(format!("no \"# example: {}=...\" line", p.name)),
                _ => return Err(format!("two examples for {}", p.name)),
            }
        }
        if let Some((k, _)) = canned
            .examples
            .iter()
            .find(|(k, _)| !canned.params.iter().any(|p| &p.name == k))
        {
            return Err(format!("an example for {k}, which is not a parameter"));
        }
        let query = spargebra::SparqlParser::new()
            .parse_query(&canned.text)
            .map_err(|e| format!("the query does not parse: {e}"))?;
        let projected: Vec<String> = match &query {
            spargebra::Query::Select { pattern, .. } => projection(pattern),
            _ => return Err("a canned query is a SELECT".into()),
        };
        for v in canned.params.iter().map(|p| &p.name).chain(&canned.columns) {
            if !projected.contains(v) {
                return Err(format!("?{v} is not in the SELECT clause"));
            }
        }
        Ok(canned)
    }

    /// The line of `query --list`: name, parameters, description.
    pub fn synopsis(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("{}=<{}>", p.name, p.kind.as_str()))
            .collect();
        format!("{} {}", self.name, params.join(" "))
    }

    /// Checks the given parameters and turns each into the term it binds.
    pub fn bind(
        &self,
        given: &[(String, String)],
        states: &StateTable,
    ) -> Result<Vec<(Variable, Term)>, QueryError> {
        let mut bound = Vec::new();
        for (key, _) in given {
            if !self.params.iter().any(|p| &p.name == key) {
                return Err(QueryError::UnknownParam {
                    query: self.name.clone(),
                    param: key.clone(),
                    takes: if self.params.is_empty() {
                        "no parameter".into()
                    } else {
                        self.params
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                });
            }
        }
        for p in &self.params {
            let mut values = given.iter().filter(|(k, _)| k == &p.name);
            let Some((_, value)) = values.next() else {
                return Err(QueryError::Missing {
                    query: self.name.clone(),
                    param: p.name.clone(),
                    kind: p.kind.as_str(),
                });
            };
            if values.next().is_some() {
                return Err(QueryError::Twice {
                    query: self.name.clone(),
                    param: p.name.clone(),
                });
            }
            let bad = |reason: String| QueryError::BadValue {
                query: self.name.clone(),
                param: p.name.clone(),
                reason,
            };
            let term: Term = match p.kind {
                ParamKind::Document => {
                    Literal::new_simple_literal(document_symbol(value).map_err(bad)?.as_str())
                        .into()
                }
                ParamKind::State => {
                    Literal::new_simple_literal(state_code(value, states).map_err(bad)?).into()
                }
                ParamKind::Norm => {
                    Literal::new_simple_literal(norm_value(value).map_err(bad)?).into()
                }
            };
            bound.push((Variable::new_unchecked(&p.name), term));
        }
        Ok(bound)
    }

    /// Runs the query on the store with the given parameters.
    pub fn run(&self, store: &Store, given: &[(String, String)]) -> Result<Rows, QueryError> {
        let bound = self.bind(given, StateTable::bundled())?;
        self.run_bound(store, bound)
    }

    /// Runs the query with parameters already bound (see [`Canned::bind`]).
    /// Refuses a document parameter whose symbol no document of the graph has
    /// ([`QueryError::NotInGraph`], with the three nearest symbols it has).
    pub fn check_documents(
        &self,
        store: &Store,
        bound: &[(Variable, Term)],
    ) -> Result<(), QueryError> {
        for p in self.params.iter().filter(|p| p.kind == ParamKind::Document) {
            let Some((_, Term::Literal(symbol))) = bound.iter().find(|(v, _)| v.as_str() == p.name)
            else {
                continue;
            };
            let fail = |error: SparqlError| QueryError::Evaluation {
                query: self.name.clone(),
                error,
            };
            let held = crate::store::document(store, symbol.value())
                .map_err(|e| fail(SparqlError::Evaluation(e.to_string())))?;
            if held.is_none() {
                return Err(QueryError::NotInGraph {
                    query: self.name.clone(),
                    symbol: symbol.value().to_owned(),
                    nearest: nearest_symbols(store, symbol.value(), 3).map_err(fail)?,
                });
            }
        }
        Ok(())
    }

    /// The answer: read from its answer table where the store holds a current one
    /// ([`super::answers`]), else evaluated by SPARQL ([`Canned::run_sparql`]).
    pub fn run_bound(
        &self,
        store: &Store,
        bound: Vec<(Variable, Term)>,
    ) -> Result<Rows, QueryError> {
        let tables = Tables::of(store).map_err(|e| self.failed(e))?;
        self.run_with(store, tables, bound)
    }

    /// [`Canned::run_bound`] on a store whose tables' state is known ([`Tables`], found when the
    /// store was opened and true while nothing writes it).
    pub fn run_with(
        &self,
        store: &Store,
        tables: Tables,
        bound: Vec<(Variable, Term)>,
    ) -> Result<Rows, QueryError> {
        match self.read_table(store, tables, &bound)? {
            Some(rows) => Ok(rows),
            None => self.run_sparql(store, bound),
        }
    }

    /// The answer evaluated by SPARQL, whatever tables the store holds: what any endpoint that
    /// holds our graph answers.
    pub fn run_sparql(
        &self,
        store: &Store,
        bound: Vec<(Variable, Term)>,
    ) -> Result<Rows, QueryError> {
        self.evaluate(store, bound, &self.columns, false, None)
            .map(|(t, _)| t)
    }

    /// [`Canned::run_with`], a SPARQL evaluation stopping when `token` is cancelled (by a time
    /// limit, a client gone). Reading a table takes no time worth cancelling: a token cancelled
    /// before it is read stops it all the same.
    pub fn run_cancellable(
        &self,
        store: &Store,
        tables: Tables,
        bound: Vec<(Variable, Term)>,
        token: oxigraph::sparql::CancellationToken,
    ) -> Result<Rows, QueryError> {
        if token.is_cancelled() {
            return Err(QueryError::Evaluation {
                query: self.name.clone(),
                error: SparqlError::Cancelled,
            });
        }
        match self.read_table(store, tables, &bound)? {
            Some(rows) => Ok(rows),
            None => self
                .evaluate(store, bound, &self.columns, false, Some(token))
                .map(|(t, _)| t),
        }
    }

    /// Every answer at once: the query with no parameter bound, its parameters' columns first
    /// then its own; what the answer tables are cut from.
    pub fn run_unbound(&self, store: &Store) -> Result<Rows, QueryError> {
        let columns: Vec<String> = self
            .params
            .iter()
            .map(|p| p.name.clone())
            .chain(self.columns.iter().cloned())
            .collect();
        self.evaluate(store, Vec::new(), &columns, false, None)
            .map(|(t, _)| t)
    }

    fn read_table(
        &self,
        store: &Store,
        tables: Tables,
        bound: &[(Variable, Term)],
    ) -> Result<Option<Rows>, QueryError> {
        let key: Vec<&str> = bound
            .iter()
            .map(|(_, t)| match t {
                Term::Literal(l) => l.value(),
                _ => "",
            })
            .collect();
        super::answers::read(store, tables, self, &key).map_err(|e| self.failed(e))
    }

    /// A table that could not be read, or the record saying whether to read it.
    fn failed(&self, e: impl std::fmt::Display) -> QueryError {
        QueryError::Evaluation {
            query: self.name.clone(),
            error: SparqlError::Evaluation(e.to_string()),
        }
    }

    /// Runs the query and returns, with its results, Oxigraph's plan of it with the time and
    /// the rows of each step (JSON): what to read when a query is slow.
    pub fn explain(
        &self,
        store: &Store,
        bound: Vec<(Variable, Term)>,
    ) -> Result<(Rows, String), QueryError> {
        self.evaluate(store, bound, &self.columns, true, None)
            .map(|(t, plan)| (t, plan.unwrap_or_default()))
    }

    fn evaluate(
        &self,
        store: &Store,
        bound: Vec<(Variable, Term)>,
        columns: &[String],
        explain: bool,
        token: Option<oxigraph::sparql::CancellationToken>,
    ) -> Result<(Rows, Option<String>), QueryError> {
        let fail = |error: SparqlError| QueryError::Evaluation {
            query: self.name.clone(),
            error,
        };
        let options = sparql::Options {
            token: token.clone(),
            ..sparql::Options::default()
        };
        let mut prepared = sparql::prepare(&self.text, &options).map_err(fail)?;
        for (v, t) in bound {
            prepared = prepared.substitute_variable(v, t);
        }
        let (results, explanation) = if explain {
            let (r, e) = prepared.on_store(store).compute_statistics().explain();
            (r, Some(e))
        } else {
            (prepared.on_store(store).execute(), None)
        };
        let results = results.map_err(|e| fail(SparqlError::Evaluation(e.to_string())))?;
        let QueryResults::Solutions(solutions) = results else {
            return Err(fail(SparqlError::NotSelect));
        };
        let rows = Rows::collect(solutions, Some(columns), token.as_ref()).map_err(fail)?;
        let plan = explanation.map(|e| {
            let mut json = Vec::new();
            let _ = e.write_in_json(&mut json);
            String::from_utf8_lossy(&json).into_owned()
        });
        Ok((rows, plan))
    }
}

fn projection(pattern: &spargebra::algebra::GraphPattern) -> Vec<String> {
    use spargebra::algebra::GraphPattern as P;
    match pattern {
        P::Project { variables, .. } => variables.iter().map(|v| v.as_str().to_owned()).collect(),
        P::Distinct { inner }
        | P::Reduced { inner }
        | P::Slice { inner, .. }
        | P::OrderBy { inner, .. } => projection(inner),
        _ => Vec::new(),
    }
}

/// The longest value a parameter may have: symbols and State names are short.
const MAX_VALUE: usize = 200;

/// A document parameter's value as a symbol: a UN symbol, or "75/240" for A/RES/75/240.
pub fn document_symbol(value: &str) -> Result<Symbol, String> {
    let v = value.trim();
    if v.len() > MAX_VALUE || v.chars().any(char::is_control) {
        return Err(format!(
            "\"{}\" is not a UN document symbol",
            shorten(value)
        ));
    }
    Symbol::parse(v).ok_or_else(|| {
        format!(
            "\"{}\" is not a UN document symbol (expected e.g. A/RES/75/240, A/C.1/73/L.27/Rev.1, or 75/240)",
            shorten(value)
        )
    })
}

/// A norm parameter's value as the graph writes it: a norm of A/70/174 by its paragraph
/// ("13(f)", "13 (f)"), one of 73/27 by its number ("1.6"), or a document symbol (the set of
/// norms it sets out: "A/70/174", "73/27").
pub fn norm_value(value: &str) -> Result<String, String> {
    let v = value.trim();
    if v.len() > MAX_VALUE || v.chars().any(char::is_control) {
        return Err(format!("\"{}\" is not a norm", shorten(value)));
    }
    let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    let gge = compact
        .strip_prefix("13(")
        .and_then(|r| r.strip_suffix(')'))
        .filter(|l| l.len() == 1 && ('a'..='k').contains(&l.chars().next().unwrap_or(' ')));
    if let Some(letter) = gge {
        return Ok(format!("13({letter})"));
    }
    if let Some(n) = compact.strip_prefix("1.") {
        if n.parse::<u32>().is_ok_and(|n| (1..=13).contains(&n)) {
            return Ok(compact);
        }
    }
    document_symbol(v)
        .map(|s| s.as_str().to_owned())
        .map_err(|_| {
            format!(
                "\"{}\" is not a norm (expected a paragraph of A/70/174 such as 13(f), a norm of 73/27 such as 1.6, or a document that sets out norms: A/70/174, A/RES/73/27)",
                shorten(value)
            )
        })
}

/// A State parameter's value as an alpha-3 code: the code itself, or a name in any of the six
/// languages (or one the sources print).
pub fn state_code<'a>(value: &str, states: &'a StateTable) -> Result<&'a str, String> {
    let v = value.trim();
    if v.len() > MAX_VALUE || v.chars().any(char::is_control) {
        return Err(format!("\"{}\" is not a State", shorten(value)));
    }
    if v.len() == 3 && v.chars().all(|c| c.is_ascii_alphabetic()) {
        if let Some(s) = states.by_code(&v.to_ascii_uppercase()) {
            return Ok(&s.iso3);
        }
    }
    states.resolve(v).map(|s| s.iso3.as_str()).map_err(|e| {
        if e.nearest.is_empty() {
            format!(
                "\"{}\" is not a State (give an ISO 3166-1 alpha-3 code or a name)",
                shorten(value)
            )
        } else {
            format!(
                "\"{}\" is not a State; nearest known names: {}",
                shorten(value),
                e.nearest.join(", ")
            )
        }
    })
}

fn shorten(v: &str) -> String {
    let mut s: String = v.chars().filter(|c| !c.is_control()).take(60).collect();
    if v.chars().count() > 60 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_and_names_are_unique() {
        let names: std::collections::BTreeSet<_> =
            catalogue().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names.len(), FILES.len());
        for (file, _) in FILES {
            assert!(names.contains(file.trim_end_matches(".rq")), "{file}");
        }
    }

    #[test]
    fn a_header_must_declare_projected_columns() {
        let e = Canned::parse(
            "# name: x\n# description: y\n# columns: a b\nSELECT ?a WHERE { BIND(1 AS ?a) }",
        )
        .unwrap_err();
        assert!(e.contains("?b is not in the SELECT clause"), "{e}");
        let e = Canned::parse("# name: x\n# columns: a\nSELECT ?a {}").unwrap_err();
        assert!(e.contains("description"), "{e}");
        let head = "# name: x\n# description: y\n# param: doc document\n# columns: a\n";
        let query = "SELECT ?doc ?a WHERE { BIND(1 AS ?a) }";
        let e = Canned::parse(&format!("{head}{query}")).unwrap_err();
        assert!(e.contains("no \"# example: doc=...\" line"), "{e}");
        let e = Canned::parse(&format!("{head}# example: dog=75/240\n{query}")).unwrap_err();
        assert!(e.contains("no \"# example: doc"), "{e}");
        let c = Canned::parse(&format!("{head}# example: doc=A/RES/43/78 H\n{query}")).unwrap();
        assert_eq!(c.examples, [("doc".to_owned(), "A/RES/43/78 H".to_owned())]);
    }

    #[test]
    fn document_values() {
        assert_eq!(document_symbol("75/240").unwrap().as_str(), "A/RES/75/240");
        assert_eq!(
            document_symbol(" A/C.1/73/L.27/Rev.1 ").unwrap().as_str(),
            "A/C.1/73/L.27/Rev.1"
        );
        assert_eq!(
            document_symbol("43/78 H").unwrap().as_str(),
            "A/RES/43/78 H"
        );
        for hostile in [
            "\" } ; DROP ALL ; #",
            "A/RES/75/240\" . ?s ?p ?o",
            "<http://evil/>",
            "",
            "75/",
        ] {
            assert!(document_symbol(hostile).is_err(), "{hostile}");
        }
    }

    #[test]
    fn state_values() {
        let t = StateTable::bundled();
        assert_eq!(state_code("cze", t).unwrap(), "CZE");
        assert_eq!(state_code("Tchèque", t).unwrap(), "CZE");
        assert_eq!(state_code("Российская Федерация", t).unwrap(), "RUS");
        let e = state_code("Atlantis\" } #", t).unwrap_err();
        assert!(e.contains("is not a State"), "{e}");
    }
}
