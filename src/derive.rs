//! Facts derived from the source graphs at build time, so that the canned questions
//! (`queries/`) are lookups instead of searches.
//!
//! They live in one named graph of their own, [`DERIVED_GRAPH`], outside the merged default
//! graph (they are an index of the sources, not a source):
//!
//! - the transitive closure of citations, in rings: for a citing document and a distance, a node
//!   `{doc}/cites-at-distance/{n}` (`ng:ringOf` the document, `ng:distance` n) that
//!   `ng:reaches` every document whose shortest chain of citations from it has n links;
//! - each document's `ng:knownDate`: its adoption date, or else the earliest date that a citing
//!   text prints for it, or else its own `dcterms:date` (a year, for a report); for a draft,
//!   the adoption date of the resolution it became, or else the day it was introduced or
//!   distributed;
//! - each vote event's counts from the State lists (`ng:countedYes`, `ng:countedNo`,
//!   `ng:countedAbstain`);
//! - the roll call of each vote event with State lists: `?state ng:votedYesIn ?event` (and
//!   `ng:votedNoIn`, `ng:abstainedIn`), and `ng:absentFrom` for each Member State of the year
//!   that cast none of the three (admitted in an earlier year: the State table knows years of
//!   admission, not days);
//! - each vote's tally (`ng:tallyYes`, `ng:tallyNo`, `ng:tallyAbstain`): counted from the lists
//!   where the sources give them, else as printed;
//! - who set each body up (`ng:setUpBy`): the resolution that the establishing or proposing
//!   draft became, or the establishing text itself;
//! - the sponsors who did not vote yes on their text (in committee on the draft, or in plenary
//!   on the resolution it became): `?state ng:sponsorVotedNoIn ?event`, `ng:sponsorAbstainedIn`,
//!   `ng:sponsorAbsentFrom` (absent as in the roll call);
//! - the per-pair vote table: for every ordered pair of Member States (and of States that
//!   voted), `ng:commonVotes` (votes both cast, possibly 0) and `ng:agreements` (of those, the
//!   same).
//!
//! The nodes are IRIs under the base, named by what they stand for: the rings under their
//! document, the pairs `{base}derived/pair/{A}/{B}` by the States' codes.
//!
//! The graph records a fingerprint of what it was derived from (every source graph's hash and
//! build); [`refresh`] recomputes it whole when that changed, so a re-ingested document is
//! reflected at the end of the build that ingested it.

use crate::rdf::Iris;
use crate::vocab::{ng, CITO, DCTERMS, OPENGOV};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term,
};
use oxigraph::store::{StorageError, Store};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};

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
    let sources = fingerprint(store, iris.reference_graph().as_ref())?;
    refresh_from(store, iris, &sources)
}

/// [`refresh`], given the fingerprint of the source graphs (see [`fingerprint`]), which a
/// build computes once for the derived facts and the entailments.
pub fn refresh_from(
    store: &Store,
    iris: &Iris,
    fingerprint: &str,
) -> Result<Derived, StorageError> {
    let g = graph();
    let recorded = crate::store::recorded_hash(store, g.as_ref())?;
    if recorded.as_deref() == Some(fingerprint) {
        return Ok(Derived::default());
    }
    let (quads, mut summary) = compute(store, &g, iris)?;
    summary.recomputed = true;
    summary.quads = quads.len() + 2;
    write_computed(store, &g, quads, fingerprint)?;
    Ok(summary)
}

/// Brings a computed graph to `quads` (by difference, see [`write_changes`]), then records
/// the fingerprint of what it was computed from: until that is written, the next build
/// computes the graph again.
pub(crate) fn write_computed(
    store: &Store,
    g: &NamedNode,
    quads: Vec<Quad>,
    fingerprint: &str,
) -> Result<(), StorageError> {
    write_changes(store, g, quads)?;
    let mut t = store.start_transaction()?;
    for (p, v) in [
        ("sha256", fingerprint),
        ("builtWith", crate::vocab::BUILD_HASH),
    ] {
        t.insert(QuadRef::new(
            g.as_ref(),
            NamedNode::new_unchecked(ng(p)).as_ref(),
            Literal::new_simple_literal(v).as_ref(),
            GraphNameRef::NamedNode(g.as_ref()),
        ));
    }
    t.commit()
}

