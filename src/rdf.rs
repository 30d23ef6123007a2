//! Records into quads: deterministic IRIs under a configurable base, no blank nodes, one named
//! graph per source file. A fact shared by two sources (the same citation read from the French
//! and the English text) has the same IRI in both graphs; each graph says where it read it.
//!
//! IRIs, under the base `B`:
//! - documents `B doc/{symbol}` (spaces dropped: `doc/A/RES/43/78H`), States `B state/{ISO3}`;
//! - facts under their document: `…/citation/{target}`, `…/sponsorship/{ISO3}`,
//!   `…/vote/{body}` and `…/vote/{body}/{ISO3}`, `…/norm/{1.5}`, `…/body/{paragraph}`;
//! - sources `B source/{symbol}/{lang}-text` (also the graph name) and their paragraphs
//!   `…/p/{paragraph}`.

use crate::extract::{Date, Document, Extraction, ParaRef, Paragraph, SourceFormat};
use crate::states::{StateTable, LANGUAGES};
use crate::symbol::{DocKind, Symbol};
use crate::tables::Tables;
use crate::vocab::*;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// Mints IRIs under one base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Iris {
    pub fn new(base: &str) -> Result<Self, String> {
        let base = if base.ends_with('/') || base.ends_with('#') {
            base.to_owned()
        } else {
            format!("{base}/")
        };
        NamedNode::new(format!("{base}x")).map_err(|e| format!("invalid base IRI {base}: {e}"))?;
        Ok(Self { base })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn node(&self, path: &str) -> NamedNode {
        let encoded: String = path
            .chars()
            .flat_map(|c| match c {
                ' ' => "%20".chars().collect::<Vec<_>>(),
                '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`' => {
                    format!("%{:02X}", c as u32).chars().collect()
                }
                c => vec![c],
            })
            .collect();
        NamedNode::new_unchecked(format!("{}{encoded}", self.base))
    }

    pub fn doc(&self, s: &Symbol) -> NamedNode {
        self.node(&format!("doc/{}", s.slug()))
    }

    pub fn state(&self, iso3: &str) -> NamedNode {
        self.node(&format!("state/{iso3}"))
    }

    /// The source node of a file, also the name of its graph: `source/{symbol}/{lang}-{format}`.
    pub fn source(&self, s: &Symbol, lang: &str, format: SourceFormat) -> NamedNode {
        self.node(&format!("source/{}/{lang}-{}", s.slug(), format.slug()))
    }

    pub fn reference_graph(&self) -> NamedNode {
        self.node("source/reference-tables")
    }

    pub fn manifest_graph(&self) -> NamedNode {
        self.node("source/build-manifest")
    }

    pub(crate) fn under(&self, parent: &NamedNode, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{path}", parent.as_str()))
    }

    pub fn gge_norm(&self, paragraph: &str) -> NamedNode {
        self.node(&format!("doc/A/70/174/norm/{paragraph}"))
    }
}

/// A path segment safe in an IRI: what RFC 3987 allows unescaped in a path is kept ("op2(a)",
/// "workflow/additional-sponsors-1"), anything else is percent-encoded.
fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

pub(crate) fn iri(s: String) -> NamedNode {
    NamedNode::new_unchecked(s)
}

pub(crate) fn p(ns: &str, local: &str) -> NamedNode {
    iri(format!("{ns}{local}"))
}

pub(crate) fn ngp(local: &str) -> NamedNode {
    iri(ng(local))
}

pub(crate) fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

pub(crate) fn lang_lit(s: &str, lang: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(s, lang).into()
}

pub(crate) fn int(n: impl Into<i64>) -> Term {
    Literal::new_typed_literal(n.into().to_string(), iri(format!("{XSD}integer"))).into()
}

pub(crate) fn date(d: Date) -> Term {
    Literal::new_typed_literal(d.to_string(), iri(format!("{XSD}date"))).into()
}

pub(crate) fn boolean(b: bool) -> Term {
    Literal::new_typed_literal(
        if b { "true" } else { "false" },
        iri(format!("{XSD}boolean")),
    )
    .into()
}

