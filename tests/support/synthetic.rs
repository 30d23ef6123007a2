//! A synthetic General Assembly history, in the shapes of the real graph, to measure the
//! canned queries at the scale of the whole Assembly (`cargo bench --bench queries`).
//!
//! Nothing here reaches the product graph: the facts are made up, from a seeded generator, and
//! the benchmark writes them to a store of its own. Their shape follows what `rdf` writes for
//! real documents (symbols, adoption dates, drafts, sponsorships, citation nodes, vote events
//! with one vote per State, bodies set up, norms), so the queries meet the same joins.
//!
//! The history: sessions 1 (1946) to 77 (2022), about 260 resolutions a session spread over
//! agenda lines; each resolution comes from a draft of one of the six committees with 1 to 40
//! sponsors among the Member States of its year (years of admission from the State table);
//! it cites the latest resolutions of its line (a fifth of them recall the whole line, up to 25),
//! sometimes one of 25 landmark resolutions of the first sessions, rarely a resolution of another
//! line; a quarter are adopted by a recorded vote in plenary, where each Member State of the year
//! votes along the lines of a bloc, or is absent; one resolution in a hundred sets up a body.

#![allow(dead_code)]

use normgraph::rdf::vocab::{cito, dcterms, ng, opengov, org, prov, rdfs, skos};
use normgraph::rdf::writer::{date, int, lang_lit, lit, year, GraphWriter};
use normgraph::rdf::Iris;
use normgraph::reference::states::StateTable;
use normgraph::reference::symbol::Symbol;
use oxigraph::model::{GraphName, NamedNode, Quad};
use oxigraph::store::{StorageError, Store};

/// Raised whenever the generator writes something else for the same spec (a kept benchmark
/// store is then generated again).
pub const GENERATOR_VERSION: u32 = 2;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub resolutions: usize,
    pub sessions: u32,
    pub lines: u32,
    pub seed: u64,
}

