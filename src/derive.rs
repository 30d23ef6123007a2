//! Facts derived from the source graphs at build time, so that the canned questions
//! (`queries/`) are lookups instead of searches.
//!
//! They live in one named graph of their own, [`DERIVED_GRAPH`], outside the merged default
//! graph (they are an index of the sources, not a source):
//!
//! - the transitive closure of citations: an `ng:CitationPath` node per pair of documents
//!   (`ng:pathFrom`, `ng:pathTo`, `ng:distance`: the shortest number of citations between them;
//!   at distance 1 also the date the citing text prints, `ng:printedDate`);
//! - each document's `ng:knownDate`: its adoption date, or else the earliest date that a citing
//!   text prints for it, or else its own `dcterms:date` (a year, for a report);
//! - each vote event's counts from the State lists (`ng:countedYes`, `ng:countedNo`,
//!   `ng:countedAbstain`);
//! - the per-pair vote table: for every ordered pair of States that voted in the same vote at
//!   least once, `ng:commonVotes` (votes both cast) and `ng:agreements` (of those, the same).
//!
//! The nodes are IRIs under the base (`{base}derived/path/{n}`, numbered afresh by each
//! computation; `{base}derived/pair/{A}/{B}` by the States' codes).
//!
//! The graph records a fingerprint of what it was derived from (every source graph's hash and
//! build); [`refresh`] recomputes it whole when that changed, so a re-ingested document is
//! reflected at the end of the build that ingested it.

use crate::rdf::Iris;
use crate::vocab::{ng, CITO, DCTERMS, OPENGOV};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term,
};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// The graph that holds the derived facts.
pub fn graph() -> NamedNode {
    NamedNode::new_unchecked(ng("DerivedFacts"))
}

/// What [`refresh`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Derived {
    /// False when the recorded fingerprint matched and nothing was recomputed.
    pub recomputed: bool,
    pub citation_paths: usize,
    pub vote_events: usize,
    pub state_pairs: usize,
    pub quads: usize,
}

/// Recomputes the derived graph if the source graphs changed since it was last computed.
pub fn refresh(store: &Store, iris: &Iris) -> Result<Derived, StorageError> {
    let fingerprint = fingerprint(store, iris.reference_graph().as_ref())?;
    let g = graph();
    let recorded = store
        .quads_for_pattern(
            Some(g.as_ref().into()),
            Some(NamedNode::new_unchecked(ng("sha256")).as_ref()),
            None,
            Some(GraphNameRef::NamedNode(g.as_ref())),
        )
        .next()
        .transpose()?
        .and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        });
    if recorded.as_deref() == Some(fingerprint.as_str()) {
        return Ok(Derived::default());
    }
    let (quads, mut summary) = compute(store, &g, iris, &fingerprint)?;
    summary.recomputed = true;
    summary.quads = quads.len();
    // Removed, then loaded whole in one commit of the bulk loader. Should the load fail, the
    // graph is absent with no fingerprint, and the next build computes it again.
    store.remove_named_graph(g.as_ref())?;
    let mut loader = store.bulk_loader();
    loader
        .load_quads(quads)
        .map_err(|e| StorageError::Other(Box::new(e)))?;
    loader.commit()?;
    Ok(summary)
}

