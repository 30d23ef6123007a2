//! The derived facts of citations: each document's known date, and the transitive closure of
//! citations in rings, `{doc}/cites-at-distance/{n}` (`ng:ringOf` the document, `ng:distance` n)
//! that `ng:reaches` every document whose shortest chain of citations from it has n links.

use super::derive::Out;
use super::{as_date, objects, Interner};
use crate::rdf::vocab::{cito, ng};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// Who cites whom: the documents, and an edge from citing to cited with the earliest date a
/// citing text prints for the cited document.
pub(crate) struct Citations {
    pub(crate) docs: Interner,
    edges: BTreeMap<(u32, u32), Option<Literal>>,
}

impl Citations {
    pub(crate) fn read(store: &Store) -> Result<Self, StorageError> {
        let citing: HashMap<NamedOrBlankNode, Term> =
            objects(store, cito::hasCitingEntity)?.into_iter().collect();
        let printed: HashMap<NamedOrBlankNode, Literal> = objects(store, ng::printedDate)?
            .into_iter()
            .filter_map(|(s, o)| as_date(&o).map(|d| (s, d)))
            .collect();
        let mut docs = Interner::default();
        let mut edges: BTreeMap<(u32, u32), Option<Literal>> = BTreeMap::new();
        for (c, cited) in objects(store, cito::hasCitedEntity)? {
            let (Some(Term::NamedNode(from)), Term::NamedNode(to)) = (citing.get(&c), &cited)
            else {
                continue;
            };
            let key = (docs.id(from), docs.id(to));
            let date = printed.get(&c).cloned();
            let slot = edges.entry(key).or_default();
            // Two sources of one document give one citation node; keep the earliest date if
            // two texts print different ones.
            if let Some(d) = date {
                if slot.as_ref().is_none_or(|s| d.value() < s.value()) {
                    *slot = Some(d);
                }
            }
        }
        Ok(Citations { docs, edges })
    }

    /// Each document's `ng:knownDate`: its adoption date, or else the earliest date that a
    /// citing text prints for it, or else its own `dcterms:date` (a year, for a report); for a
    /// draft, the adoption date of the resolution it became, or else the day it was introduced
    /// or distributed.
    pub(crate) fn known_dates(
        &mut self,
        store: &Store,
        // The `dcterms:date` of every resource (a year, for the reports of the groups of
        // experts), for documents that have no other date.
        dated: &[(NamedOrBlankNode, Term)],
        became: &HashMap<NamedOrBlankNode, Term>,
        out: &mut Out,
    ) -> Result<(), StorageError> {
        let docs = &mut self.docs;
        let mut known: HashMap<u32, Literal> = HashMap::new();
        for ((_, to), date) in &self.edges {
            if let Some(d) = date {
                let e = known.entry(*to).or_insert_with(|| d.clone());
                if d.value() < e.value() {
                    *e = d.clone();
                }
            }
        }
        for (s, o) in dated {
            if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (s, o) {
                if let Some(&k) = docs.ids.get(n) {
                    known.entry(k).or_insert_with(|| l.clone());
                }
            }
        }
        for (s, o) in objects(store, ng::adoptionDate)? {
            if let (NamedOrBlankNode::NamedNode(n), Some(d)) = (s, as_date(&o)) {
                known.insert(docs.id(&n), d);
            }
        }
        for (s, o) in became {
            if let (NamedOrBlankNode::NamedNode(draft), Term::NamedNode(res)) = (s, o) {
                if let Some(d) = docs.ids.get(res).and_then(|k| known.get(k)).cloned() {
                    known.insert(docs.id(draft), d);
                }
            }
        }
        for p in [ng::introducedOn, ng::distributionDate] {
            for (s, o) in objects(store, p)? {
                if let (NamedOrBlankNode::NamedNode(n), Some(d)) = (s, as_date(&o)) {
                    known.entry(docs.id(&n)).or_insert(d);
                }
            }
        }
        let mut known: Vec<(u32, Literal)> = known.into_iter().collect();
        known.sort_by_key(|(k, _)| *k);
        for (k, d) in known {
            out.push(docs.nodes[k as usize].clone(), ng::knownDate, d);
        }
        Ok(())
    }

    /// The closure in rings, by a breadth-first walk from every citing document; returns the
    /// number of (document, reached document) pairs.
    pub(crate) fn closure(&self, out: &mut Out) -> usize {
        let docs = &self.docs;
        let mut ring: Option<(u32, u32, NamedNode)> = None;
        let mut paths = 0usize;
        self.walk(|start, distance, reached| {
            // The ring of the documents at this distance (breadth first: one ring at a time).
            if ring
                .as_ref()
                .is_none_or(|(s, d, _)| (*s, *d) != (start, distance))
            {
                let from = &docs.nodes[start as usize];
                let node = NamedNode::new_unchecked(format!(
                    "{}/cites-at-distance/{distance}",
                    from.as_str()
                ));
                out.push(node.clone(), ng::ringOf, from.clone());
                out.push(
                    node.clone(),
                    ng::distance,
                    Literal::from(i64::from(distance)),
                );
                ring = Some((start, distance, node));
            }
            let (_, _, node) = ring.as_ref().expect("a ring");
            out.push(
                node.clone(),
                ng::reaches,
                docs.nodes[reached as usize].clone(),
            );
            paths += 1;
        });
        paths
    }

    /// The breadth-first walk of the closure: for every citing document (by id, in order), each
    /// document it reaches with the length of the shortest chain of citations to it, nearest
    /// first. What the rings hold; the answer tables of the chains are read from it too.
    pub(crate) fn walk(&self, mut visit: impl FnMut(u32, u32, u32)) {
        let n = self.docs.nodes.len();
        let mut adjacency: Vec<Vec<u32>> = vec![Vec::new(); n];
        for &(from, to) in self.edges.keys() {
            adjacency[from as usize].push(to);
        }
        let mut seen = vec![u32::MAX; n];
        let mut queue = VecDeque::new();
        for start in 0..n as u32 {
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
                    visit(start, distance + 1, next);
                }
            }
        }
    }
}
