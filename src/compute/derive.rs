//! Facts derived from the source graphs at build time, so that the canned questions
//! (`queries/`) are lookups instead of searches.
//!
//! They live in one named graph of their own, [`crate::rdf::graphs::DERIVED_FACTS`],
//! outside the merged default graph (they are an index of the sources, not a source):
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
//! build); [`refresh`] computes it again when that changed, and writes it by difference, so a
//! re-ingested document is reflected at the end of the build that ingested it. The facts of
//! citations are computed in [`super::citations`], those of votes in [`super::votes`].

use super::citations::Citations;
use super::votes::Votes;
use super::{fingerprint, objects};
use crate::rdf::graphs::DERIVED_FACTS;
use crate::rdf::vocab::{dcterms, ng};
use crate::rdf::Iris;
use oxigraph::model::{GraphName, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::HashMap;

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
    let recorded = crate::store::recorded_hash(store, DERIVED_FACTS)?;
    if recorded.as_deref() == Some(fingerprint) {
        return Ok(Derived::default());
    }
    let (quads, mut summary) = compute(store, iris)?;
    summary.recomputed = true;
    summary.quads = quads.len() + 2;
    crate::store::write_computed(store, DERIVED_FACTS, quads, fingerprint)?;
    Ok(summary)
}

/// The quads of the derived graph as they are computed.
pub(crate) struct Out {
    graph: GraphName,
    pub(crate) quads: Vec<Quad>,
}

impl Out {
    pub(crate) fn push(
        &mut self,
        s: impl Into<NamedOrBlankNode>,
        p: NamedNodeRef<'_>,
        o: impl Into<Term>,
    ) {
        self.quads.push(Quad::new(s, p, o, self.graph.clone()));
    }
}

/// Every derived fact, from the merged graph.
fn compute(store: &Store, iris: &Iris) -> Result<(Vec<Quad>, Derived), StorageError> {
    let mut out = Out {
        graph: DERIVED_FACTS.into_owned().into(),
        quads: Vec::new(),
    };
    let mut summary = Derived::default();
    let dated = objects(store, dcterms::date)?;
    let became: HashMap<NamedOrBlankNode, Term> =
        objects(store, ng::becameResolution)?.into_iter().collect();

    let mut citations = Citations::read(store)?;
    citations.known_dates(store, &dated, &became, &mut out)?;
    summary.citation_paths = citations.closure(&mut out);

    let mut votes = Votes::read(store)?;
    votes.roll_calls(&dated, &mut out);
    summary.vote_events = votes.events.len();
    votes.sponsor_defections(store, &became, &mut out)?;
    votes.tallies(store, &mut out)?;

    // Who set each body up: the resolution the establishing (or proposing) draft became.
    for p in [ng::establishedBy, ng::proposedBy] {
        for (body, by) in objects(store, p)? {
            let text = match &by {
                Term::NamedNode(n) => became
                    .get(&NamedOrBlankNode::from(n.clone()))
                    .cloned()
                    .unwrap_or(by),
                _ => continue,
            };
            out.push(body, ng::setUpBy, text);
        }
    }
    summary.state_pairs = votes.pairs(iris, &mut out);
    Ok((out.quads, summary))
}
