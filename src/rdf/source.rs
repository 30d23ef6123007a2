//! The graph of one source file, from its records: the source node (file, hash, language, the
//! build that read it), every paragraph quoted (`oa:TextQuoteSelector`), and each document the
//! file describes with its facts, each derived from the paragraph it was read from. The fixture
//! files under `tests/specs/rdf/` pin this mapping as sorted N-Triples.

use super::iris::{segment, Iris};
use super::vocab::{cito, dcterms, ng, oa, opengov, org, prov, rdfs, skos};
use super::writer::{any_uri, boolean, date, int, lang_lit, lit, year, GraphWriter};
use crate::records::*;
use crate::reference::curated::Curated;
use crate::reference::symbol::DocKind;
use oxigraph::model::{NamedNode, NamedNodeRef, Quad};

/// The graph of one source file: its name (the source node) and its quads.
pub fn source_graph(
    iris: &Iris,
    x: &Extraction,
    file_name: &str,
    sha256: &str,
    curated: &Curated,
) -> (NamedNode, Vec<Quad>) {
    let lang = x.language.as_str();
    let primary = &x.primary().symbol;
    let source = iris.source(primary, lang, x.format);
    let mut w = GraphWriter::new(source.clone());
    w.a(&source, ng::SourceText);
    w.a(&source, prov::Entity);
    w.add(&source, ng::file, lit(file_name));
    w.add(&source, ng::sha256, lit(sha256));
    w.add(&source, ng::builtWith, lit(crate::hash::BUILD_HASH));
    w.add(&source, dcterms::language, lit(lang));
    // The UN document the file is a text of (it may describe others: a resolution its draft).
    w.add(&source, prov::hadPrimarySource, iris.doc(primary));
    let paras: Vec<NamedNode> = x
        .paragraphs
        .iter()
        .map(|para| paragraph(&mut w, &source, para, lang))
        .collect();
    let para_ids = x.paragraphs.iter().map(|p| p.id.clone()).collect();
    let mut m = Mapping {
        w,
        iris,
        curated,
        paras,
        para_ids,
        lang,
    };
    for doc in &x.documents {
        m.w.add(&source, ng::describes, iris.doc(&doc.symbol));
        m.document(doc);
    }
    (source, m.w.quads)
}

fn paragraph(w: &mut GraphWriter, source: &NamedNode, para: &Paragraph, lang: &str) -> NamedNode {
    let node = NamedNode::new_unchecked(format!(
        "{}/p/{}",
        source.as_str(),
        segment(&para.id.replace(' ', "_"))
    ));
    let selector = NamedNode::new_unchecked(format!("{}/selector", node.as_str()));
    w.a(&node, ng::SourceParagraph);
    w.add(&node, oa::hasSource, source.clone());
    w.add(&node, ng::paragraphId, lit(&para.id));
    w.add(&node, ng::line, int(para.line as i64));
    w.add(&node, oa::hasSelector, selector.clone());
    w.a(&selector, oa::TextQuoteSelector);
    w.add(&selector, oa::exact, lang_lit(&para.text, lang));
    node
}

/// The class of a kind of document.
pub fn class_of(kind: DocKind) -> NamedNodeRef<'static> {
    match kind {
        DocKind::Resolution => ng::Resolution,
        DocKind::DraftResolution => ng::DraftResolution,
        DocKind::DraftDecision => ng::DraftDecision,
        DocKind::Decision => ng::Decision,
        DocKind::CommitteeReport => ng::CommitteeReport,
        DocKind::GgeReport => ng::GGEReport,
        DocKind::HrcResolution => ng::HRCResolution,
        DocKind::Report => ng::Report,
        DocKind::MeetingRecord => ng::MeetingRecord,
        DocKind::ConferenceRoomPaper => ng::ConferenceRoomPaper,
        DocKind::LimitedDocument => ng::LimitedDocument,
    }
}

/// The documents of one file as they are mapped, with what every fact needs: the graph being
/// written, the IRIs, the paragraphs' nodes, the language of the text.
struct Mapping<'a> {
    w: GraphWriter,
    iris: &'a Iris,
    curated: &'a Curated,
    paras: Vec<NamedNode>,
    /// The paragraphs' ids ("pp3", "draft-I/op5"), by the same index.
    para_ids: Vec<String>,
    lang: &'a str,
}