pub(crate) fn year(y: i32) -> Term {
    Literal::new_typed_literal(format!("{y:04}"), iri(format!("{XSD}gYear"))).into()
}

/// Collects the quads of one graph.
pub struct GraphWriter {
    graph: GraphName,
    pub quads: Vec<Quad>,
}

impl GraphWriter {
    pub fn new(graph: NamedNode) -> Self {
        Self {
            graph: graph.into(),
            quads: Vec::new(),
        }
    }

    pub fn add(&mut self, s: &NamedNode, p: NamedNode, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o, self.graph.clone()));
    }

    pub(crate) fn a(&mut self, s: &NamedNode, class: NamedNode) {
        self.add(s, p(RDF, "type"), class);
    }
}

/// The graph of one source file.
pub fn source_graph(
    iris: &Iris,
    x: &Extraction,
    file_name: &str,
    sha256: &str,
    tables: &Tables,
) -> (NamedNode, Vec<Quad>) {
    let lang = x.language.as_str();
    let primary = &x.primary().symbol;
    let source = iris.source(primary, lang, x.format);
    let mut w = GraphWriter::new(source.clone());
    w.a(&source, ngp("SourceText"));
    w.a(&source, p(PROV, "Entity"));
    w.add(&source, ngp("file"), lit(file_name));
    w.add(&source, ngp("sha256"), lit(sha256));
    w.add(&source, ngp("builtWith"), lit(crate::vocab::BUILD_HASH));
    w.add(&source, p(DCTERMS, "language"), lit(lang));
    // The UN document the file is a text of (it may describe others: a resolution its draft).
    w.add(&source, p(PROV, "hadPrimarySource"), iris.doc(primary));
    let paras: Vec<NamedNode> = x
        .paragraphs
        .iter()
        .map(|para| paragraph(&mut w, &source, para, lang))
        .collect();
    for doc in &x.documents {
        w.add(&source, ngp("describes"), iris.doc(&doc.symbol));
        document(&mut w, iris, doc, &paras, lang, tables);
    }
    (source, w.quads)
}

fn paragraph(w: &mut GraphWriter, source: &NamedNode, para: &Paragraph, lang: &str) -> NamedNode {
    let node = iri(format!(
        "{}/p/{}",
        source.as_str(),
        iri_segment(&para.id.replace(' ', "_"))
    ));
    let selector = iri(format!("{}/selector", node.as_str()));
    w.a(&node, ngp("SourceParagraph"));
    w.add(&node, p(OA, "hasSource"), source.clone());
    w.add(&node, ngp("paragraphId"), lit(&para.id));
    w.add(&node, ngp("line"), int(para.line as i64));
    w.add(&node, p(OA, "hasSelector"), selector.clone());
    w.a(&selector, p(OA, "TextQuoteSelector"));
    w.add(&selector, p(OA, "exact"), lang_lit(&para.text, lang));
    node
}

