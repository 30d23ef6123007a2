//! `normgraph serve`: every route and format through the request handler, in-process, on the
//! bundled graph; and the server as a client meets it, over a real socket.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use normgraph::server::{router, Config};
use oxigraph::store::Store;
use std::io::{Read, Write};
use std::time::Duration;
use tower::ServiceExt;

fn store() -> Store {
    common::store().clone()
}

struct Answer {
    status: StatusCode,
    content_type: String,
    cors: bool,
    body: String,
}

async fn call(request: Request<Body>, config: Config) -> Answer {
    let response = router(store(), config).oneshot(request).await.unwrap();
    let status = response.status();
    let header = |h| {
        response
            .headers()
            .get(h)
            .map(|v: &axum::http::HeaderValue| v.to_str().unwrap().to_owned())
    };
    let content_type = header(header::CONTENT_TYPE).unwrap_or_default();
    let cors = header(header::ACCESS_CONTROL_ALLOW_ORIGIN).as_deref() == Some("*");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        content_type,
        cors,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn get(uri: &str, accept: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::ACCEPT, accept)
        .body(Body::empty())
        .unwrap()
}

fn post(content_type: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post("/sparql")
        .header(header::CONTENT_TYPE, content_type)
        .body(body.into())
        .unwrap()
}

fn encoded(q: &str) -> String {
    form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

const SPONSORS_OF_BOTH: &str = "PREFIX ng: <https://normgraph.org/ontology#>
SELECT DISTINCT ?iso WHERE {
  ?a ng:symbol \"A/C.1/73/L.27/Rev.1\" . ?b ng:symbol \"A/C.1/73/L.37\" .
  ?sa ng:sponsorshipOf ?a ; ng:sponsor ?s . ?sb ng:sponsorshipOf ?b ; ng:sponsor ?s .
  ?s ng:iso3 ?iso } ORDER BY ?iso";

#[tokio::test]
async fn select_in_every_result_format_by_get_and_post() {
    let uri = format!("/sparql?query={}", encoded(SPONSORS_OF_BOTH));
    for (accept, media, marker) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"COD\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<literal>COD</literal>",
        ),
        ("text/csv", "text/csv", "COD\r\n"),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "\"COD\"",
        ),
        ("*/*", "application/sparql-results+json", "\"WSM\""),
        ("image/png;q=0.9, text/csv;q=0.8", "text/csv", "WSM"),
    ] {
        let a = call(get(&uri, accept), Config::default()).await;
        assert_eq!(a.status, StatusCode::OK, "{accept}: {}", a.body);
        assert_eq!(a.content_type, media, "{accept}");
        assert!(a.body.contains(marker), "{accept}: {}", a.body);
        assert!(a.cors);
    }
    // POST, form-encoded and as a raw query.
    let form = Request::post("/sparql")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/csv")
        .body(Body::from(format!("query={}", encoded(SPONSORS_OF_BOTH))))
        .unwrap();
    let a = call(form, Config::default()).await;
    assert_eq!(a.body, "iso\r\nCOD\r\nGIN\r\nMWI\r\nSLE\r\nWSM\r\n");
    let raw = Request::post("/sparql")
        .header(header::CONTENT_TYPE, "application/sparql-query")
        .header(header::ACCEPT, "text/csv")
        .body(Body::from(SPONSORS_OF_BOTH))
        .unwrap();
    assert_eq!(call(raw, Config::default()).await.body, a.body);
}

#[tokio::test]
async fn graphs_in_every_rdf_format_and_ask() {
    let construct = "CONSTRUCT { ?d <http://purl.org/dc/terms/title> ?t } WHERE { ?d <https://normgraph.org/ontology#symbol> \"A/RES/75/240\" ; <http://purl.org/dc/terms/title> ?t }";
    let uri = format!("/sparql?query={}", encoded(construct));
    for (accept, marker) in [
        ("text/turtle", "@fr"),
        (
            "application/n-triples",
            "<https://normgraph.org/id/doc/A/RES/75/240>",
        ),
        ("application/rdf+xml", "xml:lang=\"ru\""),
        ("application/ld+json", "\"@language\""),
    ] {
        let a = call(get(&uri, accept), Config::default()).await;
        assert_eq!(a.status, StatusCode::OK, "{accept}: {}", a.body);
        assert_eq!(a.content_type, accept);
        assert!(a.body.contains(marker), "{accept}: {}", a.body);
    }
    let a = call(
        get(&uri, "application/sparql-results+json"),
        Config::default(),
    )
    .await;
    assert_eq!(a.status, StatusCode::NOT_ACCEPTABLE);
    let ask = format!("/sparql?query={}", encoded("ASK { ?s ?p ?o }"));
    let a = call(
        get(&ask, "application/sparql-results+json"),
        Config::default(),
    )
    .await;
    assert!(a.body.contains("\"boolean\":true"), "{}", a.body);
}

