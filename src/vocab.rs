//! The vocabularies the graph speaks: our own (`ng:`, described in `ontology/normgraph.ttl`)
//! and the standard ones it reuses. A test checks that every `ng:` term used here is declared
//! in the ontology file.

pub const NG: &str = "https://normgraph.org/ontology#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const CITO: &str = "http://purl.org/spar/cito/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const OPENGOV: &str = "http://www.w3.org/ns/opengov#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const OA: &str = "http://www.w3.org/ns/oa#";

/// The prefixes of canned queries and of the ontology, in one place.
pub const PREFIXES: [(&str, &str); 11] = [
    ("ng", NG),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("xsd", XSD),
    ("dcterms", DCTERMS),
    ("cito", CITO),
    ("skos", SKOS),
    ("org", ORG),
    ("opengov", OPENGOV),
    ("prov", PROV),
    ("oa", OA),
];

/// The PREFIX lines of [`PREFIXES`], for a query's head (the editor's, `report::select`'s).
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

/// A hash of the code and tables that decide the graph a file gives (see `build.rs`),
/// recorded with every graph as `ng:builtWith`.
pub const BUILD_HASH: &str = env!("NORMGRAPH_BUILD_HASH");

/// The default base under which data IRIs are minted.
pub const DEFAULT_BASE: &str = "https://normgraph.org/id/";

/// Every `ng:` local name the code writes: classes first, then properties and individuals.
pub const NG_TERMS: &[&str] = &[
    "Document",
    "Resolution",
    "DraftResolution",
    "Decision",
    "CommitteeReport",
    "GGEReport",
    "HRCResolution",
    "Report",
    "MeetingRecord",
    "ConferenceRoomPaper",
    "LimitedDocument",
    "Meeting",
    "Sponsorship",
    "OriginalSponsorship",
    "JoinedSponsorship",
    "Norm",
    "NormScheme",
    "GgeNorm",
    "State",
    "OpenEndedWorkingGroup",
    "GroupOfGovernmentalExperts",
    "ProgrammeOfAction",
    "AgendaInclusion",
    "SourceText",
    "SourceParagraph",
    "VotingBody",
    "symbol",
    "session",
    "agendaItem",
    "distributionDate",
    "adoptionDate",
    "adoptedAtMeeting",
    "adoptedOnReport",
    "reportParagraph",
    "carriedBy",
    "recommendedIn",
    "becameResolution",
    "outcomeSource",
    "meetingNumber",
    "plenary",
    "resumed",
    "citingVerb",
    "printedDate",
    "viaFootnote",
    "sponsorshipOf",
    "sponsor",
    "role",
    "originalSponsor",
    "joinedSponsor",
    "introducedBy",
    "introducedOn",
    "introductionParagraph",
    "onDocument",
    "votingBody",
    "printedYes",
    "printedNo",
    "printedAbstain",
    "intendedOption",
    "intentionStatedIn",
    "welcomedBy",
    "hasRoot",
    "rootMappingSource",
    "rootMappingNote",
    "establishedBy",
    "startYear",
    "endYear",
    "reportsToSession",
    "decisionBasis",
    "annualProgressReports",
    "task",
    "includesItemInSession",
    "itemTitle",
    "agendaInclusion",
    "iso3",
    "iso2",
    "m49",
    "unMember",
    "file",
    "sha256",
    "describes",
    "paragraphId",
    "line",
    "FirstCommittee",
    "GeneralAssemblyPlenary",
    "ReferenceTables",
    "mentionedIn",
    "aknWork",
    "onBehalfOf",
    "submittedBy",
    "builtWith",
    "unresolvedSponsor",
    "proposedBy",
    "dictionary",
    "admissionYear",
    "DerivedFacts",
    "ringOf",
    "reaches",
    "distance",
    "knownDate",
    "countedYes",
    "countedNo",
    "countedAbstain",
    "agreementOf",
    "agreementWith",
    "commonVotes",
    "agreements",
    "votedYesIn",
    "votedNoIn",
    "abstainedIn",
    "absentFrom",
    "tallyYes",
    "tallyNo",
    "tallyAbstain",
    "setUpBy",
    "sponsorVotedNoIn",
    "sponsorAbstainedIn",
    "sponsorAbsentFrom",
    "InferredFacts",
    "canonicalSha256",
];

pub fn ng(local: &str) -> String {
    debug_assert!(
        NG_TERMS.contains(&local),
        "ng:{local} is not declared in NG_TERMS"
    );
    format!("{NG}{local}")
}
