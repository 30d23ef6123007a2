//! Benchmark: the canned queries, on the bundled graph and on a synthetic General Assembly
//! history at the scale of the whole Assembly (see `tests/support/synthetic.rs`), both in on-disk
//! stores. Prints each query's median beside the same question asked of plain Oxigraph
//! without the derived facts. Asserts nothing about speed.
//!
//!     cargo bench --bench queries
//!     NORMGRAPH_SYNTHETIC_RESOLUTIONS=2000 cargo bench --bench queries   # a smaller history
//!     NORMGRAPH_SYNTHETIC_RESOLUTIONS=0 cargo bench --bench queries      # the bundled graph only

use normgraph::query::{self as queries, Canned};
use normgraph::rdf::Iris;
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use normgraph::compute::derive;
use normgraph::ingest;
use normgraph::reference::states::StateTable;
use oxigraph::model::{Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use synthetic::{History, Spec};

/// The same questions without the derived facts, as they were written before there were any:
/// citation chains by property paths (without the shortest depth, which plain SPARQL cannot
/// give), counts and agreements by aggregation, roll calls by optional patterns over the votes.
/// The other queries read no derived fact: their plain form is the canned one.
const PLAIN: [(&str, &str); 9] = [
    (
        "state-sponsorships",
        "PREFIX ng: <https://normgraph.org/ontology#>
         SELECT DISTINCT ?state ?symbol ?date ?role WHERE {
           ?s ng:iso3 ?state . ?sponsorship ng:sponsor ?s ; ng:sponsorshipOf ?text ; ng:role ?role .
           ?text ng:symbol ?symbol .
           OPTIONAL { ?text ng:becameResolution/ng:adoptionDate ?adopted }
           OPTIONAL { ?text ng:introducedOn ?introduced }
           OPTIONAL { ?text ng:distributionDate ?distributed }
           BIND(COALESCE(?adopted, ?introduced, ?distributed) AS ?date)
         } ORDER BY ?date ?symbol",
    ),
    (
        "votes",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
         SELECT ?doc ?state ?name ?vote ?intended WHERE {
           ?d ng:symbol ?doc . ?event ng:onDocument ?d ; dcterms:date ?date .
           ?s a ng:State ; ng:iso3 ?state ; skos:prefLabel ?name . FILTER(LANGMATCHES(LANG(?name), \"en\"))
           OPTIONAL { ?v opengov:voteEvent ?event ; opengov:voter ?s .
                      OPTIONAL { ?v opengov:option ?cast } OPTIONAL { ?v ng:intendedOption ?said } }
           OPTIONAL { ?s ng:admissionYear ?admitted }
           FILTER(BOUND(?cast) || BOUND(?said)
                  || EXISTS { ?s ng:unMember true } && xsd:integer(STR(?admitted)) < YEAR(?date))
           BIND(COALESCE(?cast, \"absent\") AS ?vote) BIND(COALESCE(?said, \"\") AS ?intended)
         } ORDER BY ?state",
    ),
    (
        "sponsor-defections",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
         SELECT DISTINCT ?symbol ?state ?name ?vote WHERE {
           ?sponsorship ng:sponsorshipOf ?text ; ng:sponsor ?s .
           { ?event ng:onDocument ?text } UNION { ?text ng:becameResolution ?res . ?event ng:onDocument ?res }
           ?event ng:onDocument/ng:symbol ?symbol ; dcterms:date ?date .
           ?s ng:iso3 ?state ; skos:prefLabel ?name . FILTER(LANGMATCHES(LANG(?name), \"en\"))
           OPTIONAL { ?v opengov:voteEvent ?event ; opengov:voter ?s ; opengov:option ?cast }
           BIND(COALESCE(?cast, \"absent\") AS ?vote)
           FILTER(?vote != \"yes\")
           OPTIONAL { ?s ng:admissionYear ?admitted }
           FILTER(BOUND(?cast) || EXISTS { ?s ng:unMember true } && xsd:integer(STR(?admitted)) < YEAR(?date))
         } ORDER BY ?symbol ?state",
    ),
    (
        "mandates",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?body ?kind ?established_by ?start ?end ?reports_to_session WHERE {
           VALUES ?class { ng:GroupOfGovernmentalExperts ng:OpenEndedWorkingGroup ng:ProgrammeOfAction }
           ?b a ?class . BIND(STRAFTER(STR(?class), \"#\") AS ?kind)
           OPTIONAL { ?b ng:establishedBy ?established } OPTIONAL { ?b ng:proposedBy ?proposed }
           BIND(COALESCE(?established, ?proposed) AS ?by)
           OPTIONAL { ?by ng:becameResolution ?res } BIND(COALESCE(?res, ?by) AS ?text)
           OPTIONAL { ?text ng:symbol ?established_by }
           OPTIONAL { ?b skos:prefLabel ?body FILTER(LANGMATCHES(LANG(?body), \"en\")) }
           OPTIONAL { ?b ng:startYear ?start } OPTIONAL { ?b ng:endYear ?end }
           OPTIONAL { ?b ng:reportsToSession ?reports_to_session }
         } ORDER BY ?start ?established_by ?kind",
    ),
    (
        "citation-chain",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX cito: <http://purl.org/spar/cito/>
         SELECT DISTINCT ?doc ?symbol ?date WHERE {
           ?from ng:symbol ?doc . ?from cito:cites+ ?to . ?to ng:symbol ?symbol .
           OPTIONAL { ?to ng:adoptionDate ?date } } ORDER BY ?date ?symbol",
    ),
    (
        "cited-by",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX cito: <http://purl.org/spar/cito/>
         SELECT DISTINCT ?doc ?symbol ?date WHERE {
           ?to ng:symbol ?doc . ?from cito:cites+ ?to . ?from ng:symbol ?symbol .
           OPTIONAL { ?from ng:adoptionDate ?date } } ORDER BY ?date ?symbol",
    ),
    (
        "vote-totals",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?symbol ?b ?date (SUM(IF(?o = \"yes\", 1, 0)) AS ?yes) (SUM(IF(?o = \"no\", 1, 0)) AS ?no)
                (SUM(IF(?o = \"abstain\", 1, 0)) AS ?abstain) ?py ?pn ?pa WHERE {
           ?event ng:onDocument/ng:symbol ?symbol ; ng:votingBody ?b ; dcterms:date ?date .
           OPTIONAL { ?event ng:printedYes ?py ; ng:printedNo ?pn ; ng:printedAbstain ?pa }
           OPTIONAL { ?v opengov:voteEvent ?event ; opengov:option ?o }
         } GROUP BY ?symbol ?b ?date ?py ?pn ?pa ORDER BY ?date ?symbol",
    ),
    (
        "voting-agreement",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         SELECT ?a ?b (COUNT(*) AS ?votes) (SUM(IF(?oa = ?ob, 1, 0)) AS ?agreements) WHERE {
           ?sa ng:iso3 ?a . ?sb ng:iso3 ?b .
           ?va opengov:voter ?sa ; opengov:voteEvent ?e ; opengov:option ?oa .
           ?vb opengov:voter ?sb ; opengov:voteEvent ?e ; opengov:option ?ob .
         } GROUP BY ?a ?b",
    ),
    (
        "timeline",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?symbol ?date ?title (SUM(IF(?o = \"yes\", 1, 0)) AS ?yes) (SUM(IF(?o = \"no\", 1, 0)) AS ?no)
                (SUM(IF(?o = \"abstain\", 1, 0)) AS ?abstain) (GROUP_CONCAT(DISTINCT ?label) AS ?establishes) WHERE {
           ?res a ng:Resolution ; ng:symbol ?symbol ; ng:adoptionDate ?date .
           OPTIONAL { ?res dcterms:title ?title FILTER(LANG(?title) = \"en\") }
           OPTIONAL { ?event ng:onDocument ?res ; ng:votingBody ng:GeneralAssemblyPlenary .
                      ?v opengov:voteEvent ?event ; opengov:option ?o }
           OPTIONAL { ?body ng:establishedBy/ng:becameResolution? ?res ; skos:prefLabel ?label }
         } GROUP BY ?symbol ?date ?title ORDER BY ?date ?symbol",
    ),
];

fn params_for(
    name: &str,
    (doc, cited): (&str, &str),
    drafts: (&str, &str),
    state: (&str, &str),
) -> Vec<(String, String)> {
    let p = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    match name {
        "citation-chain" | "sponsors" | "votes" => vec![p("doc", doc)],
        "cited-by" => vec![p("doc", cited)],
        "common-sponsors" => vec![p("a", drafts.0), p("b", drafts.1)],
        "state-sponsorships" => vec![p("state", state.0)],
        "voting-agreement" => vec![p("a", state.0), p("b", state.1)],
        _ => vec![],
    }
}

/// Median wall time of `f` over up to `runs` runs, stopping early once `budget` is spent
/// (at least one run); with the result of the last run.
fn median<T>(runs: usize, budget: Duration, mut f: impl FnMut() -> T) -> (Duration, usize, T) {
    let started = Instant::now();
    let mut times = Vec::new();
    let mut last;
    loop {
        let t = Instant::now();
        last = f();
        times.push(t.elapsed());
        if times.len() >= runs || started.elapsed() > budget {
            break;
        }
    }
    times.sort();
    (times[times.len() / 2], times.len(), last)
}

fn run_canned(c: &Canned, store: &Store, params: &[(String, String)]) -> usize {
    c.run(store, params)
        .unwrap_or_else(|e| panic!("{e}"))
        .rows
        .len()
}

/// The longest a plain query may run before it is cancelled (and reported as such).
const PLAIN_LIMIT: Duration = Duration::from_secs(120);

/// Runs a plain query; None if it was cancelled at [`PLAIN_LIMIT`].
fn run_plain(text: &str, store: &Store, bound: &[(Variable, Term)]) -> Option<usize> {
    let token = oxigraph::sparql::CancellationToken::new();
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let canceller = {
        let token = token.clone();
        std::thread::spawn(move || {
            if wait.recv_timeout(PLAIN_LIMIT).is_err() {
                token.cancel();
            }
        })
    };
    let mut q = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .parse_query(text)
        .unwrap();
    for (v, t) in bound {
        q = q.substitute_variable(v.clone(), t.clone());
    }
    let rows = match q.on_store(store).execute() {
        Ok(QueryResults::Solutions(s)) => s.collect::<Result<Vec<_>, _>>().ok().map(|r| r.len()),
        Ok(_) => Some(0),
        Err(_) => None,
    };
    let _ = done.send(());
    canceller.join().unwrap();
    rows
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let m = e.metadata().unwrap();
                    if m.is_dir() {
                        dir_size(&e.path())
                    } else {
                        m.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

struct Scratch(PathBuf);
impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn main() {
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let root = Scratch(
        std::env::temp_dir().join(format!("normgraph-bench-queries-{}", std::process::id())),
    );
    let _ = std::fs::remove_dir_all(&root.0);
    std::fs::create_dir_all(&root.0).unwrap();

    // The bundled graph.
    let store = Store::open(root.0.join("bundled")).unwrap();
    ingest::build(
        &store,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        &iris,
        false,
        |_| {},
    )
    .unwrap();
    println!("bundled graph: median of 101 runs per query, on disk (target: under 5 ms each)");
    for c in queries::catalogue() {
        let params = params_for(
            &c.name,
            ("A/RES/75/240", "A/RES/73/27"),
            ("A/C.1/73/L.27/Rev.1", "A/C.1/73/L.37"),
            ("USA", "RUS"),
        );
        let (t, _, rows) = median(101, Duration::from_secs(20), || {
            run_canned(c, &store, &params)
        });
        println!(
            "  {:<20} {:>5} rows  {:>10}  {}",
            c.name,
            rows,
            ms(t),
            if t < Duration::from_millis(5) {
                "ok"
            } else {
                "OVER 5 ms"
            }
        );
    }
    drop(store);

    let resolutions: usize = std::env::var("NORMGRAPH_SYNTHETIC_RESOLUTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(Spec::default().resolutions);
    if resolutions == 0 {
        println!("synthetic history: skipped (NORMGRAPH_SYNTHETIC_RESOLUTIONS=0)");
        return;
    }
    let spec = Spec {
        resolutions,
        ..Spec::default()
    };
    // NORMGRAPH_BENCH_STORE keeps the synthetic store between runs (and to query it by hand).
    let kept = std::env::var_os("NORMGRAPH_BENCH_STORE").map(PathBuf::from);
    let path = kept.clone().unwrap_or_else(|| root.0.join("synthetic"));
    let store = Store::open(&path).unwrap();
    let history = History::plan(spec, &iris, StateTable::bundled());
    let already = kept.is_some()
        && normgraph::store::manifests(&store)
            .unwrap()
            .iter()
            .any(|m| {
                m.graph == history.graph() && m.sha256.as_deref() == Some(&history.fingerprint())
            });
    if already {
        println!("synthetic history: reusing {}", path.display());
    } else {
        let started = Instant::now();
        let g = history.load(&store, &iris).unwrap();
        let load_secs = started.elapsed().as_secs_f64();
        println!(
            "synthetic history: {} resolutions, {} citations, {} recorded votes ({} State votes), {} sponsorships, {} bodies: {} quads (with the merge into the default graph) loaded in {load_secs:.1} s",
            g.resolutions, g.citations, g.vote_events, g.votes, g.sponsorships, g.bodies, g.quads
        );
    }
    let (triples, _) = normgraph::query::sparql::sizes(&store).unwrap();
    println!("synthetic graph: {triples} triples in the default graph");
    let started = Instant::now();
    let d = derive::refresh(&store, &iris).unwrap();
    store.flush().unwrap();
    if d.recomputed {
        println!(
            "derived facts: {} citation paths, {} vote events counted, {} State pairs: {} quads in {:.1} s",
            d.citation_paths,
            d.vote_events,
            d.state_pairs,
            d.quads,
            started.elapsed().as_secs_f64(),
        );
    } else {
        println!(
            "derived facts: up to date (checked in {:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
    println!("store on disk: {} MB", dir_size(&path) / 1_000_000);
    let doc = history.latest_of_a_long_line();
    // Two successive drafts of one line with sponsors in common (the sponsors are drawn at
    // random: the latest pair that shares at least three).
    let common = queries::find("common-sponsors").unwrap();
    let drafts = history.drafts_of_a_long_line();
    let (a, b) = drafts
        .windows(2)
        .map(|w| (w[1].clone(), w[0].clone()))
        .find(|(a, b)| {
            let p = [
                ("a".to_owned(), a.as_str().to_owned()),
                ("b".to_owned(), b.as_str().to_owned()),
            ];
            run_canned(common, &store, &p) >= 3
        })
        .expect("two drafts with sponsors in common");
    let landmark = history.a_landmark();
    let voted = history.latest_voted();
    println!(
        "questions about {doc} (chain), {landmark} (cited by), {voted} (votes), {a} and {b} (sponsors), USA and RUS"
    );
    println!(
        "  {:<20} {:>6} {:>12} {:>6}   {:>12} {:>6}  {:>8}",
        "query", "rows", "canned", "runs", "plain", "rows", "speed-up"
    );
    for c in queries::catalogue() {
        let doc_for = match c.name.as_str() {
            "votes" => voted.as_str(),
            _ => doc.as_str(),
        };
        let params = params_for(
            &c.name,
            (doc_for, landmark.as_str()),
            (a.as_str(), b.as_str()),
            ("USA", "RUS"),
        );
        let (t, runs, rows) = median(21, Duration::from_secs(30), || {
            run_canned(c, &store, &params)
        });
        let plain = PLAIN
            .iter()
            .find(|(n, _)| *n == c.name)
            .map(|(_, q)| *q)
            .unwrap_or(c.text.as_str());
        let bound: Vec<(Variable, Term)> = c.bind(&params, StateTable::bundled()).unwrap();
        let (pt, pruns, prows) = median(5, Duration::from_secs(60), || {
            run_plain(plain, &store, &bound)
        });
        let Some(prows) = prows else {
            println!(
                "  {:<20} {:>6} {:>12} {:>6}   {:>12} {:>6}  {:>8}",
                c.name,
                rows,
                ms(t),
                runs,
                format!("> {} s", PLAIN_LIMIT.as_secs()),
                "-",
                format!("> {:.0}x", PLAIN_LIMIT.as_secs_f64() / t.as_secs_f64())
            );
            continue;
        };
        println!(
            "  {:<20} {:>6} {:>12} {:>6}   {:>12} {:>6}  {:>7.1}x{}",
            c.name,
            rows,
            ms(t),
            runs,
            ms(pt),
            prows,
            pt.as_secs_f64() / t.as_secs_f64(),
            if pruns < 5 {
                format!(" (plain: {pruns} runs)")
            } else {
                String::new()
            }
        );
    }
}
