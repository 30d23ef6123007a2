//! The one SPARQL runner. Every query normgraph evaluates (the canned questions, the command
//! line's, the endpoint's, the checks', the pictures', the counts) is prepared here: our
//! prefixes predeclared where the caller wants them, a base IRI, a cancellation token; and a
//! SELECT's solutions are taken here as [`Rows`], checking the token between rows.
//!
//! The default graph is the merge of the source graphs (see `store`); `GRAPH` reaches each
//! source, and the computed graphs by their names.

use crate::rdf::graphs::is_computed;
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
        .map_err(|e| SparqlError::Syntax(short_syntax_error(query, &e.to_string())))
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
/// million quads); the two counts run side by side. The source graphs are named in the query,
/// each scanned by its own range of the index, so that the quads of the computed graphs (a tenth
/// to a half of the store) are never read. (A build names every graph by an IRI; a blank node
/// would make the query refused, never miscounted.)
pub fn sizes(store: &Store) -> Result<(usize, usize), SparqlError> {
    let mut sources = String::new();
    for g in store.named_graphs() {
        let g = g.map_err(|e| SparqlError::Evaluation(e.to_string()))?;
        if matches!(&g, oxigraph::model::NamedOrBlankNode::NamedNode(n) if is_computed(n.as_ref()))
        {
            continue;
        }
        sources.push_str(&g.to_string());
        sources.push(' ');
    }
    let queries = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }".to_owned(),
        format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {sources} }} GRAPH ?g {{ ?s ?p ?o }} }}"
        ),
    ];
    let [merged, sources] = std::thread::scope(|s| {
        queries
            .each_ref()
            .map(|q| s.spawn(move || count(store, q)))
            .map(|h| h.join().expect("a count panicked"))
    });
    Ok((merged?, sources?))
}

/// A parser's message made short and named for people: Oxigraph says "error at 1:28: expected
/// one of Prefix not found, ['%'], ['-' | '0' ..= '9' | ...", which becomes "unknown prefix
/// ngx: at 1:28". A message that names its problem in words keeps those words; otherwise the
/// tokens that were expected are kept (the character classes dropped) with the text near the
/// place.
pub fn short_syntax_error(query: &str, message: &str) -> String {
    let Some(rest) = message.strip_prefix("error at ") else {
        return message.to_owned();
    };
    let Some((place, said)) = rest.split_once(": ") else {
        return message.to_owned();
    };
    let (line, column) = place
        .split_once(':')
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
        .unwrap_or((0, 0));
    let before: String = query
        .lines()
        .nth(line.saturating_sub(1))
        .map(|l| l.chars().take(column.saturating_sub(1)).collect())
        .unwrap_or_default();
    let expected = said
        .strip_prefix("expected one of ")
        .or_else(|| said.strip_prefix("expected "))
        .unwrap_or(said);
    // The items of the list, the character classes ([...]) dropped.
    let mut items: Vec<&str> = Vec::new();
    let (mut depth, mut quoted) = (0usize, false);
    let mut start = 0usize;
    for (i, c) in expected.char_indices() {
        match c {
            '"' if depth == 0 => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            ',' if depth == 0 && !quoted => {
                items.push(expected[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(expected[start..].trim());
    items.retain(|i| !i.is_empty() && !i.starts_with('['));
    if items.contains(&"Prefix not found") {
        let prefix = before
            .rsplit(|c: char| c.is_whitespace() || "{}().;,".contains(c))
            .next()
            .and_then(|token| token.split_once(':'))
            .map(|(p, _)| p)
            .unwrap_or("");
        return format!("unknown prefix {prefix}: at {place}");
    }
    // A problem said in words ("The SELECT contains a variable that is unbound").
    if let Some(words) = items.iter().find(|i| {
        i.contains(' ') && i.chars().next().is_some_and(char::is_uppercase) && !i.starts_with('"')
    }) {
        let mut w = words.chars();
        let words: String = w
            .next()
            .map(|f| f.to_lowercase().chain(w).collect())
            .unwrap_or_default();
        return format!("{words}, at {place}");
    }
    // The parser names one query form where any would do ("SELEKT *": "expected DESCRIBE").
    if let [form] = items[..] {
        if ["SELECT", "CONSTRUCT", "ASK", "DESCRIBE"].contains(&form) {
            items = vec!["SELECT, CONSTRUCT, ASK or DESCRIBE"];
        }
    }
    let near: String = before
        .chars()
        .rev()
        .take(32)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let shown: Vec<&str> = items.iter().take(8).copied().collect();
    let more = if items.len() > shown.len() {
        ", ..."
    } else {
        ""
    };
    format!(
        "expected {}{more} at {place}, after \"{}\"",
        shown.join(", "),
        near.trim()
    )
}

#[cfg(test)]
mod short_errors {
    use super::short_syntax_error;

    fn short(query: &str) -> String {
        match super::prepare(query, &super::Options::default()) {
            Err(super::SparqlError::Syntax(m)) => m,
            other => panic!("{query}: {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn parser_errors_are_short_and_named() {
        assert_eq!(
            short("SELECT * WHERE { ?s ngx:foo ?o }"),
            "unknown prefix ngx: at 1:28"
        );
        assert_eq!(
            short("SELECT ?x WHERE { ?s ?p ?o } GROUP BY ?s"),
            "the SELECT contains a variable that is unbound, at 1:41"
        );
        let open = short("SELECT * WHERE { ?s ?p ?o ");
        assert!(open.starts_with("expected \",\", \".\", \";\""), "{open}");
        assert!(
            open.ends_with("at 1:27, after \"SELECT * WHERE { ?s ?p ?o\""),
            "{open}"
        );
        assert_eq!(
            short("SELEKT * WHERE {}"),
            "expected SELECT, CONSTRUCT, ASK or DESCRIBE at 1:10, after \"SELEKT *\""
        );
        // A message of another shape is kept as it is.
        assert_eq!(short_syntax_error("", "something else"), "something else");
    }
}
