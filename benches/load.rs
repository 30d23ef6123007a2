//! Benchmark: the server under load, beside Oxigraph's own server on the same store.
//!
//! Builds the bundled graph into a temporary on-disk store, starts `normgraph serve` on it (the
//! release binary, its own process), and loads it with wrk on loopback: a canned query by its
//! URL and the same question as a SPARQL query, at 1, 8 and 64 connections. While the 64
//! connections run, a query that runs past the limit is sent: it must come back as 503, on
//! time, and the load must see no error. Then the same with Oxigraph's server
//! (`oxigraph serve-read-only`) on the same store: the canned query as its SPARQL text with
//! the parameters as a VALUES clause, the SPARQL query as is, and the past-limit query under
//! its `--timeout-s`. Prints requests per second, latency percentiles and errors; asserts
//! nothing about speed.
//!
//!     cargo bench --bench load
//!     OXIGRAPH=/path/to/oxigraph NORMGRAPH_LOAD_SECONDS=10 cargo bench --bench load
//!
//! Needs wrk (`apt-get install wrk`); Oxigraph's server is `cargo install oxigraph-cli` (the
//! `oxigraph` binary, found on PATH or at $OXIGRAPH). Says what it skips.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The question both ways: who sponsored both rival drafts of 2018.
const CANNED: &str = "/queries/common-sponsors?a=A/C.1/73/L.27/Rev.1&b=A/C.1/73/L.37";
const SPARQL: &str = "PREFIX ng: <https://normgraph.org/ontology#>
SELECT DISTINCT ?iso WHERE {
  ?a ng:symbol \"A/C.1/73/L.27/Rev.1\" . ?b ng:symbol \"A/C.1/73/L.37\" .
  ?sa ng:sponsorshipOf ?a ; ng:sponsor ?s . ?sb ng:sponsorshipOf ?b ; ng:sponsor ?s .
  ?s ng:iso3 ?iso } ORDER BY ?iso";
/// Runs for minutes: two chained closures over every predicate, each step reading the store.
const PAST_LIMIT: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:x:none>)* ?b . ?b (!<urn:x:none>)* ?c }";
const LIMIT_SECONDS: u64 = 2;
const CONNECTIONS: [u32; 3] = [1, 8, 64];

fn encoded(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

struct Server {
    name: &'static str,
    child: Child,
    port: u16,
    /// Path and query of the canned question on this server.
    canned: String,
    /// Path and query of a SPARQL query on this server.
    sparql: fn(&str) -> String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One request on its own connection: the status code, the body, the time taken.
fn request(port: u16, target: &str) -> (u16, String, Duration) {
    let started = Instant::now();
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: application/sparql-results+json\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body, started.elapsed())
}

fn wait_until_up(server: &mut Server) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!("{} exited before serving: {status}", server.name);
        }
        if TcpStream::connect(("127.0.0.1", server.port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{} did not start listening", server.name);
}

#[derive(Debug, Default)]
struct Load {
    requests_per_second: f64,
    p50: String,
    p90: String,
    p99: String,
    requests: u64,
    errors: u64,
}

/// Converts wrk's latency ("1.23ms", "456.00us", "1.10s") to milliseconds as text.
fn ms(v: &str) -> String {
    let (n, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(v.len()));
    let n: f64 = n.parse().unwrap_or(f64::NAN);
    let factor = match unit {
        "us" => 1e-3,
        "ms" => 1.0,
        "s" => 1e3,
        "m" => 60e3,
        _ => f64::NAN,
    };
    format!("{:.2}", n * factor)
}

fn wrk(port: u16, target: &str, connections: u32, seconds: u64) -> Load {
    let out = Command::new("wrk")
        .args([
            "-t",
            &connections.min(2).to_string(),
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{seconds}s"),
            "--timeout",
            "10s",
            "--latency",
            "-H",
            "Accept: application/sparql-results+json",
            &format!("http://127.0.0.1:{port}{target}"),
        ])
        .output()
        .expect("running wrk");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut load = Load::default();
    for line in text.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", v] => load.requests_per_second = v.parse().unwrap_or(0.0),
            ["50%", v] => load.p50 = ms(v),
            ["90%", v] => load.p90 = ms(v),
            ["99%", v] => load.p99 = ms(v),
            [n, "requests", "in", ..] => load.requests = n.parse().unwrap_or(0),
            ["Non-2xx", "or", "3xx", "responses:", n] => load.errors += n.parse().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                load.errors += rest
                    .iter()
                    .filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok())
                    .sum::<u64>()
            }
            _ => {}
        }
    }
    assert!(load.requests > 0, "wrk printed no result:\n{text}");
    load
}

