//! The pages for people: each kind of resource, the indexes, the search box, errors as pages,
//! `?format=` and `?lang=`, checked in-process against what the graph holds; then headless
//! Chromium reads the home page and every kind of page as a person would, with axe-core.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use normgraph::query::sparql::select_text;
use normgraph::server::{router, Config};
use oxigraph::store::Store;
use std::path::Path;
use tower::ServiceExt;

fn store() -> Store {
    common::store().clone()
}

/// What a browser sends for a page.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

struct Answer {
    status: StatusCode,
    content_type: String,
    location: Option<String>,
    body: String,
}

async fn ask(uri: &str, accept: &str, language: &str) -> Answer {
    let request = Request::get(uri)
        .header(header::ACCEPT, accept)
        .header(header::ACCEPT_LANGUAGE, language)
        .body(Body::empty())
        .unwrap();
    let response = router(store(), Config::default())
        .oneshot(request)
        .await
        .unwrap();
    let status = response.status();
    let header = |h| {
        response
            .headers()
            .get(h)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let location = header(header::LOCATION);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        content_type,
        location,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

async fn page(uri: &str) -> Answer {
    ask(uri, BROWSER, "en").await
}

/// The part of `body` from `open` to the first `close` after it (a section, a table, a list).
fn within<'a>(body: &'a str, open: &str, close: &str) -> &'a str {
    let start = body
        .find(open)
        .unwrap_or_else(|| panic!("no {open:?} in the page"));
    let end = start + body[start..].find(close).unwrap();
    &body[start..end]
}

/// A number the graph gives by SPARQL.
fn count(query: &str) -> usize {
    select_text(&store(), query).unwrap()[0][0].parse().unwrap()
}

