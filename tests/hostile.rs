//! Hostile input, as an attacker would send it: each attack with the outcome it must have.
//! Loopback only, each bounded in time. The server is the real `normgraph serve` (its query
//! workers, its accept loop) on the bundled graph; the command line is the real binary.

use crate::common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `normgraph serve` on the bundled graph, killed when dropped.
struct Served {
    child: Child,
    address: SocketAddr,
}

impl Served {
    fn start(flags: &[&str]) -> Served {
        let store = common::bundled().dir.0.join("store");
        let address: SocketAddr = format!("127.0.0.1:{}", common::free_port())
            .parse()
            .unwrap();
        let child = common::normgraph()
            .arg("serve")
            .arg("--store")
            .arg(&store)
            .args(["--bind", &address.to_string()])
            .args(flags)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let served = Served { child, address };
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
    assert_eq!((status, code.as_str()), (500, "memory_exceeded"), "{body}");
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

#[test]
fn a_build_killed_at_any_moment_leaves_a_store_that_refuses_to_answer() {
    let dir = common::TempDir::new("killed-builds");
    let data = common::data().join("history");
    let build = |store: &std::path::Path| {
        common::normgraph()
            .args(["build", "--data"])
            .arg(&data)
            .arg("--store")
            .arg(store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let ask = |store: &std::path::Path| {
        common::normgraph()
            .args(["sparql", "--store"])
            .arg(store)
            .arg("ASK { ?s ?p ?o }")
            .output()
            .unwrap()
    };
    let mut killed = 0;
    for ms in [100, 400, 900, 1600, 2500, 4000] {
        let store = dir.0.join(format!("store-{ms}"));
        let mut child = build(&store);
        std::thread::sleep(Duration::from_millis(ms));
        if child.try_wait().unwrap().is_some() || !store.exists() {
            continue; // finished before the kill, or killed before the store was made
        }
        child.kill().unwrap();
        child.wait().unwrap();
        killed += 1;
        let out = ask(&store);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "killed at {ms} ms: {stderr}");
        // Killed before RocksDB wrote its first files, the store cannot be opened at all.
        assert!(
            stderr.contains("is incomplete") || stderr.contains("opening the store"),
            "killed at {ms} ms: {stderr}"
        );
        // The server will not serve it either.
        let out = common::normgraph()
            .args(["serve", "--bind", "127.0.0.1:1", "--store"])
            .arg(&store)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        // Built again to its end, it answers.
        assert!(build(&store).wait().unwrap().success());
        let out = ask(&store);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            "true",
            "{out:?}"
        );
    }
    assert!(
        killed >= 3,
        "only {killed} builds were killed before they finished"
    );
}

/// A remote that attacks its client: an endless body, a Digest challenge that is always stale,
/// a redirect to another host, a failure that would echo credentials. Counts what it is sent.
struct HostileRemote {
    address: SocketAddr,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    elsewhere: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    _runtime: tokio::runtime::Runtime,
}

fn hostile_remote() -> HostileRemote {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let requests = Arc::new(AtomicUsize::new(0));
    let elsewhere = Arc::new(AtomicUsize::new(0));
    let (counted, other) = (requests.clone(), elsewhere.clone());
    let count = axum::middleware::from_fn(
        move |r: axum::extract::Request, next: axum::middleware::Next| {
            let counted = counted.clone();
            let other = other.clone();
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
                // The redirect sends to "localhost": another host than the 127.0.0.1 asked.
                if r.headers()
                    .get("host")
                    .is_some_and(|h| h.to_str().unwrap().starts_with("localhost"))
                {
                    other.fetch_add(1, Ordering::SeqCst);
                }
                next.run(r).await
            }
        },
    );
    let endless = || async {
        let chunk = axum::body::Bytes::from(vec![b'x'; 64 << 10]);
        let stream =
            futures_util::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
        axum::body::Body::from_stream(stream)
    };
    let stale = || async {
        (
            StatusCode::UNAUTHORIZED,
            [(
                "www-authenticate",
                "Digest realm=\"graphs\", nonce=\"abc\", qop=\"auth\", stale=true",
            )],
            "stale",
        )
            .into_response()
    };
    let (runtime, address) = common::serve_at(move |at| {
        let port = at.port();
        axum::Router::new()
            .route("/endless/{*rest}", axum::routing::get(endless))
            .route("/stale", axum::routing::any(stale))
            .route(
                "/redirect",
                axum::routing::any(move || async move {
                    (
                        StatusCode::TEMPORARY_REDIRECT,
                        [("location", format!("http://localhost:{port}/taken"))],
                    )
                        .into_response()
                }),
            )
            .route(
                "/fail",
                axum::routing::any(|| async { (StatusCode::BAD_GATEWAY, "down").into_response() }),
            )
            .layer(count)
    });
    HostileRemote {
        address,
        requests,
        elsewhere,
        _runtime: runtime,
    }
}

#[test]
fn a_hostile_remote_cannot_hold_loop_redirect_or_expose_the_client() {
    use std::sync::atomic::Ordering;
    let remote = hostile_remote();
    let dir = common::TempDir::new("hostile-remote");
    let store = common::bundled().dir.0.join("store");
    // An endless body is read up to the limit, then refused.
    let started = Instant::now();
    let out = common::normgraph()
        .args([
            "fetch",
            "75/240",
            "--lang",
            "en",
            "--retries",
            "0",
            "--data",
        ])
        .arg(&dir.0)
        .args(["--from", &format!("http://{}/endless/x", remote.address)])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("longer than 64 MiB"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(60));
    let push = |to: String, extra: &[&str]| {
        common::normgraph()
            .args([
                "push",
                "--retries",
                "0",
                "--timeout",
                "10",
                "--to",
                &to,
                "--store",
            ])
            .arg(&store)
            .args(extra)
            .output()
            .unwrap()
    };
    // A Digest challenge that says "stale" every time is answered twice, not for ever.
    remote.requests.store(0, Ordering::SeqCst);
    let out = push(
        format!("http://{}/stale", remote.address),
        &["--user", "alice", "--password", "wonderland"],
    );
    assert_ne!(out.status.code(), Some(0));
    let asked = remote.requests.load(Ordering::SeqCst);
    assert!(
        asked <= 3,
        "{asked} requests to a remote that is always stale"
    );
    // A redirect of a PUT to another host is refused, and nothing reaches that host.
    let out = push(format!("http://{}/redirect", remote.address), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr.contains("another host"), "{stderr}");
    assert_eq!(remote.elsewhere.load(Ordering::SeqCst), 0);
    // A password in the URL is sent as asked, never printed, logged or kept.
    let out = common::normgraph()
        .env("NORMGRAPH_LOG", "normgraph=debug")
        .args(["push", "--retries", "1", "--timeout", "10", "--to"])
        .arg(format!("http://alice:pa55word@{}/fail", remote.address))
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(said.contains("/fail"), "{said}");
    assert!(!said.contains("pa55word"), "{said}");
    for kept in std::fs::read_dir(store.parent().unwrap()).unwrap() {
        let kept = kept.unwrap().path();
        if kept.is_file() {
            let text = std::fs::read_to_string(&kept).unwrap_or_default();
            assert!(!text.contains("pa55word"), "{}", kept.display());
        }
    }
}

/// Waits for a child up to `limit`, killing it past that: a test of a hang must not hang.
fn wait_within(mut child: Child, limit: Duration) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("still running after {} s", limit.as_secs());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn hostile_files_are_refused_by_name_and_the_good_ones_kept() {
    use std::os::unix::fs::symlink;
    let dir = common::TempDir::new("hostile-files");
    let docs = dir.0.join("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap();
    let real = common::data().join("akn/English/A_RES_76_19-2118253E.xml");
    std::fs::copy(&real, docs.join("good.xml")).unwrap();
    // 100,000 nested inline elements in a real resolution's first operative paragraph.
    let text = std::fs::read_to_string(&real).unwrap();
    let open = "<p xml:space=\"preserve\">";
    let at = text[text.find("mainBody").unwrap()..].find(open).unwrap()
        + text.find("mainBody").unwrap()
        + open.len();
    let deep = format!(
        "{}{}x{}{}",
        &text[..at],
        "<span>".repeat(100_000),
        "</span>".repeat(100_000),
        &text[at..]
    );
    std::fs::write(docs.join("sub/deep.xml"), deep).unwrap();
    symlink(&docs, docs.join("sub/loop")).unwrap();
    symlink("/dev/zero", docs.join("zero.xml")).unwrap();
    assert!(Command::new("mkfifo")
        .arg(docs.join("pipe.txt"))
        .status()
        .unwrap()
        .success());
    let store = dir.0.join("store");
    let child = common::normgraph()
        .args(["build", "--data"])
        .arg(&docs)
        .arg("--store")
        .arg(&store)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_within(child, Duration::from_secs(300));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("sub/deep.xml: line 215: expected elements nested at most 256 deep"),
        "{said}"
    );
    assert!(said.contains("pipe.txt: not a regular file"), "{said}");
    assert!(said.contains("zero.xml: not a regular file"), "{said}");
    // The good file, and only it, was read once (not again through the loop).
    let out = common::normgraph()
        .args(["sparql", "--format", "tsv", "--store"])
        .arg(&store)
        .arg("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?s ng:file ?f }")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().nth(1),
        Some("1"),
        "{out:?}"
    );
    let out = common::normgraph()
        .arg("extract")
        .arg(docs.join("sub/deep.xml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nested at most 256 deep"));
}

#[test]
fn an_export_writes_only_where_it_is_asked() {
    use std::os::unix::fs::{symlink, FileTypeExt};
    let dir = common::TempDir::new("hostile-export");
    let store = common::bundled().dir.0.join("store");
    let export = |to: &std::path::Path| {
        let child = common::normgraph()
            .args(["export", "--graph", "75/240", "--store"])
            .arg(&store)
            .arg("-o")
            .arg(to)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_within(child, Duration::from_secs(120))
    };
    let victim = dir.0.join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // A link at the path: refused, the link and its target kept.
    let link = dir.0.join("linked.nq");
    symlink(&victim, &link).unwrap();
    let out = export(&link);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("a symbolic link is there"));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    // A FIFO at the path: refused at once, not written into (nor waited on).
    let fifo = dir.0.join("fifo.nq");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out = export(&fifo);
    assert_ne!(out.status.code(), Some(0));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A link planted at the temporary name: removed, not followed.
    let target = dir.0.join("dump.nq");
    symlink(&victim, dir.0.join("dump.nq.partial")).unwrap();
    let out = export(&target);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .contains("A/RES/75/240"));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}
