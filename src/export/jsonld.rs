//! JSON-LD that a web developer can read: the merged graph compacted with our own context
//! (`ontology/context.jsonld`, published with the ontology), one node object per resource.
//!
//! The context is computed from the ontology: a term for each class and property of `ng:`
//! (`"symbol"`, `"adoptionDate"`, `"Resolution"`), typed as the ontology declares (an object
//! property's values are IRIs, a datatype property's literals carry its range), the prefixes of
//! the vocabularies we reuse, and `doc:`, `state:`, `source:` for the resources we mint. A test
//! keeps the shipped file equal to what this module computes.
//!
//! The writer streams: the store gives the triples of the merged graph subject by subject, and
//! each subject becomes one node object. A value that its term's type does not fit (a literal
//! where the ontology says IRI) is written under the property's prefixed name, in expanded
//! form: the JSON-LD is always the same graph, which a test checks through sophia's JSON-LD
//! processor.

use crate::rdf::vocab::{cito, compact, ng, owl, rdf, rdfs, xsd, PREFIXES, XSD_NS};
use crate::rdf::DEFAULT_BASE;
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term, TermRef};
use oxigraph::store::StorageError;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::io::Write;

/// Where the context is published.
pub const CONTEXT_URL: &str = "https://normgraph.org/context.jsonld";

/// How a term's values are written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Coercion {
    /// IRIs, as strings.
    Iri,
    /// Literals of this datatype, as their lexical form.
    Datatype(String),
    /// Anything, in the form that says what it is.
    Plain,
}

/// The terms of the context: for each full IRI, its term and how its values are written.
/// (`JsonLdContext`, not "context": the extractor has a reading of its own.)
pub struct JsonLdContext {
    terms: BTreeMap<String, (String, Coercion)>,
    /// (prefix, namespace), the longest namespace first.
    prefixes: Vec<(String, String)>,
    json: Value,
}