#[tokio::test]
async fn errors_have_real_statuses() {
    let bad = call(get("/sparql?query=SELEKT%20*", "*/*"), Config::default()).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    // Short and named: what was expected, where, after what.
    assert_eq!(
        bad.body.trim(),
        "the query does not parse: expected SELECT, CONSTRUCT, ASK or DESCRIBE at 1:9, after \"SELEKT *\""
    );
    let update = post("application/sparql-update", "DROP ALL");
    assert_eq!(
        call(update, Config::default()).await.status,
        StatusCode::FORBIDDEN
    );
    let form_update = post("application/x-www-form-urlencoded", "update=DROP%20ALL");
    assert_eq!(
        call(form_update, Config::default()).await.status,
        StatusCode::FORBIDDEN
    );
    let odd = post("text/plain", "SELECT * {}");
    assert_eq!(
        call(odd, Config::default()).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let big = post(
        "application/sparql-query",
        format!("SELECT * {{}} #{}", "x".repeat(2 << 20)),
    );
    assert_eq!(
        call(big, Config::default()).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    // Past the time limit: 503 with a message, not a 200 with a cut body.
    let slow = format!(
        "/sparql?query={}",
        encoded("SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    );
    let config = Config {
        query_timeout: Duration::from_millis(300),
        ..Config::default()
    };
    let a = call(get(&slow, "*/*"), config).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(a.body.contains("cancelled"), "{}", a.body);
}

#[tokio::test]
async fn service_description_health_cors_preflight() {
    let sd = call(get("/sparql", "text/turtle"), Config::default()).await;
    assert_eq!(sd.status, StatusCode::OK);
    assert!(sd.body.contains("sd:SPARQL11Query"), "{}", sd.body);
    let health = call(get("/health", "*/*"), Config::default()).await;
    assert_eq!(
        (health.status, health.body.as_str()),
        (StatusCode::OK, "ok\n")
    );
    let preflight = Request::options("/sparql")
        .header(header::ORIGIN, "https://example.org")
        .body(Body::empty())
        .unwrap();
    let a = call(preflight, Config::default()).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT);
    assert!(a.cors);
}

#[tokio::test]
async fn canned_queries_as_urls() {
    let list = call(get("/queries", "*/*"), Config::default()).await;
    let v: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        normgraph::query::canned::FILES.len()
    );
    let a = call(
        get(
            "/queries/common-sponsors?a=A/C.1/73/L.27/Rev.1&b=A/C.1/73/L.37",
            "text/csv",
        ),
        Config::default(),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.starts_with("state,name,role_a,role_b\r\nCOD,"),
        "{}",
        a.body
    );
    let citations = call(
        get(
            "/queries/citation-chain?doc=75/240",
            "application/sparql-results+json",
        ),
        Config::default(),
    )
    .await;
    let v: serde_json::Value = serde_json::from_str(&citations.body).unwrap();
    // 25 documents 75/240 cites, 31 more that those cite (the reports of the Secretary-General
    // the resolutions of 1998-2016 take note of, among them).
    assert_eq!(v["results"]["bindings"].as_array().unwrap().len(), 56);
    // A canned query past its time limit is cancelled and says so.
    let hurried = Config {
        query_timeout: Duration::from_nanos(1),
        ..Config::default()
    };
    let late = call(get("/queries/timeline", "text/csv"), hurried).await;
    assert_eq!(
        late.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        late.body
    );
    assert!(late.body.contains("cancelled"), "{}", late.body);
    let hostile = call(
        get("/queries/votes?doc=%22%20%7D%20DROP%20ALL", "*/*"),
        Config::default(),
    )
    .await;
    assert_eq!(hostile.status, StatusCode::BAD_REQUEST);
    assert!(
        hostile.body.contains("not a UN document symbol"),
        "{}",
        hostile.body
    );
    assert_eq!(
        call(get("/queries/nothing", "*/*"), Config::default())
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A symbol of no document in the graph: 404, with the nearest it holds.
    let absent = call(
        get(
            "/queries/votes?doc=A/RES/75/24O",
            "application/sparql-results+json",
        ),
        Config::default(),
    )
    .await;
    assert_eq!(absent.status, StatusCode::NOT_FOUND, "{}", absent.body);
    assert!(
        absent.body.contains("nearest: A/RES/75/240"),
        "{}",
        absent.body
    );
}

/// The real server on a loopback port of the system's choosing, running as long as the runtime.
fn spawn_server() -> (tokio::runtime::Runtime, std::net::SocketAddr) {
    spawn_server_with(Config::default())
}

fn spawn_server_with(config: Config) -> (tokio::runtime::Runtime, std::net::SocketAddr) {
    // Built before the server listens: a request must not wait on the build.
    common::serve(router(store(), config))
}

/// The real server on a loopback port, asked over a plain socket.
#[test]
fn the_server_answers_over_a_socket() {
    let (_runtime, address) = spawn_server();
    let mut socket = std::net::TcpStream::connect(address).unwrap();
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        socket,
        "GET /queries/norms HTTP/1.1\r\nHost: {address}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    socket.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.contains("1.13,"), "{answer}");
}

#[tokio::test]
async fn graph_store_reads_whole_graphs_and_void_describes_the_dataset() {
    let g = "https://normgraph.org/id/source/A/RES/75/240/fr-text";
    let a = call(
        get(
            &format!("/store?graph={}", encoded(g)),
            "application/n-triples",
        ),
        Config::default(),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.content_type, "application/n-triples");
    // The whole graph, as many triples as the store holds in it.
    let held = normgraph::query::sparql::select_text(
        &store(),
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"),
    )
    .unwrap();
    assert_eq!(a.body.lines().count().to_string(), held[0][0]);
    assert!(a
        .body
        .contains("<http://www.w3.org/ns/prov#wasDerivedFrom>"));
    let missing = call(
        get(
            "/store?graph=https%3A%2F%2Fexample.org%2Fnone",
            "text/turtle",
        ),
        Config::default(),
    )
    .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let default = call(get("/store?default", "text/turtle"), Config::default()).await;
    assert_eq!(default.status, StatusCode::OK);
    assert_eq!(
        call(get("/store", "text/turtle"), Config::default())
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let void = call(get("/.well-known/void", "text/turtle"), Config::default()).await;
    assert_eq!(void.status, StatusCode::OK);
    for marker in [
        "void:sparqlEndpoint",
        "void:triples",
        "void:exampleResource <https://normgraph.org/id/doc/A/RES/75/240>",
        "void:uriSpace \"https://normgraph.org/id/\"",
        "void:dataDump <http://localhost/dump.nq>",
    ] {
        assert!(void.body.contains(marker), "{marker}: {}", void.body);
    }
}

/// The whole dataset, every named graph, streamed over a real socket as N-Quads.
#[test]
fn the_whole_dataset_streams_from_dump_nq() {
    let (_runtime, address) = spawn_server();
    let response = reqwest::blocking::get(format!("http://{address}/dump.nq")).unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/n-quads"
    );
    let body = response.bytes().unwrap();
    let quads: std::collections::BTreeSet<String> =
        oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
            .for_slice(&body)
            .map(|q| q.unwrap().to_string())
            .collect();
    let named: std::collections::BTreeSet<String> = store()
        .iter()
        .map(|q| q.unwrap())
        // The answer tables are an index the dumps leave out.
        .filter(|q| {
            !q.graph_name.is_default_graph()
                && q.graph_name
                    != oxigraph::model::GraphName::NamedNode(
                        normgraph::rdf::graphs::ANSWERS.into_owned(),
                    )
        })
        .map(|q| q.to_string())
        .collect();
    assert!(named.len() > 200_000);
    assert!(
        quads == named,
        "the dump differs from the store's named graphs"
    );
}

/// A SPARQL client of another ecosystem (SPARQLWrapper, from PyPI) asks the canned
/// questions of a running server.
#[test]
fn a_python_sparql_client_gets_its_answers() {
    if !common::require::python("SPARQLWrapper", "sparqlwrapper") {
        return;
    }
    let (_runtime, address) = spawn_server();
    let v = common::client(
        "python3",
        "tests/clients/sparqlwrapper_check.py",
        &[format!("http://{address}")],
    );
    assert_eq!(
        v["common_sponsors"],
        serde_json::json!(["COD", "GIN", "MWI", "SLE", "WSM"])
    );
    assert_eq!(v["ask"], true);
    assert_eq!(
        v["votes_75_240"],
        serde_json::json!({"abstain": 21, "no": 50, "yes": 92})
    );
    assert!(v["construct_bytes"].as_u64().unwrap() > 1000, "{v}");
    assert_eq!(v["citation_chain_depth_1"], 25);
}

/// What a browser sends for a page.
const BROWSER: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// The hrefs of an SVG's links of one class.
fn svg_links(svg: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("a") && n.attribute("class") == Some(class))
        .filter_map(|n| n.attribute("href").map(str::to_owned))
        .collect()
}

fn canned_column(name: &str, given: &[(&str, &str)], column: usize) -> Vec<String> {
    let given: Vec<(String, String)> = given
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    normgraph::query::find(name)
        .unwrap()
        .run(&store(), &given)
        .unwrap()
        .text_rows()
        .into_iter()
        .map(|r| r[column].clone())
        .collect()
}

#[tokio::test]
async fn the_home_page_shows_the_dataset_an_editor_the_canned_questions_and_pictures() {
    let home = call(get("/", BROWSER), Config::default()).await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    let (triples, _) = normgraph::query::sparql::sizes(&store()).unwrap();
    assert!(
        home.body.contains(&format!(
            "<dd>{}</dd><dt>triples</dt>",
            normgraph::server::html::thousands(triples)
        )),
        "the home page should give the size of the graph ({triples} triples)"
    );
    assert!(home
        .body
        .contains("PREFIX ng: &lt;https://normgraph.org/ontology#&gt;"));
    for c in normgraph::query::catalogue() {
        assert!(
            home.body
                .contains(&format!("action=\"/queries/{}\"", c.name)),
            "no form for {}",
            c.name
        );
    }
    // By default it draws 75/240: its chain and its sponsors, inline.
    assert_eq!(home.body.matches("<svg ").count(), 2);
    assert!(home.body.contains("What <a href=\"/id/doc/A/RES/75/240\">"));

    // The chain links every document citation-chain gives, and nothing else.
    let chain = call(
        get("/draw/citations.svg?doc=75/240", "*/*"),
        Config::default(),
    )
    .await;
    assert_eq!(
        (chain.status, chain.content_type.as_str()),
        (StatusCode::OK, "image/svg+xml; charset=utf-8")
    );
    let mut drawn = svg_links(&chain.body, "doc");
    assert_eq!(drawn.remove(0), "/id/doc/A/RES/75/240");
    let mut expected: Vec<String> = canned_column("citation-chain", &[("doc", "75/240")], 1)
        .iter()
        .map(|s| format!("/id/doc/{}", s.replace(' ', "")))
        .collect();
    drawn.sort();
    expected.sort();
    assert_eq!(drawn.len(), 56);
    assert_eq!(drawn, expected);
    // Every box leads to a page the server has.
    for href in &drawn {
        assert_eq!(
            call(get(href, BROWSER), Config::default()).await.status,
            StatusCode::OK,
            "{href}"
        );
    }

    // The sponsors of the United States' draft, as the sponsors query gives them.
    let sponsors = call(
        get("/draw/sponsors.svg?doc=A/C.1/73/L.37", "image/svg+xml"),
        Config::default(),
    )
    .await;
    let mut drawn = svg_links(&sponsors.body, "state");
    drawn.sort();
    drawn.dedup();
    let mut expected: Vec<String> = canned_column("sponsors", &[("doc", "A/C.1/73/L.37")], 0)
        .iter()
        .map(|s| format!("/id/state/{s}"))
        .collect();
    expected.sort();
    expected.dedup();
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(drawn, expected);

    for (uri, status) in [
        ("/draw/sponsors.svg?doc=A/RES/99/999", StatusCode::NOT_FOUND),
        (
            "/draw/citations.svg?doc=%3Cscript%3E",
            StatusCode::BAD_REQUEST,
        ),
        ("/draw/citations.svg", StatusCode::BAD_REQUEST),
        ("/?doc=A/RES/99/999", StatusCode::NOT_FOUND),
    ] {
        let a = call(get(uri, BROWSER), Config::default()).await;
        assert_eq!(a.status, status, "{uri}: {}", a.body);
        // A browser gets the error as a page of the site (a program, as text: tests/pages.rs).
        assert!(a.content_type.starts_with("text/html"), "{uri}");
    }
    for (uri, media, needle) in [
        ("/assets/app.js", "text/javascript", "data-run"),
        ("/assets/style.css", "text/css", "table"),
    ] {
        let a = call(get(uri, "*/*"), Config::default()).await;
        assert_eq!((a.status, a.content_type.as_str()), (StatusCode::OK, media));
        assert!(a.body.contains(needle));
    }
}

#[tokio::test]
async fn browsers_get_pages_programs_get_data() {
    // The list of canned queries: JSON unless HTML is preferred.
    let list = call(get("/queries", BROWSER), Config::default()).await;
    assert_eq!(list.content_type, "text/html; charset=utf-8");
    assert_eq!(
        list.body.matches("<form class=\"canned\"").count(),
        normgraph::query::catalogue().len()
    );
    assert!(list.body.contains("value=\"A/C.1/73/L.27/Rev.1\""));
    let json = call(get("/queries", "application/json"), Config::default()).await;
    assert!(json.content_type.starts_with("application/json"));

    // A canned answer as a page: the form with the values given, and one row per State.
    let votes = call(
        get("/queries/votes?doc=A/C.1/73/L.37", BROWSER),
        Config::default(),
    )
    .await;
    assert_eq!(votes.status, StatusCode::OK);
    assert!(votes.body.contains("value=\"A/C.1/73/L.37\""));
    assert!(votes.body.contains("<p class=\"count\">193 rows</p>"));
    assert_eq!(votes.body.matches("<tr><td>").count(), 193);

    // The endpoint answers a browser with a page: the editor and the table.
    let page = call(
        get(
            &format!("/sparql?query={}", encoded(SPONSORS_OF_BOTH)),
            BROWSER,
        ),
        Config::default(),
    )
    .await;
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    for iso in ["COD", "GIN", "MWI", "SLE", "WSM"] {
        assert!(page.body.contains(&format!("<td>{iso}</td>")), "{iso}");
    }
    // ... and the same request from a program gets results JSON.
    let data = call(
        get(
            &format!("/sparql?query={}", encoded(SPONSORS_OF_BOTH)),
            "*/*",
        ),
        Config::default(),
    )
    .await;
    assert_eq!(data.content_type, "application/sparql-results+json");
    let editor = call(get("/sparql", BROWSER), Config::default()).await;
    assert!(editor.body.contains("<textarea name=\"query\""));

    // Whatever a query says is shown as text, never as markup.
    let hostile = "SELECT * WHERE {} # </textarea><script>alert(1)</script>";
    let page = call(
        get(&format!("/sparql?query={}", encoded(hostile)), BROWSER),
        Config::default(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert"), "{}", page.body);
    assert!(page.body.contains("&lt;/textarea&gt;&lt;script&gt;"));
}

#[tokio::test]
async fn an_answer_past_its_size_limit_is_refused_whole() {
    let small = Config {
        max_answer: 4096,
        ..Config::default()
    };
    let all = format!("/sparql?query={}", encoded("SELECT * WHERE { ?s ?p ?o }"));
    for accept in ["text/csv", BROWSER] {
        let a = call(get(&all, accept), small.clone()).await;
        assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR, "{accept}");
        assert!(a.body.contains("LIMIT"), "{}", a.body);
    }
    let few = format!(
        "/sparql?query={}",
        encoded("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
    );
    assert_eq!(
        call(get(&few, "text/csv"), small).await.status,
        StatusCode::OK
    );
}

/// A client that goes away cancels its query. With room for one query at a time, the next
/// query can only be answered once the first has stopped: had the first run on (it would run
/// for hours), the second would have waited out the 10 s limit and been refused with 503.
#[test]
fn a_disconnecting_client_cancels_its_query() {
    let (runtime, address) = spawn_server_with(Config {
        query_timeout: Duration::from_secs(10),
        max_concurrent: 1,
        ..Config::default()
    });
    // Two chained closures over every predicate: each step reads the store.
    let endless = encoded(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:x:none>)* ?b . ?b (!<urn:x:none>)* ?c }",
    );
    let mut first = std::net::TcpStream::connect(address).unwrap();
    write!(
        first,
        "GET /sparql?query={endless} HTTP/1.1\r\nHost: {address}\r\n\r\n"
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    drop(first);
    let mut second = std::net::TcpStream::connect(address).unwrap();
    second
        .set_read_timeout(Some(Duration::from_secs(90)))
        .unwrap();
    write!(
        second,
        "GET /sparql?query={} HTTP/1.1\r\nHost: {address}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n",
        encoded("ASK {}")
    )
    .unwrap();
    let mut answer = String::new();
    second.read_to_string(&mut answer).unwrap();
    // Not waiting for a query that would still be running (dropping the runtime would).
    runtime.shutdown_background();
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
}
