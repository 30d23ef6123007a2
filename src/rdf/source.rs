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
    let mut m = Mapping {
        w,
        iris,
        curated,
        paras,
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
            let node = self.iris.under(d, "meeting");
            let w = &mut self.w;
            w.a(&node, ng::Meeting);
            w.add(d, ng::adoptedAtMeeting, node.clone());
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
        for (printed, _) in &doc.unresolved_sponsors {
            // Workflow steps are English whatever the language of the file.
            self.w
                .add(d, ng::unresolvedSponsor, lang_lit(printed, "en"));
        }
    }

    fn vote(&mut self, d: &NamedNode, v: &RecordedVote) {
        let event = self.iris.under(d, &format!("vote/{}", v.body.slug()));
        let body = match v.body {
            VotingBody::FirstCommittee => ng::FirstCommittee,
            VotingBody::Plenary => ng::GeneralAssemblyPlenary,
        };
        self.w.a(&event, opengov::VoteEvent);
        self.w.add(&event, ng::onDocument, d.clone());
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

    fn citation(&mut self, d: &NamedNode, c: &Citation) {
        let node = self.iris.under(d, &format!("citation/{}", c.target.slug()));
        let target = self.iris.doc(&c.target);
        self.w.a(&node, cito::Citation);
        self.w.add(&node, cito::hasCitingEntity, d.clone());
        self.w.add(&node, cito::hasCitedEntity, target.clone());
        self.w.add(d, cito::cites, target.clone());
        let characterization = c.verb.as_deref().map_or(cito::cites, citation_property);
        self.w.add(
            &node,
            cito::hasCitationCharacterization,
            characterization.into_owned(),
        );
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

    fn norms(&mut self, d: &NamedNode, doc: &Document) {
        if doc.norms.is_empty() {
            return;
        }
        let scheme = self.iris.under(d, "norms");
        self.w.a(&scheme, ng::NormScheme);
        self.w.a(&scheme, skos::ConceptScheme);
        self.w.add(&scheme, ng::welcomedBy, d.clone());
        for n in &doc.norms {
            let node = self.iris.under(d, &format!("norm/{}", n.notation));
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

    fn body(&mut self, d: &NamedNode, b: &Body) {
        let para_id = self.paras[b.para]
            .as_str()
            .rsplit("/p/")
            .next()
            .unwrap_or("body")
            .replace('/', "-");
        let node = self.iris.under(d, &format!("body/{para_id}"));
        let class = match b.kind {
            BodyKind::OpenEndedWorkingGroup => ng::OpenEndedWorkingGroup,
            BodyKind::GroupOfGovernmentalExperts => ng::GroupOfGovernmentalExperts,
            BodyKind::ProgrammeOfAction => ng::ProgrammeOfAction,
        };
        self.w.a(&node, class);
        self.w.a(&node, org::Organization);
        let name = self.text(&b.name);
        self.w.add(&node, skos::prefLabel, name);
        let by = if b.proposed {
            ng::proposedBy
        } else {
            ng::establishedBy
        };
        self.w.add(&node, by, d.clone());
        if let Some(y) = b.start_year {
            self.w.add(&node, ng::startYear, year(y));
        }
        if let Some(y) = b.end_year {
            self.w.add(&node, ng::endYear, year(y));
        }
        if let Some(s) = b.reports_to_session {
            self.w.add(&node, ng::reportsToSession, int(s));
        }
        if b.consensus {
            self.w.add(&node, ng::decisionBasis, lit("consensus"));
        }
        if b.kind != BodyKind::ProgrammeOfAction {
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
        self.from(&node, b.para);
    }
}

/// The CiTO property that characterises a citation, from the verb that opens the citing
/// paragraph. Unknown verbs give the plain `cito:cites`.
pub fn citation_property(verb: &str) -> NamedNodeRef<'static> {
    let k = crate::reference::states::name_key(verb);
    let first = k.split_whitespace().last().unwrap_or("");
    let any = |words: &[&str]| {
        words
            .iter()
            .any(|w| k.starts_with(w) || first.starts_with(w))
    };
    if any(&["rappel", "recall"]) {
        cito::citesForInformation
    } else if any(&["reaffirm", "confirm"]) {
        cito::confirms
    } else if any(&[
        "salu",
        "se felicit",
        "accueille",
        "welcom",
        "appreciat",
        "prenant note avec satisfaction",
    ]) {
        cito::agreesWith
    } else if any(&["soulign", "stress", "underlin", "emphasiz", "insist"]) {
        cito::citesAsAuthority
    } else if any(&[
        "prend note",
        "prenant note",
        "takes note",
        "taking note",
        "not",
    ]) {
        cito::citesForInformation
    } else {
        cito::cites
    }
}
