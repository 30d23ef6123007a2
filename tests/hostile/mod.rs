//! Hostile input, as an attacker would send it: each attack with the outcome it must have.
//! Loopback only, each bounded in time. The server is the real `normgraph serve` (its query
//! workers, its accept loop) on the bundled graph; the command line is the real binary.
//!
//! Here: queries and clients against the server and `sparql`. [`files`]: hostile files for
//! `build`, paths for `export -o`, builds killed. [`remote`]: a hostile remote for `push` and
//! `fetch`.

mod files;
mod remote;

use crate::common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// `normgraph serve` on the bundled graph, killed when dropped.
struct Served {
    child: Child,
    address: SocketAddr,
    /// Where its standard error goes (its warnings: a worker that died, and why).
    log: std::path::PathBuf,
}

impl Served {
    fn start(flags: &[&str]) -> Served {
        let store = common::bundled().dir.0.join("store");
        let address: SocketAddr = format!("127.0.0.1:{}", common::free_port())
            .parse()
            .unwrap();
        let log = std::env::temp_dir().join(format!(
            "normgraph-served-{}-{}.log",
            std::process::id(),
            address.port()
        ));
        let child = common::normgraph()
            .env("NORMGRAPH_LOG", "normgraph=warn")
            .arg("serve")
            .arg("--store")
            .arg(&store)
            .args(["--bind", &address.to_string()])
            .args(flags)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let served = Served {
            child,
            address,
            log,
        };
        let started = Instant::now();
        while served.get("/health").0 != 200 {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "serve did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        served
    }

    /// What the server has written on standard error so far.
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn client() -> reqwest::blocking::Client {
        reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap()
    }

    /// Status, `normgraph-error` code and body of a GET (0 if no answer).
    fn get(&self, path: &str) -> (u16, String, String) {
        match Self::client().get(self.url(path)).send() {
            Ok(r) => answer(r),
            Err(_) => (0, String::new(), String::new()),
        }
    }

    /// A query POSTed as a form, results asked as JSON.
    fn query(&self, query: &str) -> (u16, String, String) {
        let r = Self::client()
            .post(self.url("/sparql"))
            .header("Accept", "application/sparql-results+json")
            .form(&[("query", query)])
            .send()
            .unwrap();
        answer(r)
    }

    /// The query workers running beside the server.
    fn workers(&self) -> usize {
        let children =
            std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", self.child.id()))
                .unwrap_or_default();
        children.split_whitespace().count()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

fn answer(r: reqwest::blocking::Response) -> (u16, String, String) {
    let status = r.status().as_u16();
    let code = r
        .headers()
        .get("normgraph-error")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, code, r.text().unwrap_or_default())
}

/// Queries that nest deep enough to overflow a stack, each of another shape, and chains that
/// parse into a tree as deep.
fn too_deep() -> Vec<(&'static str, String)> {
    let n = 5000;
    let chain = |sep: &str, item: &str| vec![item; n].join(sep);
    vec![
        (
            "nested groups",
            format!("SELECT * WHERE {}?s ?p ?o{}", "{".repeat(n), "}".repeat(n)),
        ),
        (
            "parentheses in a FILTER",
            format!(
                "SELECT * WHERE {{ ?s ?p ?o FILTER({}?o{}) }}",
                "(".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "nested OPTIONALs",
            format!(
                "SELECT * WHERE {{ ?s ?p ?o {}{} }}",
                "OPTIONAL { ?s ?p ?o ".repeat(n),
                "}".repeat(n)
            ),
        ),
        (
            "nested blank node brackets",
            format!(
                "SELECT * WHERE {{ ?s ?p {}{} }}",
                "[ ?p ".repeat(n),
                "]".repeat(n)
            ),
        ),
        (
            "nested sub-queries",
            format!(
                "SELECT * WHERE {}?s ?p ?o{}",
                "{ SELECT * WHERE ".repeat(n),
                "}".repeat(n)
            ),
        ),
        (
            "a chain of UNIONs",
            format!("SELECT * WHERE {{ {} }}", chain(" UNION ", "{ ?s ?p ?o }")),
        ),
        (
            "a chain of &&",
            format!("ASK {{ FILTER({}) }}", chain(" && ", "true")),
        ),
        (
            "a chain of ||",
            format!("ASK {{ FILTER({}) }}", chain("||", "false")),
        ),
        ("a sum", format!("SELECT ({} AS ?x) {{}}", chain("+", "1"))),
        (
            "a path of steps",
            format!("ASK {{ ?s {} ?o }}", chain("/", "<http://x/p>")),
        ),
        (
            "a row of BINDs",
            format!(
                "SELECT * {{ {} }}",
                (0..n)
                    .map(|i| format!("BIND({i} AS ?v{i})"))
                    .collect::<String>()
            ),
        ),
        (
            "a row of OPTIONALs",
            format!("SELECT * {{ {} }}", "OPTIONAL { ?s ?p ?o } ".repeat(n)),
        ),
    ]
}

#[test]
fn queries_too_deep_for_a_stack_are_refused_and_the_server_lives() {
    let served = Served::start(&[]);
    for (shape, query) in too_deep() {
        let (status, code, body) = served.query(&query);
        assert_eq!(
            (status, code.as_str()),
            (400, "query_too_complex"),
            "{shape}: {body}"
        );
        assert!(
            body.contains("too deep to evaluate safely"),
            "{shape}: {body}"
        );
    }
    // The same by GET and by a bare query body.
    let (_, deep) = &too_deep()[0];
    let encoded: String = form_urlencoded::byte_serialize(deep.as_bytes()).collect();
    assert_eq!(served.get(&format!("/sparql?query={encoded}")).0, 400);
    let r = Served::client()
        .post(served.url("/sparql"))
        .header("Content-Type", "application/sparql-query")
        .body(deep.clone())
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    // Just inside the limits: evaluated, not refused, and nothing breaks.
    let within = format!("ASK {{ FILTER({}) }}", vec!["false"; 4000].join("||"));
    let (status, _, body) = served.query(&within);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("false"), "{body}");
    let nested = format!("ASK {}{}", "{".repeat(120), "}".repeat(120));
    assert_eq!(served.query(&nested).0, 200);
    assert_eq!(served.get("/health").0, 200);
}

#[test]
fn the_command_line_refuses_the_same_queries_with_a_message() {
    let store = common::bundled().dir.0.join("store");
    for (shape, query) in too_deep().into_iter().step_by(3) {
        let out = common::normgraph()
            .args(["sparql", "--store"])
            .arg(&store)
            .arg(&query)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{shape}: {stderr}");
        assert!(
            stderr.contains("too deep to evaluate safely"),
            "{shape}: {stderr}"
        );
    }
    // An endless file is read up to the limit, then refused.
    let out = common::normgraph()
        .args(["sparql", "--store"])
        .arg(&store)
        .args(["--file", "/dev/zero"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("longer than 16 MiB"), "{stderr}");
}

/// A count over a join made in memory (three VALUES of 1,000): no read of the store, so no
/// check of a cancellation token, for a billion rows.
fn endless() -> String {
    let values: String = (0..1000).map(|i| format!("{i} ")).collect();
    format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {values} }} VALUES ?b {{ {values} }} VALUES ?c {{ {values} }} }}"
    )
}