#[tokio::test]
async fn every_minted_iri_dereferences_as_a_page_or_as_rdf() {
    let a = ask("/id/doc/A/RES/75/240", BROWSER, "es-ES,es;q=0.9,en;q=0.5").await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.content_type, "text/html; charset=utf-8");
    // The symbol, the Spanish title, links to what it cites, its text from the Spanish source.
    assert!(a.body.contains("<h1>A/RES/75/240</h1>"));
    assert!(
        a.body
            .contains("<p class=\"subtitle\" lang=\"es\">Avances en la esfera de la información"),
        "{}",
        &a.body[..a.body.len().min(2000)]
    );
    assert!(a.body.contains("href=\"/id/doc/A/RES/71/28\""));
    assert!(a.body.contains("<blockquote lang=\"es\">"));
    let turtle = ask("/id/state/CZE", "text/turtle", "en").await;
    assert_eq!(turtle.content_type, "text/turtle");
    assert!(turtle.body.contains("\"Tchèque\"@fr"), "{}", turtle.body);
    let jsonld = ask("/id/state/CZE", "application/ld+json", "en").await;
    assert!(serde_json::from_str::<serde_json::Value>(&jsonld.body).is_ok());
    assert_eq!(
        ask("/id/doc/A/RES/1/999", "text/html", "en").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_resolution_page_says_what_a_reader_asks_first_and_the_raw_facts_last() {
    let a = page("/id/doc/A/RES/75/240").await;
    assert_eq!(a.status, StatusCode::OK);
    let body = &a.body;
    let at = |needle: &str| {
        body.find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in the page"))
    };
    // Symbol, title, adoption date, the draft, the vote, the sponsors, the citations, then
    // the facts: in that order.
    let order = [
        "<h1>A/RES/75/240</h1>",
        "Developments in the field of information and telecommunications",
        "31 December 2020",
        "href=\"/id/doc/A/C.1/75/L.8/Rev.1\"",
        "<section id=\"votes\">",
        "<svg class=\"bar\"",
        "<section id=\"sponsors\">",
        "<section id=\"cites\">",
        "<section id=\"cited-by\">",
        "<section id=\"facts\">",
    ];
    for pair in order.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
    // The vote's bar says what the graph counts.
    let tally = select_text(
        &store(),
        "SELECT ?y ?n ?a WHERE { GRAPH ng:DerivedFacts { <https://normgraph.org/id/doc/A/RES/75/240/vote/plenary> ng:tallyYes ?y ; ng:tallyNo ?n ; ng:tallyAbstain ?a } }",
    )
    .unwrap();
    let [y, n, ab] = [&tally[0][0], &tally[0][1], &tally[0][2]];
    assert!(
        body.contains(&format!("aria-label=\"{y} yes, {n} no, {ab} abstain,")),
        "{y}-{n}-{ab}"
    );
    // Every sponsor of its draft, by name.
    let sponsors = count(
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?sp ng:sponsorshipOf/ng:symbol \"A/C.1/75/L.8/Rev.1\" ; ng:sponsor ?s }",
    );
    let section = &body[at("<section id=\"sponsors\">")..at("<section id=\"cites\">")];
    assert_eq!(section.matches("href=\"/id/state/").count(), sponsors);
    assert!(section.contains(">Russian Federation</a>"));
    // No raw IRI as a link's text, anywhere in the page (the facts name the page's own IRI,
    // as code).
    assert!(
        !body.contains("\">https://normgraph.org/id/"),
        "a raw IRI shown"
    );
    // Its RDF, linked from the head.
    assert!(body.contains(
        "<link rel=\"alternate\" type=\"text/turtle\" href=\"/id/doc/A/RES/75/240?format=ttl\">"
    ));
}

#[tokio::test]
async fn a_vote_page_has_the_three_lists_and_the_absent_each_state_linked() {
    let a = page("/id/doc/A/RES/75/240/vote/plenary").await;
    assert_eq!(a.status, StatusCode::OK);
    let votes = normgraph::query::find("votes")
        .unwrap()
        .run(&store(), &[("doc".into(), "A/RES/75/240".into())])
        .unwrap();
    let vote_column = votes.columns.iter().position(|c| c == "vote").unwrap();
    let votes = votes.text_rows();
    for (id, vote) in [
        ("yes", "yes"),
        ("no", "no"),
        ("abstain", "abstain"),
        ("absent", "absent"),
    ] {
        let list = within(
            &a.body,
            &format!("<section class=\"list\" id=\"{id}\">"),
            "</section>",
        );
        let expected = votes.iter().filter(|r| r[vote_column] == vote).count();
        assert_eq!(list.matches("<li>").count(), expected, "{id}");
    }
    assert!(a.body.contains("<a href=\"/id/state/FRA\">France</a>"));
}

#[tokio::test]
async fn a_state_page_has_one_row_per_recorded_vote_and_its_sponsorships() {
    let a = page("/id/state/FRA").await;
    let recorded = count(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ng:DerivedFacts { <https://normgraph.org/id/state/FRA> ?how ?e }
           FILTER(?how IN (ng:votedYesIn, ng:votedNoIn, ng:abstainedIn, ng:absentFrom)) }",
    );
    assert!(recorded > 10, "{recorded}");
    let record = within(&a.body, "<table class=\"record\">", "</table>");
    assert_eq!(record.matches("<tr><td>").count(), recorded);
    let sponsored = count(
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?sp ng:sponsor <https://normgraph.org/id/state/FRA> ; ng:sponsorshipOf ?d }",
    );
    assert!(a.body.contains(&format!("({sponsored})</h2>")));
    // In French: the chrome, the dates, the name.
    let fr = ask("/id/state/FRA", BROWSER, "fr-FR,fr;q=0.9").await;
    assert!(fr.body.starts_with("<!doctype html>\n<html lang=\"fr\">"));
    assert!(fr.body.contains(">États</a>"));
    assert!(fr.body.contains("8 novembre 2018"));
    // ?lang= says the same as the header.
    let by_link = ask("/id/state/FRA?lang=fr", BROWSER, "en").await;
    assert_eq!(by_link.body, fr.body);
}

#[tokio::test]
async fn a_norm_page_has_its_text_in_every_language_the_graph_holds() {
    let a = page("/id/doc/A/RES/73/27/norm/1.6").await;
    let texts = select_text(
        &store(),
        "SELECT ?t (LANG(?t) AS ?l) WHERE { <https://normgraph.org/id/doc/A/RES/73/27/norm/1.6> skos:definition ?t } ORDER BY ?l",
    )
    .unwrap();
    assert_eq!(texts.len(), 2, "English and French");
    for row in &texts {
        let shown = normgraph::server::html::escape(&row[0]);
        assert!(
            a.body.contains(&format!(
                "<blockquote lang=\"{}\" class=\"norm\"><p>{shown}</p>",
                row[1]
            )),
            "{}",
            row[1]
        );
    }
    assert!(a.body.contains("href=\"/id/doc/A/70/174/norm/13(f)\""));
}

#[tokio::test]
async fn the_indexes_list_the_line_the_states_the_norms_and_the_bodies() {
    let docs = page("/id/doc/").await;
    assert_eq!(docs.status, StatusCode::OK);
    let line = normgraph::query::find("timeline")
        .unwrap()
        .run(&store(), &[])
        .unwrap()
        .rows
        .len();
    let timeline = within(&docs.body, "<table class=\"index\">", "</table>");
    assert_eq!(timeline.matches("<tr><td>").count(), line);
    let states = page("/id/state/").await;
    assert_eq!(
        states.body.matches("<tr><td><a href=\"/id/state/").count(),
        count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a ng:State }")
    );
    // Sorted by name in the reader's language: in French, Tchéquie after Suède.
    let fr = ask("/id/state/", BROWSER, "fr").await;
    let (se, cz) = (
        fr.body.find(">Suède<").unwrap(),
        fr.body.find(">Tchéquie<").unwrap(),
    );
    assert!(se < cz);
    let norms = page("/id/norm/").await;
    assert!(norms
        .body
        .contains("href=\"/id/doc/A/RES/73/27/norm/1.13\""));
    let bodies = page("/id/body/").await;
    assert!(bodies.body.contains("href=\"/id/body/gge/2019\""));
    // A body's page names the bodies of its kind before and after it, by the year they start.
    let gge = page("/id/body/gge/2019").await;
    assert!(
        gge.body
            .contains("<dt>Previous</dt><dd><a href=\"/id/body/gge/2016\">"),
        "{}",
        &gge.body[..gge.body.len().min(3000)]
    );
    let oewg = page("/id/body/oewg/2019").await;
    assert!(oewg
        .body
        .contains("<dt>Next</dt><dd><a href=\"/id/body/oewg/2021\">"));
}