/// A hash of every source graph's recorded hash and build, and of this build.
fn fingerprint(store: &Store, reference_graph: NamedNodeRef<'_>) -> Result<String, StorageError> {
    let mut manifests = crate::store::manifests(store)?;
    manifests.sort_by(|a, b| a.graph.cmp(&b.graph));
    let mut h = Sha256::new();
    h.update(crate::vocab::BUILD_HASH);
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
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The objects of `predicate` in the default graph, by subject.
fn objects(store: &Store, predicate: &str) -> Result<Vec<(NamedOrBlankNode, Term)>, StorageError> {
    let p = NamedNode::new_unchecked(predicate);
    store
        .quads_for_pattern(
            None,
            Some(p.as_ref()),
            None,
            Some(GraphNameRef::DefaultGraph),
        )
        .map(|q| q.map(|q| (q.subject, q.object)))
        .collect()
}

fn as_date(t: &Term) -> Option<Literal> {
    match t {
        Term::Literal(l) if l.datatype().as_str().ends_with("#date") => Some(l.clone()),
        _ => None,
    }
}

/// Small integer ids for nodes, in order of first sight.
#[derive(Default)]
struct Interner {
    ids: HashMap<NamedNode, u32>,
    nodes: Vec<NamedNode>,
}

impl Interner {
    fn id(&mut self, n: &NamedNode) -> u32 {
        if let Some(&k) = self.ids.get(n) {
            return k;
        }
        self.nodes.push(n.clone());
        let k = (self.nodes.len() - 1) as u32;
        self.ids.insert(n.clone(), k);
        k
    }
}

fn compute(
    store: &Store,
    g: &NamedNode,
    iris: &Iris,
    fingerprint: &str,
) -> Result<(Vec<Quad>, Derived), StorageError> {
    let gn = GraphName::NamedNode(g.clone());
    let mut out = Vec::new();
    let mut summary = Derived::default();
    let quad = |s: NamedOrBlankNode, p: &str, o: Term| {
        Quad::new(s, NamedNode::new_unchecked(p), o, gn.clone())
    };
    out.push(quad(
        g.clone().into(),
        &ng("sha256"),
        Literal::new_simple_literal(fingerprint).into(),
    ));
    out.push(quad(
        g.clone().into(),
        &ng("builtWith"),
        Literal::new_simple_literal(crate::vocab::BUILD_HASH).into(),
    ));

    // Citations: citing → cited, with the date the citing text prints.
    let citing: HashMap<NamedOrBlankNode, Term> =
        objects(store, &format!("{CITO}hasCitingEntity"))?
            .into_iter()
            .collect();
    let printed: HashMap<NamedOrBlankNode, Literal> = objects(store, &ng("printedDate"))?
        .into_iter()
        .filter_map(|(s, o)| as_date(&o).map(|d| (s, d)))
        .collect();
    let mut docs = Interner::default();
    let mut edges: BTreeMap<(u32, u32), Option<Literal>> = BTreeMap::new();
    for (c, cited) in objects(store, &format!("{CITO}hasCitedEntity"))? {
        let (Some(Term::NamedNode(from)), Term::NamedNode(to)) = (citing.get(&c), &cited) else {
            continue;
        };
        let key = (docs.id(from), docs.id(to));
        let date = printed.get(&c).cloned();
        let slot = edges.entry(key).or_default();
        // Two sources of one document give one citation node; keep the earliest date if two
        // texts print different ones.
        if let Some(d) = date {
            if slot.as_ref().is_none_or(|s| d.value() < s.value()) {
                *slot = Some(d);
            }
        }
    }

    // Known dates: the adoption date, else the earliest printed one.
    let mut known: HashMap<u32, Literal> = HashMap::new();
    for ((_, to), date) in &edges {
        if let Some(d) = date {
            let e = known.entry(*to).or_insert_with(|| d.clone());
            if d.value() < e.value() {
                *e = d.clone();
            }
        }
    }
    // A report's own date (a year, for the reports of the groups of experts) when nothing else.
    for (s, o) in objects(store, &format!("{DCTERMS}date"))? {
        if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (s, o) {
            if let Some(&k) = docs.ids.get(&n) {
                known.entry(k).or_insert(l);
            }
        }
    }
    for (s, o) in objects(store, &ng("adoptionDate"))? {
        if let (NamedOrBlankNode::NamedNode(n), Some(d)) = (s, as_date(&o)) {
            known.insert(docs.id(&n), d);
        }
    }
    let mut known: Vec<(u32, Literal)> = known.into_iter().collect();
    known.sort_by_key(|(k, _)| *k);
    for (k, d) in known {
        out.push(quad(
            docs.nodes[k as usize].clone().into(),
            &ng("knownDate"),
            d.into(),
        ));
    }

    // The closure, by a breadth-first walk from every citing document.
    let mut adjacency: Vec<Vec<u32>> = vec![Vec::new(); docs.nodes.len()];
    for &(from, to) in edges.keys() {
        adjacency[from as usize].push(to);
    }
    let mut seen = vec![u32::MAX; docs.nodes.len()];
    let mut queue = VecDeque::new();
    let mut path = 0u64;
    for start in 0..docs.nodes.len() as u32 {
        if adjacency[start as usize].is_empty() {
            continue;
        }
        seen[start as usize] = start;
        queue.push_back((start, 0u32));
        while let Some((at, distance)) = queue.pop_front() {
            for &next in &adjacency[at as usize] {
                if seen[next as usize] == start {
                    continue;
                }
                seen[next as usize] = start;
                queue.push_back((next, distance + 1));
                let node: NamedOrBlankNode =
                    NamedNode::new_unchecked(format!("{}derived/path/{path}", iris.base())).into();
                path += 1;
                out.push(quad(
                    node.clone(),
                    &ng("pathFrom"),
                    docs.nodes[start as usize].clone().into(),
                ));
                out.push(quad(
                    node.clone(),
                    &ng("pathTo"),
                    docs.nodes[next as usize].clone().into(),
                ));
                out.push(quad(
                    node.clone(),
                    &ng("distance"),
                    Literal::from(i64::from(distance + 1)).into(),
                ));
                if distance == 0 {
                    if let Some(Some(d)) = edges.get(&(start, next)) {
                        out.push(quad(node, &ng("printedDate"), d.clone().into()));
                    }
                }
            }
        }
    }
    summary.citation_paths = path as usize;

    // Votes: per event, counted per option; per pair of States, votes together and agreements.
    let event_of: HashMap<NamedOrBlankNode, Term> = objects(store, &format!("{OPENGOV}voteEvent"))?
        .into_iter()
        .collect();
    let option_of: HashMap<NamedOrBlankNode, Term> = objects(store, &format!("{OPENGOV}option"))?
        .into_iter()
        .collect();
    let mut states = Interner::default();
    let mut events: BTreeMap<NamedNode, Vec<(u32, u8)>> = BTreeMap::new();
    for (v, voter) in objects(store, &format!("{OPENGOV}voter"))? {
        let (Some(Term::NamedNode(e)), Some(Term::Literal(o)), Term::NamedNode(s)) =
            (event_of.get(&v), option_of.get(&v), voter)
        else {
            continue;
        };
        let option = match o.value() {
            "yes" => 0,
            "no" => 1,
            "abstain" => 2,
            _ => continue,
        };
        let k = states.id(&s);
        events.entry(e.clone()).or_default().push((k, option));
    }
    let n = states.nodes.len();
    let mut together = vec![0u32; n * n];
    let mut agree = vec![0u32; n * n];
    for (e, votes) in &mut events {
        let mut counts = [0i64; 3];
        votes.sort_unstable();
        votes.dedup_by_key(|(s, _)| *s);
        for &(_, o) in votes.iter() {
            counts[o as usize] += 1;
        }
        for (p, c) in ["countedYes", "countedNo", "countedAbstain"]
            .iter()
            .zip(counts)
        {
            out.push(quad(e.clone().into(), &ng(p), Literal::from(c).into()));
        }
        for (i, &(a, oa)) in votes.iter().enumerate() {
            for &(b, ob) in &votes[i + 1..] {
                let (a, b) = (a as usize, b as usize);
                together[a * n + b] += 1;
                agree[a * n + b] += u32::from(oa == ob);
            }
        }
    }
    summary.vote_events = events.len();
    // Both orders are written, so that a question about (a, b) is one lookup whatever the order.
    let mut pair = 0usize;
    let code = |s: &NamedNode| s.as_str().rsplit('/').next().unwrap_or_default().to_owned();
    for a in 0..n {
        for b in a + 1..n {
            let (t, k) = (together[a * n + b], agree[a * n + b]);
            if t == 0 {
                continue;
            }
            for (x, y) in [(a, b), (b, a)] {
                let node: NamedOrBlankNode = NamedNode::new_unchecked(format!(
                    "{}derived/pair/{}/{}",
                    iris.base(),
                    code(&states.nodes[x]),
                    code(&states.nodes[y])
                ))
                .into();
                pair += 1;
                out.push(quad(
                    node.clone(),
                    &ng("agreementOf"),
                    states.nodes[x].clone().into(),
                ));
                out.push(quad(
                    node.clone(),
                    &ng("agreementWith"),
                    states.nodes[y].clone().into(),
                ));
                out.push(quad(
                    node.clone(),
                    &ng("commonVotes"),
                    Literal::from(i64::from(t)).into(),
                ));
                out.push(quad(
                    node,
                    &ng("agreements"),
                    Literal::from(i64::from(k)).into(),
                ));
            }
        }
    }
    summary.state_pairs = pair;
    Ok((out, summary))
}
