//! Benchmark: ingest every resolution of sessions 74-77 (`../shared/corpus/unxml`, about 2,500
//! AKN files) into a fresh on-disk store, beside the floor for that work: Oxigraph's own bulk
//! loader loading the same quads from an N-Quads file into another fresh store.
//!
//!     cargo bench --bench ingest
//!
//! Each phase runs in a child process of its own so that its peak memory (VmHWM) is its own.
//! The build and the floor are timed in turn, pair by pair (`NORMGRAPH_BENCH_PAIRS`, 3 unless
//! given), and the ratio quoted is the median of the pairs'.
//! Then the store on disk, as built and once compacted, beside the floor's copy and a
//! bulk-loaded copy of the history alone (the source graphs and their merge): what the answers
//! (derived facts, entailments, vocabulary, answer tables) cost on disk.
//! Prints figures; asserts nothing about speed. Skips, saying so, when the corpus is absent
//! (`NORMGRAPH_UNXML` points elsewhere).

#[path = "support/disk.rs"]
mod disk;

use normgraph::rdf::Iris;
use normgraph::reference::curated::Curated;
use normgraph::reference::states::StateTable;
use normgraph::{ingest, parallel};
use oxigraph::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const PHASE: &str = "NORMGRAPH_BENCH_PHASE";

fn corpus() -> PathBuf {
    std::env::var_os("NORMGRAPH_UNXML")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/unxml"))
}