#[tokio::test]
async fn the_search_box_finds_states_in_any_language_symbols_and_norms() {
    let json = |q: &str| {
        let q = q.to_owned();
        async move {
            let a = ask(&format!("/search?q={q}"), "application/json", "en").await;
            assert_eq!(a.content_type, "application/json");
            serde_json::from_str::<serde_json::Value>(&a.body).unwrap()
        }
    };
    for q in [
        "Tch%C3%A9quie",
        "tchequie",
        "Chequia",
        "CZE",
        "%D0%A7%D0%B5%D1%85%D0%B8%D1%8F",
    ] {
        assert_eq!(json(q).await[0]["href"], "/id/state/CZE", "{q}");
    }
    assert_eq!(json("75%2F240").await[0]["href"], "/id/doc/A/RES/75/240");
    assert_eq!(json("1.6").await[0]["href"], "/id/doc/A/RES/73/27/norm/1.6");
    // The form: one exact match goes to its page.
    let exact = page("/search?q=Tch%C3%A9quie").await;
    assert_eq!(exact.status, StatusCode::SEE_OTHER);
    assert_eq!(exact.location.as_deref(), Some("/id/state/CZE"));
    let several = page("/search?q=group").await;
    assert_eq!(several.status, StatusCode::OK);
    assert!(several.body.contains("href=\"/id/body/gge/2019\""));
}

#[tokio::test]
async fn errors_are_pages_for_a_browser_and_text_for_a_program() {
    let nearest = normgraph::query::canned::nearest_symbols(&store(), "A/RES/75/24O", 3).unwrap();
    let browser = page("/id/doc/A/RES/75/24O").await;
    assert_eq!(browser.status, StatusCode::NOT_FOUND);
    assert_eq!(browser.content_type, "text/html; charset=utf-8");
    for symbol in &nearest {
        assert!(browser.body.contains(&format!(">{symbol}</a>")), "{symbol}");
    }
    let program = ask("/id/doc/A/RES/75/24O", "*/*", "en").await;
    assert_eq!(program.content_type, "text/plain; charset=utf-8");
    assert_eq!(
        program.body.trim(),
        format!(
            "no document A/RES/75/24O in the graph (nearest: {})",
            nearest.join(", ")
        )
    );
    // ?format= stands for the Accept header; an unknown one is refused by name.
    let ttl = ask("/id/state/CZE?format=ttl", BROWSER, "en").await;
    assert_eq!(ttl.content_type, "text/turtle");
    let bad = ask("/id/state/CZE?format=docx", "*/*", "en").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("\"docx\""), "{}", bad.body);
    let csv = ask("/queries/norms?format=csv", BROWSER, "en").await;
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
}

