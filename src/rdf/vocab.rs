//! The vocabularies the graph speaks, as constants: our own (`ng:`, declared in
//! `ontology/normgraph.ttl`) and the standard ones it reuses. Each term is a constant named as
//! its local name (`ng::adoptionDate`, `cito::hasCitedEntity`), as sophia's `namespace!` does,
//! so that the code reads like the graph and a term is found by grepping the ontology. A test
//! checks every `ng:` term against the ontology file, and the terms the graph uses against
//! `ng::TERMS`. RDF, RDFS and XSD are Oxigraph's own constants.

pub use oxigraph::model::vocab::{rdf, rdfs, xsd};

/// The namespace of RDF, whose terms are Oxigraph's `rdf::*`.
pub const RDF_NS: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The namespace of RDFS, whose terms are Oxigraph's `rdfs::*`.
pub const RDFS_NS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// The namespace of XML Schema datatypes, whose terms are Oxigraph's `xsd::*`.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema#";

/// Declares a namespace: a module with its IRI as `NS`, a constant per term, and `TERMS`.
macro_rules! namespace {
    ($(#[$meta:meta])* $module:ident = $iri:literal { $($term:ident),* $(,)? }) => {
        $(#[$meta])*
        #[allow(non_upper_case_globals)]
        pub mod $module {
            use oxigraph::model::NamedNodeRef;
            /// The namespace IRI.
            pub const NS: &str = $iri;
            $(
                #[doc = concat!("`", $iri, stringify!($term), "`")]
                pub const $term: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($iri, stringify!($term)));
            )*
            /// Every term declared here.
            pub const TERMS: &[NamedNodeRef<'static>] = &[$($term),*];
        }
    };
}

namespace! {
    /// normgraph's own vocabulary: classes first, then properties and individuals. Every term
    /// the code writes is here and declared in `ontology/normgraph.ttl`.
    ng = "https://normgraph.org/ontology#" {
        Document, Resolution, DraftResolution, DraftDecision, Decision, CommitteeReport, GGEReport, HRCResolution,
        Report, MeetingRecord, ConferenceRoomPaper, LimitedDocument, Meeting, Sponsorship,
        OriginalSponsorship, JoinedSponsorship, UnresolvedSponsorship, Norm, NormScheme, GgeNorm, State,
        OpenEndedWorkingGroup, GroupOfGovernmentalExperts, ProgrammeOfAction, AgendaInclusion,
        SourceText, SourceParagraph, VotingBody, symbol, session, agendaItem, distributionDate,
        adoptionDate, adoptedAtMeeting, adoptedOnReport, reportParagraph, carriedBy, recommendedIn,
        becameResolution, outcomeSource, meetingNumber, plenary, resumed, citingVerb, printedDate,
        viaFootnote, sponsorshipOf, sponsor, role, originalSponsor, joinedSponsor, introducedBy,
        introducedOn, introductionParagraph, onDocument, votingBody, printedYes, printedNo,
        printedAbstain, intendedOption, intentionStatedIn, welcomedBy, hasRoot, rootMappingSource,
        rootMappingNote, establishedBy, startYear, endYear, reportsToSession, decisionBasis,
        annualProgressReports, task, includesItemInSession, itemTitle, agendaInclusion, iso3, iso2,
        m49, unMember, file, sha256, describes, paragraphId, line, FirstCommittee,
        GeneralAssemblyPlenary, ReferenceTables, mentionedIn, aknWork, onBehalfOf, submittedBy,
        builtWith, BuildInProgress, unresolvedSponsor, proposedBy, dictionary, admissionYear, DerivedFacts, ringOf,
        reaches, distance, knownDate, countedYes, countedNo, countedAbstain, agreementOf,
        agreementWith, commonVotes, agreements, votedYesIn, votedNoIn, abstainedIn, absentFrom,
        tallyYes, tallyNo, tallyAbstain, setUpBy, sponsorVotedNoIn, sponsorAbstainedIn,
        sponsorAbsentFrom, InferredFacts, canonicalSha256, recordsMeeting, takesUp,
        recommendedInReport, recommendedAs, AdoptionWithoutVote, adoptedWithoutVoteBy, SeparateVote,
        onParagraphOf, preambularParagraph, operativeParagraph, onAmendmentTo, amendment,
        unresolvedName, adoptionOf, GlobalMechanism, mentionedBy, establishedPursuantTo, bodyKey,
        producedReport, citingParagraph, clauseVerb, citoCharacterization, ClauseVerb,
        NormAffirmation, affirmingText, affirmedScheme, affirmsNormsOf, schemeOf, CannedAnswers,
        answerRows,
    }
}

namespace! {
    /// DCMI Metadata Terms.
    dcterms = "http://purl.org/dc/terms/" {
        title, identifier, date, language, subject, source, description, license, publisher,
        rightsHolder, issued, BibliographicResource,
    }
}

namespace! {
    /// The Citation Typing Ontology.
    cito = "http://purl.org/spar/cito/" {
        Citation, hasCitingEntity, hasCitedEntity, hasCitationCharacterization, cites,
        citesForInformation, confirms, agreesWith, citesAsAuthority, supports,
        obtainsBackgroundFrom,
    }
}

namespace! {
    /// SKOS, for the norms and their schemes, and the labels of States and bodies.
    skos = "http://www.w3.org/2004/02/skos/core#" {
        Concept, ConceptScheme, inScheme, notation, definition, prefLabel, altLabel,
    }
}

namespace! {
    /// The W3C Organization Ontology.
    org = "http://www.w3.org/ns/org#" { Organization, FormalOrganization }
}

namespace! {
    /// The W3C Open Government vocabulary (Popolo's votes).
    opengov = "http://www.w3.org/ns/opengov#" { VoteEvent, Vote, voteEvent, voter, option }
}

namespace! {
    /// PROV-O.
    prov = "http://www.w3.org/ns/prov#" { Entity, wasDerivedFrom, hadPrimarySource }
}

namespace! {
    /// The Web Annotation vocabulary: a paragraph quoted as the source of a fact.
    oa = "http://www.w3.org/ns/oa#" { hasSource, hasSelector, TextQuoteSelector, exact }
}

namespace! {
    /// OWL, as the ontology types its terms.
    owl = "http://www.w3.org/2002/07/owl#" { Ontology, Class, ObjectProperty, DatatypeProperty }
}

namespace! {
    /// VoID, the description of the dataset.
    void = "http://rdfs.org/ns/void#" {
        Dataset, triples, documents, vocabulary, uriSpace, dataDump, sparqlEndpoint,
        exampleResource,
    }
}

namespace! {
    /// DCAT, the description of a dump as a distribution.
    dcat = "http://www.w3.org/ns/dcat#" {
        Dataset, Distribution, distribution, downloadURL, mediaType, byteSize,
    }
}

namespace! {
    /// SPDX, for the checksum of a dump.
    spdx = "http://spdx.org/rdf/terms#" {
        checksum, Checksum, algorithm, checksumAlgorithm_sha256, checksumValue,
    }
}

namespace! {
    /// The SPARQL 1.1 Service Description.
    sd = "http://www.w3.org/ns/sparql-service-description#" {
        Service, endpoint, supportedLanguage, SPARQL11Query, feature, UnionDefaultGraph,
        resultFormat, defaultDataset, Dataset, defaultGraph, Graph,
    }
}

namespace! {
    /// SHACL, as our validator reads the shapes.
    sh = "http://www.w3.org/ns/shacl#" {
        NodeShape, targetClass, property, path, minCount, maxCount, datatype, class, pattern,
    }
}

/// The prefixes of canned queries, of the ontology and of our dumps, in one place.
pub const PREFIXES: [(&str, &str); 11] = [
    ("ng", ng::NS),
    ("rdf", RDF_NS),
    ("rdfs", RDFS_NS),
    ("xsd", XSD_NS),
    ("dcterms", dcterms::NS),
    ("cito", cito::NS),
    ("skos", skos::NS),
    ("org", org::NS),
    ("opengov", opengov::NS),
    ("prov", prov::NS),
    ("oa", oa::NS),
];

/// The PREFIX lines of [`PREFIXES`], for a query's head (the editor's).
pub fn prefix_lines() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

/// An IRI in prefixed form (`ng:symbol`) when one of [`PREFIXES`] fits, else whole.
pub fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .find_map(|(p, ns)| iri.strip_prefix(ns).map(|local| format!("{p}:{local}")))
        .unwrap_or_else(|| iri.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefixes_are_those_of_the_namespaces() {
        assert_eq!(RDF_NS, rdf::TYPE.as_str().trim_end_matches("type"));
        assert_eq!(RDFS_NS, rdfs::LABEL.as_str().trim_end_matches("label"));
        assert_eq!(XSD_NS, xsd::DATE.as_str().trim_end_matches("date"));
        assert_eq!(compact(ng::symbol.as_str()), "ng:symbol");
        for t in ng::TERMS.iter().chain(dcterms::TERMS).chain(sd::TERMS) {
            oxigraph::model::NamedNode::new(t.as_str()).expect("a valid IRI");
        }
    }
}
