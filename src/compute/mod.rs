//! What a build computes from the source graphs once they are written, into graphs of their
//! own outside the merged default graph (their names are in `rdf::graphs`): the derived facts
//! the canned questions read ([`derive`](mod@derive), with [`citations`] and [`votes`]) and the RDFS
//! entailments of the ontology ([`infer`]).
//!
//! Each computed graph records a fingerprint of what it was computed from (every source
//! graph's hash and build, the reference tables, this program) and is computed again only when
//! that changed, then written by difference (`store::write_computed`).

pub mod answers;
pub mod citations;
pub mod derive;
pub mod infer;
pub mod votes;

use oxigraph::model::{GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A hash of every source graph's recorded hash and build, of the reference graph's, and of
/// this build: what the computed graphs were computed from.
pub fn fingerprint(
    store: &Store,
    reference_graph: NamedNodeRef<'_>,
) -> Result<String, StorageError> {
    let mut manifests = crate::store::manifests(store)?;
    manifests.sort_by(|a, b| a.graph.cmp(&b.graph));
    let mut h = Sha256::new();
    h.update(crate::hash::BUILD_HASH);
    h.update(
        crate::store::recorded_hash(store, reference_graph)?
            .unwrap_or_default()
            .as_bytes(),
    );
    for m in manifests {
        h.update(m.graph.as_str());
        h.update([0]);
        h.update(m.sha256.unwrap_or_default());
        h.update([0]);
        h.update(m.built_with.unwrap_or_default());
        h.update([0]);
    }
    Ok(crate::hash::hex(&h.finalize()))
}

/// The objects of `predicate` in the default graph, by subject.
pub(crate) fn objects(
    store: &Store,
    predicate: NamedNodeRef<'_>,
) -> Result<Vec<(NamedOrBlankNode, Term)>, StorageError> {
    let started = std::time::Instant::now();
    let read: Vec<_> = store
        .quads_for_pattern(
            None,
            Some(predicate),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .map(|q| q.map(|q| (q.subject, q.object)))
        .collect::<Result<_, _>>()?;
    tracing::debug!(
        predicate = predicate.as_str(),
        facts = read.len(),
        secs = started.elapsed().as_secs_f64(),
        "read"
    );
    Ok(read)
}

/// [`objects`] of several predicates at once, each read on a thread of its own: reading is
/// decoding every term of every quad from the store, which keeps a core busy.
pub(crate) fn objects_each<const N: usize>(
    store: &Store,
    predicates: [NamedNodeRef<'_>; N],
) -> Result<[Vec<(NamedOrBlankNode, Term)>; N], StorageError> {
    std::thread::scope(|scope| {
        let reading = predicates.map(|p| scope.spawn(move || objects(store, p)));
        let mut read = Vec::with_capacity(N);
        for r in reading {
            read.push(r.join().expect("a reading thread panicked")?);
        }
        Ok(read
            .try_into()
            .unwrap_or_else(|_| unreachable!("one result per predicate")))
    })
}

/// A literal of type `xsd:date`, if `t` is one.
pub(crate) fn as_date(t: &Term) -> Option<Literal> {
    match t {
        Term::Literal(l) if l.datatype().as_str().ends_with("#date") => Some(l.clone()),
        _ => None,
    }
}

/// Small integer ids for nodes, in order of first sight.
#[derive(Default)]
pub(crate) struct Interner {
    pub(crate) ids: HashMap<NamedNode, u32>,
    pub(crate) nodes: Vec<NamedNode>,
}

impl Interner {
    pub(crate) fn id(&mut self, n: &NamedNode) -> u32 {
        if let Some(&k) = self.ids.get(n) {
            return k;
        }
        self.nodes.push(n.clone());
        let k = (self.nodes.len() - 1) as u32;
        self.ids.insert(n.clone(), k);
        k
    }
}