/// The prefixes of the resources we mint, under the default base.
fn resource_prefixes() -> [(&'static str, String); 3] {
    [
        ("doc", format!("{DEFAULT_BASE}doc/")),
        ("state", format!("{DEFAULT_BASE}state/")),
        ("source", format!("{DEFAULT_BASE}source/")),
    ]
}

impl JsonLdContext {
    /// The context of the ontology.
    pub fn of_ontology() -> JsonLdContext {
        let ontology = crate::rdf::ontology::triples();
        let types_of = |s: &NamedNode| -> Vec<String> {
            ontology
                .iter()
                .filter(|t| {
                    t.subject == NamedOrBlankNode::from(s.clone())
                        && t.predicate.as_ref() == rdf::TYPE
                })
                .map(|t| match &t.object {
                    Term::NamedNode(n) => n.as_str().to_owned(),
                    other => other.to_string(),
                })
                .collect()
        };
        let range_of = |s: &NamedNode| -> Option<String> {
            ontology.iter().find_map(|t| {
                (t.subject == NamedOrBlankNode::from(s.clone())
                    && t.predicate.as_ref() == rdfs::RANGE)
                    .then(|| match &t.object {
                        Term::NamedNode(n) => Some(n.as_str().to_owned()),
                        _ => None,
                    })
                    .flatten()
            })
        };
        let mut terms: BTreeMap<String, (String, Coercion)> = BTreeMap::new();
        let mut subjects: Vec<NamedNode> = ontology
            .iter()
            .filter_map(|t| match &t.subject {
                NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(ng::NS) => Some(n.clone()),
                _ => None,
            })
            .collect();
        subjects.sort();
        subjects.dedup();
        for s in subjects {
            let local = &s.as_str()[ng::NS.len()..];
            if local.is_empty() || local.contains(['/', '#', ':']) {
                continue;
            }
            let types = types_of(&s);
            let coercion = if types.iter().any(|t| t == owl::ObjectProperty.as_str()) {
                Coercion::Iri
            } else if types.iter().any(|t| t == owl::DatatypeProperty.as_str()) {
                match range_of(&s) {
                    Some(r)
                        if r.starts_with(XSD_NS)
                            && r != xsd::STRING.as_str()
                            && r != rdf::LANG_STRING.as_str() =>
                    {
                        Coercion::Datatype(r)
                    }
                    _ => Coercion::Plain,
                }
            } else {
                Coercion::Plain
            };
            terms.insert(s.as_str().to_owned(), (local.to_owned(), coercion));
        }
        // A citation is the one term of another vocabulary a reader meets everywhere.
        terms.insert(
            cito::cites.as_str().to_owned(),
            ("cites".to_owned(), Coercion::Iri),
        );
        let mut prefixes: Vec<(String, String)> = PREFIXES
            .iter()
            .map(|(p, ns)| (p.to_string(), ns.to_string()))
            .chain(
                resource_prefixes()
                    .into_iter()
                    .map(|(p, ns)| (p.to_owned(), ns)),
            )
            .collect();
        prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let mut context = Map::new();
        let mut sorted_prefixes = prefixes.clone();
        sorted_prefixes.sort();
        for (p, ns) in &sorted_prefixes {
            context.insert(p.clone(), json!(ns));
        }
        for (iri, (term, coercion)) in &terms {
            let id = compact(iri);
            let definition = match coercion {
                Coercion::Iri => json!({"@id": id, "@type": "@id"}),
                Coercion::Datatype(dt) => json!({"@id": id, "@type": compact(dt)}),
                Coercion::Plain => json!(id),
            };
            context.insert(term.clone(), definition);
        }
        JsonLdContext {
            terms,
            prefixes,
            json: Value::Object(context),
        }
    }

    /// The context document: `{"@context": {...}}`, as shipped in `ontology/`.
    pub fn document(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(&json!({ "@context": self.json })).expect("JSON");
        text.push('\n');
        text
    }

    /// An IRI in its shortest form: a prefixed name when a prefix fits, else whole.
    fn compact_iri(&self, iri: &str) -> String {
        for (p, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                // A local part that would read as an IRI of its own stays whole.
                if !local.starts_with("//") {
                    return format!("{p}:{local}");
                }
            }
        }
        iri.to_owned()
    }

    /// A class or a property as a key or a type: its term, else its prefixed name.
    fn compact_vocab(&self, iri: &str) -> String {
        match self.terms.get(iri) {
            Some((term, _)) => term.clone(),
            None => self.compact_iri(iri),
        }
    }

    /// A value in expanded form, which says what it is.
    fn expanded(&self, o: TermRef<'_>) -> Value {
        match o {
            TermRef::NamedNode(n) => json!({"@id": self.compact_iri(n.as_str())}),
            TermRef::BlankNode(b) => json!({"@id": format!("_:{}", b.as_str())}),
            TermRef::Literal(l) => {
                if let Some(lang) = l.language() {
                    json!({"@value": l.value(), "@language": lang})
                } else if l.datatype() == xsd::STRING {
                    json!(l.value())
                } else {
                    json!({"@value": l.value(), "@type": self.compact_iri(l.datatype().as_str())})
                }
            }
            #[allow(unreachable_patterns)]
            _ => json!(o.to_string()),
        }
    }

    /// The key and value of a statement: the term and its compact value when the value fits
    /// the term, else the property's prefixed name and the value in expanded form.
    fn entry(&self, p: &str, o: TermRef<'_>) -> (String, Value) {
        if let Some((term, coercion)) = self.terms.get(p) {
            match (coercion, o) {
                (Coercion::Iri, TermRef::NamedNode(n)) => {
                    return (term.clone(), json!(self.compact_iri(n.as_str())))
                }
                (Coercion::Datatype(dt), TermRef::Literal(l))
                    if l.datatype().as_str() == dt && l.language().is_none() =>
                {
                    return (term.clone(), json!(l.value()))
                }
                (Coercion::Plain, _) => return (term.clone(), self.expanded(o)),
                _ => {}
            }
        }
        // Under the full IRI: a prefixed name would be read through the term's definition
        // when the prefixed name and the term expand alike.
        let key = if self.terms.contains_key(p) {
            p.to_owned()
        } else {
            self.compact_iri(p)
        };
        (key, self.expanded(o))
    }

    /// One node object from the statements of one subject.
    fn node(&self, subject: &NamedOrBlankNode, statements: &[(NamedNode, Term)]) -> Value {
        let mut node = Map::new();
        node.insert(
            "@id".into(),
            json!(match subject {
                NamedOrBlankNode::NamedNode(n) => self.compact_iri(n.as_str()),
                NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
                #[allow(unreachable_patterns)]
                other => other.to_string(),
            }),
        );
        let rdf_type = rdf::TYPE.as_str();
        let mut types = Vec::new();
        let mut entries: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for (p, o) in statements {
            match o {
                Term::NamedNode(class) if p.as_str() == rdf_type => {
                    types.push(json!(self.compact_vocab(class.as_str())))
                }
                _ => {
                    let (k, v) = self.entry(p.as_str(), o.as_ref());
                    entries.entry(k).or_default().push(v);
                }
            }
        }
        match types.len() {
            0 => {}
            1 => {
                node.insert("@type".into(), types.remove(0));
            }
            _ => {
                node.insert("@type".into(), Value::Array(types));
            }
        }
        for (k, mut vs) in entries {
            node.insert(
                k,
                if vs.len() == 1 {
                    vs.remove(0)
                } else {
                    Value::Array(vs)
                },
            );
        }
        Value::Object(node)
    }
}

