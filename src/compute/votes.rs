//! The derived facts of recorded votes: each vote event's counts from the State lists
//! (`ng:countedYes`...), its roll call (`?state ng:votedYesIn ?event`, `ng:votedNoIn`,
//! `ng:abstainedIn`, and `ng:absentFrom` for each Member State of the year that cast none of
//! the three), its tally (counted from the lists where the sources give them, else as printed),
//! the sponsors who did not vote yes on their text, and the table of how often each pair of
//! States voted alike.
//!
//! "Absent" is a Member State admitted in a year before the vote's: the State table knows years
//! of admission, not days, so in its year of admission a State that cast no vote is not listed.

use super::derive::Out;
use super::{objects, Interner};
use crate::rdf::iris::Iris;
use crate::rdf::vocab::{ng, opengov};
use oxigraph::model::{Literal, NamedNode, NamedOrBlankNode, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The votes of every event, and the Member States that could have cast them.
pub(crate) struct Votes {
    states: Interner,
    /// Member States and the year each was admitted (`i32::MAX` where it is not known).
    members: Vec<(u32, i32)>,
    /// Per event, each State's option (0 yes, 1 no, 2 abstain), sorted by State, each once.
    pub(crate) events: BTreeMap<NamedNode, Vec<(u32, u8)>>,
    /// Per event, the Member States absent from it.
    absent: HashMap<NamedNode, Vec<u32>>,
}

impl Votes {
    pub(crate) fn read(store: &Store) -> Result<Self, StorageError> {
        let [event_of, option_of, voters, admitted, members_of] = super::objects_each(
            store,
            [
                opengov::voteEvent,
                opengov::option,
                opengov::voter,
                ng::admissionYear,
                ng::unMember,
            ],
        )?;
        let event_of: HashMap<NamedOrBlankNode, Term> = event_of.into_iter().collect();
        let option_of: HashMap<NamedOrBlankNode, Term> = option_of.into_iter().collect();
        let mut states = Interner::default();
        // Member States and their year of admission; every one gets a row in the pair table.
        let admitted: HashMap<NamedOrBlankNode, i32> = admitted
            .into_iter()
            .filter_map(|(s, o)| match o {
                Term::Literal(l) => l.value().parse().ok().map(|y| (s, y)),
                _ => None,
            })
            .collect();
        let mut members: Vec<(u32, i32)> = Vec::new();
        for (s, o) in members_of {
            if let (NamedOrBlankNode::NamedNode(n), Term::Literal(l)) = (&s, o) {
                if l.value() == "true" {
                    members.push((states.id(n), admitted.get(&s).copied().unwrap_or(i32::MAX)));
                }
            }
        }
        let mut events: BTreeMap<NamedNode, Vec<(u32, u8)>> = BTreeMap::new();
        for (v, voter) in voters {
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
        for votes in events.values_mut() {
            votes.sort_unstable();
            votes.dedup_by_key(|(s, _)| *s);
        }
        Ok(Votes {
            states,
            members,
            events,
            absent: HashMap::new(),
        })
    }

    /// Each event's counts and roll call, with the Member States of its year that cast no vote
    /// (the year from the event's `dcterms:date`, in `dated`).
    pub(crate) fn roll_calls(&mut self, dated: &[(NamedOrBlankNode, Term)], out: &mut Out) {
        let event_year: HashMap<&NamedOrBlankNode, i32> = dated
            .iter()
            .filter_map(|(s, o)| match o {
                Term::Literal(l) => l.value().get(..4)?.parse().ok().map(|y| (s, y)),
                _ => None,
            })
            .collect();
        for (e, votes) in &self.events {
            let mut counts = [0i64; 3];
            for &(_, o) in votes {
                counts[o as usize] += 1;
            }
            for (p, c) in [ng::countedYes, ng::countedNo, ng::countedAbstain]
                .into_iter()
                .zip(counts)
            {
                out.push(e.clone(), p, Literal::from(c));
            }
            for &(s, o) in votes {
                let how = [ng::votedYesIn, ng::votedNoIn, ng::abstainedIn][o as usize];
                out.push(self.states.nodes[s as usize].clone(), how, e.clone());
            }
            if let Some(&year) = event_year.get(&NamedOrBlankNode::from(e.clone())) {
                for &(s, admitted) in &self.members {
                    if admitted < year && votes.binary_search_by_key(&s, |&(v, _)| v).is_err() {
                        self.absent.entry(e.clone()).or_default().push(s);
                        out.push(
                            self.states.nodes[s as usize].clone(),
                            ng::absentFrom,
                            e.clone(),
                        );
                    }
                }
            }
        }
    }

    /// The sponsors who did not vote yes on their text (in committee on the draft, or in
    /// plenary on the resolution it became): what the roll call says of each, where it says
    /// anything. Reads the absences of [`Votes::roll_calls`].
    pub(crate) fn sponsor_defections(
        &self,
        store: &Store,
        became: &HashMap<NamedOrBlankNode, Term>,
        out: &mut Out,
    ) -> Result<(), StorageError> {
        let [on, sponsors, sponsored] =
            super::objects_each(store, [ng::onDocument, ng::sponsor, ng::sponsorshipOf])?;
        let mut events_on: HashMap<Term, Vec<NamedNode>> = HashMap::new();
        for (e, d) in on {
            if let NamedOrBlankNode::NamedNode(e) = e {
                events_on.entry(d).or_default().push(e);
            }
        }
        let sponsor_of: HashMap<NamedOrBlankNode, Term> = sponsors.into_iter().collect();
        let mut defections = BTreeSet::new();
        for (sp, text) in sponsored {
            let Some(Term::NamedNode(state)) = sponsor_of.get(&sp) else {
                continue;
            };
            let Some(&k) = self.states.ids.get(state) else {
                continue;
            };
            let resolution: Option<Term> = match &text {
                Term::NamedNode(t) => became.get(&NamedOrBlankNode::from(t.clone())).cloned(),
                _ => None,
            };
            for doc in std::iter::once(&text).chain(resolution.as_ref()) {
                for e in events_on.get(doc).into_iter().flatten() {
                    let cast = self.events.get(e).and_then(|votes| {
                        votes
                            .binary_search_by_key(&k, |&(v, _)| v)
                            .ok()
                            .map(|i| votes[i].1)
                    });
                    let how = match cast {
                        Some(0) => continue,
                        Some(1) => ng::sponsorVotedNoIn,
                        Some(_) => ng::sponsorAbstainedIn,
                        None if self.absent.get(e).is_some_and(|a| a.contains(&k)) => {
                            ng::sponsorAbsentFrom
                        }
                        None => continue,
                    };
                    defections.insert((state.clone(), how, e.clone()));
                }
            }
        }
        for (state, how, e) in defections {
            out.push(state, how, e);
        }
        Ok(())
    }

    /// The tally of every vote: counted from the lists where the sources give them, else the
    /// totals they print.
    pub(crate) fn tallies(&self, store: &Store, out: &mut Out) -> Result<(), StorageError> {
        let mut totals: BTreeMap<NamedNode, [Option<i64>; 3]> = BTreeMap::new();
        for (k, p) in [ng::printedYes, ng::printedNo, ng::printedAbstain]
            .into_iter()
            .enumerate()
        {
            for (s, o) in objects(store, p)? {
                if let (NamedOrBlankNode::NamedNode(e), Term::Literal(l)) = (s, o) {
                    totals.entry(e).or_default()[k] = l.value().parse().ok();
                }
            }
        }
        for (e, votes) in &self.events {
            let mut counts = [0i64; 3];
            for &(_, o) in votes {
                counts[o as usize] += 1;
            }
            totals.insert(e.clone(), counts.map(Some));
        }
        for (e, totals) in totals {
            if let [Some(y), Some(n), Some(a)] = totals {
                for (p, c) in [ng::tallyYes, ng::tallyNo, ng::tallyAbstain]
                    .into_iter()
                    .zip([y, n, a])
                {
                    out.push(e.clone(), p, Literal::from(c));
                }
            }
        }
        Ok(())
    }

    /// The per-pair vote table: for every ordered pair of Member States (and of States that
    /// voted), `ng:commonVotes` (votes both cast, possibly 0) and `ng:agreements` (of those, the
    /// same). Both orders are written, so that a question about (a, b) is one lookup whatever
    /// the order. Returns the number of ordered pairs.
    pub(crate) fn pairs(&self, iris: &Iris, out: &mut Out) -> usize {
        let n = self.states.nodes.len();
        let mut together = vec![0u32; n * n];
        let mut agree = vec![0u32; n * n];
        for votes in self.events.values() {
            for (i, &(a, oa)) in votes.iter().enumerate() {
                for &(b, ob) in &votes[i + 1..] {
                    let (a, b) = (a as usize, b as usize);
                    together[a * n + b] += 1;
                    agree[a * n + b] += u32::from(oa == ob);
                }
            }
        }
        let nodes = &self.states.nodes;
        let code = |s: &NamedNode| s.as_str().rsplit('/').next().unwrap_or_default().to_owned();
        let mut pairs = 0usize;
        for a in 0..n {
            for b in a + 1..n {
                let (t, k) = (together[a * n + b], agree[a * n + b]);
                for (x, y) in [(a, b), (b, a)] {
                    let node = iris.state_pair(&code(&nodes[x]), &code(&nodes[y]));
                    pairs += 1;
                    out.push(node.clone(), ng::agreementOf, nodes[x].clone());
                    out.push(node.clone(), ng::agreementWith, nodes[y].clone());
                    out.push(node.clone(), ng::commonVotes, Literal::from(i64::from(t)));
                    out.push(node, ng::agreements, Literal::from(i64::from(k)));
                }
            }
        }
        pairs
    }
}