#[test]
fn a_query_past_its_time_limit_gives_its_slot_back_at_once() {
    let served = Served::start(&["--query-timeout", "2", "--max-concurrent", "2"]);
    let heavy: Vec<_> = (0..4)
        .map(|_| {
            let url = served.url("/sparql");
            std::thread::spawn(move || {
                let r = Served::client()
                    .post(url)
                    .form(&[("query", endless())])
                    .send()
                    .unwrap();
                answer(r)
            })
        })
        .collect();
    for h in heavy {
        let (status, code, body) = h.join().unwrap();
        assert_eq!(status, 503, "{body}");
        assert!(code == "timed_out" || code == "busy", "{code}: {body}");
    }
    // Every slot is free again: a small query answers at once, and again, and no worker is
    // left computing the abandoned counts.
    for _ in 0..3 {
        let started = Instant::now();
        let (status, _, body) = served.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1");
        assert_eq!(status, 200, "{body}");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
    assert!(served.workers() <= 2, "{} workers", served.workers());
}

#[test]
fn a_query_past_its_memory_gets_an_error_and_ends_only_its_worker() {
    let served = Served::start(&["--query-memory-mib", "128", "--max-answer-mib", "1"]);
    // One value doubled 32 times: 30 × 2³² bytes, in one row.
    let doubling = |times: usize| {
        let binds: String = (0..times)
            .map(|i| format!("BIND(CONCAT(?a{i}, ?a{i}) AS ?a{}) ", i + 1))
            .collect();
        format!(
            "SELECT ?a{times} WHERE {{ BIND(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" AS ?a0) {binds}}}"
        )
    };
    let (status, code, body) = served.query(&doubling(32));
    assert_eq!(
        (status, code.as_str()),
        (500, "memory_exceeded"),
        "{body}\nthe server said:\n{}",
        served.log()
    );
    assert!(body.contains("128 MiB"), "{body}");
    // One row of 2 MiB passes the answer's 1 MiB cap: refused whole, not sent.
    let (status, code, body) = served.query(&doubling(16));
    assert_eq!((status, code.as_str()), (500, "answer_too_large"), "{body}");
    // The same cap holds for a graph read whole.
    let (status, code, _) = served.get("/store?default");
    assert_eq!((status, code.as_str()), (500, "answer_too_large"));
    let (status, _, body) = served.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1");
    assert_eq!(status, 200, "{body}");
}