/// Headless Chromium (Debian's chromium, driven by playwright-core from npm; `.ci/run`
/// installs both) reads the home page as a person would: runs the editor's query, asks its own
/// and follows the answer to the resolution's page, runs a canned form, follows a box of the
/// picture. Screenshots are left in the target directory.
#[test]
fn a_browser_reads_the_home_page_and_follows_its_links() {
    let Some(seen) = in_browser("home.mjs") else {
        return;
    };
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen}");
    assert_eq!(
        seen["editor"],
        serde_json::json!(["COD", "GIN", "MWI", "SLE", "WSM"])
    );
    let (triples, _) = normgraph::query::sparql::sizes(&store()).unwrap();
    assert_eq!(
        seen["triples"],
        normgraph::server::html::thousands(triples).as_str()
    );
    assert_eq!(seen["resolutionUrl"], "/id/doc/A/RES/75/240");
    // A document's page is headed by its symbol (titles are shared by a whole line).
    assert_eq!(seen["resolutionHeading"], "A/RES/75/240");
    assert!(seen["quotes"].as_u64().unwrap() > 0, "{seen}");
    assert_eq!(seen["votesRows"], 193);
    assert_eq!(
        seen["pictureBoxes"], 57,
        "75/240 and the 56 documents of its chain"
    );
    assert!(seen["sponsorBoxes"].as_u64().unwrap() > 20, "{seen}");
    assert_eq!(seen["followedBox"], "/id/doc/A/RES/73/27");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    for shot in ["home.png", "resolution.png", "picture.png"] {
        let size = std::fs::metadata(shots.join(shot)).unwrap().len();
        assert!(size > 10_000, "{shot}: {size} bytes");
    }
}

/// Runs a script of `tests/browser/` against a server of the bundled graph, with screenshots
/// to `target/tmp/browser/`; what the script saw, as JSON.
fn in_browser(script: &str) -> Option<serde_json::Value> {
    let chromium = common::require::browser()?;
    let (_runtime, address) = common::serve(router(store(), Config::default()));
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    let out = std::process::Command::new("node")
        .arg(common::root().join("tests/browser").join(script))
        .arg(format!("http://{address}"))
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("screenshots in {}", shots.display());
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// Headless Chromium opens every kind of page of the bundled graph and finds what a reader
/// needs; axe-core finds no serious or critical accessibility violation on any of them.
#[test]
fn a_browser_reads_every_kind_of_page_and_axe_finds_nothing_serious() {
    let Some(seen) = in_browser("pages.mjs") else {
        return;
    };
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen}");
    let audits = seen["axe"].as_object().unwrap();
    assert!(audits.len() >= 18, "{seen}");
    assert!(seen["ontology"]["terms"].as_u64().unwrap() > 100, "{seen}");
    for (name, audit) in audits {
        assert!(
            audit["passes"].as_u64().unwrap() > 10,
            "axe did not run on {name}"
        );
        let serious: Vec<&serde_json::Value> = audit["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
            .collect();
        assert!(serious.is_empty(), "{name}: {serious:?}");
    }
    // The vote on 75/240: the bar and the lists as the canned query `votes` has them.
    let votes = normgraph::query::find("votes")
        .unwrap()
        .run(&store(), &[("doc".into(), "A/RES/75/240".into())])
        .unwrap();
    let vote_column = votes.columns.iter().position(|c| c == "vote").unwrap();
    let votes = votes.text_rows();
    for vote in ["yes", "no", "abstain", "absent"] {
        let expected = votes.iter().filter(|r| r[vote_column] == vote).count() as u64;
        assert_eq!(seen["vote"][vote], expected, "{vote}");
    }
    assert_eq!(seen["vote"]["segments"], 4);
    assert!(seen["vote"]["noList"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("France")));
    // France, reached from that list: one row per recorded vote.
    let recorded = count(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ng:DerivedFacts { <https://normgraph.org/id/state/FRA> ?how ?e }
           FILTER(?how IN (ng:votedYesIn, ng:votedNoIn, ng:abstainedIn, ng:absentFrom)) }",
    ) as u64;
    assert_eq!(seen["state"]["heading"], "France");
    assert_eq!(seen["state"]["rows"], recorded);
    // Norm 1.6: English and French, as the graph holds them.
    let texts = select_text(
        &store(),
        "SELECT (LANG(?t) AS ?l) ?t WHERE { <https://normgraph.org/id/doc/A/RES/73/27/norm/1.6> skos:definition ?t } ORDER BY ?l",
    )
    .unwrap();
    let mut shown: Vec<Vec<String>> =
        serde_json::from_value(seen["norm"]["texts"].clone()).unwrap();
    shown.sort();
    assert_eq!(shown, texts);
    assert_eq!(seen["norm"]["root"], 1);
    // The indexes, the search box, the error page, the French chrome.
    assert_eq!(
        seen["pages"]["states"]["rows"],
        count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a ng:State }") as u64
    );
    assert_eq!(seen["searched"], "/id/state/CZE");
    assert_eq!(seen["submitted"], "/id/state/CZE");
    assert_eq!(seen["suggestions"][0], "Tchéquie");
    assert_eq!(seen["error"]["status"], 404);
    assert_eq!(seen["error"]["type"], "text/html; charset=utf-8");
    let nearest = normgraph::query::canned::nearest_symbols(&store(), "A/RES/75/24O", 3).unwrap();
    assert_eq!(seen["error"]["nearest"], serde_json::json!(nearest));
    assert_eq!(seen["french"]["nav"][2], "États");
    // YASGUI: the editor's example answered (the five States of the home page's editor), its
    // permalink answers again, a canned example runs as it stands.
    assert_eq!(seen["editor"]["rows"], 5, "{seen}");
    assert_eq!(seen["editor"]["again"], 5);
    assert!(seen["editor"]["permalink"]
        .as_str()
        .unwrap()
        .contains("/editor?query="));
    assert!(seen["editor"]["download"].as_u64().unwrap() >= 1);
    let timeline = normgraph::query::find("timeline")
        .unwrap()
        .run(&store(), &[])
        .unwrap();
    assert_eq!(seen["editor"]["example"], timeline.rows.len() as u64);
    assert_eq!(seen["pages"]["state-fr"]["lang"], "fr");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    for shot in [
        "document",
        "vote",
        "state",
        "norm",
        "body",
        "documents",
        "states",
        "norms",
        "bodies",
        "search",
        "error",
    ] {
        let size = std::fs::metadata(shots.join(format!("{shot}.png")))
            .unwrap()
            .len();
        assert!(size > 10_000, "{shot}: {size} bytes");
    }
}

