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
//! - who set each body up (`ng:setUpBy`, one resolution per body): the resolution that the
//!   Assembly's later texts most often say it was established pursuant to (`ng:establishedPursuantTo`,
//!   counted by the documents that say so; on a tie, the one adopted later); else the last text
//!   that mandated it (`ng:establishedBy`) before the year it began, else the last that
//!   mandated it, else the last that proposed it; a draft stands for the resolution it became;
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

/// Every derived fact, from the merged graph: the facts of citations and those of votes
/// computed side by side, on a core each.
fn compute(store: &Store, iris: &Iris) -> Result<(Vec<Quad>, Derived), StorageError> {
    let out = || Out {
        graph: DERIVED_FACTS.into_owned().into(),
        quads: Vec::new(),
    };
    let mut summary = Derived::default();
    let dated = objects(store, dcterms::date)?;
    let became: HashMap<NamedOrBlankNode, Term> =
        objects(store, ng::becameResolution)?.into_iter().collect();
    let (cited, voted) = std::thread::scope(|scope| {
        let cited = scope.spawn(|| -> Result<(Out, usize), StorageError> {
            let mut out = out();
            let mut citations = Citations::read(store)?;
            citations.known_dates(store, &dated, &became, &mut out)?;
            let paths = citations.closure(&mut out);
            set_up_by(store, &became, &mut out)?;
            Ok((out, paths))
        });
        let voted = (|| -> Result<(Out, usize, usize), StorageError> {
            let mut out = out();
            let mut votes = Votes::read(store)?;
            votes.roll_calls(&dated, &mut out);
            votes.sponsor_defections(store, &became, &mut out)?;
            votes.tallies(store, &mut out)?;
            let pairs = votes.pairs(iris, &mut out);
            Ok((out, votes.events.len(), pairs))
        })();
        (cited.join().expect("the citations' thread panicked"), voted)
    });
    let (mut out, paths) = cited?;
    let (votes, events, pairs) = voted?;
    out.quads.extend(votes.quads);
    summary.citation_paths = paths;
    summary.vote_events = events;
    summary.state_pairs = pairs;
    Ok((out.quads, summary))
}

/// `ng:setUpBy` for each body (see the module's documentation).
fn set_up_by(
    store: &Store,
    became: &HashMap<NamedOrBlankNode, Term>,
    out: &mut Out,
) -> Result<(), StorageError> {
    use oxigraph::model::NamedNode;
    use std::collections::{BTreeMap, BTreeSet};
    let named = |t: &Term| match t {
        Term::NamedNode(n) => Some(n.clone()),
        _ => None,
    };
    let subject = |s: &NamedOrBlankNode| match s {
        NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
        _ => None,
    };
    // A draft stands for the resolution it became.
    let resolution = |n: NamedNode| -> NamedNode {
        became
            .get(&NamedOrBlankNode::from(n.clone()))
            .and_then(named)
            .unwrap_or(n)
    };
    let adopted: HashMap<NamedNode, String> = objects(store, ng::adoptionDate)?
        .into_iter()
        .filter_map(|(s, o)| match o {
            Term::Literal(l) => Some((subject(&s)?, l.value().to_owned())),
            _ => None,
        })
        .collect();
    let start: HashMap<NamedNode, i32> = objects(store, ng::startYear)?
        .into_iter()
        .filter_map(|(s, o)| match o {
            Term::Literal(l) => Some((subject(&s)?, l.value().get(..4)?.parse().ok()?)),
            _ => None,
        })
        .collect();
    // The document each source graph is a text of: "how many texts say so" counts documents,
    // not the languages they are read in.
    let mut primary: HashMap<oxigraph::model::GraphName, NamedNode> = HashMap::new();
    for q in store.quads_for_pattern(
        None,
        Some(crate::rdf::vocab::prov::hadPrimarySource),
        None,
        None,
    ) {
        let q = q?;
        if let Some(doc) = named(&q.object) {
            primary.insert(q.graph_name, doc);
        }
    }
    type Texts = BTreeMap<NamedNode, BTreeSet<NamedNode>>;
    let mut pursuant: BTreeMap<NamedNode, Texts> = BTreeMap::new();
    for q in store.quads_for_pattern(None, Some(ng::establishedPursuantTo), None, None) {
        let q = q?;
        let (Some(doc), Some(body), Some(res)) = (
            primary.get(&q.graph_name),
            subject(&q.subject),
            named(&q.object),
        ) else {
            continue;
        };
        pursuant
            .entry(body)
            .or_default()
            .entry(resolution(res))
            .or_default()
            .insert(doc.clone());
    }
    let by = |p| -> Result<BTreeMap<NamedNode, BTreeSet<NamedNode>>, StorageError> {
        let mut m: BTreeMap<NamedNode, BTreeSet<NamedNode>> = BTreeMap::new();
        for (body, text) in objects(store, p)? {
            if let (Some(body), Some(text)) = (subject(&body), named(&text)) {
                m.entry(body).or_default().insert(resolution(text));
            }
        }
        Ok(m)
    };
    let mandates = by(ng::establishedBy)?;
    let proposals = by(ng::proposedBy)?;
    let date = |t: &NamedNode| adopted.get(t).cloned().unwrap_or_default();
    let bodies: BTreeSet<NamedNode> = pursuant
        .keys()
        .chain(mandates.keys())
        .chain(proposals.keys())
        .cloned()
        .collect();
    for body in bodies {
        let by_statements = pursuant.get(&body).and_then(|named| {
            named
                .iter()
                .max_by_key(|(res, docs)| (docs.len(), date(res)))
                .map(|(res, _)| res.clone())
        });
        let by_mandate = || {
            let texts = mandates.get(&body)?;
            let begun = start.get(&body).map(|y| format!("{y}-01-01"));
            texts
                .iter()
                .filter(|t| begun.as_ref().is_none_or(|b| date(t) < *b))
                .max_by_key(|t| date(t))
                .or_else(|| texts.iter().max_by_key(|t| date(t)))
                .cloned()
        };
        let by_proposal = || {
            proposals
                .get(&body)
                .and_then(|texts| texts.iter().max_by_key(|t| date(t)).cloned())
        };
        if let Some(text) = by_statements.or_else(by_mandate).or_else(by_proposal) {
            out.push(body, ng::setUpBy, text);
        }
    }
    Ok(())
}
