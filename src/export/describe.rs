//! The one description of the dataset, in VoID and DCAT: what it is, its licence, how many
//! statements, the source files and the UN documents it was read from, the vocabularies it
//! uses, where its IRIs live; for a dump file beside it, the file as a distribution with its
//! checksum and the canonical hash of what it holds; for the server, where to query it and
//! where to take it whole. The export writes it beside a dump (`FILE.void.ttl`), the server
//! serves it at `/.well-known/void`: the same words in both.

use crate::rdf::vocab::{dcat, dcterms, ng, rdf, spdx, void, xsd, PREFIXES, XSD_NS};
use crate::reference::symbol::slug;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    BlankNode, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple,
};

/// The licence of the dataset (the texts it quotes are the UN's; the graph is ours).
pub const LICENCE: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The dataset's title.
pub const TITLE: &str = "normgraph: how States govern cyberspace at the United Nations";

/// What the dataset holds, in a sentence or two.
pub const DESCRIPTION: &str = "UN documents on ICT and international security as linked data: resolutions, drafts, committee reports and the reports of the groups of governmental experts; their citations, sponsors, recorded votes State by State, the norms of responsible State behaviour and the bodies the resolutions set up. Every fact names the source file and paragraph it was read from.";

/// What a description says.
#[derive(Debug, Clone)]
pub struct Description {
    /// The IRI of the dataset described.
    pub dataset: NamedNode,
    /// The base the graph's IRIs were minted under (`void:uriSpace`).
    pub base: String,
    /// Statements (`void:triples`).
    pub statements: usize,
    /// Source files the statements were read from (`void:documents`).
    pub source_files: usize,
    /// The symbols of the UN documents those files are texts of (`dcterms:source`).
    pub documents: Vec<String>,
    /// Where to ask it questions (`void:sparqlEndpoint`): a served dataset.
    pub endpoint: Option<String>,
    /// Where to take it whole (`void:dataDump`).
    pub dumps: Vec<String>,
    /// A resource to begin with (`void:exampleResource`).
    pub example: Option<NamedNode>,
    /// The dump file the description sits beside, if any.
    pub file: Option<DumpFile>,
}

/// A dump file as a DCAT distribution.
#[derive(Debug, Clone)]
pub struct DumpFile {
    pub distribution: NamedNode,
    pub download: String,
    pub media_type: &'static str,
    pub byte_size: u64,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// SHA-256 of the RDFC-1.0 canonical N-Quads of what it holds.
    pub canonical_sha256: String,
    /// When it was written (`xsd:dateTime`).
    pub issued: String,
}

impl Description {
    /// The description as triples.
    pub fn triples(&self) -> Vec<Triple> {
        let mut t = Vec::new();
        let d = NamedOrBlankNode::from(self.dataset.clone());
        let mut add = |s: &NamedOrBlankNode, p: NamedNodeRef<'_>, o: Term| {
            t.push(Triple::new(s.clone(), p, o));
        };
        let lit = |s: &str| Term::from(Literal::new_simple_literal(s));
        let en = |s: &str| Term::from(Literal::new_language_tagged_literal_unchecked(s, "en"));
        let iri = |s: &str| Term::from(NamedNode::new_unchecked(s));
        let count = |n: usize| Term::from(Literal::from(n as i64));
        add(&d, rdf::TYPE, void::Dataset.into_owned().into());
        add(&d, rdf::TYPE, dcat::Dataset.into_owned().into());
        add(&d, dcterms::title, en(TITLE));
        add(&d, dcterms::description, en(DESCRIPTION));
        add(&d, dcterms::license, iri(LICENCE));
        add(
            &d,
            dcterms::publisher,
            lit("normgraph (https://normgraph.org/)"),
        );
        add(
            &d,
            dcterms::rightsHolder,
            lit("The texts quoted are the United Nations' (https://www.un.org/); the graph built from them is normgraph's."),
        );
        for symbol in &self.documents {
            add(
                &d,
                dcterms::source,
                iri(&format!("https://undocs.org/{}", slug(symbol))),
            );
        }
        add(&d, void::triples, count(self.statements));
        add(&d, void::documents, count(self.source_files));
        for (_, ns) in PREFIXES {
            add(&d, void::vocabulary, iri(ns));
        }
        add(&d, void::uriSpace, lit(&self.base));
        if let Some(endpoint) = &self.endpoint {
            add(&d, void::sparqlEndpoint, iri(endpoint));
        }
        for dump in &self.dumps {
            add(&d, void::dataDump, iri(dump));
        }
        if let Some(example) = &self.example {
            add(&d, void::exampleResource, example.clone().into());
        }
        if let Some(file) = &self.file {
            let typed = |s: &str, t: NamedNodeRef<'_>| Term::from(Literal::new_typed_literal(s, t));
            add(&d, dcterms::issued, typed(&file.issued, xsd::DATE_TIME));
            add(&d, void::dataDump, iri(&file.download));
            add(&d, dcat::distribution, file.distribution.clone().into());
            add(&d, ng::canonicalSha256, lit(&file.canonical_sha256));
            let dist = NamedOrBlankNode::from(file.distribution.clone());
            add(&dist, rdf::TYPE, dcat::Distribution.into_owned().into());
            add(&dist, dcat::downloadURL, iri(&file.download));
            add(&dist, dcat::mediaType, lit(file.media_type));
            add(
                &dist,
                dcat::byteSize,
                typed(&file.byte_size.to_string(), xsd::NON_NEGATIVE_INTEGER),
            );
            let checksum = NamedOrBlankNode::from(BlankNode::default());
            add(&dist, spdx::checksum, checksum.clone().into());
            add(&checksum, rdf::TYPE, spdx::Checksum.into_owned().into());
            add(
                &checksum,
                spdx::algorithm,
                spdx::checksumAlgorithm_sha256.into_owned().into(),
            );
            add(
                &checksum,
                spdx::checksumValue,
                typed(&file.sha256, xsd::HEX_BINARY),
            );
        }
        t
    }

    /// The description in `format`, with readable prefixes.
    pub fn write(&self, format: RdfFormat, out: impl std::io::Write) -> std::io::Result<()> {
        let mut w = RdfSerializer::from_format(format);
        for (p, ns) in [
            ("void", void::NS),
            ("dcat", dcat::NS),
            ("dcterms", dcterms::NS),
            ("spdx", spdx::NS),
            ("ng", ng::NS),
            ("xsd", XSD_NS),
        ] {
            w = w.with_prefix(p, ns).expect("valid prefixes");
        }
        let mut w = w.for_writer(out);
        for triple in &self.triples() {
            w.serialize_triple(triple)?;
        }
        w.finish()?;
        Ok(())
    }
}