#[tokio::test]
async fn the_endpoint_takes_our_prefixes_undeclared_and_names_its_errors() {
    let q = |query: &str| {
        format!(
            "/sparql?query={}",
            form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
        )
    };
    let a = ask(
        &q("SELECT ?d WHERE { ?d ng:symbol \"A/RES/75/240\" }"),
        "text/csv",
        "en",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert!(
        a.body.contains("https://normgraph.org/id/doc/A/RES/75/240"),
        "{}",
        a.body
    );
    // A query's own PREFIX wins over ours.
    let own = ask(
        &q("PREFIX ng: <http://example.org/> SELECT ?d WHERE { ?d ng:symbol ?s }"),
        "text/csv",
        "en",
    )
    .await;
    assert_eq!(own.body.trim(), "d");
    let bad = ask(&q("SELECT * WHERE { ?s ngx:symbol ?o }"), "*/*", "en").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        bad.body.trim(),
        "the query does not parse: unknown prefix ngx: at 1:31"
    );
}

#[tokio::test]
async fn the_vocabulary_dereferences_and_is_in_the_store() {
    // The ontology's IRI, and a term's, land on the page; a program gets the file itself.
    let vocabulary = page("/ontology").await;
    assert_eq!(vocabulary.status, StatusCode::OK);
    assert!(vocabulary
        .body
        .contains("<dt id=\"adoptionDate\"><code>ng:adoptionDate</code> adoption date</dt>"));
    let ttl = ask("/ontology", "text/turtle", "en").await;
    assert_eq!(ttl.body, normgraph::rdf::ontology::ONTOLOGY);
    // Pages link a term of ours to its entry, not to a host that may not answer.
    let state = page("/id/state/CZE").await;
    assert!(state.body.contains("href=\"/ontology#iso3\""));
    // Its labels and comments are in the store, in a graph of their own.
    let labels = select_text(
        &store(),
        "SELECT ?l WHERE { GRAPH <https://normgraph.org/ontology> { ng:adoptionDate rdfs:label ?l } }",
    )
    .unwrap();
    assert_eq!(labels, [["adoption date"]]);
    // The JSON-LD context, at the URL the server's JSON-LD names.
    let context = ask("/context.jsonld", "*/*", "en").await;
    assert_eq!(context.content_type, "application/ld+json");
    assert_eq!(
        context.body,
        std::fs::read_to_string(common::root().join("ontology/context.jsonld")).unwrap()
    );
    let jsonld = ask("/id/state/CZE", "application/ld+json", "en").await;
    let v: serde_json::Value = serde_json::from_str(&jsonld.body).unwrap();
    assert_eq!(v["@context"], "http://localhost/context.jsonld");
}

