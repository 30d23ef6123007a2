//! What the home page and the pictures show, read from the store (a page's labels come from
//! `labels`): a document's citation chain and sponsors (from the canned queries
//! `citation-chain` and `sponsors`, so a picture shows exactly what they answer), the dataset's
//! figures. The views (`page`, `draw`) then take these values and never a store.

use super::draw::{Chain, Cited, Sponsor};
use super::page::{Figures, FormValues};
use crate::query::canned::{self, QueryError};
use crate::query::sparql::{self, cell_text, Rows, SparqlError};
use crate::query::Opened;
use crate::rdf::vocab::compact;
use crate::reference::symbol::Symbol;
use oxigraph::model::{Literal, Term, Variable};
use oxigraph::sparql::{CancellationToken, QueryResults};
use oxigraph::store::Store;
use std::collections::HashSet;

/// A canned query with its one parameter `doc` bound, stopping when `token` is cancelled.
fn run(
    opened: &Opened,
    name: &str,
    doc: &Symbol,
    token: &CancellationToken,
) -> Result<Rows, QueryError> {
    let bound = vec![(
        Variable::new_unchecked("doc"),
        Term::from(Literal::new_simple_literal(doc.as_str())),
    )];
    canned::find(name)?.run_cancellable(&opened.store, opened.tables, bound, token.clone())
}

/// Why a picture could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("{0}")]
    Query(#[from] QueryError),
    #[error("{0}")]
    Sparql(#[from] SparqlError),
}

/// The chain of `doc` as `citation-chain` gives it, with the citations among its documents.
pub fn chain(
    opened: &Opened,
    doc: &Symbol,
    token: &CancellationToken,
) -> Result<Chain, PictureError> {
    let nodes: Vec<Cited> = run(opened, "citation-chain", doc, token)?
        .text_rows()
        .into_iter()
        .map(|r| Cited {
            depth: r[0].parse().unwrap_or(0),
            symbol: r[1].clone(),
            date: r[2].clone(),
            verb: r.get(3).cloned().unwrap_or_default(),
        })
        .collect();
    let mut symbols: Vec<&str> = nodes.iter().map(|n| n.symbol.as_str()).collect();
    symbols.push(doc.as_str());
    let values: Vec<String> = symbols
        .iter()
        .map(|s| Literal::new_simple_literal(*s).to_string())
        .collect();
    // The citations among them, and the root's own date (the other dates came with the chain).
    let query = format!(
        "SELECT DISTINCT ?a ?b ?date WHERE {{\n\
           {{ VALUES ?a {{ {} }} ?x ng:symbol ?a ; cito:cites ?y . ?y ng:symbol ?b }}\n\
           UNION {{ ?x ng:symbol {} . GRAPH ng:DerivedFacts {{ ?x ng:knownDate ?date }} }}\n\
         }}",
        values.join(" "),
        values.last().map_or("\"\"", String::as_str),
    );
    let options = sparql::Options {
        prefixes: true,
        token: Some(token.clone()),
        ..sparql::Options::default()
    };
    let results = sparql::prepare(&query, &options)?
        .on_store(&opened.store)
        .execute()
        .map_err(|e| SparqlError::Evaluation(e.to_string()))?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(SparqlError::NotSelect.into());
    };
    let rows = Rows::collect(solutions, None, Some(token))?;
    let mut root_date = String::new();
    let inside: HashSet<&str> = symbols.iter().copied().collect();
    let mut edges = Vec::new();
    for row in &rows.rows {
        let get = |i: usize| row.get(i).and_then(Option::as_ref);
        if let Some(date) = get(2) {
            root_date = cell_text(Some(date));
            continue;
        }
        let (a, b) = (cell_text(get(0)), cell_text(get(1)));
        if inside.contains(b.as_str()) {
            edges.push((a, b));
        }
    }
    edges.sort();
    Ok(Chain {
        root: doc.as_str().to_owned(),
        root_date,
        nodes,
        edges,
    })
}

/// The sponsors of `doc` as `sponsors` gives them.
pub fn sponsors(
    opened: &Opened,
    doc: &Symbol,
    token: &CancellationToken,
) -> Result<Vec<Sponsor>, PictureError> {
    Ok(run(opened, "sponsors", doc, token)?
        .text_rows()
        .into_iter()
        .map(|r| Sponsor {
            iso3: r[0].clone(),
            name: r[1].clone(),
            role: r[2].clone(),
            introducer: r[3] == "true",
        })
        .collect())
}

/// The dataset's figures: its size, the source files read, the resources of the main classes.
pub fn figures(store: &Store) -> Result<Figures, SparqlError> {
    let (triples, source_quads) = sparql::sizes(store)?;
    let source_files = crate::store::manifests(store)
        .map_err(|e| SparqlError::Evaluation(e.to_string()))?
        .len();
    let classes = sparql::select_text(
        store,
        "SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
           VALUES ?class { ng:Resolution ng:DraftResolution ng:GGEReport ng:CommitteeReport
                           ng:State ng:Sponsorship opengov:VoteEvent opengov:Vote }
           ?x a ?class } GROUP BY ?class",
    )?
    .into_iter()
    .map(|row| (compact(&row[0]), row[1].parse().unwrap_or(0)))
    .collect();
    Ok(Figures {
        triples,
        source_quads,
        source_files,
        classes,
    })
}

/// The values the canned forms suggest (see [`FormValues`]).
pub fn form_values(store: &Store) -> Result<FormValues, SparqlError> {
    let column = |query: &str| -> Result<Vec<String>, SparqlError> {
        Ok(sparql::select_text(store, query)?
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .collect())
    };
    Ok(FormValues {
        documents: column("SELECT DISTINCT ?s WHERE { ?d ng:symbol ?s } ORDER BY ?s")?,
        states: column(
            "SELECT ?name WHERE { ?s a ng:State ; skos:prefLabel ?name FILTER(LANGMATCHES(LANG(?name), \"en\")) } ORDER BY ?name",
        )?,
        norms: column(
            "SELECT DISTINCT ?v WHERE { { ?n a ng:Norm ; skos:notation ?v } UNION { ?n a ng:GgeNorm ; skos:notation ?v }
               UNION { ?scheme ng:schemeOf/ng:symbol ?v } } ORDER BY ?v",
        )?,
    })
}
