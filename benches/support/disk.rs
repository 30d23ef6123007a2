//! A store on disk beside Oxigraph's bulk-load floor, for the benches that weigh a build: the
//! store's quads dumped as N-Quads (all of them, and the history alone), loaded by the bulk
//! loader into fresh stores, and the sizes of all three once RocksDB has compacted them.

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::GraphNameRef;
use oxigraph::store::Store;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;
use std::time::Instant;

/// Bytes under `p`: every file of every folder (0 when `p` is absent).
pub fn dir_size(p: &Path) -> u64 {
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

fn mb(p: &Path) -> f64 {
    dir_size(p) as f64 / 1e6
}

/// How many quads a [`dump`] wrote.
#[derive(Clone, Copy)]
pub struct Counted {
    /// Every quad of the store.
    pub all: usize,
    /// The history's: every graph but the computed ones.
    pub history: usize,
    /// The default graph's triples (the merge).
    pub merged: usize,
}

/// Writes every quad of `store` as N-Quads to `all`, and those of the history alone (every
/// graph but the computed ones: derived facts, entailments, vocabulary, answer tables) to
/// `history`, counting them as it goes.
pub fn dump(store: &Store, all: &Path, history: &Path) -> Counted {
    let writer = |p: &Path| {
        RdfSerializer::from_format(RdfFormat::NQuads)
            .for_writer(BufWriter::new(std::fs::File::create(p).unwrap()))
    };
    let (mut a, mut h) = (writer(all), writer(history));
    let mut n = Counted {
        all: 0,
        history: 0,
        merged: 0,
    };
    for q in store.iter() {
        let q = q.unwrap();
        a.serialize_quad(&q).unwrap();
        n.all += 1;
        let computed = match q.graph_name.as_ref() {
            GraphNameRef::NamedNode(g) => normgraph::rdf::graphs::is_computed(g),
            GraphNameRef::DefaultGraph => {
                n.merged += 1;
                false
            }
            GraphNameRef::BlankNode(_) => false,
        };
        if !computed {
            h.serialize_quad(&q).unwrap();
            n.history += 1;
        }
    }
    for w in [a, h] {
        w.finish().unwrap().flush().unwrap();
    }
    n
}

/// Loads the N-Quads file `nq` into a fresh store at `dir` by Oxigraph's bulk loader; returns
/// the seconds it took, flush included.
pub fn bulk_load(nq: &Path, dir: &Path) -> f64 {
    let store = Store::open(dir).unwrap();
    let started = Instant::now();
    let mut loader = store.bulk_loader();
    loader
        .load_from_reader(
            RdfFormat::NQuads,
            BufReader::new(std::fs::File::open(nq).unwrap()),
        )
        .unwrap();
    loader.commit().unwrap();
    store.flush().unwrap();
    started.elapsed().as_secs_f64()
}

/// Prints the size on disk of the store, of the floor's copy of its quads and of a bulk-loaded
/// copy of its history alone (`quads`: what the dump they were loaded from counted), first as they are, then once RocksDB
/// has compacted each (`Store::optimize`): what the answers (the computed graphs) cost on disk,
/// weighed between the two bulk-loaded copies, and the store beside the copy of its own quads.
///
/// The last is layout, not content. Oxigraph's RocksDB keeps level 0 and the base level
/// uncompressed and the levels below in LZ4; the bulk loader writes LZ4 files straight into the
/// lowest free level, while the files of a build's later writes (which overlap what is there)
/// are compacted into the base level, and a manual compaction may move a file down without
/// rewriting it. So the same quads take from 0.7x to 1.4x the space depending on where each file
/// came to rest (the floor's copy of sessions 74-77: 870 MB as loaded, 1,221 MB compacted).
/// Read with `sst_dump` (sessions 74-77), the store and the floor's copy hold the same number of
/// entries in every quad index and the same bytes of strings.
pub fn sizes(store: &Path, floor: &Path, history: &Path, quads: Counted) {
    let built = [store, floor, history].map(mb);
    println!(
        "on disk as built: the store {:.0} MB; the floor's copy of the same quads {:.0} MB; the history alone, bulk-loaded, {:.0} MB",
        built[0], built[1], built[2]
    );
    let as_loaded = built[1] - built[2];
    let started = Instant::now();
    let mut c = [0.0; 3];
    for (size, p) in c.iter_mut().zip([store, floor, history]) {
        Store::open(p).unwrap().optimize().unwrap();
        *size = mb(p);
    }
    let [store_mb, floor_mb, history_mb] = c;
    println!(
        "compacted (Store::optimize on each, {:.1} s): the store {store_mb:.0} MB, the floor's copy {floor_mb:.0} MB, the history alone {history_mb:.0} MB",
        started.elapsed().as_secs_f64()
    );
    let (all, history_quads) = (quads.all, quads.history);
    println!(
        "the answers (the computed graphs: {} of the {all} quads, {:.0}%) cost {:.0} MB in the bulk-loaded copies ({as_loaded:.0} MB as loaded), {:.0}% of the history's {history_mb:.0} MB; the store is {:.2}x the floor's copy of its own quads, compacted",
        all - history_quads,
        100.0 * (all - history_quads) as f64 / all as f64,
        floor_mb - history_mb,
        100.0 * (floor_mb - history_mb) / history_mb,
        store_mb / floor_mb
    );
}
