//! SHACL validation of the built graph against `ontology/shapes.ttl`.
//!
//! The SHACL Core subset our shapes use, each constraint compiled to one SPARQL query over the
//! default graph, the merge of the source graphs: `sh:targetClass`, `sh:path` (an IRI), `sh:minCount`,
//! `sh:maxCount`, `sh:datatype`, `sh:class`, `sh:in`, `sh:pattern`. A shapes file that uses
//! anything else is refused rather than half-checked. Counts are of distinct values, as in SHACL.

use crate::query::sparql::select_text;
use crate::query::SparqlError;
use crate::rdf::vocab::sh;
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

pub use crate::rdf::ontology::SHAPES as SHAPES_TTL;
const SH: &str = sh::NS;

/// Why the shapes could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum ShapesError {
    #[error("shapes: {0}")]
    Syntax(String),
    #[error("shapes: sh:{0} is not supported by normgraph's validator")]
    Unsupported(String),
    #[error("{0}")]
    Query(#[from] SparqlError),
}

fn select(store: &Store, query: &str) -> Result<Vec<Vec<String>>, SparqlError> {
    select_text(store, query)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub shape: String,
    pub focus: String,
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone)]
struct Constraint {
    shape: String,
    classes: Vec<String>,
    path: String,
    min: Option<u64>,
    max: Option<u64>,
    datatype: Option<String>,
    class: Option<String>,
    within: Option<Vec<String>>,
    pattern: Option<String>,
}

/// Reads the constraints of a shapes graph.
fn constraints(shapes_ttl: &str) -> Result<Vec<Constraint>, ShapesError> {
    let shapes = Store::new().map_err(|e| ShapesError::Syntax(e.to_string()))?;
    shapes
        .load_from_reader(RdfFormat::Turtle, shapes_ttl.as_bytes())
        .map_err(|e| ShapesError::Syntax(e.to_string()))?;
    let known = [
        "targetClass",
        "property",
        "path",
        "minCount",
        "maxCount",
        "datatype",
        "class",
        "in",
        "pattern",
        "NodeShape",
    ];
    for row in select(
        &shapes,
        &format!("SELECT DISTINCT ?p WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), \"{SH}\")) }}"),
    )? {
        let local = row[0].trim_start_matches(SH);
        if !known.contains(&local) {
            return Err(ShapesError::Unsupported(local.to_owned()));
        }
    }
    let rows = select(
        &shapes,
        &format!(
            "SELECT ?shape ?prop ?path ?min ?max ?dt ?class ?pattern WHERE {{
               ?shape <{SH}property> ?prop . ?prop <{SH}path> ?path .
               OPTIONAL {{ ?prop <{SH}minCount> ?min }} OPTIONAL {{ ?prop <{SH}maxCount> ?max }}
               OPTIONAL {{ ?prop <{SH}datatype> ?dt }} OPTIONAL {{ ?prop <{SH}class> ?class }}
               OPTIONAL {{ ?prop <{SH}pattern> ?pattern }} }} ORDER BY ?shape ?path"
        ),
    )?;
    let mut out = Vec::new();
    for r in rows {
        let classes = select(
            &shapes,
            &format!(
                "SELECT ?c WHERE {{ <{}> <{SH}targetClass> ?c }} ORDER BY ?c",
                r[0]
            ),
        )?
        .into_iter()
        .map(|mut c| c.remove(0))
        .collect();
        out.push(Constraint {
            shape: r[0].clone(),
            classes,
            path: r[2].clone(),
            min: r[3].parse().ok(),
            max: r[4].parse().ok(),
            datatype: Some(r[5].clone()).filter(|s| !s.is_empty()),
            class: Some(r[6].clone()).filter(|s| !s.is_empty()),
            within: None,
            pattern: Some(r[7].clone()).filter(|s| !s.is_empty()),
        });
    }
    // sh:in lists, read per constraint (property shapes are blank nodes: match on shape+path).
    let lists = shapes_in_lists(&shapes)?;
    for c in &mut out {
        if let Some((_, _, values)) = lists.iter().find(|(s, p, _)| *s == c.shape && *p == c.path) {
            c.within = Some(values.clone());
        }
    }
    Ok(out)
}