fn main() {
    let corpus = corpus();
    if let Ok(phase) = std::env::var(PHASE) {
        let args: Vec<String> = std::env::args().collect();
        let started = Instant::now();
        let figures = match phase.as_str() {
            "extract" => extract(&corpus),
            "ingest" => ingest(&corpus, Path::new(&args[args.len() - 1])),
            "dump" => dump(
                Path::new(&args[args.len() - 3]),
                Path::new(&args[args.len() - 2]),
                Path::new(&args[args.len() - 1]),
            ),
            "bulk" => bulk(
                Path::new(&args[args.len() - 2]),
                Path::new(&args[args.len() - 1]),
            ),
            other => panic!("unknown phase {other}"),
        };
        println!(
            "RESULT secs={:.3} peak_mb={:.0} {figures}",
            started.elapsed().as_secs_f64(),
            peak_rss_kb() as f64 / 1024.0
        );
        return;
    }
    if !corpus.is_dir() {
        println!(
            "skipped: {} is not present (set NORMGRAPH_UNXML to the unxml folder of the corpus)",
            corpus.display()
        );
        return;
    }
    let files = ingest::documents_in(&corpus).unwrap();
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} files, {mb:.1} MB in {}",
        files.len(),
        corpus.display()
    );
    let work = std::env::temp_dir().join(format!("normgraph-bench-ingest-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let ours = work.join("ours");
    let (nq, history_nq) = (work.join("dump.nq"), work.join("history.nq"));
    let (floor, history_floor) = (work.join("floor"), work.join("floor-history"));

    let x = child("extract", &[]);
    println!(
        "extract only (no store), {} threads: {:.2} s, {:.0} files/s, {:.1} MB/s, {} quads ({:.0} quads/s), peak {} MB",
        x["threads"],
        x.secs(),
        files.len() as f64 / x.secs(),
        mb / x.secs(),
        x["quads"],
        x.num("quads") / x.secs(),
        x["peak_mb"]
    );
    let o = child("ingest", &[&ours]);
    println!(
        "normgraph build into a fresh on-disk store: {:.2} s, {:.0} files/s, {:.1} MB/s, {} quads stored ({} in source graphs + {} merged triples), {:.0} quads/s, peak {} MB; {} ingested, {} refused",
        o.secs(),
        files.len() as f64 / o.secs(),
        mb / o.secs(),
        o.num("source_quads") as u64 + o.num("merged") as u64,
        o["source_quads"],
        o["merged"],
        (o.num("source_quads") + o.num("merged")) / o.secs(),
        o["peak_mb"],
        o["ingested"],
        o["refused"],
    );
    let d = child("dump", &[&ours, &nq, &history_nq]);
    println!(
        "dump of that store as N-Quads: {} quads, {:.1} MB ({} quads of history alone)",
        d["quads"],
        std::fs::metadata(&nq).unwrap().len() as f64 / 1e6,
        d["history"]
    );
    let b = child("bulk", &[&nq, &floor]);
    println!(
        "floor: Oxigraph bulk loader, the same quads from N-Quads into a fresh on-disk store: {:.2} s, {:.0} quads/s, peak {} MB",
        b.secs(),
        d.num("quads") / b.secs(),
        b["peak_mb"]
    );
    // The machine's speed drifts: the ratio is taken pair by pair, a build then a floor, and
    // the median of the pairs' ratios is the figure to quote.
    let mut ratios = vec![o.secs() / b.secs()];
    println!(
        "pair 1: build {:.2} s, floor {:.2} s, ratio {:.2}",
        o.secs(),
        b.secs(),
        ratios[0]
    );
    for pair in 2..=pairs() {
        for dir in [&ours, &floor] {
            std::fs::remove_dir_all(dir).unwrap();
        }
        let (o, b) = (child("ingest", &[&ours]), child("bulk", &[&nq, &floor]));
        ratios.push(o.secs() / b.secs());
        println!(
            "pair {pair}: build {:.2} s, floor {:.2} s, ratio {:.2}",
            o.secs(),
            b.secs(),
            o.secs() / b.secs()
        );
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "ratio: normgraph build / bulk-load floor = {:.2}, the median of {} pairs (from {:.2} to {:.2}; target ≤ 1.5)",
        ratios[ratios.len() / 2],
        ratios.len(),
        ratios[0],
        ratios[ratios.len() - 1]
    );
    child("bulk", &[&history_nq, &history_floor]);
    disk::sizes(
        &ours,
        &floor,
        &history_floor,
        disk::Counted {
            all: d.num("quads") as usize,
            history: d.num("history") as usize,
            merged: d.num("merged") as usize,
        },
    );
    let _ = std::fs::remove_dir_all(&work);
}

/// How many pairs of a build and a floor to time: `NORMGRAPH_BENCH_PAIRS`, 3 unless given.
fn pairs() -> usize {
    std::env::var("NORMGRAPH_BENCH_PAIRS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(3)
}

/// Figures a child printed on its RESULT line.
struct Figures(std::collections::HashMap<String, String>);

impl Figures {
    fn num(&self, key: &str) -> f64 {
        self.0[key].parse().unwrap()
    }
    fn secs(&self) -> f64 {
        self.num("secs")
    }
}

impl std::ops::Index<&str> for Figures {
    type Output = String;
    fn index(&self, key: &str) -> &String {
        &self.0[key]
    }
}

fn child(phase: &str, args: &[&Path]) -> Figures {
    let out = Command::new(std::env::current_exe().unwrap())
        .env(PHASE, phase)
        .arg("--bench")
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let Some(line) = stdout.lines().find(|l| l.starts_with("RESULT ")) else {
        panic!(
            "phase {phase} failed: {}\n{stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    Figures(
        line["RESULT ".len()..]
            .split(' ')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    )
}

fn extract(corpus: &Path) -> String {
    let files = ingest::documents_in(corpus).unwrap();
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let (states, tables) = (StateTable::bundled(), Curated::bundled());
    let threads = parallel::threads();
    let mut quads = 0;
    parallel::map_in_order(
        files.len(),
        threads,
        |i| {
            ingest::extract_file(&files[i], states, tables).map(|(x, hash)| {
                let name = files[i].to_string_lossy();
                normgraph::rdf::source::source_graph(&iris, &x, &name, &hash, tables)
                    .1
                    .len()
            })
        },
        |_, n| quads += n.unwrap_or(0),
    );
    format!("quads={quads} threads={threads}")
}

fn ingest(corpus: &Path, store_dir: &Path) -> String {
    let store = Store::open(store_dir).unwrap();
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let summary = ingest::build(&store, corpus, &iris, false, |_| {}).unwrap();
    store.flush().unwrap();
    format!(
        "source_quads={} merged={} ingested={} refused={}",
        summary.source_quads,
        summary.merged_triples,
        summary.files.len() - summary.failed(),
        summary.failed()
    )
}

fn dump(store_dir: &Path, nq: &Path, history: &Path) -> String {
    let store = Store::open_read_only(store_dir).unwrap();
    let n = disk::dump(&store, nq, history);
    format!("quads={} history={} merged={}", n.all, n.history, n.merged)
}

/// The floor: the bulk load alone (its quads were counted by the dump).
fn bulk(nq: &Path, store_dir: &Path) -> String {
    disk::bulk_load(nq, store_dir);
    String::new()
}

/// The peak resident set of this process, in KB (Linux; 0 elsewhere).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}
