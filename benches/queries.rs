//! Benchmark: the canned questions at the scale of the whole Assembly, beside the best engines
//! asked the same questions in plain SPARQL.
//!
//! On the bundled graph, then on a synthetic General Assembly history (`tests/support/
//! synthetic.rs`) at two scales (5,000 and 20,000 resolutions), in an on-disk store built as a
//! build builds it (the history through the bulk loader, then the derived facts and the answer
//! tables). For each scale it prints:
//! - the cost of building, beside Oxigraph's bulk-load floor (the same quads, from N-Quads, into
//!   a fresh store), and the store on disk, as built and once compacted, beside the floor's copy
//!   and a bulk-loaded copy of the history alone (what the answers cost on disk);
//! - per question: normgraph's answer cold (the first ask after the store is opened as `query`
//!   and `serve` open it, `query::open`, whose own time is printed apart) and its median over
//!   later asks, the cost per row, the canned SPARQL alone (what any endpoint holding
//!   our graph would run), and the plain questions (no derived fact: `PLAIN`) asked of Oxigraph
//!   in memory and of Virtuoso (Debian's, started here on loopback, loaded by its bulk loader),
//!   both given the merged graph as N-Triples; the best peer and how far ahead normgraph is.
//!
//! Then how each question's time grows from one scale to the next, and what HTTP adds to a
//! small answer (`normgraph serve` on the larger store, asked over a kept-alive connection).
//!
//! Prints figures; asserts only that the answers have the rows the canned SPARQL has.
//!
//!     cargo bench --bench queries
//!     NORMGRAPH_BENCH_SCALES=2000 cargo bench --bench queries        # one smaller history
//!     NORMGRAPH_BENCH_SCALES=0 cargo bench --bench queries           # the bundled graph only
//!     NORMGRAPH_BENCH_PEERS=none cargo bench --bench queries         # without the peers
//!     NORMGRAPH_BENCH_KEEP=/tmp/stores cargo bench --bench queries    # keep the stores there

use normgraph::query::{self as queries, Canned};
use normgraph::rdf::Iris;
#[path = "support/disk.rs"]
mod disk;
#[path = "peers/plain.rs"]
mod plain;
#[path = "../tests/support/synthetic.rs"]
mod synthetic;
#[path = "peers/virtuoso.rs"]
mod virtuoso;

use normgraph::compute::{answers, derive};
use normgraph::reference::states::StateTable;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use plain::PLAIN;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use synthetic::{History, Spec};
use virtuoso::Virtuoso;

/// The plain form of a question: `PLAIN`'s, else the canned text itself, with the one derived
/// fact `norm-lineage` reads (a date) read from the sources instead.
fn plain_text(c: &Canned) -> String {
    match PLAIN.iter().find(|(n, _)| *n == c.name) {
        Some((_, q)) => (*q).to_owned(),
        None => c.text.replace(
            "OPTIONAL { GRAPH ng:DerivedFacts { ?doc ng:knownDate ?date } }",
            "OPTIONAL { ?doc ng:adoptionDate ?date }",
        ),
    }
}

/// The text with its parameters' values spliced in, for a server that takes no bindings: a
/// `VALUES` row at the head of the outermost group (binding is joining with that row).
fn spliced(text: &str, bound: &[(Variable, Term)]) -> String {
    if bound.is_empty() {
        return text.to_owned();
    }
    let at = text
        .find("WHERE {")
        .map(|i| i + "WHERE {".len())
        .expect("a WHERE clause");
    let vars: Vec<String> = bound.iter().map(|(v, _)| v.to_string()).collect();
    let terms: Vec<String> = bound.iter().map(|(_, t)| t.to_string()).collect();
    format!(
        "{} VALUES ({}) {{ ({}) }} {}",
        &text[..at],
        vars.join(" "),
        terms.join(" "),
        &text[at..]
    )
}

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
        "norm-lineage" => vec![p("norm", "13(f)")],
        _ => vec![],
    }
}

/// Median wall time of `f` over up to `runs` runs, stopping early once `budget` is spent
/// (at least one run); with the number of runs and the result of the last.
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

/// The longest a peer's query may run before it is cancelled (and reported as such).
const PEER_LIMIT: Duration = Duration::from_secs(120);