/// (shape, path, values) of every `sh:in`, values as SPARQL terms.
fn shapes_in_lists(shapes: &Store) -> Result<Vec<(String, String, Vec<String>)>, SparqlError> {
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
    let q = format!(
        "SELECT ?shape ?path ?v (isIRI(?v) AS ?iri) WHERE {{
           ?shape <{SH}property> ?prop . ?prop <{SH}path> ?path ; <{SH}in>/rdf:rest*/rdf:first ?v }}"
    );
    for r in select(shapes, &q)? {
        let term = if r[3] == "true" {
            format!("<{}>", r[2])
        } else {
            format!("\"{}\"", r[2].replace('"', "\\\""))
        };
        match out.iter_mut().find(|(s, p, _)| *s == r[0] && *p == r[1]) {
            Some((_, _, values)) => values.push(term),
            None => out.push((r[0].clone(), r[1].clone(), vec![term])),
        }
    }
    Ok(out)
}

/// Checks `store` against the shapes; returns the violations and the number of constraints.
pub fn validate(store: &Store, shapes_ttl: &str) -> Result<(Vec<Violation>, usize), ShapesError> {
    let constraints = constraints(shapes_ttl)?;
    let mut violations = Vec::new();
    for c in &constraints {
        let targets = c
            .classes
            .iter()
            .map(|k| format!("<{k}>"))
            .collect::<Vec<_>>()
            .join(", ");
        let focus = format!("?s a ?k . FILTER(?k IN ({targets}))");
        let path = format!("<{}>", c.path);
        let mut push = |rows: Vec<Vec<String>>, message: &dyn Fn(&[String]) -> String| {
            for r in rows {
                violations.push(Violation {
                    shape: c.shape.clone(),
                    focus: r[0].clone(),
                    path: c.path.clone(),
                    message: message(&r),
                });
            }
        };
        if let Some(min) = c.min {
            let rows = select(store, &format!("SELECT ?s (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {focus} OPTIONAL {{ ?s {path} ?o }} }} GROUP BY ?s HAVING (COUNT(DISTINCT ?o) < {min})"))?;
            push(rows, &|r| {
                format!("{} value(s), at least {min} expected", r[1])
            });
        }
        if let Some(max) = c.max {
            let rows = select(store, &format!("SELECT ?s (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {focus} ?s {path} ?o }} GROUP BY ?s HAVING (COUNT(DISTINCT ?o) > {max})"))?;
            push(rows, &|r| {
                format!("{} values, at most {max} expected", r[1])
            });
        }
        if let Some(dt) = &c.datatype {
            let rows = select(store, &format!("SELECT DISTINCT ?s ?o WHERE {{ {focus} ?s {path} ?o FILTER(!isLiteral(?o) || DATATYPE(?o) != <{dt}>) }}"))?;
            push(rows, &|r| {
                format!("value {} is not of datatype <{dt}>", r[1])
            });
        }
        if let Some(class) = &c.class {
            let rows = select(store, &format!("SELECT DISTINCT ?s ?o WHERE {{ {focus} ?s {path} ?o FILTER NOT EXISTS {{ ?o a <{class}> }} }}"))?;
            push(rows, &|r| format!("value {} is not a <{class}>", r[1]));
        }
        if let Some(values) = &c.within {
            let rows = select(
                store,
                &format!(
                    "SELECT DISTINCT ?s ?o WHERE {{ {focus} ?s {path} ?o FILTER(?o NOT IN ({})) }}",
                    values.join(", ")
                ),
            )?;
            push(rows, &|r| {
                format!("value {} is not one of {}", r[1], values.join(" "))
            });
        }
        if let Some(pattern) = &c.pattern {
            let escaped = pattern.replace('\\', "\\\\").replace('"', "\\\"");
            let rows = select(store, &format!("SELECT DISTINCT ?s ?o WHERE {{ {focus} ?s {path} ?o FILTER(!REGEX(STR(?o), \"{escaped}\")) }}"))?;
            push(rows, &|r| {
                format!("value \"{}\" does not match /{pattern}/", r[1])
            });
        }
    }
    Ok((violations, constraints.len()))
}
