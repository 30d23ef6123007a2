//! The one SPARQL runner. Every query normgraph evaluates (the canned questions, the command
//! line's, the endpoint's, the checks', the pictures', the counts) is prepared here: our
//! prefixes predeclared where the caller wants them, a base IRI, a cancellation token; and a
//! SELECT's solutions are taken here as [`Rows`], checking the token between rows.
//!
//! The default graph is the merge of the source graphs (see `store`); `GRAPH` reaches each
//! source, and the computed graphs by their names.

use crate::rdf::graphs::COMPUTED;
use crate::rdf::vocab::PREFIXES;
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::{
    CancellationToken, PreparedSparqlQuery, QueryResults, QuerySolutionIter, SparqlEvaluator,
};
use oxigraph::store::Store;

/// How a query is prepared.
#[derive(Clone, Default)]
pub struct Options {
    /// Predeclare the prefixes of [`PREFIXES`] (`ng:`, `cito:`, `skos:`...).
    pub prefixes: bool,
    /// The base IRI relative IRIs of the query resolve against.
    pub base: Option<String>,
    /// Stops the evaluation when cancelled (a time limit, a client gone).
    pub token: Option<CancellationToken>,
}

impl Options {
    /// Our prefixes predeclared, no base, no token: what the checks and the command line use.
    pub fn with_prefixes() -> Self {
        Options {
            prefixes: true,
            ..Options::default()
        }
    }
}

/// Why a query gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SparqlError {
    #[error("the query does not parse: {0}")]
    Syntax(String),
    #[error("the query failed: {0}")]
    Evaluation(String),
    #[error("expected a SELECT query")]
    NotSelect,
    #[error("the query was cancelled")]
    Cancelled,
    /// Refused before parsing by [`super::guard::check`]: deep enough to overflow a stack.
    #[error("the query is too deep to evaluate safely: {0}")]
    TooComplex(String),
}

/// Parses `query` with `options`, ready to run on a store.
///
/// The query's depth is checked first ([`super::guard::check`]); parse and evaluate it on
/// [`super::guard::on_query_stack`] when it comes from outside.
pub fn prepare(query: &str, options: &Options) -> Result<PreparedSparqlQuery, SparqlError> {
    super::guard::check(query).map_err(|e| SparqlError::TooComplex(e.0))?;
    let mut evaluator = SparqlEvaluator::new();
    if options.prefixes {
        for (p, ns) in PREFIXES {
            evaluator = evaluator
                .with_prefix(p, ns)
                .expect("the vocabulary's prefixes are valid");
        }
    }
    if let Some(base) = &options.base {
        evaluator = evaluator
            .clone()
            .with_base_iri(base.as_str())
            .unwrap_or(evaluator);
    }
    if let Some(token) = &options.token {
        evaluator = evaluator.with_cancellation_token(token.clone());
    }
    evaluator
        .parse_query(query)
        .map_err(|e| SparqlError::Syntax(e.to_string()))
}

/// A table of results: its columns and, per row, each column's value (None if unbound).
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<Term>>>,
}

impl Rows {
    /// The solutions of a SELECT as rows of `columns` (all its variables when None), checking
    /// `token` between rows: a query that computes its rows without reading the store (a join
    /// already in memory) stops as well.
    pub fn collect(
        solutions: QuerySolutionIter<'_>,
        columns: Option<&[String]>,
        token: Option<&CancellationToken>,
    ) -> Result<Rows, SparqlError> {
        let columns: Vec<String> = match columns {
            Some(c) => c.to_vec(),
            None => solutions
                .variables()
                .iter()
                .map(|v| v.as_str().to_owned())
                .collect(),
        };
        let vars: Vec<Variable> = columns
            .iter()
            .map(|c| Variable::new_unchecked(c.as_str()))
            .collect();
        let mut rows = Vec::new();
        for s in solutions {
            if token.is_some_and(|t| t.is_cancelled()) {
                return Err(SparqlError::Cancelled);
            }
            let s = s.map_err(|e| SparqlError::Evaluation(e.to_string()))?;
            rows.push(vars.iter().map(|v| s.get(v).cloned()).collect());
        }
        Ok(Rows { columns, rows })
    }

    /// The table as SPARQL query results (JSON, XML, CSV or TSV), an unbound cell left out.
    pub fn write_results(
        &self,
        format: oxigraph::sparql::results::QueryResultsFormat,
        out: impl std::io::Write,
    ) -> std::io::Result<()> {
        let vars: Vec<Variable> = self
            .columns
            .iter()
            .map(|c| Variable::new_unchecked(c.as_str()))
            .collect();
        let mut w = oxigraph::sparql::results::QueryResultsSerializer::from_format(format)
            .serialize_solutions_to_writer(out, vars.clone())?;
        for row in &self.rows {
            w.serialize(
                vars.iter()
                    .zip(row)
                    .filter_map(|(v, t)| t.as_ref().map(|t| (v.as_ref(), t.as_ref()))),
            )?;
        }
        w.finish()?;
        Ok(())
    }

    /// Each cell as text: a literal's lexical form, an IRI as is, empty if unbound.
    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| r.iter().map(|t| cell_text(t.as_ref())).collect())
            .collect()
    }
}

/// A cell as text: a literal's lexical form, an IRI as is, empty if unbound.
pub fn cell_text(t: Option<&Term>) -> String {
    match t {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(t) => t.to_string(),
        None => String::new(),
    }
}

/// Runs a SELECT with our prefixes predeclared and returns its rows.
pub fn select(store: &Store, query: &str) -> Result<Rows, SparqlError> {
    let results = prepare(query, &Options::with_prefixes())?
        .on_store(store)
        .execute()
        .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(SparqlError::NotSelect);
    };
    Rows::collect(solutions, None, None)
}

/// [`select`], each cell as text (see [`cell_text`]): what the checks compare.
pub fn select_text(store: &Store, query: &str) -> Result<Vec<Vec<String>>, SparqlError> {
    select(store, query).map(|rows| rows.text_rows())
}

/// The number a `SELECT (COUNT(...) AS ?n)` gives.
fn count(store: &Store, query: &str) -> Result<usize, SparqlError> {
    Ok(select_text(store, query)?
        .first()
        .and_then(|row| row.first())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0))
}

/// How many triples the default graph (the merge) holds, and how many quads the source graphs
/// hold (every named graph but the computed ones). Counted by SPARQL, which counts encoded
/// terms without decoding them (a scan of `Store::iter` decodes every term and takes seconds per
/// million quads).
pub fn sizes(store: &Store) -> Result<(usize, usize), SparqlError> {
    let computed: Vec<String> = COMPUTED
        .iter()
        .map(|g| format!("<{}>", g.as_str()))
        .collect();
    Ok((
        count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")?,
        count(
            store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        )? - count(
            store,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {} }} GRAPH ?g {{ ?s ?p ?o }} }}",
                computed.join(" ")
            ),
        )?,
    ))
}
