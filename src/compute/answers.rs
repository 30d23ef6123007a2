//! The answer tables of the canned questions (read by [`crate::query::answers`]): for each
//! question, its rows for every value of its parameters, cut from one evaluation of the question
//! with no parameter bound, after the derived facts it reads are written.
//!
//! Where the parameters are read only by triple patterns of the query's top group, binding one
//! is joining the query with one row that gives it its value, so the rows of the unbound query
//! whose parameter columns hold a value are, in their order, the answer for that value: each
//! table is those rows, found once for every value instead of once per ask. `norm-lineage`
//! reads its parameter in a nested `FILTER` too (which the unbound query evaluates with it
//! unbound), so its few values are asked one by one ([`per_value`]).
//! `common-sponsors` has none of its own (see [`crate::query::answers::read`]).
//!
//! Where the unbound evaluation would join each of millions of rows through index lookups (a
//! roll call per vote, the sponsors of every text), the table is read instead from a few scans
//! of the facts the question joins, in memory: [`votes`], [`sponsorships`], [`citations`]. Each says which
//! rows it gives; `tests/answers.rs` holds them to the canned SPARQL's.

use crate::query::answers::key_node;
use crate::query::{catalogue, QueryError};
use crate::rdf::graphs::ANSWERS;
use crate::rdf::vocab::ng;
use oxigraph::model::{GraphName, Literal, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::BTreeMap;
use std::time::Instant;

/// What [`refresh_from`] did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Answered {
    /// False when the recorded fingerprint matched and nothing was recomputed.
    pub recomputed: bool,
    /// Per question: the keys (parameter values) it has rows for, its rows, and the seconds its
    /// evaluation took.
    pub questions: Vec<(String, usize, usize, f64)>,
    /// Bytes of the rows' text, all tables together.
    pub bytes: usize,
}

/// [`refresh_from`] with the sources' fingerprint computed here: for a store whose sources were
/// written other than by a build (the synthetic histories of the tests and benchmarks), after
/// [`super::derive::refresh`].
pub fn refresh(store: &Store, iris: &crate::rdf::Iris) -> Result<Answered, StorageError> {
    let sources = super::fingerprint(store, iris.reference_graph().as_ref())?;
    refresh_from(store, &sources)
}

/// Recomputes the answer tables if the sources changed since they were last computed (or this
/// build of normgraph did not compute them), given the sources' fingerprint (see
/// [`super::fingerprint`]): the derived facts must be written first.
pub fn refresh_from(store: &Store, fingerprint: &str) -> Result<Answered, StorageError> {
    if crate::store::recorded_hash(store, ANSWERS)?.as_deref() == Some(fingerprint)
        && crate::store::recorded_build(store, ANSWERS)?.as_deref() == Some(crate::hash::BUILD_HASH)
    {
        return Ok(Answered::default());
    }
    let mut answered = Answered {
        recomputed: true,
        ..Answered::default()
    };
    // The jobs, longest first, shared among the cores.
    let catalogue = catalogue();
    let mut jobs = vec![Job::Sponsorships, Job::Citations, Job::Votes];
    for canned in catalogue {
        match canned.name.as_str() {
            "votes" | "sponsors" | "state-sponsorships" | "citation-chain" | "cited-by"
            | "common-sponsors" => {}
            "norm-lineage" => jobs.push(Job::PerNorm(canned)),
            _ => jobs.push(Job::Cut(canned)),
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let started = Instant::now();
                let tables = job.run(store);
                let secs = started.elapsed().as_secs_f64();
                let failed = tables.is_err();
                done.lock()
                    .expect("no worker panics holding it")
                    .push((tables, secs));
                if failed {
                    // The others finish the job they hold; none starts another.
                    next.store(jobs.len(), std::sync::atomic::Ordering::Relaxed);
                }
            });
        }
    });
    let mut computed: Vec<(String, Texts, f64)> = Vec::new();
    for (tables, secs) in done.into_inner().expect("no worker panicked") {
        // The seconds of a job that gives two tables are its first table's.
        for (k, (name, texts)) in tables?.into_iter().enumerate() {
            computed.push((name, texts, if k == 0 { secs } else { 0.0 }));
        }
    }
    let place = |name: &str| catalogue.iter().position(|c| c.name == name);
    computed.sort_by_key(|(name, _, _)| place(name));
    let graph = GraphName::NamedNode(ANSWERS.into_owned());
    let mut quads = Vec::new();
    for (name, tables, secs) in computed {
        let rows = tables.values().map(|(n, _)| n).sum();
        answered
            .questions
            .push((name.clone(), tables.len(), rows, secs));
        for (key, (_, text)) in tables {
            answered.bytes += text.len();
            quads.push(Quad::new(
                key_node(&name, &key[..]),
                ng::answerRows,
                Literal::new_simple_literal(text),
                graph.clone(),
            ));
        }
    }
    crate::store::write_computed(store, ANSWERS, quads, fingerprint)?;
    Ok(answered)
}