/// Brings the derived graph from what it holds to `quads`, writing only the difference: a
/// rebuild after a small change rewrites little, and no single transaction holds millions of
/// deletions. The recorded fingerprint goes first, so that a build interrupted here leaves a
/// graph that the next build recomputes.
pub(crate) fn write_changes(
    store: &Store,
    g: &NamedNode,
    quads: Vec<Quad>,
) -> Result<(), StorageError> {
    const CHUNK: usize = 50_000;
    let hashers = (RandomState::new(), RandomState::new());
    let key = |q: &Quad| -> u128 {
        (u128::from(hashers.0.hash_one(q)) << 64) | u128::from(hashers.1.hash_one(q))
    };
    let wanted: HashSet<u128> = quads.iter().map(key).collect();
    let mut held = HashSet::new();
    let mut stale = Vec::new();
    let fingerprint_p = [
        NamedNode::new_unchecked(ng("sha256")),
        NamedNode::new_unchecked(ng("builtWith")),
    ];
    for q in store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref()))) {
        let q = q?;
        let k = key(&q);
        let own =
            q.subject == NamedOrBlankNode::from(g.clone()) && fingerprint_p.contains(&q.predicate);
        if own || !wanted.contains(&k) {
            stale.push(q);
        } else {
            held.insert(k);
        }
    }
    // Fingerprint quads first (they sort first: the subject is the graph itself).
    stale.sort_by_key(|q| q.subject != NamedOrBlankNode::from(g.clone()));
    for chunk in stale.chunks(CHUNK) {
        let mut t = store.start_transaction()?;
        for q in chunk {
            t.remove(q.as_ref());
        }
        t.commit()?;
    }
    let added: Vec<Quad> = quads
        .into_iter()
        .filter(|q| !held.contains(&key(q)))
        .collect();
    // A first computation, or a large change, through the bulk loader (compact table files,
    // one commit); a small change through transactions.
    if held.is_empty() || added.len() > 4 * CHUNK {
        let mut loader = store.bulk_loader();
        loader
            .load_quads(added)
            .map_err(|e| StorageError::Other(Box::new(e)))?;
        loader.commit()?;
    } else {
        for chunk in added.chunks(CHUNK) {
            let mut t = store.start_transaction()?;
            t.extend(chunk.iter().map(Quad::as_ref));
            t.commit()?;
        }
    }
    Ok(())
}