/// rdflib, over a real socket, reads a resource's JSON-LD by fetching the context it names from
/// the server, and finds the same graph as in Turtle.
#[test]
fn rdflib_reads_the_json_ld_through_the_servers_context() {
    if !common::require::python("rdflib", "rdflib (it comes with pyshacl)") {
        return;
    }
    let (_runtime, address) = common::serve(router(store(), Config::default()));
    let v = common::client(
        "python3",
        "tests/clients/jsonld_context.py",
        &[format!("http://{address}"), "/id/doc/A/RES/75/240".into()],
    );
    assert_eq!(v["context"], format!("http://{address}/context.jsonld"));
    assert_eq!(v["isomorphic"], true, "{v}");
    assert!(v["jsonld"].as_u64().unwrap() > 100, "{v}");
}

#[tokio::test]
async fn the_canned_forms_suggest_the_values_the_graph_holds() {
    let a = page("/queries").await;
    assert!(a
        .body
        .contains("<input name=\"doc\" value=\"A/RES/75/240\" required"));
    assert!(a.body.contains("list=\"values-document\""));
    let list = |kind: &str| {
        within(
            &a.body,
            &format!("<datalist id=\"values-{kind}\">"),
            "</datalist>",
        )
        .matches("<option")
        .count()
    };
    assert_eq!(
        list("document"),
        count("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?d ng:symbol ?s }")
    );
    assert_eq!(
        list("state"),
        count("SELECT (COUNT(?s) AS ?n) WHERE { ?s a ng:State }")
    );
    assert!(a.body.contains("<option value=\"13(f)\">"));
    assert!(a.body.contains("<option value=\"Czechia\">"));
}

/// Comunica, over a real socket: the endpoint's SELECT, ASK and CONSTRUCT answers, and a
/// resource in each RDF format the server gives (JSON-LD through the context it names).
#[test]
fn comunica_reads_the_endpoint_and_every_rdf_format() {
    if !common::require::comunica() {
        return;
    }
    let (_runtime, address) = common::serve(router(store(), Config::default()));
    let v = common::client(
        "node",
        "tests/clients/comunica/check.mjs",
        &[format!("http://{address}")],
    );
    assert_eq!(
        v["select"],
        serde_json::json!(["COD", "GIN", "MWI", "SLE", "WSM"])
    );
    assert_eq!(v["ask"], true);
    assert_eq!(
        v["construct"],
        count("SELECT (COUNT(*) AS ?n) WHERE { ?d a ng:Resolution ; ng:symbol ?s }") as u64
    );
    let cze = count(
        "SELECT (COUNT(*) AS ?n) WHERE { { <https://normgraph.org/id/state/CZE> ?p ?o } UNION { ?s ?p <https://normgraph.org/id/state/CZE> } }",
    ) as u64;
    for format in ["ttl", "nt", "jsonld", "rdf"] {
        assert_eq!(v["formats"][format], cze, "{format}: {v}");
    }
}

#[tokio::test]
async fn a_large_answer_is_a_page_of_rows_with_the_whole_a_link_away() {
    let query = "SELECT * WHERE { ?s ?p ?o }";
    let uri = format!(
        "/sparql?query={}",
        form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
    );
    let a = page(&uri).await;
    assert_eq!(a.status, StatusCode::OK);
    let total = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    assert!(total > 50_000, "{total}");
    assert!(
        a.body.contains(&format!(
            "The first 1,000 rows of {}",
            normgraph::server::html::thousands(total)
        )),
        "{}",
        &a.body[..a.body.len().min(3000)]
    );
    assert_eq!(a.body.matches("<tr><td>").count(), 1000);
    assert!(a.body.len() < 1_000_000, "{} bytes", a.body.len());
    assert!(a.body.contains("&amp;format=csv\">CSV</a>"));
}