/// A share of the work of [`refresh_from`]: one or two questions' tables, computed on a core
/// of its own.
enum Job<'a> {
    /// `sponsors` and `state-sponsorships`, from one read of the sponsorships.
    Sponsorships,
    /// `citation-chain` and `cited-by`, from one walk of the closure.
    Citations,
    Votes,
    /// A question asked once per norm ([`per_value`]).
    PerNorm(&'a crate::query::Canned),
    /// A question cut from its unbound evaluation ([`cut`]).
    Cut(&'a crate::query::Canned),
}

impl Job<'_> {
    /// The tables, by question.
    fn run(&self, store: &Store) -> Result<Vec<(String, Texts)>, StorageError> {
        let named =
            |a: &str, b: &str, (x, y): (Texts, Texts)| vec![(a.to_owned(), x), (b.to_owned(), y)];
        Ok(match self {
            Job::Sponsorships => named("sponsors", "state-sponsorships", sponsorships(store)?),
            Job::Citations => named("citation-chain", "cited-by", citations(store)?),
            Job::Votes => vec![("votes".to_owned(), texts(votes(store)?))],
            Job::PerNorm(c) => vec![(
                c.name.clone(),
                texts(per_value(store, c, &norm_values(store)?)?),
            )],
            Job::Cut(c) => vec![(c.name.clone(), texts(cut(store, c)?))],
        })
    }
}

/// The objects of `p` in the default graph, by subject: a subject as a term, to be looked up by
/// the object of another fact.
fn by_subject(
    store: &Store,
    p: oxigraph::model::NamedNodeRef<'_>,
) -> Result<BySubject, StorageError> {
    Ok(keyed(super::objects(store, p)?))
}

type BySubject = std::collections::HashMap<Term, Vec<Term>>;

/// Each document's `ng:knownDate`, as the derived facts hold it (one each; the first, were
/// there more).
fn known_dates(store: &Store) -> Result<std::collections::HashMap<Term, Term>, StorageError> {
    use crate::rdf::graphs::DERIVED_FACTS;
    use oxigraph::model::GraphNameRef;
    let mut known = std::collections::HashMap::new();
    for q in store.quads_for_pattern(
        None,
        Some(ng::knownDate),
        None,
        Some(GraphNameRef::NamedNode(DERIVED_FACTS)),
    ) {
        let q = q?;
        known.entry(Term::from(q.subject)).or_insert(q.object);
    }
    Ok(known)
}

fn keyed(facts: Vec<(oxigraph::model::NamedOrBlankNode, Term)>) -> BySubject {
    let mut m = BySubject::new();
    for (s, o) in facts {
        m.entry(Term::from(s)).or_default().push(o);
    }
    m
}

/// Of each thing's names, the English ones (`skos:prefLabel` matching
/// `LANGMATCHES(LANG(?name), "en")`).
fn english(mut names: BySubject) -> BySubject {
    for v in names.values_mut() {
        v.retain(|o| {
            matches!(o, Term::Literal(l)
                if l.language().is_some_and(|t| t == "en" || t.starts_with("en-")))
        });
    }
    names
}