/// Runs a plain query on an Oxigraph store; None if it was cancelled at [`PEER_LIMIT`].
fn run_plain(text: &str, store: &Store, bound: &[(Variable, Term)]) -> Option<usize> {
    let token = oxigraph::sparql::CancellationToken::new();
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let canceller = {
        let token = token.clone();
        std::thread::spawn(move || {
            if wait.recv_timeout(PEER_LIMIT).is_err() {
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
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.0}")
    }
}

/// The bench's directory, removed at the end unless `NORMGRAPH_BENCH_KEEP` names where it is
/// to be kept (the stores, to ask them again: `normgraph query --store DIR/synthetic-N/store`).
struct Scratch(PathBuf, bool);
impl Drop for Scratch {
    fn drop(&mut self) {
        if !self.1 {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// One question's figures at one scale.
#[derive(Clone, Default)]
struct Figures {
    rows: usize,
    cold: Duration,
    median: Duration,
    sparql: Option<Duration>,
    memory: Option<Duration>,
    virtuoso: Option<Duration>,
}

fn main() {
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let root = match std::env::var_os("NORMGRAPH_BENCH_KEEP") {
        Some(dir) => Scratch(PathBuf::from(dir), true),
        None => Scratch(
            std::env::temp_dir().join(format!("normgraph-bench-queries-{}", std::process::id())),
            false,
        ),
    };
    let _ = std::fs::remove_dir_all(&root.0);
    std::fs::create_dir_all(&root.0).unwrap();
    bundled(&root.0, &iris);

    let scales: Vec<usize> = std::env::var("NORMGRAPH_BENCH_SCALES")
        .unwrap_or_else(|_| "5000,20000".into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .collect();
    if scales.is_empty() {
        println!("synthetic history: skipped (NORMGRAPH_BENCH_SCALES=0)");
        return;
    }
    let peers = std::env::var("NORMGRAPH_BENCH_PEERS").map_or(true, |v| v != "none");
    if let Some(why) = Virtuoso::missing().filter(|_| peers) {
        println!("Virtuoso: not run: {why}");
    }
    let mut at: Vec<(usize, BTreeMap<String, Figures>)> = Vec::new();
    let mut last_store = None;
    for &resolutions in &scales {
        let (figures, store) = scale(&root.0, &iris, resolutions, peers);
        at.push((resolutions, figures));
        last_store = Some(store);
    }
    growth(&at);
    if let Some(path) = last_store {
        http(&path);
    }
}

/// The canned questions on the bundled graph, on disk.
fn bundled(root: &Path, iris: &Iris) {
    let store = Store::open(root.join("bundled")).unwrap();
    normgraph::ingest::build(
        &store,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        iris,
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
            c.run(&store, &params).unwrap().rows.len()
        });
        println!(
            "  {:<20} {:>5} rows  {:>8} ms  {}",
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
}

/// The questions on a synthetic history of `resolutions`: its build beside the bulk-load floor,
/// then every question beside the peers. Returns the figures and the store's path.
fn scale(
    root: &Path,
    iris: &Iris,
    resolutions: usize,
    peers: bool,
) -> (BTreeMap<String, Figures>, PathBuf) {
    let spec = Spec {
        resolutions,
        ..Spec::default()
    };
    let dir = root.join(format!("synthetic-{resolutions}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store");
    let history = History::plan(spec, iris, StateTable::bundled());
    println!("\n== synthetic history of {resolutions} resolutions");
    let store = Store::open(&path).unwrap();
    let started = Instant::now();
    let g = history.load(&store, iris).unwrap();
    let load = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let d = derive::refresh(&store, iris).unwrap();
    let derived = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let a = answers::refresh(&store, iris).unwrap();
    store.flush().unwrap();
    let tabled = started.elapsed().as_secs_f64();
    let built = load + derived + tabled;
    println!(
        "history: {} resolutions, {} citations, {} recorded votes ({} State votes), {} sponsorships, {} bodies",
        g.resolutions, g.citations, g.vote_events, g.votes, g.sponsorships, g.bodies
    );
    println!(
        "build: {} quads of history (with their merge) in {load:.1} s; derived facts ({} citation paths, {} State pairs, {} quads) in {derived:.1} s; answer tables ({:.1} MB of rows) in {tabled:.1} s",
        g.quads, d.citation_paths, d.state_pairs, d.quads, a.bytes as f64 / 1e6
    );
    for (name, keys, rows, secs) in &a.questions {
        println!("  table {name:<20} {keys:>7} keys {rows:>9} rows  {secs:>6.2} s");
    }
    // The floor: every quad of the store, from N-Quads, into a fresh store by Oxigraph's
    // bulk loader; and, to weigh what the answers cost on disk, the history alone (untimed).
    let (nq, history_nq) = (dir.join("all.nq"), dir.join("history.nq"));
    let counted = disk::dump(&store, &nq, &history_nq);
    let floor = disk::bulk_load(&nq, &dir.join("floor"));
    disk::bulk_load(&history_nq, &dir.join("floor-history"));
    for f in [&nq, &history_nq] {
        let _ = std::fs::remove_file(f);
    }
    let answers_mb = {
        let q = format!(
            "SELECT (SUM(STRLEN(?r)) AS ?n) WHERE {{ GRAPH <{}> {{ ?k ?p ?r }} }}",
            normgraph::rdf::graphs::ANSWERS.as_str()
        );
        normgraph::query::sparql::select_text(&store, &q).unwrap()[0][0]
            .parse::<f64>()
            .unwrap_or(0.0)
            / 1e6
    };
    println!(
        "floor: Oxigraph's bulk loader, the store's {} quads from N-Quads into a fresh store: {floor:.1} s; build / floor = {:.2} (target ≤ 1.5); {} of them are the history's",
        counted.all,
        built / floor,
        counted.history
    );
    drop(store);
    println!(
        "store: {} triples in the default graph; the answer tables' text: {answers_mb:.1} MB",
        counted.merged
    );

    let store = Store::open(&path).unwrap();
    let doc = history.latest_of_a_long_line();
    // Two successive drafts of one line with sponsors in common (the sponsors are drawn at
    // random: the latest pair that shares at least three).
    let common = queries::find("common-sponsors").unwrap();
    let drafts = history.drafts_of_a_long_line();
    let (da, db) = drafts
        .windows(2)
        .map(|w| (w[1].clone(), w[0].clone()))
        .find(|(a, b)| {
            let p = [
                ("a".to_owned(), a.as_str().to_owned()),
                ("b".to_owned(), b.as_str().to_owned()),
            ];
            common.run(&store, &p).unwrap().rows.len() >= 3
        })
        .expect("two drafts with sponsors in common");
    let landmark = history.a_landmark();
    let voted = history.latest_voted();
    drop(store);
    println!(
        "questions about {doc} (chain), {landmark} (cited by), {voted} (votes), {da} and {db} (sponsors), USA and RUS, 13(f)"
    );

    // normgraph's answers first, alone on the machine (no peer loaded or running), the store
    // opened as `query` and `serve` open it (`query::open`: read-only, so no compaction runs
    // meanwhile; refused if incomplete; the tables' state read once). Each opening is timed.
    // Each question, its parameters as bound, and normgraph's figures.
    type Asked<'a> = (&'a Canned, Vec<(Variable, Term)>, Figures);
    let mut opens = Vec::new();
    let asked: Vec<Asked> = queries::catalogue()
        .iter()
        .map(|c| {
            let doc_for = match c.name.as_str() {
                "votes" => voted.as_str(),
                _ => doc.as_str(),
            };
            let params = params_for(
                &c.name,
                (doc_for, landmark.as_str()),
                (da.as_str(), db.as_str()),
                ("USA", "RUS"),
            );
            let bound: Vec<(Variable, Term)> = c.bind(&params, StateTable::bundled()).unwrap();
            // Cold: the first ask after the store is opened.
            let started = Instant::now();
            let opened = queries::open(&path).unwrap();
            opens.push(started.elapsed());
            let (store, tables) = (&opened.store, opened.tables);
            let ask = || {
                let bound = c.bind(&params, StateTable::bundled()).unwrap();
                c.run_with(store, tables, bound).unwrap()
            };
            let started = Instant::now();
            let first = ask();
            let cold = started.elapsed();
            let (median_t, _, rows) = median(21, Duration::from_secs(30), ask);
            let (sparql_t, _, by_sparql) = median(5, Duration::from_secs(30), || {
                c.run_sparql(store, bound.clone()).unwrap()
            });
            assert_eq!(
                rows.rows, by_sparql.rows,
                "{}: the answer and the canned SPARQL differ",
                c.name
            );
            assert_eq!(first.rows, rows.rows, "{}", c.name);
            let f = Figures {
                rows: rows.rows.len(),
                cold,
                median: median_t,
                sparql: Some(sparql_t),
                ..Figures::default()
            };
            (c, bound, f)
        })
        .collect();
    opens.sort();
    println!(
        "opening the store to ask it (query::open, before each question's first ask): median {}, most {} ms",
        ms(opens[opens.len() / 2]),
        ms(opens[opens.len() - 1])
    );

    // Then the peers, given the merged graph, on the plain questions.
    let (memory, virtuoso) = if peers {
        let nt = dir.join("merged.nt");
        let store = Store::open_read_only(&path).unwrap();
        store
            .dump_graph_to_writer(
                GraphNameRef::DefaultGraph,
                RdfFormat::NTriples,
                std::io::BufWriter::new(std::fs::File::create(&nt).unwrap()),
            )
            .unwrap();
        drop(store);
        let memory = Store::new().unwrap();
        let started = Instant::now();
        let mut loader = memory.bulk_loader();
        loader
            .load_from_reader(
                RdfFormat::NTriples,
                std::io::BufReader::new(std::fs::File::open(&nt).unwrap()),
            )
            .unwrap();
        loader.commit().unwrap();
        let mem_load = started.elapsed().as_secs_f64();
        let virtuoso = Virtuoso::missing().is_none().then(|| {
            let v = Virtuoso::start(dir.join("virtuoso"), PEER_LIMIT);
            let secs = v.load(&nt, "urn:normgraph:merged");
            println!("peers loaded with the merged graph ({} triples): Oxigraph in memory in {mem_load:.1} s, Virtuoso in {secs:.1} s", counted.merged);
            v
        });
        let _ = std::fs::remove_file(&nt);
        (Some(memory), virtuoso)
    } else {
        (None, None)
    };
    let mut figures = BTreeMap::new();
    let mut refused = Vec::new();
    for (c, bound, mut f) in asked {
        let plain = plain_text(c);
        f.memory = memory.as_ref().and_then(|m| {
            let (t, _, r) = median(5, Duration::from_secs(60), || run_plain(&plain, m, &bound));
            r.map(|_| t)
        });
        f.virtuoso = virtuoso.as_ref().and_then(|v| {
            let text = spliced(&plain, &bound);
            let (t, _, r) = median(5, Duration::from_secs(60), || v.select(&text));
            match r {
                Ok(_) => Some(t),
                Err(e) => {
                    refused.push(format!("{}: {}", c.name, e.lines().next().unwrap_or("")));
                    None
                }
            }
        });
        figures.insert(c.name.clone(), f);
    }
    println!(
        "  {:<20} {:>6} {:>9} {:>9} {:>7}  {:>9} {:>9} {:>9}  {:>9} {:>8}",
        "question (ms)",
        "rows",
        "cold",
        "median",
        "µs/row",
        "sparql",
        "oxi-mem",
        "virtuoso",
        "best peer",
        "ahead"
    );
    for c in queries::catalogue() {
        print_row(&c.name, &figures[&c.name]);
    }
    for r in refused {
        println!("  virtuoso refused {r}");
    }
    drop((memory, virtuoso));
    let floors = [dir.join("floor"), dir.join("floor-history")];
    disk::sizes(&path, &floors[0], &floors[1], counted);
    if std::env::var_os("NORMGRAPH_BENCH_KEEP").is_none() {
        for f in floors {
            let _ = std::fs::remove_dir_all(f);
        }
    }
    (figures, path)
}

/// The fewest rows of a large answer, held to 2 µs a row.
const LARGE: usize = 1000;

fn print_row(name: &str, f: &Figures) {
    let opt = |d: Option<Duration>| d.map_or("-".to_owned(), ms);
    let best = [("oxigraph", f.memory), ("virtuoso", f.virtuoso)]
        .into_iter()
        .filter_map(|(n, d)| d.map(|d| (n, d)))
        .min_by_key(|(_, d)| *d);
    let slowest = f.cold.max(f.median);
    let per_row = slowest.as_secs_f64() * 1e6 / f.rows.max(1) as f64;
    let ahead = best.map_or("-".to_owned(), |(_, d)| {
        format!("{:.1}x", d.as_secs_f64() / slowest.as_secs_f64())
    });
    let verdict = match best {
        None => String::new(),
        Some((_, d)) => {
            let need = if d > Duration::from_millis(10) {
                10.0
            } else {
                1.0
            };
            let mut v = Vec::new();
            if d.as_secs_f64() / slowest.as_secs_f64() < need {
                v.push(format!("BEHIND the {need}x target"));
            }
            if f.rows >= LARGE && per_row > 2.0 {
                v.push("OVER 2 µs a row".to_owned());
            }
            if v.is_empty() {
                "ok".to_owned()
            } else {
                v.join(", ")
            }
        }
    };
    // A row's cost, for a large answer (a small one is the cost of asking).
    let per_row = match f.rows {
        n if n >= LARGE => format!("{per_row:.2}"),
        _ => "-".to_owned(),
    };
    println!(
        "  {:<20} {:>6} {:>9} {:>9} {:>7}  {:>9} {:>9} {:>9}  {:>9} {:>8}  {verdict}",
        name,
        f.rows,
        ms(f.cold),
        ms(f.median),
        per_row,
        opt(f.sparql),
        opt(f.memory),
        opt(f.virtuoso),
        best.map_or("-", |(n, _)| n),
        ahead,
    );
}

/// How each question's time grows from one scale to the next.
fn growth(at: &[(usize, BTreeMap<String, Figures>)]) {
    for w in at.windows(2) {
        let ((small, a), (large, b)) = (&w[0], &w[1]);
        println!(
            "\n== growth from {small} to {large} resolutions ({:.1}x): time (median) and rows",
            *large as f64 / *small as f64
        );
        for (name, fa) in a {
            let Some(fb) = b.get(name) else { continue };
            println!(
                "  {:<20} {:>9} → {:>9} ms  {:>6.2}x   rows {:>6} → {:>6}  {:>6.2}x",
                name,
                ms(fa.median),
                ms(fb.median),
                fb.median.as_secs_f64() / fa.median.as_secs_f64(),
                fa.rows,
                fb.rows,
                fb.rows as f64 / fa.rows.max(1) as f64
            );
        }
    }
}

/// What HTTP adds to a small canned answer: `normgraph serve` on the store, asked over one
/// kept-alive connection, beside the same answer in-process (and written as JSON).
fn http(path: &Path) {
    // The most rows an answer may have to be small, for the target of 0.5 ms.
    const SMALL: usize = 100;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_normgraph"))
        .args(["serve", "--store"])
        .arg(path)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .env("CI", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(path.with_extension("serve.log")).unwrap())
        .spawn()
        .unwrap();
    let client = reqwest::blocking::Client::new();
    let url = |q: &str| format!("http://127.0.0.1:{port}/queries/{q}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while client.get(url("norms")).send().is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    println!("\n== over HTTP (normgraph serve on the larger store, one kept-alive connection)");
    println!(
        "  {:<30} {:>6} {:>12} {:>12} {:>12} {:>10} {:>12}",
        "question", "rows", "in-process", "+ JSON", "HTTP", "HTTP adds", "beyond JSON"
    );
    let store = Store::open_read_only(path).unwrap();
    for (name, params) in [
        ("norms", vec![]),
        ("voting-agreement", vec![("a", "USA"), ("b", "RUS")]),
        ("state-sponsorships", vec![("state", "NZL")]),
    ] {
        let c = queries::find(name).unwrap();
        let given: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (inner, _, rows) = median(201, Duration::from_secs(20), || {
            c.run(&store, &given).unwrap()
        });
        let (json, _, _) = median(201, Duration::from_secs(20), || {
            let rows = c.run(&store, &given).unwrap();
            let mut out = Vec::new();
            rows.write_results(
                oxigraph::sparql::results::QueryResultsFormat::Json,
                &mut out,
            )
            .unwrap();
            out.len()
        });
        let (over, _, status) = median(201, Duration::from_secs(20), || {
            let r = client
                .get(url(name))
                .query(&params)
                .header("Accept", "application/sparql-results+json")
                .send()
                .unwrap();
            let status = r.status();
            let _ = r.bytes().unwrap();
            status
        });
        assert!(status.is_success(), "{name}: {status}");
        // The target is for a small answer; a large one shows what writing its JSON costs.
        let verdict = match rows.rows.len() {
            n if n > SMALL => "(large: writing JSON)",
            _ if over.saturating_sub(inner) <= Duration::from_micros(500) => "ok",
            _ => "OVER 0.5 ms",
        };
        println!(
            "  {:<30} {:>6} {:>9} ms {:>9} ms {:>9} ms {:>7} ms {:>9} ms {verdict}",
            c.synopsis(),
            rows.rows.len(),
            ms(inner),
            ms(json),
            ms(over),
            ms(over.saturating_sub(inner)),
            ms(over.saturating_sub(json)),
        );
    }
    let _ = child.kill();
    let _ = child.wait();
    // A server built after the tables were (cargo rebuilt it meanwhile) reads none of them.
    let said = std::fs::read_to_string(path.with_extension("serve.log")).unwrap_or_default();
    if said.contains(normgraph::query::answers::STALE) {
        println!(
            "  (not from the tables: the server said {STALE:?}; these figures are SPARQL's)",
            STALE = normgraph::query::answers::STALE
        );
    }
}
