//! A hostile remote for `fetch` and `push`: an endless body, a challenge always stale, a
//! redirect elsewhere, credentials in the URL.

use crate::common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

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