fn document(
    w: &mut GraphWriter,
    iris: &Iris,
    doc: &Document,
    paras: &[NamedNode],
    lang: &str,
    tables: &Tables,
) {
    let d = iris.doc(&doc.symbol);
    let from = |w: &mut GraphWriter, node: &NamedNode, para: ParaRef| {
        w.add(node, p(PROV, "wasDerivedFrom"), paras[para].clone());
    };
    w.a(&d, ngp(doc.kind.class_name()));
    w.add(&d, ngp("symbol"), lit(doc.symbol.as_str()));
    w.add(&d, p(DCTERMS, "identifier"), lit(doc.symbol.as_str()));
    w.add(
        &d,
        p(RDFS, "seeAlso"),
        iri(format!("https://undocs.org/{}", doc.symbol.slug())),
    );
    w.add(&d, ngp("mentionedIn"), paras[doc.identity_para].clone());
    if let Some(t) = &doc.title {
        w.add(&d, p(DCTERMS, "title"), lang_lit(t, lang));
    }
    if let Some(s) = doc.session {
        w.add(&d, ngp("session"), int(s));
    }
    if let Some(a) = doc.agenda_item {
        w.add(&d, ngp("agendaItem"), int(a));
    }
    if let Some(x) = doc.distributed {
        w.add(&d, ngp("distributionDate"), date(x));
    }
    if let Some(x) = doc.adopted {
        w.add(&d, ngp("adoptionDate"), date(x));
    }
    if let Some(m) = &doc.meeting {
        let node = iris.under(&d, "meeting");
        w.a(&node, ngp("Meeting"));
        w.add(&d, ngp("adoptedAtMeeting"), node.clone());
        w.add(&node, ngp("meetingNumber"), int(m.number));
        w.add(&node, ngp("plenary"), boolean(m.plenary));
        if let Some(r) = m.resumed {
            w.add(&node, ngp("resumed"), boolean(r));
        }
        if let Some(x) = m.date {
            w.add(&node, p(DCTERMS, "date"), date(x));
        }
        from(w, &node, m.para);
    }
    if let Some((report, para)) = &doc.on_report {
        w.add(&d, ngp("adoptedOnReport"), iris.doc(report));
        w.a(&iris.doc(report), ngp("CommitteeReport"));
        w.add(&iris.doc(report), ngp("symbol"), lit(report.as_str()));
        if let Some(n) = para {
            w.add(&d, ngp("reportParagraph"), int(*n));
        }
    }
    if let Some((report, para)) = &doc.carried_by {
        w.add(&d, ngp("carriedBy"), iris.doc(report));
        w.add(&d, ngp("recommendedIn"), paras[*para].clone());
    }
    if let Some(outcome) = tables.outcome_of(&doc.symbol) {
        // Stated in the source graph too, so that a draft read from text links to its
        // resolution even when the reference graph is not loaded; the source is the table.
        w.add(&d, ngp("becameResolution"), iris.doc(&outcome.resolution));
    }
    if let Some(by) = &doc.submitted_by {
        w.add(&d, ngp("submittedBy"), lang_lit(by, lang));
    }
    if let Some(r) = &doc.became {
        w.add(&d, ngp("becameResolution"), iris.doc(r));
        w.a(&iris.doc(r), ngp("Resolution"));
    }
    if let Some(work) = &doc.work_iri {
        w.add(
            &d,
            ngp("aknWork"),
            Literal::new_typed_literal(work, iri(format!("{XSD}anyURI"))),
        );
    }
    for (subject, dictionary) in &doc.subjects {
        if let Ok(s) = NamedNode::new(subject) {
            w.add(&d, p(DCTERMS, "subject"), s.clone());
            if !dictionary.is_empty() {
                w.add(&s, ngp("dictionary"), lit(dictionary));
            }
        }
    }
    if let Some(intro) = &doc.introduction {
        w.add(&d, ngp("introducedBy"), iris.state(&intro.state));
        if let Some(x) = intro.date {
            w.add(&d, ngp("introducedOn"), date(x));
        }
        w.add(&d, ngp("introductionParagraph"), paras[intro.para].clone());
    }
    for s in &doc.sponsors {
        let node = iris.under(&d, &format!("sponsorship/{}", s.state));
        w.a(&node, ngp("Sponsorship"));
        w.a(
            &node,
            ngp(match s.role {
                crate::extract::SponsorRole::Original => "OriginalSponsorship",
                crate::extract::SponsorRole::Joined => "JoinedSponsorship",
            }),
        );
        w.add(&node, ngp("sponsorshipOf"), d.clone());
        w.add(&node, ngp("sponsor"), iris.state(&s.state));
        w.add(&node, ngp("role"), lit(s.role.as_str()));
        if let Some(group) = &s.on_behalf_of {
            w.add(&node, ngp("onBehalfOf"), lang_lit(group, lang));
        }
        w.add(&node, p(RDFS, "label"), lang_lit(&s.printed, lang));
        let direct = match s.role {
            crate::extract::SponsorRole::Original => "originalSponsor",
            crate::extract::SponsorRole::Joined => "joinedSponsor",
        };
        w.add(&d, ngp(direct), iris.state(&s.state));
        from(w, &node, s.para);
    }
    for (printed, _) in &doc.unresolved_sponsors {
        // Workflow steps are English whatever the language of the file.
        w.add(&d, ngp("unresolvedSponsor"), lang_lit(printed, "en"));
    }
    for v in &doc.votes {
        let event = iris.under(&d, &format!("vote/{}", v.body.slug()));
        w.a(&event, p(OPENGOV, "VoteEvent"));
        w.add(&event, ngp("onDocument"), d.clone());
        w.add(
            &event,
            ngp("votingBody"),
            ngp(match v.body {
                crate::extract::VotingBody::FirstCommittee => "FirstCommittee",
                crate::extract::VotingBody::Plenary => "GeneralAssemblyPlenary",
            }),
        );
        if let Some(m) = v.meeting {
            w.add(&event, ngp("meetingNumber"), int(m));
        }
        if let Some(x) = v.date {
            w.add(&event, p(DCTERMS, "date"), date(x));
        }
        w.add(&event, ngp("printedYes"), int(v.printed_yes));
        w.add(&event, ngp("printedNo"), int(v.printed_no));
        w.add(&event, ngp("printedAbstain"), int(v.printed_abstain));
        from(w, &event, v.para);
        for sv in &v.votes {
            let node = iris.under(&event, &sv.state);
            w.a(&node, p(OPENGOV, "Vote"));
            w.add(&node, p(OPENGOV, "voteEvent"), event.clone());
            w.add(&node, p(OPENGOV, "voter"), iris.state(&sv.state));
            w.add(&node, p(OPENGOV, "option"), lit(sv.option.as_str()));
            w.add(&node, p(RDFS, "label"), lang_lit(&sv.printed, lang));
            from(w, &node, sv.para);
        }
        for iv in &v.intended {
            // A State that cast no vote still gets its Vote node, with no opengov:option: the
            // intention sits beside the recorded vote, never in its place.
            let node = iris.under(&event, &iv.state);
            if !v.votes.iter().any(|sv| sv.state == iv.state) {
                w.a(&node, p(OPENGOV, "Vote"));
                w.add(&node, p(OPENGOV, "voteEvent"), event.clone());
                w.add(&node, p(OPENGOV, "voter"), iris.state(&iv.state));
                from(w, &node, iv.para);
            }
            w.add(&node, ngp("intendedOption"), lit(iv.option.as_str()));
            w.add(&node, ngp("intentionStatedIn"), paras[iv.para].clone());
        }
    }
    for c in &doc.citations {
        let node = iris.under(&d, &format!("citation/{}", c.target.slug()));
        let target = iris.doc(&c.target);
        w.a(&node, p(CITO, "Citation"));
        w.add(&node, p(CITO, "hasCitingEntity"), d.clone());
        w.add(&node, p(CITO, "hasCitedEntity"), target.clone());
        w.add(&d, p(CITO, "cites"), target.clone());
        let characterization = c.verb.as_deref().map(citation_property).unwrap_or("cites");
        w.add(
            &node,
            p(CITO, "hasCitationCharacterization"),
            p(CITO, characterization),
        );
        if let Some(v) = &c.verb {
            w.add(&node, ngp("citingVerb"), lang_lit(v, lang));
        }
        if let Some(x) = c.printed_date {
            w.add(&node, ngp("printedDate"), date(x));
        }
        if let Some(n) = c.footnote {
            w.add(&node, ngp("viaFootnote"), int(n));
        }
        from(w, &node, c.para);
        let kind = match c.target.kind() {
            DocKind::Report if tables.gge_reports.iter().any(|g| g.symbol == c.target) => {
                DocKind::GgeReport
            }
            k => k,
        };
        w.a(&target, ngp(kind.class_name()));
        w.add(&target, ngp("symbol"), lit(c.target.as_str()));
        if let Some(s) = c.target.session() {
            w.add(&target, ngp("session"), int(s));
        }
    }
    if !doc.norms.is_empty() {
        let scheme = iris.under(&d, "norms");
        w.a(&scheme, ngp("NormScheme"));
        w.a(&scheme, p(SKOS, "ConceptScheme"));
        w.add(&scheme, ngp("welcomedBy"), d.clone());
        for n in &doc.norms {
            let node = iris.under(&d, &format!("norm/{}", n.notation));
            w.a(&node, ngp("Norm"));
            w.a(&node, p(SKOS, "Concept"));
            w.add(&node, p(SKOS, "inScheme"), scheme.clone());
            w.add(&node, p(SKOS, "notation"), lit(&n.notation));
            w.add(&node, p(SKOS, "definition"), lang_lit(&n.text, lang));
            w.add(&node, ngp("welcomedBy"), d.clone());
            from(w, &node, n.para);
        }
    }
    for b in &doc.bodies {
        let para_id = paras[b.para]
            .as_str()
            .rsplit("/p/")
            .next()
            .unwrap_or("body")
            .replace('/', "-");
        let node = iris.under(&d, &format!("body/{para_id}"));
        w.a(&node, ngp(b.kind.class_name()));
        w.a(&node, p(ORG, "Organization"));
        w.add(&node, p(SKOS, "prefLabel"), lang_lit(&b.name, lang));
        w.add(
            &node,
            ngp(if b.proposed {
                "proposedBy"
            } else {
                "establishedBy"
            }),
            d.clone(),
        );
        if let Some(y) = b.start_year {
            w.add(&node, ngp("startYear"), year(y));
        }
        if let Some(y) = b.end_year {
            w.add(&node, ngp("endYear"), year(y));
        }
        if let Some(s) = b.reports_to_session {
            w.add(&node, ngp("reportsToSession"), int(s));
        }
        if b.consensus {
            w.add(&node, ngp("decisionBasis"), lit("consensus"));
        }
        if b.kind != crate::extract::BodyKind::ProgrammeOfAction {
            w.add(
                &node,
                ngp("annualProgressReports"),
                boolean(b.annual_progress_reports),
            );
        }
        for t in &b.tasks {
            w.add(&node, ngp("task"), lang_lit(t, lang));
        }
        from(w, &node, b.para);
    }
    if let Some(a) = &doc.agenda_inclusion {
        let node = iris.under(&d, "agenda-inclusion");
        w.a(&node, ngp("AgendaInclusion"));
        w.add(&d, ngp("agendaInclusion"), node.clone());
        w.add(&node, ngp("includesItemInSession"), int(a.session));
        w.add(&node, ngp("itemTitle"), lang_lit(&a.item_title, lang));
        from(w, &node, a.para);
    }
}