#[test]
fn slow_and_idle_clients_cannot_take_the_server() {
    let served = Served::start(&["--request-timeout", "1", "--max-connections", "32"]);
    // 200 connections that send half a request's head and nothing more.
    let idle: Vec<TcpStream> = (0..200)
        .filter_map(|_| {
            let mut s = TcpStream::connect(served.address).ok()?;
            let _ = s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n");
            Some(s)
        })
        .collect();
    // Within a few seconds the server has closed them and answers again.
    let started = Instant::now();
    while served.get("/health").0 != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not come back"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut closed = 0;
    for mut s in idle {
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = Vec::new();
        // Closed (EOF), or reset (a connection past the cap, closed with its request unread);
        // still open if the read times out.
        match s.read_to_end(&mut buf) {
            Ok(_) => closed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => closed += 1,
            Err(_) => {}
        }
    }
    assert_eq!(closed, 200, "every idle connection is closed by the server");
    // A body sent too slowly gets 408.
    let mut s = TcpStream::connect(served.address).unwrap();
    s.write_all(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK")
        .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 408");
}

#[test]
fn dump_readers_that_never_read_lose_their_turn_and_queries_go_on() {
    let served = Served::start(&["--max-concurrent", "2", "--stall-timeout", "1"]);
    // Four dumps asked for and never read.
    let stalled: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(served.address).unwrap();
            s.write_all(b"GET /dump.nq HTTP/1.1\r\nHost: x\r\n\r\n")
                .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // Queries do not wait for them.
    let (status, _, body) = served.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1");
    assert_eq!(status, 200, "{body}");
    // Past the stall limit the dumps are cut (the body ends in an error, never cleanly), and
    // a dump read at once is whole.
    std::thread::sleep(Duration::from_secs(3));
    let r = Served::client().get(served.url("/dump.nq")).send().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let whole = r.text().unwrap();
    assert!(
        whole.lines().count() > 50_000,
        "{} lines",
        whole.lines().count()
    );
    for mut s in stalled {
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut got = Vec::new();
        let _ = s.read_to_end(&mut got);
        let text = String::from_utf8_lossy(&got);
        // A chunked body that ended cleanly would end in the last chunk, "0\r\n\r\n".
        assert!(
            !text.ends_with("\r\n0\r\n\r\n"),
            "a stalled dump ended as if whole"
        );
    }
}

#[test]
fn every_answer_says_what_a_browser_may_do_with_it() {
    let served = Served::start(&[]);
    for path in [
        "/",
        "/health",
        "/sparql?query=ASK%7B%7D",
        "/queries",
        "/id/doc/A/RES/75/240",
        "/draw/citations.svg?doc=75/240",
        "/no/such/page",
    ] {
        let r = Served::client().get(served.url(path)).send().unwrap();
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"));
        assert!(h["vary"].to_str().unwrap().contains("Accept"), "{path}");
        if path.ends_with(".svg?doc=75/240") {
            assert_eq!(h["content-type"], "image/svg+xml; charset=utf-8");
        }
    }
}