impl Mapping<'_> {
    /// `node prov:wasDerivedFrom` the paragraph it was read from.
    fn from(&mut self, node: &NamedNode, para: ParaRef) {
        let p = self.paras[para].clone();
        self.w.add(node, prov::wasDerivedFrom, p);
    }

    fn text(&self, s: &str) -> oxigraph::model::Term {
        lang_lit(s, self.lang)
    }

    fn document(&mut self, doc: &Document) {
        let d = self.iris.doc(&doc.symbol);
        self.identity(&d, doc);
        self.links(&d, doc);
        self.sponsors(&d, doc);
        for v in &doc.votes {
            self.vote(&d, v);
        }
        for c in &doc.citations {
            self.citation(&d, c);
        }
        self.norms(&d, doc);
        for b in &doc.bodies {
            self.body(&d, b);
        }
        if let Some(a) = &doc.agenda_inclusion {
            let node = self.iris.under(&d, "agenda-inclusion");
            self.w.a(&node, ng::AgendaInclusion);
            self.w.add(&d, ng::agendaInclusion, node.clone());
            self.w.add(&node, ng::includesItemInSession, int(a.session));
            let title = self.text(&a.item_title);
            self.w.add(&node, ng::itemTitle, title);
            self.from(&node, a.para);
        }
    }

    /// What the document is: class, symbol, title, session, dates, the adopting meeting.
    fn identity(&mut self, d: &NamedNode, doc: &Document) {
        let w = &mut self.w;
        w.a(d, class_of(doc.kind));
        w.add(d, ng::symbol, lit(doc.symbol.as_str()));
        w.add(d, dcterms::identifier, lit(doc.symbol.as_str()));
        w.add(
            d,
            rdfs::SEE_ALSO,
            NamedNode::new_unchecked(format!("https://undocs.org/{}", doc.symbol.slug())),
        );
        w.add(d, ng::mentionedIn, self.paras[doc.identity_para].clone());
        if let Some(t) = &doc.title {
            w.add(d, dcterms::title, lang_lit(t, self.lang));
        }
        if let Some(s) = doc.session {
            w.add(d, ng::session, int(s));
        }
        if let Some(a) = doc.agenda_item {
            w.add(d, ng::agendaItem, int(a));
        }
        if let Some(x) = doc.distributed {
            w.add(d, ng::distributionDate, date(x));
        }
        if let Some(x) = doc.adopted {
            w.add(d, ng::adoptionDate, date(x));
        }
        if let Some(m) = &doc.meeting {
            let node = match doc.session {
                Some(s) if m.plenary => self.iris.plenary_meeting(s, m.number),
                _ => self.iris.under(d, "meeting"),
            };
            let w = &mut self.w;
            w.a(&node, ng::Meeting);
            let link = if doc.kind == DocKind::MeetingRecord {
                ng::recordsMeeting
            } else {
                ng::adoptedAtMeeting
            };
            w.add(d, link, node.clone());
            if let Some(s) = doc.session {
                w.add(&node, ng::session, int(s));
            }
            w.add(&node, ng::meetingNumber, int(m.number));
            w.add(&node, ng::plenary, boolean(m.plenary));
            if let Some(r) = m.resumed {
                w.add(&node, ng::resumed, boolean(r));
            }
            if let Some(x) = m.date {
                w.add(&node, dcterms::date, date(x));
            }
            self.from(&node, m.para);
        }
    }

    /// The documents it came through and became, who submitted or introduced it, the AKN
    /// work and the UN's subject keywords.
    fn links(&mut self, d: &NamedNode, doc: &Document) {
        let iris = self.iris;
        if let Some((report, para)) = &doc.on_report {
            let r = iris.doc(report);
            self.w.add(d, ng::adoptedOnReport, r.clone());
            self.w.a(&r, ng::CommitteeReport);
            self.w.add(&r, ng::symbol, lit(report.as_str()));
            if let Some(n) = para {
                self.w.add(d, ng::reportParagraph, int(*n));
            }
        }
        if let Some((report, para)) = &doc.carried_by {
            self.w.add(d, ng::carriedBy, iris.doc(report));
            self.w.add(d, ng::recommendedIn, self.paras[*para].clone());
        }
        if let Some(outcome) = self.curated.outcome_of(&doc.symbol) {
            // Stated in the source graph too, so that a draft read from text links to its
            // resolution even when the reference graph is not loaded; the source is the table.
            self.w
                .add(d, ng::becameResolution, iris.doc(&outcome.resolution));
        }
        if let Some(by) = &doc.submitted_by {
            let by = self.text(by);
            self.w.add(d, ng::submittedBy, by);
        }
        if let Some(r) = &doc.became {
            self.w.add(d, ng::becameResolution, iris.doc(r));
            self.w.a(&iris.doc(r), ng::Resolution);
        }
        if let Some(work) = &doc.work_iri {
            self.w.add(d, ng::aknWork, any_uri(work));
        }
        for (subject, dictionary) in &doc.subjects {
            if let Ok(s) = NamedNode::new(subject) {
                self.w.add(d, dcterms::subject, s.clone());
                if !dictionary.is_empty() {
                    self.w.add(&s, ng::dictionary, lit(dictionary));
                }
            }
        }
        for r in &doc.takes_up {
            let r = iris.doc(r);
            self.w.add(d, ng::takesUp, r.clone());
            self.w.a(&r, ng::CommitteeReport);
        }
        if let Some((report, label)) = &doc.recommended_as {
            let r = iris.doc(report);
            self.w.add(d, ng::recommendedInReport, r.clone());
            self.w.a(&r, ng::CommitteeReport);
            self.w.add(&r, ng::symbol, lit(report.as_str()));
            self.w.add(d, ng::recommendedAs, lit(label));
        }
        for a in &doc.without_vote {
            let node = self.iris.under(d, &format!("adoption/{}", a.body.slug()));
            let body = voting_body(a.body);
            self.w.a(&node, ng::AdoptionWithoutVote);
            self.w.add(&node, ng::adoptionOf, d.clone());
            self.w.add(&node, ng::votingBody, body.into_owned());
            self.w.add(d, ng::adoptedWithoutVoteBy, body.into_owned());
            if let Some(m) = a.meeting {
                self.w.add(&node, ng::meetingNumber, int(m));
            }
            if let Some(x) = a.date {
                self.w.add(&node, dcterms::date, date(x));
            }
            self.from(&node, a.para);
        }
        if let Some(intro) = &doc.introduction {
            self.w.add(d, ng::introducedBy, iris.state(&intro.state));
            if let Some(x) = intro.date {
                self.w.add(d, ng::introducedOn, date(x));
            }
            self.w
                .add(d, ng::introductionParagraph, self.paras[intro.para].clone());
        }
    }

    fn sponsors(&mut self, d: &NamedNode, doc: &Document) {
        for s in &doc.sponsors {
            let node = self.iris.under(d, &format!("sponsorship/{}", s.state));
            let (class, direct) = match s.role {
                SponsorRole::Original => (ng::OriginalSponsorship, ng::originalSponsor),
                SponsorRole::Joined => (ng::JoinedSponsorship, ng::joinedSponsor),
            };
            let state = self.iris.state(&s.state);
            self.w.a(&node, ng::Sponsorship);
            self.w.a(&node, class);
            self.w.add(&node, ng::sponsorshipOf, d.clone());
            self.w.add(&node, ng::sponsor, state.clone());
            self.w.add(&node, ng::role, lit(s.role.as_str()));
            if let Some(group) = &s.on_behalf_of {
                let group = self.text(group);
                self.w.add(&node, ng::onBehalfOf, group);
            }
            let printed = self.text(&s.printed);
            self.w.add(&node, rdfs::LABEL, printed);
            self.w.add(d, direct, state);
            self.from(&node, s.para);
        }
        // A name that denotes no State: the sponsorship is kept with the name as printed, its
        // list and its paragraph, and no State.
        for (k, u) in doc.unresolved_sponsors.iter().enumerate() {
            let node = self
                .iris
                .under(d, &format!("sponsorship/unresolved/{}", k + 1));
            self.w.a(&node, ng::UnresolvedSponsorship);
            self.w.add(&node, ng::sponsorshipOf, d.clone());
            self.w.add(&node, ng::role, lit(u.role.as_str()));
            let printed = self.text(&u.printed);
            self.w.add(&node, rdfs::LABEL, printed.clone());
            self.w.add(&node, ng::unresolvedName, printed.clone());
            self.w.add(d, ng::unresolvedSponsor, printed);
            self.from(&node, u.para);
        }
    }

    fn vote(&mut self, d: &NamedNode, v: &RecordedVote) {
        let path = match v.subject.slug() {
            Some(part) => format!("vote/{}/{part}", v.body.slug()),
            None => format!("vote/{}", v.body.slug()),
        };
        let event = self.iris.under(d, &path);
        let body = voting_body(v.body);
        self.w.a(&event, opengov::VoteEvent);
        match &v.subject {
            // The vote on the text: the one every question of "how did they vote on it" means.
            VoteSubject::Whole => self.w.add(&event, ng::onDocument, d.clone()),
            VoteSubject::Paragraph { preambular, number } => {
                self.w.a(&event, ng::SeparateVote);
                self.w.add(&event, ng::onParagraphOf, d.clone());
                let p = if *preambular {
                    ng::preambularParagraph
                } else {
                    ng::operativeParagraph
                };
                self.w.add(&event, p, int(*number));
            }
            VoteSubject::Amendment(symbol) => {
                self.w.a(&event, ng::SeparateVote);
                self.w.add(&event, ng::onAmendmentTo, d.clone());
                if let Some(s) = symbol {
                    self.w.add(&event, ng::amendment, self.iris.doc(s));
                }
            }
        }
        self.w.add(&event, ng::votingBody, body.into_owned());
        if let Some(m) = v.meeting {
            self.w.add(&event, ng::meetingNumber, int(m));
        }
        if let Some(x) = v.date {
            self.w.add(&event, dcterms::date, date(x));
        }
        self.w.add(&event, ng::printedYes, int(v.printed_yes));
        self.w.add(&event, ng::printedNo, int(v.printed_no));
        self.w
            .add(&event, ng::printedAbstain, int(v.printed_abstain));
        self.from(&event, v.para);
        for sv in &v.votes {
            let node = self.iris.under(&event, &sv.state);
            self.w.a(&node, opengov::Vote);
            self.w.add(&node, opengov::voteEvent, event.clone());
            self.w
                .add(&node, opengov::voter, self.iris.state(&sv.state));
            self.w.add(&node, opengov::option, lit(sv.option.as_str()));
            let printed = self.text(&sv.printed);
            self.w.add(&node, rdfs::LABEL, printed);
            self.from(&node, sv.para);
        }
        for (k, u) in v.unresolved.iter().enumerate() {
            // A vote cast under a name that denotes no State: kept as printed, no voter.
            let node = self.iris.under(&event, &format!("unresolved/{}", k + 1));
            self.w.a(&node, opengov::Vote);
            self.w.add(&node, opengov::voteEvent, event.clone());
            self.w.add(&node, opengov::option, lit(u.option.as_str()));
            let printed = self.text(&u.printed);
            self.w.add(&node, rdfs::LABEL, printed.clone());
            self.w.add(&node, ng::unresolvedName, printed);
            self.from(&node, u.para);
        }
        for iv in &v.intended {
            // A State that cast no vote still gets its Vote node, with no opengov:option: the
            // intention sits beside the recorded vote, never in its place.
            let node = self.iris.under(&event, &iv.state);
            if !v.votes.iter().any(|sv| sv.state == iv.state) {
                self.w.a(&node, opengov::Vote);
                self.w.add(&node, opengov::voteEvent, event.clone());
                self.w
                    .add(&node, opengov::voter, self.iris.state(&iv.state));
                self.from(&node, iv.para);
            }
            self.w
                .add(&node, ng::intendedOption, lit(iv.option.as_str()));
            self.w
                .add(&node, ng::intentionStatedIn, self.paras[iv.para].clone());
        }
    }

    /// One citation per citing paragraph and cited document (`…/citation/pp3/A/RES/73/27`), so
    /// that which paragraph welcomes what is kept, in every language its sources are read in.
    fn citation(&mut self, d: &NamedNode, c: &Citation) {
        let para_id = self.para_ids[c.para].as_str();
        // A draft's paragraphs are numbered as its own, whatever the report that carries it.
        let local = para_id.split_once("draft-").map_or(para_id, |(_, rest)| {
            rest.split_once('/').map_or(rest, |(_, p)| p)
        });
        let node = self.iris.under(
            d,
            &format!("citation/{}/{}", segment(local), c.target.slug()),
        );
        let target = self.iris.doc(&c.target);
        self.w.a(&node, cito::Citation);
        self.w.add(&node, cito::hasCitingEntity, d.clone());
        self.w.add(&node, cito::hasCitedEntity, target.clone());
        self.w.add(d, cito::cites, target.clone());
        self.w.add(&node, ng::citingParagraph, lit(local));
        // The CiTO characterisation follows the clause verb; a verb no concept covers cites.
        let verb = c
            .verb_concept
            .as_deref()
            .and_then(|k| self.curated.clause_verbs.iter().find(|v| v.concept == k));
        let characterization = verb.map_or(cito::cites, |v| cito_property(&v.cito));
        self.w.add(
            &node,
            cito::hasCitationCharacterization,
            characterization.into_owned(),
        );
        if let Some(v) = verb {
            self.w
                .add(&node, ng::clauseVerb, self.iris.clause_verb(&v.concept));
        }
        if let Some(v) = &c.verb {
            let v = self.text(v);
            self.w.add(&node, ng::citingVerb, v);
        }
        if let Some(x) = c.printed_date {
            self.w.add(&node, ng::printedDate, date(x));
        }
        if let Some(n) = c.footnote {
            self.w.add(&node, ng::viaFootnote, int(n));
        }
        self.from(&node, c.para);
        let kind = match c.target.kind() {
            DocKind::Report
                if self
                    .curated
                    .gge_reports
                    .iter()
                    .any(|g| g.symbol == c.target) =>
            {
                DocKind::GgeReport
            }
            k => k,
        };
        self.w.a(&target, class_of(kind));
        self.w.add(&target, ng::symbol, lit(c.target.as_str()));
        if let Some(s) = c.target.session() {
            self.w.add(&target, ng::session, int(s));
        }
    }

    /// The document under whose IRI a text's norms are minted: the resolution a draft became
    /// (the norms of 73/27 read from draft I of A/73/505 in French and from 73/27 in English are
    /// one node each, with a definition in each language), else the text itself.
    fn norms_owner(&self, symbol: &crate::reference::symbol::Symbol) -> NamedNode {
        let owner = self
            .curated
            .outcome_of(symbol)
            .map(|o| &o.resolution)
            .unwrap_or(symbol);
        self.iris.doc(owner)
    }

    fn norms(&mut self, d: &NamedNode, doc: &Document) {
        for a in &doc.norm_affirmations {
            let para_id = self.para_ids[a.para].as_str();
            let local = para_id.split_once("draft-").map_or(para_id, |(_, rest)| {
                rest.split_once('/').map_or(rest, |(_, p)| p)
            });
            let node = self
                .iris
                .under(d, &format!("affirms-norms/{}", segment(local)));
            let owner = self.norms_owner(&a.scheme);
            let scheme = self.iris.under(&owner, "norms");
            self.w.add(&scheme, ng::schemeOf, owner);
            self.w.add(&node, ng::citingParagraph, lit(local));
            self.w.a(&node, ng::NormAffirmation);
            self.w.add(&node, ng::affirmingText, d.clone());
            self.w.add(&node, ng::affirmedScheme, scheme.clone());
            self.w.add(d, ng::affirmsNormsOf, scheme.clone());
            self.w.a(&scheme, ng::NormScheme);
            self.w.a(&scheme, skos::ConceptScheme);
            if let Some(v) = a
                .verb_concept
                .as_deref()
                .and_then(|k| self.curated.clause_verbs.iter().find(|v| v.concept == k))
            {
                self.w
                    .add(&node, ng::clauseVerb, self.iris.clause_verb(&v.concept));
            }
            if let Some(v) = &a.verb {
                let v = self.text(v);
                self.w.add(&node, ng::citingVerb, v);
            }
            self.from(&node, a.para);
        }
        if doc.norms.is_empty() {
            return;
        }
        let owner = self.norms_owner(&doc.symbol);
        let scheme = self.iris.under(&owner, "norms");
        self.w.a(&scheme, ng::NormScheme);
        self.w.a(&scheme, skos::ConceptScheme);
        self.w.add(&scheme, ng::schemeOf, owner.clone());
        self.w.add(&scheme, ng::welcomedBy, d.clone());
        for n in &doc.norms {
            let node = self.iris.under(&owner, &format!("norm/{}", n.notation));
            self.w.a(&node, ng::Norm);
            self.w.a(&node, skos::Concept);
            self.w.add(&node, skos::inScheme, scheme.clone());
            self.w.add(&node, skos::notation, lit(&n.notation));
            let text = self.text(&n.text);
            self.w.add(&node, skos::definition, text);
            self.w.add(&node, ng::welcomedBy, d.clone());
            self.from(&node, n.para);
        }
    }

    /// A body the paragraph sets up, proposes or speaks of: one node per body (`body/{key}`)
    /// whichever text names it; what a mandate says (tasks, session, consensus) from the
    /// paragraph that mandates it. A mention of a body the text does not identify is left out.
    fn body(&mut self, d: &NamedNode, b: &Body) {
        let node = match &b.key {
            Some(k) => self.iris.body(k),
            None if b.act == BodyAct::Mentions => return,
            None => {
                let para_id = self.paras[b.para]
                    .as_str()
                    .rsplit("/p/")
                    .next()
                    .unwrap_or("body")
                    .replace('/', "-");
                self.iris.under(d, &format!("body/{para_id}"))
            }
        };
        self.w.a(&node, body_class(b.kind));
        self.w.a(&node, org::Organization);
        let name = self.text(&b.name);
        if b.key.is_some() {
            // The name as this text prints it; the body's own name is in the reference graph.
            self.w.add(&node, skos::altLabel, name);
        } else {
            self.w.add(&node, skos::prefLabel, name);
        }
        let by = match b.act {
            BodyAct::Establishes => ng::establishedBy,
            BodyAct::Proposes => ng::proposedBy,
            BodyAct::Mentions => ng::mentionedBy,
        };
        self.w.add(&node, by, d.clone());
        if let Some(r) = &b.pursuant_to {
            self.w
                .add(&node, ng::establishedPursuantTo, self.iris.doc(r));
        }
        if let Some(y) = b.start_year {
            self.w.add(&node, ng::startYear, year(y));
        }
        if let Some(y) = b.end_year {
            self.w.add(&node, ng::endYear, year(y));
        }
        self.from(&node, b.para);
        if b.act != BodyAct::Establishes {
            return;
        }
        if let Some(s) = b.reports_to_session {
            self.w.add(&node, ng::reportsToSession, int(s));
        }
        if b.consensus {
            self.w.add(&node, ng::decisionBasis, lit("consensus"));
        }
        if matches!(
            b.kind,
            BodyKind::OpenEndedWorkingGroup | BodyKind::GroupOfGovernmentalExperts
        ) {
            self.w.add(
                &node,
                ng::annualProgressReports,
                boolean(b.annual_progress_reports),
            );
        }
        for t in &b.tasks {
            let t = self.text(t);
            self.w.add(&node, ng::task, t);
        }
    }
}

/// The class of a kind of body.
pub fn body_class(kind: BodyKind) -> NamedNodeRef<'static> {
    match kind {
        BodyKind::OpenEndedWorkingGroup => ng::OpenEndedWorkingGroup,
        BodyKind::GroupOfGovernmentalExperts => ng::GroupOfGovernmentalExperts,
        BodyKind::ProgrammeOfAction => ng::ProgrammeOfAction,
        BodyKind::GlobalMechanism => ng::GlobalMechanism,
    }
}

fn voting_body(b: VotingBody) -> NamedNodeRef<'static> {
    match b {
        VotingBody::FirstCommittee => ng::FirstCommittee,
        VotingBody::Plenary => ng::GeneralAssemblyPlenary,
    }
}

/// The CiTO property of a local name of `data/tables/clause-verbs.tsv`.
pub fn cito_property(local: &str) -> NamedNodeRef<'static> {
    match local {
        "citesForInformation" => cito::citesForInformation,
        "confirms" => cito::confirms,
        "agreesWith" => cito::agreesWith,
        "citesAsAuthority" => cito::citesAsAuthority,
        "supports" => cito::supports,
        "obtainsBackgroundFrom" => cito::obtainsBackgroundFrom,
        _ => cito::cites,
    }
}
