//! The W3C SPARQL 1.1 Protocol tests (`../shared/conformance/w3c-sparql-protocol/protocol/`)
//! against our request handler: a harness that reads the manifest, loads each test's graphs
//! into a store of its own, sends its requests in order and checks the status class, the
//! format and the boolean expected. Every query test must pass; the update tests must be
//! refused (the server is read-only). Skips, saying so, when the conformance folder is absent.

use crate::common;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use normgraph::server::{router, Config};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const HT: &str = "http://www.w3.org/2011/http#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
const CNT: &str = "http://www.w3.org/2011/content#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";

fn folder() -> Option<PathBuf> {
    common::require::shared("conformance/w3c-sparql-protocol/protocol")
}

fn n(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// The objects of (subject, predicate) in the manifest.
fn objects(m: &Store, s: &Term, p: &str) -> Vec<Term> {
    let s = match s {
        Term::NamedNode(x) => NamedOrBlankNode::from(x.clone()),
        Term::BlankNode(x) => NamedOrBlankNode::from(x.clone()),
        _ => return vec![],
    };
    m.quads_for_pattern(Some(s.as_ref()), Some(n(p.to_owned()).as_ref()), None, None)
        .map(|q| q.unwrap().object)
        .collect()
}

fn one(m: &Store, s: &Term, p: &str) -> Option<Term> {
    objects(m, s, p).into_iter().next()
}

fn text(t: Option<Term>) -> Option<String> {
    match t {
        Some(Term::Literal(l)) => Some(l.value().to_owned()),
        Some(Term::NamedNode(x)) => Some(x.as_str().to_owned()),
        _ => None,
    }
}

/// The members of an RDF list, in order.
fn list(m: &Store, mut head: Term) -> Vec<Term> {
    let mut out = Vec::new();
    while head != Term::NamedNode(n(format!("{RDF}nil"))) {
        let Some(first) = one(m, &head, &format!("{RDF}first")) else {
            break;
        };
        out.push(first);
        head = one(m, &head, &format!("{RDF}rest")).expect("a well-formed list");
    }
    out
}

struct Outcome {
    name: String,
    passed: bool,
    detail: String,
}

async fn run_test(folder: &Path, m: &Store, test: &Term) -> Outcome {
    let name = text(one(m, test, &format!("{MF}name"))).unwrap_or_default();
    let id = text(Some(test.clone())).unwrap_or_default();
    let short = id.rsplit('#').next().unwrap_or_default().to_owned();
    // The test's data, each file in the named graph its label gives.
    let store = Store::new().unwrap();
    for gd in objects(m, test, &format!("{UT}graphData")) {
        let file = text(one(m, &gd, &format!("{UT}graph"))).unwrap();
        let label = text(one(m, &gd, &format!("{RDFS}label"))).unwrap();
        let path = folder.join(file.rsplit('/').next().unwrap());
        let data = std::fs::read(&path).unwrap();
        for t in RdfParser::from_format(RdfFormat::NTriples).for_slice(&data) {
            let t = t.unwrap();
            store
                .insert(oxigraph::model::QuadRef::new(
                    &t.subject,
                    &t.predicate,
                    &t.object,
                    GraphName::NamedNode(n(label.clone())).as_ref(),
                ))
                .unwrap();
        }
    }
    let action = one(m, test, &format!("{MF}action")).unwrap();
    let requests = list(m, one(m, &action, &format!("{HT}requests")).unwrap());
    let is_update_test = short.starts_with("update_");
    let mut details = Vec::new();
    let mut passed = true;
    let mut refused_updates = 0;
    for r in requests {
        let method = text(one(m, &r, &format!("{HT}methodName"))).unwrap();
        let path = text(one(m, &r, &format!("{HT}absolutePath"))).unwrap();
        let path = path.replacen("/sparql/", "/sparql", 1);
        let mut builder = Request::builder().method(method.as_str()).uri(&path);
        if let Some(h) = one(m, &r, &format!("{HT}headers")) {
            for h in list(m, h) {
                builder = builder.header(
                    text(one(m, &h, &format!("{HT}fieldName"))).unwrap(),
                    text(one(m, &h, &format!("{HT}fieldValue"))).unwrap(),
                );
            }
        }
        let body = one(m, &r, &format!("{HT}body"))
            .and_then(|b| {
                let chars = text(one(m, &b, &format!("{CNT}chars")))?;
                let encoding = text(one(m, &b, &format!("{CNT}characterEncoding")));
                // The non-UTF-8 tests give the body in UTF-16.
                Some(match encoding.as_deref() {
                    Some(e) if e.eq_ignore_ascii_case("UTF-16") => chars
                        .encode_utf16()
                        .flat_map(|u| u.to_be_bytes())
                        .collect::<Vec<u8>>(),
                    _ => chars.into_bytes(),
                })
            })
            .unwrap_or_default();
        let request_is_update = builder.headers_ref().is_some_and(|h| {
            h.get(header::CONTENT_TYPE).is_some_and(|v| {
                v.to_str()
                    .unwrap_or("")
                    .starts_with("application/sparql-update")
            })
        }) || String::from_utf8_lossy(&body).starts_with("update=")
            || path.contains("update=");
        let request = builder.body(Body::from(body)).unwrap();
        let response = router(store.clone(), Config::default())
            .oneshot(request)
            .await
            .unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let resp = one(m, &r, &format!("{HT}resp")).unwrap();
        let expected: Vec<String> = objects(m, &resp, &format!("{MF}expectedStatus"))
            .into_iter()
            .filter_map(|t| text(Some(t)))
            .map(|s| s.rsplit('#').next().unwrap().to_owned())
            .collect();
        let class = format!("StatusCode{}xx", status.as_u16() / 100);
        if is_update_test {
            // Read-only: the update must be refused, with a client error; the queries that
            // would check its effect have nothing to check.
            let sends_update = request_is_update;
            if sends_update && status != StatusCode::FORBIDDEN {
                passed = false;
                details.push(format!("{method} {path}: {status}, expected a refusal"));
            }
            if sends_update {
                refused_updates += 1;
            }
            continue;
        }
        if !expected.contains(&class) {
            passed = false;
            details.push(format!(
                "{method} {path}: {status}, expected {expected:?}: {}",
                String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(200)
                    .collect::<String>()
            ));
            continue;
        }
        let format = text(one(m, &resp, &format!("{MF}expectedFormat")));
        let media = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_owned();
        let results_format = QueryResultsFormat::from_media_type(&media);
        match format.as_deref() {
            Some("boolean") => {
                let Some(f) = results_format else {
                    passed = false;
                    details.push(format!("{path}: {media} is not a results format"));
                    continue;
                };
                let parsed = QueryResultsParser::from_format(f).for_reader(bytes.as_ref());
                let value = match parsed {
                    Ok(ReaderQueryResultsParserOutput::Boolean(b)) => Some(b),
                    _ => None,
                };
                let want =
                    text(one(m, &resp, &format!("{MF}expectedBoolean"))).map(|b| b == "true");
                if value.is_none() || (want.is_some() && value != want) {
                    passed = false;
                    details.push(format!("{path}: boolean {value:?}, expected {want:?}"));
                }
            }
            Some("tabular") => {
                let ok = results_format.is_some_and(|f| {
                    matches!(
                        QueryResultsParser::from_format(f).for_reader(bytes.as_ref()),
                        Ok(ReaderQueryResultsParserOutput::Solutions(_))
                    )
                });
                if !ok {
                    passed = false;
                    details.push(format!("{path}: {media} is not tabular results"));
                }
            }
            Some("RDF") => {
                let ok = RdfFormat::from_media_type(&media).is_some_and(|f| {
                    RdfParser::from_format(f)
                        .for_slice(&bytes)
                        .all(|t| t.is_ok())
                });
                if !ok {
                    passed = false;
                    details.push(format!("{path}: {media} is not RDF"));
                }
            }
            _ => {}
        }
    }
    if is_update_test && refused_updates == 0 {
        passed = false;
        details.push("no update request found".into());
    }
    Outcome {
        name: format!("{short} ({name})"),
        passed,
        detail: details.join("; "),
    }
}

#[tokio::test]
async fn w3c_sparql_protocol_tests() {
    let Some(folder) = folder() else {
        return;
    };
    let manifest = folder.join("manifest.ttl");
    let m = Store::new().unwrap();
    m.load_from_reader(
        RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(
                "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest",
            )
            .unwrap(),
        std::fs::read(&manifest).unwrap().as_slice(),
    )
    .unwrap();
    let root = m
        .quads_for_pattern(None, Some(n(format!("{MF}entries")).as_ref()), None, None)
        .next()
        .unwrap()
        .unwrap()
        .object;
    let tests = list(&m, root);
    assert_eq!(tests.len(), 34);
    let mut failed = Vec::new();
    let (mut queries, mut updates) = (0, 0);
    for t in &tests {
        let o = run_test(&folder, &m, t).await;
        if o.name.starts_with("update_") {
            updates += 1;
        } else {
            queries += 1;
        }
        if !o.passed {
            failed.push(format!("{}: {}", o.name, o.detail));
        }
    }
    eprintln!(
        "W3C protocol: {} of {} tests pass ({queries} query and error tests, {updates} update tests refused as read-only)",
        tests.len() - failed.len(),
        tests.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
