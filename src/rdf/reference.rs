//! The graph of the reference tables: every State with its codes and its names in the six
//! languages (and the variant names the sources print), and the curated tables: which draft
//! became which resolution, the reports of the groups of governmental experts, the roots of the
//! norms of 73/27 among the eleven of A/70/174. Each row says where it came from.

use super::iris::Iris;
use super::vocab::{dcterms, ng, org, prov, rdfs, skos};
use super::writer::{boolean, date, int, lang_lit, lit, year, GraphWriter};
use crate::records::{BodyKind, Date};
use crate::reference::curated::Curated;
use crate::reference::languages::codes;
use crate::reference::states::StateTable;
use crate::reference::symbol::Symbol;
use oxigraph::model::{NamedNode, Quad};

/// The reference graph: States with their labels in six languages, the curated tables.
pub fn reference_graph(
    iris: &Iris,
    states: &StateTable,
    curated: &Curated,
) -> (NamedNode, Vec<Quad>) {
    let g = iris.reference_graph();
    let mut w = GraphWriter::new(g.clone());
    w.a(&g, ng::ReferenceTables);
    w.a(&g, prov::Entity);
    for s in states.states() {
        let node = iris.state(&s.iso3);
        w.a(&node, ng::State);
        w.a(&node, org::FormalOrganization);
        w.add(&node, ng::iso3, lit(&s.iso3));
        w.add(&node, ng::iso2, lit(&s.iso2));
        w.add(&node, ng::m49, lit(&s.m49));
        w.add(&node, ng::unMember, boolean(s.un_member));
        if let Some(y) = s.admission_year {
            w.add(&node, ng::admissionYear, year(y.into()));
        }
        w.add(&node, dcterms::identifier, lit(&s.iso3));
        w.add(
            &node,
            rdfs::SEE_ALSO,
            NamedNode::new_unchecked(format!(
                "http://publications.europa.eu/resource/authority/country/{}",
                s.iso3
            )),
        );
        for (name, lang) in s.short_names.iter().zip(codes()) {
            if !name.is_empty() {
                w.add(&node, skos::prefLabel, lang_lit(name, lang));
            }
        }
    }
    for a in states.aliases() {
        w.add(
            &iris.state(&a.iso3),
            skos::altLabel,
            lang_lit(&a.name, &a.lang),
        );
    }
    for o in &curated.draft_outcomes {
        let draft = iris.doc(&o.draft);
        let res = iris.doc(&o.resolution);
        w.a(&draft, ng::DraftResolution);
        w.a(&res, ng::Resolution);
        w.add(&res, ng::symbol, lit(o.resolution.as_str()));
        w.add(&draft, ng::symbol, lit(o.draft.as_str()));
        if let Some(s) = o.resolution.session() {
            w.add(&res, ng::session, int(s));
        }
        w.add(&draft, ng::becameResolution, res.clone());
        w.add(&draft, ng::outcomeSource, lit(&o.source));
        if let Some(d) = Date::parse_iso(&o.adopted) {
            w.add(&res, ng::adoptionDate, date(d));
        }
    }
    for r in &curated.gge_reports {
        let node = iris.doc(&r.symbol);
        w.a(&node, ng::GGEReport);
        w.add(&node, ng::symbol, lit(r.symbol.as_str()));
        w.add(&node, ng::session, int(r.session));
        w.add(&node, dcterms::date, year(r.year));
    }
    for b in &curated.bodies {
        let node = iris.body(&b.key);
        let kind = [
            BodyKind::GroupOfGovernmentalExperts,
            BodyKind::OpenEndedWorkingGroup,
            BodyKind::ProgrammeOfAction,
            BodyKind::GlobalMechanism,
        ]
        .into_iter()
        .find(|k| k.class_name() == b.class);
        if let Some(k) = kind {
            w.a(&node, super::source::body_class(k));
        }
        w.a(&node, org::Organization);
        w.add(&node, ng::bodyKey, lit(&b.key));
        w.add(&node, skos::prefLabel, lang_lit(&b.name_en, "en"));
        if let Some(y) = b.start_year {
            w.add(&node, ng::startYear, year(y));
        }
        if let Some(y) = b.end_year {
            w.add(&node, ng::endYear, year(y));
        }
        for r in &b.reports {
            let report = iris.doc(r);
            let class = if b.class == "GroupOfGovernmentalExperts" {
                ng::GGEReport
            } else {
                ng::Report
            };
            w.a(&report, class);
            w.add(&report, ng::symbol, lit(r.as_str()));
            if let Some(s) = r.session() {
                w.add(&report, ng::session, int(s));
            }
            w.add(&node, ng::producedReport, report);
        }
        w.add(&node, dcterms::source, lit(&b.source));
    }
    let verbs = iris.clause_verbs();
    w.a(&verbs, skos::ConceptScheme);
    w.add(&verbs, skos::prefLabel, lang_lit("clause verbs", "en"));
    for v in &curated.clause_verbs {
        let node = iris.clause_verb(&v.concept);
        w.a(&node, skos::Concept);
        w.a(&node, ng::ClauseVerb);
        w.add(&node, skos::inScheme, verbs.clone());
        w.add(&node, skos::notation, lit(&v.concept));
        for (label, lang) in &v.labels {
            w.add(&node, skos::prefLabel, lang_lit(label, lang));
        }
        w.add(
            &node,
            ng::citoCharacterization,
            super::source::cito_property(&v.cito).into_owned(),
        );
        w.add(&node, dcterms::source, lit(&v.source));
    }
    let gge_scheme = iris.under(&iris.doc(&Symbol::parse("A/70/174").unwrap()), "norms");
    w.a(&gge_scheme, skos::ConceptScheme);
    w.a(&gge_scheme, ng::NormScheme);
    let gge_report = iris.doc(&Symbol::parse("A/70/174").unwrap());
    w.add(&gge_scheme, ng::schemeOf, gge_report.clone());
    w.add(&gge_report, ng::symbol, lit("A/70/174"));
    for n in &curated.norm_roots {
        // The norms of 73/27, read from its English text and from draft I of A/73/505.
        let subject = iris.under(
            &iris.doc(&Symbol::resolution(73, 27, None)),
            &format!("norm/{}", n.notation),
        );
        w.add(&subject, ng::rootMappingSource, lit(&n.source));
        w.add(&subject, ng::rootMappingNote, lit(&n.note));
        if let Some(gp) = &n.gge_paragraph {
            let root = iris.gge_norm(gp);
            w.a(&root, ng::GgeNorm);
            w.a(&root, skos::Concept);
            w.add(&root, skos::notation, lit(gp));
            w.add(&root, skos::inScheme, gge_scheme.clone());
            w.add(&subject, ng::hasRoot, root);
        }
    }
    (g, w.quads)
}