/// Why a JSON-LD document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum JsonLdError {
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("writing the JSON-LD: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes `triples` (grouped by subject, as the store gives them) as one JSON-LD document,
/// compacted with the context (inline, so that the file reads offline). Returns the number of
/// statements written.
pub fn write(
    context: &JsonLdContext,
    triples: impl Iterator<Item = Result<Quad, StorageError>>,
    out: impl Write,
) -> Result<usize, JsonLdError> {
    write_with(context, &context.json, triples, out)
}

/// [`write()`], the context referred to by its URL (`"@context": "URL"`) instead of inline: what
/// the server answers, pointing at its own `/context.jsonld`.
pub fn write_referring(
    context: &JsonLdContext,
    url: &str,
    triples: impl Iterator<Item = Result<Quad, StorageError>>,
    out: impl Write,
) -> Result<usize, JsonLdError> {
    write_with(context, &Value::String(url.to_owned()), triples, out)
}

fn write_with(
    context: &JsonLdContext,
    said: &Value,
    triples: impl Iterator<Item = Result<Quad, StorageError>>,
    mut out: impl Write,
) -> Result<usize, JsonLdError> {
    out.write_all(b"{\n\"@context\": ")?;
    serde_json::to_writer(&mut out, said).map_err(std::io::Error::from)?;
    out.write_all(b",\n\"@graph\": [")?;
    // The subject being gathered, with its statements.
    let mut node: Option<(NamedOrBlankNode, Vec<(NamedNode, Term)>)> = None;
    let (mut count, mut nodes) = (0, 0);
    let mut emit = |(subject, statements): (NamedOrBlankNode, Vec<(NamedNode, Term)>),
                    out: &mut dyn Write|
     -> std::io::Result<()> {
        out.write_all(if nodes == 0 { b"\n" } else { b",\n" })?;
        nodes += 1;
        serde_json::to_writer(out, &context.node(&subject, &statements)).map_err(Into::into)
    };
    for q in triples {
        let q = q?;
        count += 1;
        match &mut node {
            Some((subject, statements)) if *subject == q.subject => {
                statements.push((q.predicate, q.object))
            }
            _ => {
                if let Some(done) = node.replace((q.subject, vec![(q.predicate, q.object)])) {
                    emit(done, &mut out)?;
                }
            }
        }
    }
    if let Some(done) = node {
        emit(done, &mut out)?;
    }
    out.write_all(b"\n]\n}\n")?;
    out.flush()?;
    Ok(count)
}