impl Default for Spec {
    /// About the General Assembly's history: 20,000 resolutions in 77 sessions.
    fn default() -> Self {
        Spec {
            resolutions: 20_000,
            sessions: 77,
            lines: 170,
            seed: 1946,
        }
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

#[derive(Debug, Clone)]
struct Res {
    session: u32,
    number: u32,
    line: u32,
    /// Index among the resolutions of its line.
    rank: u32,
    day: u32,
}

impl Res {
    fn year(&self) -> i32 {
        1945 + self.session as i32
    }
    fn symbol(&self) -> Symbol {
        Symbol::resolution(self.session, self.number, None)
    }
    fn draft(&self) -> Symbol {
        Symbol::parse(&format!(
            "A/C.{}/{}/L.{}",
            1 + self.line % 6,
            self.session,
            self.number
        ))
        .expect("a draft symbol")
    }
    fn date(&self) -> normgraph::records::Date {
        normgraph::records::Date {
            year: self.year(),
            month: 12,
            day: self.day,
        }
    }
}

/// The planned history: every resolution with its session, line and date.
pub struct History {
    spec: Spec,
    resolutions: Vec<Res>,
    by_line: Vec<Vec<u32>>,
    /// Member States (alpha-3, English name, year of admission) and their bloc.
    members: Vec<(String, String, i32, u8)>,
    base: String,
}

/// Figures of what was generated.
#[derive(Debug, Default, Clone)]
pub struct Generated {
    pub resolutions: usize,
    pub citations: usize,
    pub vote_events: usize,
    pub votes: usize,
    pub sponsorships: usize,
    pub bodies: usize,
    pub quads: usize,
}

impl History {
    pub fn plan(spec: Spec, iris: &Iris, states: &StateTable) -> History {
        let per_session = (spec.resolutions as u32).div_ceil(spec.sessions);
        let mut resolutions = Vec::with_capacity(spec.resolutions);
        let mut by_line: Vec<Vec<u32>> = vec![Vec::new(); spec.lines as usize];
        'sessions: for session in 1..=spec.sessions {
            for number in 1..=per_session {
                if resolutions.len() == spec.resolutions {
                    break 'sessions;
                }
                let line = (number - 1 + session * 7) % spec.lines;
                let rank = by_line[line as usize].len() as u32;
                by_line[line as usize].push(resolutions.len() as u32);
                resolutions.push(Res {
                    session,
                    number,
                    line,
                    rank,
                    day: 1 + number % 22,
                });
            }
        }
        let members = states
            .states()
            .iter()
            .filter(|s| s.un_member)
            .filter_map(|s| {
                let bloc = (s.m49.parse::<u32>().unwrap_or(0) % 4) as u8;
                s.admission_year.map(|y| {
                    (
                        s.iso3.clone(),
                        s.english_name().to_owned(),
                        i32::from(y),
                        bloc,
                    )
                })
            })
            .collect();
        History {
            spec,
            resolutions,
            by_line,
            members,
            base: iris.base().to_owned(),
        }
    }

    /// What the history's graph records as its hash: the generator's version and its spec.
    pub fn fingerprint(&self) -> String {
        format!(
            "synthetic-v{GENERATOR_VERSION}-{}-{}-{}",
            self.spec.seed, self.spec.resolutions, self.spec.lines
        )
    }

    /// The graph the history is written to.
    pub fn graph(&self) -> NamedNode {
        NamedNode::new_unchecked(format!("{}source/synthetic-general-assembly", self.base))
    }

    /// The symbol of the latest resolution of the longest line: a document with a long chain.
    pub fn latest_of_a_long_line(&self) -> Symbol {
        let line = self.longest_line();
        self.resolutions[*line.last().expect("a resolution") as usize].symbol()
    }

    /// The resolutions of the agenda line with the most of them, oldest first.
    fn longest_line(&self) -> &[u32] {
        self.by_line
            .iter()
            .max_by_key(|l| l.len())
            .expect("at least one line")
    }

    /// The earliest resolution that the most resolutions reach (a landmark).
    pub fn a_landmark(&self) -> Symbol {
        self.resolutions[0].symbol()
    }

    /// The drafts of the longest line, latest first (successive texts of one agenda item).
    pub fn drafts_of_a_long_line(&self) -> Vec<Symbol> {
        self.longest_line()
            .iter()
            .rev()
            .map(|&k| self.resolutions[k as usize].draft())
            .collect()
    }

    /// The latest resolution adopted by a recorded vote.
    pub fn latest_voted(&self) -> Symbol {
        (0..self.resolutions.len())
            .rev()
            .find(|&i| self.voted(i))
            .map(|i| self.resolutions[i].symbol())
            .expect("a recorded vote")
    }

    fn rng(&self, i: usize, purpose: u64) -> Rng {
        Rng::new(self.spec.seed, (i as u64) << 8 | purpose)
    }

    fn voted(&self, i: usize) -> bool {
        self.rng(i, 1).chance(250)
    }

    fn members_in(&self, year: i32) -> impl Iterator<Item = &(String, String, i32, u8)> {
        self.members.iter().filter(move |m| m.2 < year)
    }

    /// The quads of resolution `i` (its draft, sponsors, citations, vote, bodies).
    fn quads_of(&self, i: usize, iris: &Iris, w: &mut GraphWriter, n: &mut Generated) {
        let r = &self.resolutions[i];
        let res = iris.doc(&r.symbol());
        let draft = iris.doc(&r.draft());
        let source = NamedNode::new_unchecked(format!(
            "{}source/synthetic-general-assembly/p/{i}",
            self.base
        ));
        w.a(&res, ng::Resolution);
        // The history's source graph holds a text of every resolution (what the timeline lists).
        w.add(&self.graph(), ng::describes, res.clone());
        w.add(&res, ng::symbol, lit(r.symbol().as_str()));
        w.add(&res, ng::session, int(r.session));
        w.add(&res, ng::adoptionDate, date(r.date()));
        w.add(
            &res,
            dcterms::title,
            lang_lit(
                &format!(
                    "Synthetic agenda line {}: resolution {} of the line",
                    r.line,
                    r.rank + 1
                ),
                "en",
            ),
        );
        w.a(&draft, ng::DraftResolution);
        w.add(&draft, ng::symbol, lit(r.draft().as_str()));
        w.add(&draft, ng::becameResolution, res.clone());
        w.add(
            &draft,
            ng::distributionDate,
            date(normgraph::records::Date {
                year: r.year(),
                month: 11,
                day: r.day,
            }),
        );
        n.resolutions += 1;

        // Sponsors among the Member States of the year.
        let members: Vec<_> = self.members_in(r.year()).collect();
        let mut rng = self.rng(i, 2);
        let count = 1 + rng.below(40) as usize;
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < count.min(members.len()) {
            let k = rng.below(members.len() as u64) as usize;
            if !chosen.contains(&k) {
                chosen.push(k);
            }
        }
        for (j, &k) in chosen.iter().enumerate() {
            let (code, name, ..) = members[k];
            let state = iris.state(code);
            let sp = NamedNode::new_unchecked(format!("{}/sponsorship/{code}", draft.as_str()));
            let original = j * 10 < count * 7 || j == 0;
            w.a(&sp, ng::Sponsorship);
            w.a(
                &sp,
                if original {
                    ng::OriginalSponsorship
                } else {
                    ng::JoinedSponsorship
                },
            );
            w.add(&sp, ng::sponsorshipOf, draft.clone());
            w.add(&sp, ng::sponsor, state.clone());
            w.add(
                &sp,
                ng::role,
                lit(if original { "original" } else { "joined" }),
            );
            w.add(&sp, rdfs::LABEL, lang_lit(name, "en"));
            w.add(&sp, prov::wasDerivedFrom, source.clone());
            w.add(
                &draft,
                if original {
                    ng::originalSponsor
                } else {
                    ng::joinedSponsor
                },
                state.clone(),
            );
            if j == 0 {
                w.add(&draft, ng::introducedBy, state);
            }
            n.sponsorships += 1;
        }

        // Citations: the latest of the line (or the whole line, up to 25), a landmark, rarely
        // a resolution of another line.
        let mut rng = self.rng(i, 3);
        let line = &self.by_line[r.line as usize][..r.rank as usize];
        let take = if rng.chance(200) {
            25
        } else {
            1 + rng.below(3) as usize
        };
        let mut cited: Vec<usize> = line.iter().rev().take(take).map(|&k| k as usize).collect();
        if r.session > 25 && rng.chance(300) {
            let per_session = self.resolutions.len() / self.spec.sessions as usize;
            cited.push(rng.below(25) as usize * per_session);
        }
        if i > 0 && rng.chance(20) {
            cited.push(rng.below(i as u64) as usize);
        }
        cited.sort_unstable();
        cited.dedup();
        for k in cited.into_iter().filter(|&k| k < i) {
            let t = &self.resolutions[k];
            let target = iris.doc(&t.symbol());
            let c = NamedNode::new_unchecked(format!(
                "{}/citation/{}",
                res.as_str(),
                t.symbol().slug()
            ));
            w.a(&c, cito::Citation);
            w.add(&c, cito::hasCitingEntity, res.clone());
            w.add(&c, cito::hasCitedEntity, target.clone());
            w.add(&c, ng::printedDate, date(t.date()));
            w.add(&c, ng::citingVerb, lang_lit("Recalling", "en"));
            w.add(&c, prov::wasDerivedFrom, source.clone());
            w.add(&res, cito::cites, target);
            n.citations += 1;
        }

        // A recorded vote in plenary for a quarter of them.
        if self.voted(i) {
            let mut rng = self.rng(i, 4);
            let event = NamedNode::new_unchecked(format!("{}/vote/plenary", res.as_str()));
            let against = rng.below(4) as u8;
            let mut totals = [0u32; 3];
            for (code, name, _, bloc) in &members {
                if rng.chance(50) {
                    continue; // absent
                }
                let roll = rng.below(100);
                let option = if *bloc == against {
                    match roll {
                        0..=69 => 1,
                        70..=89 => 2,
                        _ => 0,
                    }
                } else {
                    match roll {
                        0..=79 => 0,
                        80..=94 => 2,
                        _ => 1,
                    }
                };
                totals[option] += 1;
                let v = NamedNode::new_unchecked(format!("{}/{code}", event.as_str()));
                w.a(&v, opengov::Vote);
                w.add(&v, opengov::voteEvent, event.clone());
                w.add(&v, opengov::voter, iris.state(code));
                w.add(&v, opengov::option, lit(["yes", "no", "abstain"][option]));
                w.add(&v, rdfs::LABEL, lang_lit(name, "en"));
                w.add(&v, prov::wasDerivedFrom, source.clone());
                n.votes += 1;
            }
            w.a(&event, opengov::VoteEvent);
            w.add(&event, ng::onDocument, res.clone());
            w.add(
                &event,
                ng::votingBody,
                ng::GeneralAssemblyPlenary.into_owned(),
            );
            w.add(&event, dcterms::date, date(r.date()));
            w.add(&event, ng::printedYes, int(totals[0]));
            w.add(&event, ng::printedNo, int(totals[1]));
            w.add(&event, ng::printedAbstain, int(totals[2]));
            n.vote_events += 1;
        }

        // One in a hundred sets up a body; the first of all welcomes norms.
        if i % 100 == 99 {
            let body = NamedNode::new_unchecked(format!("{}/body/op1", res.as_str()));
            let (class, label) = if i % 200 == 99 {
                (
                    ng::GroupOfGovernmentalExperts,
                    "group of governmental experts",
                )
            } else {
                (ng::OpenEndedWorkingGroup, "open-ended working group")
            };
            w.a(&body, org::Organization);
            w.a(&body, class);
            w.add(&body, ng::establishedBy, res.clone());
            w.add(
                &body,
                skos::prefLabel,
                lang_lit(&format!("{label} {}", r.year() + 1), "en"),
            );
            w.add(&body, ng::startYear, year(r.year() + 1));
            w.add(&body, ng::endYear, year(r.year() + 2));
            w.add(&body, ng::reportsToSession, int(r.session + 3));
            n.bodies += 1;
        }
        if i == 0 {
            for k in 1..=13 {
                let norm = NamedNode::new_unchecked(format!("{}/norm/1.{k}", res.as_str()));
                w.a(&norm, ng::Norm);
                w.add(&norm, skos::notation, lit(&format!("1.{k}")));
                w.add(
                    &norm,
                    skos::definition,
                    lang_lit(
                        &format!("Synthetic norm {k} of responsible State behaviour"),
                        "en",
                    ),
                );
                w.add(&norm, ng::welcomedBy, res.clone());
            }
        }
    }

    /// Writes the history to `store`: the reference graph (States, with their years of
    /// admission) as a build writes it, then the history as one source graph with its merge
    /// into the default graph, through the bulk loader.
    pub fn load(&self, store: &Store, iris: &Iris) -> Result<Generated, StorageError> {
        let (g, quads) = normgraph::rdf::reference::reference_graph(
            iris,
            StateTable::bundled(),
            normgraph::reference::curated::Curated::bundled(),
        );
        normgraph::store::replace_graph(store, &[], g.as_ref(), &quads)?;
        let graph = self.graph();
        let mut head = GraphWriter::new(graph.clone());
        head.add(&graph, ng::file, lit("synthetic-general-assembly"));
        head.add(&graph, ng::sha256, lit(&self.fingerprint()));
        let mut generated = Generated::default();
        let mut batches = std::iter::once(head.quads).chain((0..self.resolutions.len()).map(|i| {
            let mut w = GraphWriter::new(graph.clone());
            self.quads_of(i, iris, &mut w, &mut generated);
            w.quads
        }));
        let mut loader = store.bulk_loader();
        let mut count = 0usize;
        // The named graph and its merge into the default graph, as `store` keeps them.
        let stream = std::iter::from_fn(|| batches.next()).flat_map(|batch| {
            batch.into_iter().flat_map(|q| {
                let merged = Quad::new(
                    q.subject.clone(),
                    q.predicate.clone(),
                    q.object.clone(),
                    GraphName::DefaultGraph,
                );
                [q, merged]
            })
        });
        loader
            .load_quads(stream.inspect(|_| count += 1))
            .map_err(|e| StorageError::Other(Box::new(e)))?;
        loader.commit()?;
        drop(batches);
        generated.quads = count;
        Ok(generated)
    }
}