/// The tables of `canned` cut from its unbound evaluation (see the module's documentation).
fn cut(store: &Store, canned: &crate::query::Canned) -> Result<Tables, StorageError> {
    let all = canned.run_unbound(store).map_err(storage)?;
    let width = canned.params.len();
    let mut tables: Tables = BTreeMap::new();
    for mut row in all.rows {
        let key: Option<Vec<String>> = row[..width]
            .iter()
            .map(|t| match t {
                Some(Term::Literal(l)) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        // A row whose parameter is unbound, or not a literal, answers no bound question.
        let Some(key) = key else { continue };
        tables.entry(key).or_default().push(row.split_off(width));
    }
    Ok(tables)
}

/// The tables of a question of one parameter asked once per value: for a parameter that a
/// nested `FILTER` reads, where binding it is not joining with its value (the filter of the
/// unbound query sees it unbound), and whose values are few.
fn per_value(
    store: &Store,
    canned: &crate::query::Canned,
    values: &[String],
) -> Result<Tables, StorageError> {
    let mut tables: Tables = BTreeMap::new();
    for v in values {
        let given = [(canned.params[0].name.clone(), v.clone())];
        let bound = canned
            .bind(&given, crate::reference::states::StateTable::bundled())
            .map_err(storage)?;
        let rows = canned.run_sparql(store, bound).map_err(storage)?.rows;
        if !rows.is_empty() {
            tables.insert(vec![v.clone()], rows);
        }
    }
    Ok(tables)
}

/// Every value a norm parameter can take that names something of the graph: the notation of
/// each norm and of its root, and the symbol of each document that sets norms out (a value
/// that names nothing has no rows).
fn norm_values(store: &Store) -> Result<Vec<String>, StorageError> {
    let q = "SELECT DISTINCT ?v WHERE { { ?n skos:inScheme ?s ; skos:notation ?v } \
             UNION { ?n ng:hasRoot/skos:notation ?v } UNION { ?s ng:schemeOf/ng:symbol ?v } }";
    Ok(crate::query::sparql::select_text(store, q)
        .map_err(|e| {
            storage(QueryError::Evaluation {
                query: "norm-lineage".into(),
                error: e,
            })
        })?
        .into_iter()
        .filter_map(|row| row.into_iter().next())
        .filter(|v| crate::query::canned::norm_value(v).as_ref() == Ok(v))
        .collect())
}

fn storage(e: QueryError) -> StorageError {
    StorageError::Other(Box::new(std::io::Error::other(e.to_string())))
}

/// A table per key: the rows of each value of the parameters.
type Tables = BTreeMap<Vec<String>, Vec<Vec<Option<Term>>>>;

/// A table per key as it is written: its number of rows and their text
/// ([`crate::query::answers::encode`]).
type Texts = BTreeMap<Vec<String>, (usize, String)>;

fn texts(tables: Tables) -> Texts {
    tables
        .into_iter()
        .map(|(k, rows)| {
            let n = rows.len();
            (k, (n, crate::query::answers::encode(&rows)))
        })
        .collect()
}

/// The `votes` tables, read from the roll calls of the derived facts in a few scans instead of
/// one evaluation joining each row: for each document, the roll call of every vote event on it
/// (`?event a opengov:VoteEvent ; ng:onDocument ?doc`), a row per State of the roll call and
/// English name of the State and stated intention ("" where none), by State code; the rows that
/// `queries/votes.rq` gives, as `tests/answers.rs` checks.
fn votes(store: &Store) -> Result<Tables, StorageError> {
    use crate::rdf::graphs::DERIVED_FACTS;
    use crate::rdf::vocab::opengov;
    use oxigraph::model::vocab::rdf;
    use oxigraph::model::{GraphNameRef, Literal, NamedOrBlankNode, TermRef};
    use std::collections::{HashMap, HashSet};
    type Node = NamedOrBlankNode;
    let symbols = by_subject(store, ng::symbol)?;
    let codes = by_subject(store, ng::iso3)?;
    let names = english(by_subject(store, crate::rdf::vocab::skos::prefLabel)?);
    let events: HashSet<Node> = store
        .quads_for_pattern(
            None,
            Some(rdf::TYPE),
            Some(TermRef::NamedNode(opengov::VoteEvent)),
            Some(GraphNameRef::DefaultGraph),
        )
        .map(|q| q.map(|q| q.subject))
        .collect::<Result<_, _>>()?;
    let mut roll: HashMap<Term, Vec<(Node, &'static str)>> = HashMap::new();
    for (p, vote) in [
        (ng::votedYesIn, "yes"),
        (ng::votedNoIn, "no"),
        (ng::abstainedIn, "abstain"),
        (ng::absentFrom, "absent"),
    ] {
        for q in store.quads_for_pattern(
            None,
            Some(p),
            None,
            Some(GraphNameRef::NamedNode(DERIVED_FACTS)),
        ) {
            let q = q?;
            roll.entry(q.object).or_default().push((q.subject, vote));
        }
    }
    // Stated intentions, by event and voter: few votes have one, so each is looked up.
    let of_vote = |v: &Node, p| -> Result<Vec<Term>, StorageError> {
        store
            .quads_for_pattern(
                Some(v.as_ref()),
                Some(p),
                None,
                Some(GraphNameRef::DefaultGraph),
            )
            .map(|q| q.map(|q| q.object))
            .collect()
    };
    let mut intended: HashMap<(Term, Term), Vec<Term>> = HashMap::new();
    for (v, said) in super::objects(store, ng::intendedOption)? {
        for e in of_vote(&v, opengov::voteEvent)? {
            for s in of_vote(&v, opengov::voter)? {
                intended
                    .entry((e.clone(), s))
                    .or_default()
                    .push(said.clone());
            }
        }
    }
    let none = [Term::from(Literal::new_simple_literal(""))];
    let mut tables: Tables = BTreeMap::new();
    for (event, d) in super::objects(store, ng::onDocument)? {
        if !events.contains(&event) {
            continue;
        }
        let (Some(symbols), Some(called)) = (symbols.get(&d), roll.get(&Term::from(event.clone())))
        else {
            continue;
        };
        let event = Term::from(event);
        let mut rows: Vec<(String, Vec<Option<Term>>)> = Vec::new();
        for (s, vote) in called {
            let s = Term::from(s.clone());
            let said = intended
                .get(&(event.clone(), s.clone()))
                .map_or(&none[..], Vec::as_slice);
            for code in codes.get(&s).into_iter().flatten() {
                let Term::Literal(c) = code else { continue };
                for name in names.get(&s).into_iter().flatten() {
                    for i in said {
                        rows.push((
                            c.value().to_owned(),
                            vec![
                                Some(code.clone()),
                                Some(name.clone()),
                                Some(Literal::new_simple_literal(*vote).into()),
                                Some(i.clone()),
                            ],
                        ));
                    }
                }
            }
        }
        for symbol in symbols {
            let Term::Literal(l) = symbol else { continue };
            let table = tables.entry(vec![l.value().to_owned()]).or_default();
            let mut all: Vec<(String, Vec<Option<Term>>)> = table
                .drain(..)
                .map(|r| (state_of(&r), r))
                .chain(rows.iter().cloned())
                .collect();
            all.sort_by(|a, b| a.0.cmp(&b.0));
            *table = all.into_iter().map(|(_, r)| r).collect();
        }
    }
    Ok(tables)
}

fn state_of(row: &[Option<Term>]) -> String {
    row[0].as_ref().map_or(String::new(), value)
}

/// A literal's value ("" for any other term): what the tables sort and key by.
fn value(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        _ => String::new(),
    }
}

/// What sorts a known date as `ORDER BY ?date` does: none first, then by value.
fn date_key(date: Option<&Term>) -> String {
    date.map_or(String::new(), |d| format!("1{}", value(d)))
}

/// A term's cell in the text of [`crate::query::answers::encode`].
fn cell(t: Option<&Term>) -> String {
    let mut c = String::new();
    crate::query::answers::encode_cell(t, &mut c);
    c
}

/// The `sponsors` and `state-sponsorships` tables, from one read of the sponsorships: for each
/// document, the sponsors of it and of the drafts that became it (`?text
/// ng:becameResolution? ?doc`), a row per English name, each once, by role (descending, original
/// first) then State code; for each State, what it sponsored, a row per symbol of the text and
/// role, each once, by known date (none first) then symbol. Written as text as they are found,
/// each term's cell once. The rows of `queries/sponsors.rq` and `queries/state-sponsorships.rq`,
/// as `tests/answers.rs` checks.
fn sponsorships(store: &Store) -> Result<(Texts, Texts), StorageError> {
    use std::collections::HashMap;
    let symbols = by_subject(store, ng::symbol)?;
    let codes = by_subject(store, ng::iso3)?;
    let names = english(by_subject(store, crate::rdf::vocab::skos::prefLabel)?);
    let of = by_subject(store, ng::sponsorshipOf)?;
    let sponsor = by_subject(store, ng::sponsor)?;
    let role = by_subject(store, ng::role)?;
    let introduced = by_subject(store, ng::introducedBy)?;
    // What each text became: a draft stands for the resolution too.
    let became = by_subject(store, ng::becameResolution)?;
    let known = known_dates(store)?;
    // The roles by descending value (`ORDER BY DESC(?role)`), each with its cell.
    let mut roles: Vec<(String, &Term)> = role.values().flatten().map(|r| (value(r), r)).collect();
    roles.sort_by(|a, b| b.0.cmp(&a.0));
    roles.dedup_by(|a, b| a.1 == b.1);
    let roles: HashMap<&Term, (usize, String)> = roles
        .iter()
        .enumerate()
        .map(|(rank, (_, r))| (*r, (rank, cell(Some(r)))))
        .collect();
    let (yes, no) = (
        cell(Some(&Literal::from(true).into())),
        cell(Some(&Literal::from(false).into())),
    );
    // Rows keyed by what orders them, then their text: sorted, each once.
    type Sorted = Vec<((usize, String), String)>;
    let mut by_doc: BTreeMap<String, Sorted> = BTreeMap::new();
    let mut by_state: BTreeMap<String, Sorted> = BTreeMap::new();
    let empty = Vec::new();
    for (sp, texts) in &of {
        for t in texts {
            let date = known.get(t);
            let date_order = date_key(date);
            let date_cell = cell(date);
            for s in sponsor.get(sp).unwrap_or(&empty) {
                let introducer = if introduced.get(t).is_some_and(|by| by.contains(s)) {
                    &yes
                } else {
                    &no
                };
                for r in role.get(sp).unwrap_or(&empty) {
                    let (rank, role_cell) = &roles[r];
                    for code in codes.get(s).unwrap_or(&empty) {
                        let code_cell = cell(Some(code));
                        // By State: each symbol of the text.
                        for symbol in symbols.get(t).unwrap_or(&empty) {
                            by_state.entry(value(code)).or_default().push((
                                (0, format!("{date_order}\t{}", value(symbol))),
                                format!("{}\t{date_cell}\t{role_cell}", cell(Some(symbol))),
                            ));
                        }
                        // By document: the text itself and what it became.
                        for name in names.get(s).unwrap_or(&empty) {
                            let row = format!(
                                "{code_cell}\t{}\t{role_cell}\t{introducer}",
                                cell(Some(name))
                            );
                            for d in std::iter::once(t).chain(became.get(t).unwrap_or(&empty)) {
                                for symbol in symbols.get(d).unwrap_or(&empty) {
                                    by_doc
                                        .entry(value(symbol))
                                        .or_default()
                                        .push(((*rank, value(code)), row.clone()));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let tables = |m: BTreeMap<String, Sorted>| -> Texts {
        m.into_iter()
            .map(|(k, mut rows)| {
                rows.sort_unstable();
                rows.dedup_by(|a, b| a.1 == b.1);
                let mut out = String::new();
                for (_, row) in &rows {
                    out.push_str(row);
                    out.push('\n');
                }
                (vec![k], (rows.len(), out))
            })
            .collect()
    };
    Ok((tables(by_doc), tables(by_state)))
}

/// What a citing document does with a document it cites directly: the subquery of
/// `queries/citation-chain.rq` and `queries/cited-by.rq`, evaluated once for every pair.
const VERBS: &str = "PREFIX cito: <http://purl.org/spar/cito/>
SELECT ?from ?to (GROUP_CONCAT(DISTINCT ?said; SEPARATOR = \"; \") AS ?verb) WHERE {
  ?c cito:hasCitingEntity ?from ; cito:hasCitedEntity ?to ; ng:citingParagraph ?p .
  OPTIONAL { ?c ng:clauseVerb/skos:prefLabel ?v FILTER(LANGMATCHES(LANG(?v), \"en\")) }
  BIND(CONCAT(COALESCE(?v, \"citing\"), \" (\", ?p, \")\") AS ?said)
}
GROUP BY ?from ?to";

/// The `citation-chain` and `cited-by` tables, from the breadth-first walk the rings of the
/// derived facts are written from ([`super::citations::Citations::walk`]), done again in
/// memory: for each document (by each of its symbols), a row per document it reaches (for
/// `cited-by`, per document that reaches it) and symbol of that document, with its depth, the
/// known date of the other document (as the derived facts hold it), and the verbs of a direct
/// citation; by depth, date (none first) and symbol. Written as text as they are found: each
/// other document's cells once, a row a few bytes copied. The rows of the two `.rq` files, as
/// `tests/answers.rs` checks.
fn citations(store: &Store) -> Result<(Texts, Texts), StorageError> {
    use std::collections::HashMap;
    const NO_VERB: u32 = u32::MAX;
    let cites = super::citations::Citations::read(store)?;
    let docs = &cites.docs;
    let symbols = by_subject(store, ng::symbol)?;
    let known = known_dates(store)?;
    // Each symbol of each document with the cells `symbol date`, in the order of the rows (by
    // date, none first, then symbol): a row is then its depth and its place here.
    let mut entries: Vec<(String, String, u32, String)> = Vec::new();
    let none = Vec::new();
    for (id, node) in docs.nodes.iter().enumerate() {
        let doc = Term::NamedNode(node.clone());
        let date = known.get(&doc);
        for symbol in symbols.get(&doc).unwrap_or(&none) {
            let cells = format!("{}\t{}", cell(Some(symbol)), cell(date));
            entries.push((date_key(date), value(symbol), id as u32, cells));
        }
    }
    entries.sort();
    let mut of_doc: Vec<Vec<u32>> = vec![Vec::new(); docs.nodes.len()];
    for (e, entry) in entries.iter().enumerate() {
        of_doc[entry.2 as usize].push(e as u32);
    }
    // The verbs of every direct citation, as cells.
    let rows = crate::query::sparql::select(store, VERBS).map_err(|e| {
        storage(QueryError::Evaluation {
            query: "citation-chain".into(),
            error: e,
        })
    })?;
    let mut verb_cells: Vec<String> = Vec::new();
    let mut verbs: HashMap<(u32, u32), u32> = HashMap::new();
    for row in rows.rows {
        if let [Some(Term::NamedNode(from)), Some(Term::NamedNode(to)), verb @ Some(_)] = &row[..] {
            if let (Some(&f), Some(&t)) = (docs.ids.get(from), docs.ids.get(to)) {
                verbs.insert((f, t), verb_cells.len() as u32);
                verb_cells.push(cell(verb.as_ref()));
            }
        }
    }
    // (depth, entry of the other document, verb) for each document.
    type Found = Vec<Vec<(u32, u32, u32)>>;
    let mut chains: Found = vec![Vec::new(); docs.nodes.len()];
    let mut cited: Found = vec![Vec::new(); docs.nodes.len()];
    cites.walk(|start, depth, reached| {
        // A document cited directly is at depth 1: only there is there a verb.
        let verb = match depth {
            1 => verbs.get(&(start, reached)).copied().unwrap_or(NO_VERB),
            _ => NO_VERB,
        };
        for &e in &of_doc[reached as usize] {
            chains[start as usize].push((depth, e, verb));
        }
        for &e in &of_doc[start as usize] {
            cited[reached as usize].push((depth, e, verb));
        }
    });
    // The depth cells, by depth.
    let deepest = chains.iter().flatten().map(|r| r.0).max().unwrap_or(0);
    let depths: Vec<String> = (0..=deepest)
        .map(|d| cell(Some(&Literal::from(i64::from(d)).into())))
        .collect();
    let written = |found: Found| -> Texts {
        let mut tables = Texts::new();
        for (doc, mut rows) in found.into_iter().enumerate() {
            if rows.is_empty() {
                continue;
            }
            rows.sort_unstable();
            let mut out = String::new();
            for &(depth, e, verb) in &rows {
                out.push_str(&depths[depth as usize]);
                out.push('\t');
                out.push_str(&entries[e as usize].3);
                out.push('\t');
                if verb != NO_VERB {
                    out.push_str(&verb_cells[verb as usize]);
                }
                out.push('\n');
            }
            for &e in &of_doc[doc] {
                tables.insert(
                    vec![entries[e as usize].1.clone()],
                    (rows.len(), out.clone()),
                );
            }
        }
        tables
    };
    Ok((written(chains), written(cited)))
}
