//! Benchmark: every page of the bundled graph, rendered server-side as `serve` renders it.
//!
//! Builds the bundled graph into a temporary store (this build's binary), opens it read-only
//! as the server does, and renders, in English and in French, the page of every IRI minted
//! under the base (each document, vote, State, norm, body, source paragraph, citation...),
//! the four index pages and a search: reading the store and writing the HTML, the whole work
//! of a page request but the socket. Each page is rendered twice and the second time counts
//! (the first warms the store's caches, as any page after the first request is); the slowest
//! first rendering is printed too. Nothing is kept between the two renderings but what RocksDB
//! caches: the labels of a page are read again each time.
//!
//! Prints the number of pages, the median and the slowest ten with their times and sizes, and
//! the largest; fails if a page takes 50 ms or more, or is larger than 1 MB (what paging is
//! for: the facts show 12 values a property and page the rest).
//!
//!     cargo bench --bench pages
//!     NORMGRAPH_PAGES_MAX_MS=50 NORMGRAPH_PAGES_MAX_BYTES=1000000 cargo bench --bench pages

use normgraph::server::chrome::Chrome;
use normgraph::server::kinds::{self, index::Index, Asked, Reader};
use oxigraph::model::{NamedNode, Term};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_normgraph");
const BASE: &str = normgraph::rdf::DEFAULT_BASE;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

thread_local! {
    /// The slowest first rendering (the store's caches cold for that page), and its page.
    static FIRST: std::cell::RefCell<(Duration, String)> = const { std::cell::RefCell::new((Duration::ZERO, String::new())) };
}

/// A page rendered twice; the second time and the size (the first is kept in [`FIRST`] when
/// it is the slowest yet).
fn timed(what: &str, mut render: impl FnMut() -> String) -> (Duration, usize) {
    let started = Instant::now();
    let _ = render();
    let first = started.elapsed();
    FIRST.with(|f| {
        if first > f.borrow().0 {
            *f.borrow_mut() = (first, what.to_owned());
        }
    });
    let started = Instant::now();
    let page = render();
    (started.elapsed(), page.len())
}

fn main() {
    let max_ms = env_or("NORMGRAPH_PAGES_MAX_MS", 50);
    let max_bytes = env_or("NORMGRAPH_PAGES_MAX_BYTES", 1_000_000) as usize;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("normgraph-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("store");
    let built = Command::new(BIN)
        .args(["build", "--data"])
        .arg(root.join("data"))
        .arg("--store")
        .arg(&path)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(built.success(), "building the bundled graph");
    let store = normgraph::store::open_read_only(&path).unwrap();
    let iris: Vec<NamedNode> = normgraph::query::sparql::select(
        &store,
        &format!(
            "SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{BASE}\")) }}"
        ),
    )
    .unwrap()
    .rows
    .into_iter()
    .filter_map(|r| match r.into_iter().next().flatten() {
        Some(Term::NamedNode(n)) => Some(n),
        _ => None,
    })
    .collect();
    let mut measured: Vec<(Duration, usize, String)> = Vec::new();
    let started = Instant::now();
    for lang in ["en", "fr"] {
        let chrome = Chrome::new(vec![lang.to_owned()]);
        for iri in &iris {
            let what = format!("{} [{lang}]", iri.as_str());
            let (time, size) = timed(&what, || {
                kinds::page(&store, iri, &chrome, BASE, &Asked::default()).unwrap()
            });
            measured.push((time, size, what));
        }
        for which in [Index::Documents, Index::States, Index::Norms, Index::Bodies] {
            let what = format!("index {which:?} [{lang}]");
            let (time, size) = timed(&what, || {
                let reader = Reader::new(&store, &chrome);
                let view = kinds::index::read(&reader, which, BASE).unwrap();
                kinds::index::render(&view, &chrome, BASE)
            });
            measured.push((time, size, what));
        }
        let what = format!("search, its index built [{lang}]");
        let (time, size) = timed(&what, || {
            let reader = Reader::new(&store, &chrome);
            let index = kinds::search::SearchIndex::build(&reader).unwrap();
            let hits = index.find("Tchéquie", BASE, &chrome);
            kinds::search::render("Tchéquie", &hits, &chrome, BASE)
        });
        measured.push((time, size, what));
    }
    let total = started.elapsed();
    let mut by_time = measured.clone();
    by_time.sort_by_key(|m| std::cmp::Reverse(m.0));
    let median = by_time[by_time.len() / 2].0;
    println!(
        "pages: {} pages of the bundled graph ({} IRIs, 4 indexes and a search, in English and in French) in {:.1} s",
        measured.len(),
        iris.len(),
        total.as_secs_f64()
    );
    let (first, first_page) = FIRST.with(|f| f.borrow().clone());
    println!(
        "  slowest first rendering (its store blocks not yet cached): {:.2} ms, {first_page}",
        first.as_secs_f64() * 1e3
    );
    println!(
        "  the second rendering counts: median {:.2} ms; slowest ten:",
        median.as_secs_f64() * 1e3
    );
    for (time, size, what) in by_time.iter().take(10) {
        println!(
            "  {:>8.2} ms {:>9} bytes  {what}",
            time.as_secs_f64() * 1e3,
            size
        );
    }
    let mut by_size = measured.clone();
    by_size.sort_by_key(|m| std::cmp::Reverse(m.1));
    println!("  largest five:");
    for (time, size, what) in by_size.iter().take(5) {
        println!(
            "  {:>9} bytes {:>8.2} ms  {what}",
            size,
            time.as_secs_f64() * 1e3
        );
    }
    let slow: Vec<_> = measured
        .iter()
        .filter(|(t, _, _)| t.as_millis() as u64 >= max_ms)
        .collect();
    let large: Vec<_> = measured.iter().filter(|(_, s, _)| *s > max_bytes).collect();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        slow.is_empty(),
        "{} pages took {max_ms} ms or more: {slow:?}",
        slow.len()
    );
    assert!(
        large.is_empty(),
        "{} pages are larger than {max_bytes} bytes: {large:?}",
        large.len()
    );
    println!("pages: every page under {max_ms} ms and {max_bytes} bytes");
}
