//! Benchmark: extraction rate over the bundled texts (MB/s) and the wall time of building the
//! bundled corpus into a fresh on-disk store. Prints figures; asserts nothing about speed.
//!
//!     cargo bench --bench build

use normgraph::ingest;
use normgraph::rdf::Iris;
use normgraph::reference::curated::Curated;
use normgraph::reference::states::StateTable;
use std::path::Path;
use std::time::Instant;

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let files = ingest::documents_in(&data).unwrap();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (states, tables) = (StateTable::bundled(), Curated::bundled());
    let rounds = 50;
    let started = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            std::hint::black_box(normgraph::extract::text::extract(t, states, tables).unwrap());
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "extract: {} files, {:.1} KB, {rounds} rounds in {secs:.2} s: {:.2} MB/s, {:.0} files/s",
        files.len(),
        bytes as f64 / 1e3,
        (bytes * rounds) as f64 / 1e6 / secs,
        (files.len() * rounds) as f64 / secs
    );

    let dir = std::env::temp_dir().join(format!("normgraph-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let started = Instant::now();
    let store = oxigraph::store::Store::open(&dir).unwrap();
    let iris = Iris::new(normgraph::rdf::DEFAULT_BASE).unwrap();
    let summary = ingest::build(&store, &data, &iris, false, |_| {}).unwrap();
    store.flush().unwrap();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "build: {} files, {} quads in source graphs and {} merged triples into a fresh on-disk store in {secs:.3} s ({:.0} source quads/s)",
        summary.files.len(),
        summary.source_quads,
        summary.merged_triples,
        summary.source_quads as f64 / secs
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}
