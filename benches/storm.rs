//! Benchmark: the server under a storm of hostile clients, all at once, for a bounded time.
//!
//! Builds the bundled graph into a temporary store, starts `normgraph serve` on it (this
//! build's binary, its own process, default limits), and for `NORMGRAPH_STORM_SECONDS`
//! (60 by default) sends together:
//! - 64 clients asking heavy queries without pause: a count over a join made in memory (no
//!   read of the store, so no cancellation check), a value doubled past the memory budget, a
//!   chain just inside the depth limits, a closure over every predicate;
//! - 500 slow clients, each sending a request's head that never ends, a byte at a time, and
//!   connecting again when the server closes it;
//! - 200 large reads: the whole dump, the merged graph as JSON-LD, read as fast as they come.
//!
//! Throughout, every 250 ms, it measures the resident memory of the server and its query
//! workers together, and asks `/health` and a canned query with a 1 s limit. After the storm
//! it asks every canned question with its example over HTTP and by the command line and
//! compares the answers. Prints the figures; fails if a probe went unanswered within 1 s, an
//! answer differs, or the memory passed `NORMGRAPH_STORM_MAX_MIB` (1,024 by default: the
//! figure the README states).
//!
//!     cargo bench --bench storm
//!     NORMGRAPH_STORM_SECONDS=20 cargo bench --bench storm

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_normgraph");

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn encoded(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// One request on its own connection, within `limit`: status and body (0 when no answer).
fn request(port: u16, target: &str, accept: &str, limit: Duration) -> (u16, Vec<u8>) {
    let Ok(mut s) = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), limit) else {
        return (0, Vec::new());
    };
    let _ = s.set_read_timeout(Some(limit));
    let _ = s.set_write_timeout(Some(limit));
    let head = format!(
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
    );
    if s.write_all(head.as_bytes()).is_err() {
        return (0, Vec::new());
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n");
    let status = String::from_utf8_lossy(&answer[..split.unwrap_or(0)])
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = split.map(|i| answer[i + 4..].to_vec()).unwrap_or_default();
    (status, body)
}

/// The resident memory of a process and its children, in bytes.
fn resident(pid: u32) -> u64 {
    let rss = |pid: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
            << 10
    };
    let children =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    rss(&pid.to_string()) + children.split_whitespace().map(rss).sum::<u64>()
}

/// The heavy queries the 64 clients take turns at.
fn heavy_queries() -> Vec<String> {
    let values: String = (0..1000).map(|i| format!("{i} ")).collect();
    let binds: String = (0..32)
        .map(|i| format!("BIND(CONCAT(?a{i}, ?a{i}) AS ?a{}) ", i + 1))
        .collect();
    vec![
        format!("SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"),
        format!("SELECT ?a32 WHERE {{ BIND(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" AS ?a0) {binds}}}"),
        format!("ASK {{ FILTER({}) }}", vec!["false"; 4000].join("||")),
        "SELECT (COUNT(*) AS ?n) WHERE { ?a (!<urn:x:none>)* ?b . ?b (!<urn:x:none>)* ?c }".into(),
    ]
}

struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let seconds = env_or("NORMGRAPH_STORM_SECONDS", 60);
    let max_mib = env_or("NORMGRAPH_STORM_MAX_MIB", 1024);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("normgraph-storm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = dir.join("store");
    let built = Command::new(BIN)
        .args(["build", "--data"])
        .arg(root.join("data"))
        .arg("--store")
        .arg(&store)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(built.success(), "building the bundled graph");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let served = Served(
        Command::new(BIN)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--store"])
            .arg(&store)
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let pid = served.0.id();
    let started = Instant::now();
    while request(port, "/health", "*/*", Duration::from_secs(1)).0 != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "serve did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let idle_rss = resident(pid);
    let canned = "/queries/common-sponsors?a=A/C.1/73/L.27/Rev.1&b=A/C.1/73/L.37";
    let json = "application/sparql-results+json";

    let stop = Arc::new(AtomicBool::new(false));
    // 0: heavy answered, 1: heavy unanswered, 2: slow connections, 3: large reads, 4: bytes
    // read whole, 5: large reads whole (200), 6..: heavy by status class (2xx, 4xx, 500, 503).
    let counts: Arc<[AtomicU64; 10]> = Arc::new(Default::default());
    let mut threads = Vec::new();
    // 64 heavy queries.
    for i in 0..64 {
        let (stop, counts) = (stop.clone(), counts.clone());
        let queries = heavy_queries();
        threads.push(std::thread::spawn(move || {
            let mut k = i;
            while !stop.load(Ordering::Relaxed) {
                let q = &queries[k % queries.len()];
                k += 1;
                let (status, _) = request(
                    port,
                    &format!("/sparql?query={}", encoded(q)),
                    json,
                    Duration::from_secs(30),
                );
                counts[if status == 0 { 1 } else { 0 }].fetch_add(1, Ordering::Relaxed);
                let class = match status {
                    200..=299 => 6,
                    400..=499 => 7,
                    503 => 9,
                    _ => 8,
                };
                counts[class].fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    // 500 slow clients, a byte at a time, reconnecting when the server closes them.
    {
        let (stop, counts) = (stop.clone(), counts.clone());
        threads.push(std::thread::spawn(move || {
            // A head that never ends: a header whose value grows a byte at a time.
            let head = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            let mut slow: Vec<(Option<TcpStream>, usize)> = (0..500).map(|_| (None, 0)).collect();
            while !stop.load(Ordering::Relaxed) {
                for (socket, sent) in slow.iter_mut() {
                    if socket.is_none() {
                        *socket = TcpStream::connect(("127.0.0.1", port)).ok();
                        *sent = 0;
                        counts[2].fetch_add(1, Ordering::Relaxed);
                    }
                    if let Some(s) = socket {
                        let byte = head.get(*sent).map_or(b"a".to_vec(), |b| vec![*b]);
                        if s.write_all(&byte).is_err() {
                            *socket = None;
                        } else {
                            *sent += 1;
                        }
                    }
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }));
    }
    // 200 large reads.
    for i in 0..200 {
        let (stop, counts) = (stop.clone(), counts.clone());
        threads.push(std::thread::spawn(move || {
            let targets = ["/dump.nq", "/store?default"];
            let mut k = i;
            while !stop.load(Ordering::Relaxed) {
                let accept = if k % 2 == 0 {
                    "*/*"
                } else {
                    "application/ld+json"
                };
                let (status, body) = request(port, targets[k % 2], accept, Duration::from_secs(60));
                k += 1;
                counts[3].fetch_add(1, Ordering::Relaxed);
                if status == 200 {
                    counts[4].fetch_add(body.len() as u64, Ordering::Relaxed);
                    counts[5].fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    // The probes and the memory, every 250 ms.
    let mut peak = 0u64;
    let mut slowest = Duration::ZERO;
    let mut missed = Vec::new();
    let storm = Instant::now();
    while storm.elapsed() < Duration::from_secs(seconds) {
        peak = peak.max(resident(pid));
        for target in ["/health", canned] {
            let asked = Instant::now();
            let (status, _) = request(port, target, json, Duration::from_secs(1));
            let took = asked.elapsed();
            slowest = slowest.max(took);
            if status != 200 || took > Duration::from_secs(1) {
                missed.push(format!(
                    "{target} at {:.1} s: {status} in {} ms",
                    storm.elapsed().as_secs_f64(),
                    took.as_millis()
                ));
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    stop.store(true, Ordering::Relaxed);
    let stopped = Instant::now();
    for t in threads {
        let _ = t.join();
    }
    let after_rss = resident(pid);

    // Every canned answer over HTTP against the command line's.
    let mut differ = Vec::new();
    let catalogue = normgraph::query::catalogue();
    for c in catalogue {
        let query: String = c
            .examples
            .iter()
            .map(|(k, v)| format!("{k}={}", encoded(v)))
            .collect::<Vec<_>>()
            .join("&");
        let (status, body) = request(
            port,
            &format!("/queries/{}?{query}", c.name),
            json,
            Duration::from_secs(30),
        );
        let mut cli = Command::new(BIN);
        cli.args(["query", &c.name, "--format", "json", "--store"])
            .arg(&store);
        for (k, v) in &c.examples {
            cli.args(["-p", &format!("{k}={v}")]);
        }
        let out = cli.output().unwrap();
        let parse = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).ok();
        if status != 200 || parse(&body).is_none() || parse(&body) != parse(&out.stdout) {
            differ.push(format!("{} ({status})", c.name));
        }
    }

    println!("storm: {seconds} s, all at once, on the bundled graph ({BIN})");
    println!("| what | figure |\n|---|---|");
    let c = |i: usize| counts[i].load(Ordering::Relaxed);
    println!(
        "| heavy queries answered / unanswered | {} / {} |",
        c(0),
        c(1)
    );
    println!(
        "| heavy answers 2xx / 4xx / 500 / 503 | {} / {} / {} / {} |",
        c(6),
        c(7),
        c(8),
        c(9)
    );
    println!(
        "| slow connections opened (the server closes them; they reconnect) | {} |",
        c(2)
    );
    println!(
        "| large reads / whole (200) / MiB read whole | {} / {} / {} |",
        c(3),
        c(5),
        c(4) >> 20
    );
    println!(
        "| resident memory idle / peak / after (MiB, server + workers) | {} / {} / {} |",
        idle_rss >> 20,
        peak >> 20,
        after_rss >> 20
    );
    println!(
        "| slowest probe (/health, canned) | {} ms |",
        slowest.as_millis()
    );
    println!("| probes missed (not 200 within 1 s) | {} |", missed.len());
    println!(
        "| clients wound down in | {:.1} s |",
        stopped.elapsed().as_secs_f64()
    );
    println!(
        "| canned answers differing from the CLI's | {} of {} |",
        differ.len(),
        catalogue.len()
    );
    for m in &missed {
        println!("  missed: {m}");
    }
    drop(served);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(missed.is_empty(), "probes went unanswered within 1 s");
    assert!(differ.is_empty(), "answers differ: {differ:?}");
    assert!(
        peak >> 20 <= max_mib,
        "resident memory peaked at {} MiB, past {max_mib} MiB",
        peak >> 20
    );
}