fn bench(server: &Server, seconds: u64) {
    let sparql = (server.sparql)(SPARQL);
    // Both answers must be right before they are timed.
    for target in [&server.canned, &sparql] {
        let (status, body, _) = request(server.port, target);
        assert_eq!(status, 200, "{}: {target}: {body}", server.name);
        for iso in ["COD", "GIN", "MWI", "SLE", "WSM"] {
            assert!(body.contains(iso), "{}: {target}: {body}", server.name);
        }
    }
    for (what, target) in [("canned", &server.canned), ("sparql", &sparql)] {
        for c in CONNECTIONS {
            // At 64 connections on our SPARQL query, a query past the limit goes in meanwhile.
            let late = (c == 64 && what == "sparql").then(|| {
                let (port, target) = (server.port, (server.sparql)(PAST_LIMIT));
                std::thread::spawn(move || {
                    std::thread::sleep(Duration::from_millis(500));
                    request(port, &target)
                })
            });
            let l = wrk(server.port, target, c, seconds);
            println!(
                "| {} | {what} | {c} | {:.0} | {} | {} | {} | {} | {} |",
                server.name, l.requests_per_second, l.p50, l.p90, l.p99, l.requests, l.errors
            );
            if let Some(late) = late {
                let (status, body, took) = late.join().unwrap();
                let json_ok = serde_json::from_str::<serde_json::Value>(&body).is_ok();
                println!(
                    "|   {}: a query past the {LIMIT_SECONDS} s limit during the load: status {status} after {:.2} s, body {} bytes{}: {} |",
                    server.name,
                    took.as_secs_f64(),
                    body.len(),
                    if status == 200 {
                        if json_ok { " (valid JSON)" } else { " (NOT valid JSON)" }
                    } else {
                        ""
                    },
                    body.trim().chars().take(90).collect::<String>(),
                );
            }
        }
    }
}

fn find_oxigraph() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("OXIGRAPH") {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("oxigraph"))
            .find(|p| p.is_file())
    })
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("skipped: wrk is not installed (apt-get install wrk)");
        return;
    }
    let seconds: u64 = std::env::var("NORMGRAPH_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let normgraph = Path::new(env!("CARGO_BIN_EXE_normgraph"));
    let dir = std::env::temp_dir().join(format!("normgraph-load-{}", std::process::id()));
    let store = dir.join("store");
    std::fs::create_dir_all(&dir).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let built = Command::new(normgraph)
        .arg("build")
        .arg("--data")
        .arg(&data)
        .arg("--store")
        .arg(&store)
        .env("CI", "1")
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "building the bundled graph failed:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    println!(
        "bundled graph in {}; wrk on loopback, {seconds} s a run, Accept: application/sparql-results+json; \
         query time limit {LIMIT_SECONDS} s on both servers",
        store.display()
    );
    println!("| server | query | connections | requests/s | p50 ms | p90 ms | p99 ms | requests | errors |");
    println!("|---|---|---|---|---|---|---|---|---|");

    {
        let port = free_port();
        let mut ours = Server {
            name: "normgraph serve",
            child: Command::new(normgraph)
                .args(["serve", "--store"])
                .arg(&store)
                .args(["--bind", &format!("127.0.0.1:{port}")])
                .args(["--query-timeout", &LIMIT_SECONDS.to_string()])
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
            port,
            canned: CANNED.to_owned(),
            sparql: |q| format!("/sparql?query={}", encoded(q)),
        };
        wait_until_up(&mut ours);
        bench(&ours, seconds);
    }

    match find_oxigraph() {
        None => println!(
            "skipped: Oxigraph's server (no `oxigraph` on PATH and no $OXIGRAPH; cargo install oxigraph-cli)"
        ),
        Some(binary) => {
            // The canned query's own text, its parameters given as a VALUES clause.
            let canned = normgraph::query::find("common-sponsors").unwrap();
            let text = format!(
                "{}\nVALUES (?a ?b) {{ (\"A/C.1/73/L.27/Rev.1\" \"A/C.1/73/L.37\") }}",
                canned.text
            );
            let port = free_port();
            let mut theirs = Server {
                name: "oxigraph serve-read-only",
                child: Command::new(&binary)
                    .args(["serve-read-only", "--location"])
                    .arg(&store)
                    .args(["--bind", &format!("127.0.0.1:{port}")])
                    .args(["--timeout-s", &LIMIT_SECONDS.to_string()])
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap(),
                port,
                canned: format!("/query?query={}", encoded(&text)),
                sparql: |q| format!("/query?query={}", encoded(q)),
            };
            wait_until_up(&mut theirs);
            bench(&theirs, seconds);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