/// A hash of every source graph's recorded hash and build, and of this build.
pub(crate) fn fingerprint(
    store: &Store,
    reference_graph: NamedNodeRef<'_>,
) -> Result<String, StorageError> {
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
    Ok(crate::ingest::hex(&h.finalize()))
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
) -> Result<(Vec<Quad>, Derived), StorageError> {
    let gn = GraphName::NamedNode(g.clone());
    let mut out = Vec::new();
    let mut summary = Derived::default();
    let quad = |s: NamedOrBlankNode, p: &str, o: Term| {
        Quad::new(s, NamedNode::new_unchecked(p), o, gn.clone())
    };
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
    let dated = objects(store, &format!("{DCTERMS}date"))?;
    for (s, o) in &dated {
        if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (s, o) {
            if let Some(&k) = docs.ids.get(n) {
                known.entry(k).or_insert_with(|| l.clone());
            }
        }
    }
    for (s, o) in objects(store, &ng("adoptionDate"))? {
        if let (NamedOrBlankNode::NamedNode(n), Some(d)) = (s, as_date(&o)) {
            known.insert(docs.id(&n), d);
        }
    }
    // A draft: the adoption date of the resolution it became, or else the day it was
    // introduced or distributed.
    let became_resolution: HashMap<NamedOrBlankNode, Term> =
        objects(store, &ng("becameResolution"))?
            .into_iter()
            .collect();
    for (s, o) in &became_resolution {
        if let (NamedOrBlankNode::NamedNode(draft), Term::NamedNode(res)) = (s, o) {
            if let Some(d) = docs.ids.get(res).and_then(|k| known.get(k)).cloned() {
                known.insert(docs.id(draft), d);
            }
        }
    }
    for p in ["introducedOn", "distributionDate"] {
        for (s, o) in objects(store, &ng(p))? {
            if let (NamedOrBlankNode::NamedNode(n), Some(d)) = (s, as_date(&o)) {
                known.entry(docs.id(&n)).or_insert(d);
            }
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
    let mut paths = 0usize;
    for start in 0..docs.nodes.len() as u32 {
        if adjacency[start as usize].is_empty() {
            continue;
        }
        let from = &docs.nodes[start as usize];
        seen[start as usize] = start;
        queue.push_back((start, 0u32));
        let mut ring: Option<(u32, NamedNode)> = None;
        while let Some((at, distance)) = queue.pop_front() {
            for &next in &adjacency[at as usize] {
                if seen[next as usize] == start {
                    continue;
                }
                seen[next as usize] = start;
                queue.push_back((next, distance + 1));
                // The ring of the documents at this distance (breadth first: one ring at a time).
                if ring.as_ref().is_none_or(|(d, _)| *d != distance + 1) {
                    let node = NamedNode::new_unchecked(format!(
                        "{}/cites-at-distance/{}",
                        from.as_str(),
                        distance + 1
                    ));
                    out.push(quad(
                        node.clone().into(),
                        &ng("ringOf"),
                        from.clone().into(),
                    ));
                    out.push(quad(
                        node.clone().into(),
                        &ng("distance"),
                        Literal::from(i64::from(distance + 1)).into(),
                    ));
                    ring = Some((distance + 1, node));
                }
                let (_, node) = ring.as_ref().expect("a ring");
                out.push(quad(
                    node.clone().into(),
                    &ng("reaches"),
                    docs.nodes[next as usize].clone().into(),
                ));
                paths += 1;
            }
        }
    }
    summary.citation_paths = paths;

    // Votes: per event, counted per option; per pair of States, votes together and agreements.
    let event_of: HashMap<NamedOrBlankNode, Term> = objects(store, &format!("{OPENGOV}voteEvent"))?
        .into_iter()
        .collect();
    let option_of: HashMap<NamedOrBlankNode, Term> = objects(store, &format!("{OPENGOV}option"))?
        .into_iter()
        .collect();
    let mut states = Interner::default();
    // Member States and their year of admission; every one gets a row in the pair table.
    let admitted: HashMap<NamedOrBlankNode, i32> = objects(store, &ng("admissionYear"))?
        .into_iter()
        .filter_map(|(s, o)| match o {
            Term::Literal(l) => l.value().parse().ok().map(|y| (s, y)),
            _ => None,
        })
        .collect();
    let mut members: Vec<(u32, i32)> = Vec::new();
    for (s, o) in objects(store, &ng("unMember"))? {
        if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (&s, o) {
            if l.value() == "true" {
                members.push((states.id(n), admitted.get(&s).copied().unwrap_or(i32::MAX)));
            }
        }
    }
    let event_year: HashMap<NamedOrBlankNode, i32> = dated
        .into_iter()
        .filter_map(|(s, o)| match o {
            Term::Literal(l) => l.value().get(..4)?.parse().ok().map(|y| (s, y)),
            _ => None,
        })
        .collect();
    let mut events: BTreeMap<NamedNode, Vec<(u32, u8)>> = BTreeMap::new();
    let mut absent: HashMap<NamedNode, Vec<u32>> = HashMap::new();
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
        // The roll call: how each State voted, and which Member States of the year cast no
        // vote (admitted in an earlier year; in the year of admission, membership on the day
        // is not known).
        for &(s, o) in votes.iter() {
            let how = ["votedYesIn", "votedNoIn", "abstainedIn"][o as usize];
            out.push(quad(
                states.nodes[s as usize].clone().into(),
                &ng(how),
                e.clone().into(),
            ));
        }
        if let Some(&year) = event_year.get(&NamedOrBlankNode::from(e.clone())) {
            for &(s, admitted) in &members {
                if admitted < year && votes.binary_search_by_key(&s, |&(v, _)| v).is_err() {
                    absent.entry(e.clone()).or_default().push(s);
                    out.push(quad(
                        states.nodes[s as usize].clone().into(),
                        &ng("absentFrom"),
                        e.clone().into(),
                    ));
                }
            }
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
    // Sponsors who did not vote yes on their text (in committee, or in plenary on the
    // resolution it became): what the roll call says of each sponsor, where it says anything.
    let on_document: Vec<(NamedOrBlankNode, Term)> = objects(store, &ng("onDocument"))?;
    let mut events_on: HashMap<Term, Vec<NamedNode>> = HashMap::new();
    for (e, d) in on_document {
        if let NamedOrBlankNode::NamedNode(e) = e {
            events_on.entry(d).or_default().push(e);
        }
    }
    let sponsor_of: HashMap<NamedOrBlankNode, Term> =
        objects(store, &ng("sponsor"))?.into_iter().collect();
    let mut defections = std::collections::BTreeSet::new();
    for (sp, text) in objects(store, &ng("sponsorshipOf"))? {
        let Some(Term::NamedNode(state)) = sponsor_of.get(&sp) else {
            continue;
        };
        let Some(&k) = states.ids.get(state) else {
            continue;
        };
        let became: Option<Term> = match &text {
            Term::NamedNode(t) => became_resolution
                .get(&NamedOrBlankNode::from(t.clone()))
                .cloned(),
            _ => None,
        };
        for doc in std::iter::once(&text).chain(became.as_ref()) {
            for e in events_on.get(doc).into_iter().flatten() {
                let cast = events.get(e).and_then(|votes| {
                    votes
                        .binary_search_by_key(&k, |&(v, _)| v)
                        .ok()
                        .map(|i| votes[i].1)
                });
                let how = match cast {
                    Some(0) => continue,
                    Some(1) => "sponsorVotedNoIn",
                    Some(_) => "sponsorAbstainedIn",
                    None if absent.get(e).is_some_and(|a| a.contains(&k)) => "sponsorAbsentFrom",
                    None => continue,
                };
                defections.insert((state.clone(), how, e.clone()));
            }
        }
    }
    for (state, how, e) in defections {
        out.push(quad(state.into(), &ng(how), e.into()));
    }

    // The tally of every vote: counted from the lists where the sources give them, else the
    // totals they print.
    let mut printed_totals: BTreeMap<NamedNode, [Option<i64>; 3]> = BTreeMap::new();
    for (k, p) in ["printedYes", "printedNo", "printedAbstain"]
        .iter()
        .enumerate()
    {
        for (s, o) in objects(store, &ng(p))? {
            if let (NamedOrBlankNode::NamedNode(e), Term::Literal(l)) = (s, o) {
                printed_totals.entry(e).or_default()[k] = l.value().parse().ok();
            }
        }
    }
    for (e, votes) in &events {
        let mut counts = [0i64; 3];
        for &(_, o) in votes {
            counts[o as usize] += 1;
        }
        printed_totals.insert(e.clone(), counts.map(Some));
    }
    for (e, totals) in printed_totals {
        if let [Some(y), Some(n), Some(a)] = totals {
            for (p, c) in ["tallyYes", "tallyNo", "tallyAbstain"]
                .iter()
                .zip([y, n, a])
            {
                out.push(quad(e.clone().into(), &ng(p), Literal::from(c).into()));
            }
        }
    }

    // Who set each body up: the resolution the establishing (or proposing) draft became.
    let became = &became_resolution;
    for p in ["establishedBy", "proposedBy"] {
        for (body, by) in objects(store, &ng(p))? {
            let text = match &by {
                Term::NamedNode(n) => became
                    .get(&NamedOrBlankNode::from(n.clone()))
                    .cloned()
                    .unwrap_or(by),
                _ => continue,
            };
            out.push(quad(body, &ng("setUpBy"), text));
        }
    }
    // Both orders are written, so that a question about (a, b) is one lookup whatever the order.
    let mut pair = 0usize;
    let code = |s: &NamedNode| s.as_str().rsplit('/').next().unwrap_or_default().to_owned();
    for a in 0..n {
        for b in a + 1..n {
            let (t, k) = (together[a * n + b], agree[a * n + b]);
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