/// The CiTO property that characterises a citation, from the verb that opens the citing
/// paragraph. Unknown verbs give the plain `cito:cites`.
pub fn citation_property(verb: &str) -> &'static str {
    let k = crate::states::name_key(verb);
    let first = k.split_whitespace().last().unwrap_or("");
    let any = |words: &[&str]| {
        words
            .iter()
            .any(|w| k.starts_with(w) || first.starts_with(w))
    };
    if any(&["rappel", "recall"]) {
        "citesForInformation"
    } else if any(&["reaffirm", "confirm"]) {
        "confirms"
    } else if any(&[
        "salu",
        "se felicit",
        "accueille",
        "welcom",
        "appreciat",
        "prenant note avec satisfaction",
    ]) {
        "agreesWith"
    } else if any(&["soulign", "stress", "underlin", "emphasiz", "insist"]) {
        "citesAsAuthority"
    } else if any(&[
        "prend note",
        "prenant note",
        "takes note",
        "taking note",
        "not",
    ]) {
        "citesForInformation"
    } else {
        "cites"
    }
}

/// The reference graph: States with their labels in six languages, the curated tables.
pub fn reference_graph(
    iris: &Iris,
    states: &StateTable,
    tables: &Tables,
) -> (NamedNode, Vec<Quad>) {
    let g = iris.reference_graph();
    let mut w = GraphWriter::new(g.clone());
    w.a(&g, ngp("ReferenceTables"));
    w.a(&g, p(PROV, "Entity"));
    for s in states.states() {
        let node = iris.state(&s.iso3);
        w.a(&node, ngp("State"));
        w.a(&node, p(ORG, "FormalOrganization"));
        w.add(&node, ngp("iso3"), lit(&s.iso3));
        w.add(&node, ngp("iso2"), lit(&s.iso2));
        w.add(&node, ngp("m49"), lit(&s.m49));
        w.add(&node, ngp("unMember"), boolean(s.un_member));
        if let Some(y) = s.admission_year {
            w.add(&node, ngp("admissionYear"), year(y.into()));
        }
        w.add(&node, p(DCTERMS, "identifier"), lit(&s.iso3));
        w.add(
            &node,
            p(RDFS, "seeAlso"),
            iri(format!(
                "http://publications.europa.eu/resource/authority/country/{}",
                s.iso3
            )),
        );
        for (name, lang) in s.short_names.iter().zip(LANGUAGES) {
            if !name.is_empty() {
                w.add(&node, p(SKOS, "prefLabel"), lang_lit(name, lang));
            }
        }
    }
    for a in states.aliases() {
        w.add(
            &iris.state(&a.iso3),
            p(SKOS, "altLabel"),
            lang_lit(&a.name, &a.lang),
        );
    }
    for o in &tables.draft_outcomes {
        let draft = iris.doc(&o.draft);
        let res = iris.doc(&o.resolution);
        w.a(&draft, ngp("DraftResolution"));
        w.a(&res, ngp("Resolution"));
        w.add(&res, ngp("symbol"), lit(o.resolution.as_str()));
        w.add(&draft, ngp("symbol"), lit(o.draft.as_str()));
        if let Some(s) = o.resolution.session() {
            w.add(&res, ngp("session"), int(s));
        }
        w.add(&draft, ngp("becameResolution"), res.clone());
        w.add(&draft, ngp("outcomeSource"), lit(&o.source));
        if let Some(d) = Date::parse_iso(&o.adopted) {
            w.add(&res, ngp("adoptionDate"), date(d));
        }
    }
    for r in &tables.gge_reports {
        let node = iris.doc(&r.symbol);
        w.a(&node, ngp("GGEReport"));
        w.add(&node, ngp("symbol"), lit(r.symbol.as_str()));
        w.add(&node, ngp("session"), int(r.session));
        w.add(&node, p(DCTERMS, "date"), year(r.year));
    }
    let gge_scheme = iris.under(&iris.doc(&Symbol::parse("A/70/174").unwrap()), "norms");
    w.a(&gge_scheme, p(SKOS, "ConceptScheme"));
    w.a(&gge_scheme, ngp("NormScheme"));
    for n in &tables.norm_roots {
        let norm = iris.under(
            &iris.doc(&Symbol::resolution(73, 27, None)),
            &format!("norm/{}", n.notation),
        );
        // The norms are read from draft I (A/C.1/73/L.27/Rev.1), which became 73/27.
        let draft_norm = tables
            .draft_outcomes
            .iter()
            .find(|o| o.resolution == Symbol::resolution(73, 27, None))
            .map(|o| iris.under(&iris.doc(&o.draft), &format!("norm/{}", n.notation)));
        let subject = draft_norm.unwrap_or(norm);
        w.add(&subject, ngp("rootMappingSource"), lit(&n.source));
        w.add(&subject, ngp("rootMappingNote"), lit(&n.note));
        if let Some(gp) = &n.gge_paragraph {
            let root = iris.gge_norm(gp);
            w.a(&root, ngp("GgeNorm"));
            w.a(&root, p(SKOS, "Concept"));
            w.add(&root, p(SKOS, "notation"), lit(gp));
            w.add(&root, p(SKOS, "inScheme"), gge_scheme.clone());
            w.add(&subject, ngp("hasRoot"), root);
        }
    }
    (g, w.quads)
}
