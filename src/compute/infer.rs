//! The RDFS entailments of the graph under our ontology, in their own named graph
//! `ng:InferredFacts`: a consumer who asks for a super-class (`ng:Document`, `prov:Entity`...)
//! or a super-property finds every resource, whether its own class or property was stated or
//! only implied.
//!
//! The rules are those of RDFS that speak of the data: rdfs2 and rdfs3 (a property's domain and
//! range type its subject and object), rdfs5 and rdfs11 (sub-properties and sub-classes are
//! transitive), rdfs7 (a statement holds for every super-property) and rdfs9 (a member of a
//! class is a member of its super-classes). The others say that everything is an
//! `rdfs:Resource` or speak of RDF's own vocabulary; they are left out. The schema is the
//! ontology (`ontology/normgraph.ttl`, parsed once in `rdf::ontology`), small: its closures are
//! computed first, then each class and super-property asks the merged graph, in one SPARQL
//! query, what it gains that the graph does not state ([`Schema`]'s questions). A test checks
//! the result against the RDFS closure of owlrl (PyPI), restricted to the same rules.
//!
//! (sophia's reasoner would be the natural engine, but sophia 0.10's SPARQL crate, which it
//! needs, cannot be linked beside Oxigraph 0.5: it matches exhaustively on an enum of spargebra
//! that Oxigraph extends through features.)
//!
//! Like the derived facts, the graph lies outside the default graph (which stays the merge of
//! the sources) and is recomputed when a source graph, the ontology or this program changes.

use crate::hash::sha256_hex;
use crate::rdf::graphs::{INFERRED_FACTS, VOCABULARY};
use crate::rdf::ontology::{self, ONTOLOGY};
use crate::rdf::vocab::{ng, owl, rdf, rdfs, RDFS_NS, RDF_NS, XSD_NS};
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedOrBlankNode, Quad, QuadRef, Term, Triple, TripleRef,
};
use oxigraph::store::{StorageError, Store};
use std::collections::{HashMap, HashSet};

/// What [`refresh`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Inferred {
    /// False when the recorded fingerprint matched and nothing was recomputed.
    pub recomputed: bool,
    /// Entailed triples kept.
    pub triples: usize,
}

/// Whether an IRI is of RDF's, RDFS's, XML Schema's or OWL's own vocabulary.
fn builtin(iri: &str) -> bool {
    [RDF_NS, RDFS_NS, XSD_NS, owl::NS]
        .iter()
        .any(|ns| iri.starts_with(ns))
}

/// Whether an entailed triple is worth keeping: it speaks of the data or of our vocabulary, not
/// of RDF's and RDFS's own terms, and says more than that a thing is a resource.
fn worth_keeping(t: &Triple) -> bool {
    let NamedOrBlankNode::NamedNode(s) = &t.subject else {
        return false;
    };
    if builtin(s.as_str()) {
        // What RDF and RDFS say of their own terms.
        return false;
    }
    let resource = rdfs::RESOURCE.as_str();
    match (t.predicate.as_str(), &t.object) {
        (RDF_TYPE, Term::NamedNode(class)) => {
            // A term of our vocabulary is an rdf:Property or an rdfs:Class; a thing of the
            // data is of our classes and those they refine.
            class.as_str() != resource
                && (!builtin(class.as_str()) || s.as_str().starts_with(ng::NS))
        }
        (SUB_CLASS | SUB_PROPERTY, Term::NamedNode(o)) => o != s && o.as_str() != resource,
        // rdfs:member, rdf:_1...
        (p, _) => !builtin(p),
    }
}

const RDF_TYPE: &str = rdf::TYPE.as_str();
const SUB_CLASS: &str = rdfs::SUB_CLASS_OF.as_str();
const SUB_PROPERTY: &str = rdfs::SUB_PROPERTY_OF.as_str();
const DOMAIN: &str = rdfs::DOMAIN.as_str();
const RANGE: &str = rdfs::RANGE.as_str();

/// The schema: for each class its super-classes, for each property its super-properties,
/// domains and ranges, all closed under transitivity (a class is not its own super-class).
#[derive(Debug, Default)]
pub struct Schema {
    super_classes: HashMap<NamedNode, Vec<NamedNode>>,
    super_properties: HashMap<NamedNode, Vec<NamedNode>>,
    domains: HashMap<NamedNode, Vec<NamedNode>>,
    ranges: HashMap<NamedNode, Vec<NamedNode>>,
}

/// Everything reachable from `start` by `edges`, `start` left out.
fn reachable(start: &NamedNode, edges: &HashMap<NamedNode, Vec<NamedNode>>) -> Vec<NamedNode> {
    let mut seen: Vec<NamedNode> = Vec::new();
    let mut todo = vec![start.clone()];
    while let Some(n) = todo.pop() {
        for m in edges.get(&n).into_iter().flatten() {
            if m != start && !seen.contains(m) {
                seen.push(m.clone());
                todo.push(m.clone());
            }
        }
    }
    seen.sort();
    seen
}

impl Schema {
    pub fn of(triples: &[Triple]) -> Schema {
        let mut direct: [HashMap<NamedNode, Vec<NamedNode>>; 4] = Default::default();
        for t in triples {
            let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&t.subject, &t.object)
            else {
                continue;
            };
            let i = match t.predicate.as_str() {
                SUB_CLASS => 0,
                SUB_PROPERTY => 1,
                DOMAIN => 2,
                RANGE => 3,
                _ => continue,
            };
            direct[i].entry(s.clone()).or_default().push(o.clone());
        }
        let [classes, properties, domains, ranges] = direct;
        let close = |edges: &HashMap<NamedNode, Vec<NamedNode>>| {
            edges
                .keys()
                .map(|k| (k.clone(), reachable(k, edges)))
                .collect::<HashMap<_, _>>()
        };
        let super_classes = close(&classes);
        let super_properties = close(&properties);
        // A property's domains and ranges: its own and its super-properties', each with its
        // super-classes (rdfs2, rdfs3 with rdfs7 and rdfs9).
        let widen = |own: &HashMap<NamedNode, Vec<NamedNode>>| {
            let mut out: HashMap<NamedNode, Vec<NamedNode>> = HashMap::new();
            let props: HashSet<&NamedNode> = own.keys().chain(super_properties.keys()).collect();
            for p in props {
                let mut classes: Vec<NamedNode> = std::iter::once(p)
                    .chain(super_properties.get(p).into_iter().flatten())
                    .flat_map(|q| own.get(q).into_iter().flatten())
                    .flat_map(|c| {
                        std::iter::once(c.clone())
                            .chain(super_classes.get(c).into_iter().flatten().cloned())
                    })
                    .collect();
                classes.sort();
                classes.dedup();
                if !classes.is_empty() {
                    out.insert(p.clone(), classes);
                }
            }
            out
        };
        Schema {
            domains: widen(&domains),
            ranges: widen(&ranges),
            super_classes,
            super_properties,
        }
    }

    /// The questions that find, in the default graph, what the rules entail from its
    /// statements and it does not state, each answered by one SPARQL query. SPARQL joins,
    /// deduplicates and subtracts the encoded terms, so only the entailed statements are decoded
    /// (reading the statements themselves decoded three terms of each, ~7 µs a statement); the
    /// subtraction is a hash anti-join (`MINUS`) against one range scan of what is stated.
    fn questions(&self) -> Vec<Question> {
        let values = |nodes: &mut Vec<&NamedNode>| {
            nodes.sort();
            nodes.dedup();
            nodes
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut out = Vec::new();
        // rdfs2, rdfs3 and rdfs9 (with the closures): what each class gains.
        let mut classes: Vec<&NamedNode> = (self.domains.values())
            .chain(self.ranges.values())
            .chain(self.super_classes.values())
            .flatten()
            .collect();
        classes.sort();
        classes.dedup();
        for class in classes {
            if *class == rdfs::RESOURCE {
                continue; // Never worth keeping (see worth_keeping).
            }
            let mut branches = Vec::new();
            let (mut by_domain, mut by_range) =
                (having(&self.domains, class), having(&self.ranges, class));
            if !by_domain.is_empty() {
                let ps = values(&mut by_domain);
                branches.push(format!("{{ VALUES ?p {{ {ps} }} ?x ?p ?o }}"));
            }
            if !by_range.is_empty() {
                let ps = values(&mut by_range);
                branches.push(format!("{{ VALUES ?p {{ {ps} }} ?s ?p ?x }}"));
            }
            let mut narrower = having(&self.super_classes, class);
            if !narrower.is_empty() {
                let cs = values(&mut narrower);
                branches.push(format!("{{ VALUES ?c {{ {cs} }} ?x a ?c }}"));
            }
            out.push(Question::Typed {
                class: class.clone(),
                query: format!(
                    "SELECT DISTINCT ?x WHERE {{ {} FILTER(isIRI(?x)) MINUS {{ ?x a {class} }} }}",
                    branches.join(" UNION ")
                ),
            });
        }
        // rdfs7 (with rdfs5): what each super-property gains.
        let mut supers: Vec<&NamedNode> = self.super_properties.values().flatten().collect();
        supers.sort();
        supers.dedup();
        for sup in supers {
            let kept = [RDF_TYPE, SUB_CLASS, SUB_PROPERTY].contains(&sup.as_str());
            if builtin(sup.as_str()) && !kept {
                continue; // Never worth keeping (see worth_keeping).
            }
            let ps = values(&mut having(&self.super_properties, sup));
            out.push(Question::Implied {
                property: sup.clone(),
                query: format!(
                    "SELECT DISTINCT ?s ?o WHERE {{ VALUES ?p {{ {ps} }} ?s ?p ?o FILTER(isIRI(?s)) MINUS {{ ?s {sup} ?o }} }}"
                ),
            });
        }
        // rdfs11 and rdfs5 on what the data says of the schema's terms.
        for p in [SUB_CLASS, SUB_PROPERTY] {
            out.push(Question::Closed {
                property: NamedNode::new_unchecked(p),
                query: format!("SELECT DISTINCT ?s WHERE {{ ?s <{p}> ?o FILTER(isIRI(?s)) }}"),
            });
        }
        out
    }

    /// What one statement entails under the rules (itself left out).
    pub fn entailed_by(&self, t: TripleRef<'_>, mut emit_any: impl FnMut(Triple)) {
        let mut emit = |e: Triple| {
            if e.as_ref() != t {
                emit_any(e)
            }
        };
        let rdf_type = NamedNode::new_unchecked(RDF_TYPE);
        let a = |s: NamedOrBlankNode, class: &NamedNode| {
            Triple::new(s, rdf_type.clone(), class.clone())
        };
        let p = t.predicate.into_owned();
        for q in self.super_properties.get(&p).into_iter().flatten() {
            emit(Triple::new(
                t.subject.into_owned(),
                q.clone(),
                t.object.into_owned(),
            ));
        }
        for c in self.domains.get(&p).into_iter().flatten() {
            emit(a(t.subject.into_owned(), c));
        }
        if let Ok(object) = NamedOrBlankNode::try_from(t.object.into_owned()) {
            for c in self.ranges.get(&p).into_iter().flatten() {
                emit(a(object.clone(), c));
            }
        }
        if p == rdf_type {
            if let oxigraph::model::TermRef::NamedNode(class) = t.object {
                for c in self
                    .super_classes
                    .get(&class.into_owned())
                    .into_iter()
                    .flatten()
                {
                    emit(a(t.subject.into_owned(), c));
                }
            }
        }
        if let (SUB_CLASS | SUB_PROPERTY, oxigraph::model::NamedOrBlankNodeRef::NamedNode(s)) =
            (p.as_str(), t.subject)
        {
            let closure = if p.as_str() == SUB_CLASS {
                &self.super_classes
            } else {
                &self.super_properties
            };
            for sup in closure.get(&s.into_owned()).into_iter().flatten() {
                emit(Triple::new(s.into_owned(), p.clone(), sup.clone()));
            }
        }
    }
}

/// The keys of `m` whose values hold `term`: the properties of a domain, the sub-classes of a
/// class, the sub-properties of a property.
fn having<'a>(m: &'a HashMap<NamedNode, Vec<NamedNode>>, term: &NamedNode) -> Vec<&'a NamedNode> {
    m.iter()
        .filter(|(_, ts)| ts.contains(term))
        .map(|(k, _)| k)
        .collect()
}

/// Whether the default graph states `t`.
fn stated(store: &Store, t: &Triple) -> Result<bool, StorageError> {
    store.contains(QuadRef::new(
        &t.subject,
        &t.predicate,
        &t.object,
        GraphNameRef::DefaultGraph,
    ))
}

/// One question of [`Schema::questions`] and what its rows entail.
enum Question {
    /// Rows `?x`: each is of `class`.
    Typed { class: NamedNode, query: String },
    /// Rows `?s ?o`: each pair is related by `property`.
    Implied { property: NamedNode, query: String },
    /// Rows `?s`: each term of the schema is `property` (sub-class, sub-property) to all it
    /// refines, as the ontology's closure says.
    Closed { property: NamedNode, query: String },
}

impl Question {
    fn query(&self) -> &str {
        match self {
            Question::Typed { query, .. }
            | Question::Implied { query, .. }
            | Question::Closed { query, .. } => query,
        }
    }

    /// The statements the question's answer entails, without those the default graph states.
    fn answer(&self, store: &Store, schema: &Schema) -> Result<Vec<Triple>, StorageError> {
        let rows = crate::query::sparql::select(store, self.query())
            .map_err(|e| StorageError::Other(Box::new(e)))?
            .rows;
        let named = |t: &Option<Term>| match t {
            Some(Term::NamedNode(n)) => Some(n.clone()),
            _ => None,
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            match self {
                Question::Typed { class, .. } => {
                    if let Some(x) = named(&row[0]) {
                        out.push(Triple::new(x, rdf::TYPE, class.clone()));
                    }
                }
                Question::Implied { property, .. } => {
                    if let (Some(s), Some(o)) = (named(&row[0]), row[1].clone()) {
                        out.push(Triple::new(s, property.clone(), o));
                    }
                }
                Question::Closed { property, .. } => {
                    let Some(s) = named(&row[0]) else { continue };
                    let closure = if property.as_str() == SUB_CLASS {
                        &schema.super_classes
                    } else {
                        &schema.super_properties
                    };
                    for sup in closure.get(&s).into_iter().flatten() {
                        let t = Triple::new(s.clone(), property.clone(), sup.clone());
                        if !stated(store, &t)? {
                            out.push(t);
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

/// The entailed triples of the merged graph with the ontology that neither states, and that
/// are worth keeping (see [`worth_keeping`]), sorted.
pub fn entailments(store: &Store) -> Result<Vec<Triple>, StorageError> {
    let ontology = ontology::triples();
    let schema = Schema::of(ontology);
    let stated_in_ontology: HashSet<&Triple> = ontology.iter().collect();
    // The questions, on every core.
    let questions = schema.questions();
    let mut new: HashSet<Triple> = HashSet::new();
    let mut failed = None;
    crate::parallel::map_in_order(
        questions.len(),
        crate::parallel::threads(),
        |i| questions[i].answer(store, &schema),
        |_, found| match found {
            Ok(found) => new.extend(
                found
                    .into_iter()
                    .filter(|t| worth_keeping(t) && !stated_in_ontology.contains(t)),
            ),
            Err(e) => failed = failed.take().or(Some(e)),
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    // What the ontology entails of its own terms.
    let mut candidates = Vec::new();
    for t in ontology {
        schema.entailed_by(t.as_ref(), |t| candidates.push(t));
    }
    for t in candidates {
        if worth_keeping(&t) && !stated_in_ontology.contains(&t) && !stated(store, &t)? {
            new.insert(t);
        }
    }
    let mut new: Vec<Triple> = new.into_iter().collect();
    new.sort_by_cached_key(|t| t.to_string());
    Ok(new)
}

/// Recomputes the entailments if the sources, the ontology or this program changed since they
/// were last computed.
pub fn refresh(store: &Store, fingerprint_of_sources: &str) -> Result<Inferred, StorageError> {
    let g = INFERRED_FACTS;
    let fingerprint = sha256_hex(format!(
        "{fingerprint_of_sources}\n{}\n{}",
        sha256_hex(ONTOLOGY),
        crate::hash::BUILD_HASH
    ));
    if crate::store::recorded_hash(store, g)?.as_deref() == Some(fingerprint.as_str()) {
        return Ok(Inferred::default());
    }
    let started = std::time::Instant::now();
    let triples = entailments(store)?;
    let count = triples.len();
    tracing::debug!(
        triples = count,
        secs = started.elapsed().as_secs_f64(),
        "entailments found"
    );
    let quads: Vec<Quad> = triples
        .into_iter()
        .map(|t| Quad::new(t.subject, t.predicate, t.object, g))
        .collect();
    crate::store::write_computed(store, g, quads, &fingerprint)?;
    Ok(Inferred {
        recomputed: true,
        triples: count,
    })
}

/// Writes the vocabulary into its graph ([`VOCABULARY`]) when the ontology or this program
/// changed since it was last written: the labels and comments of every term, queryable
/// (`GRAPH <https://normgraph.org/ontology> { ?term rdfs:label ?label }`). Whether it wrote.
pub fn refresh_vocabulary(store: &Store) -> Result<bool, StorageError> {
    let fingerprint = sha256_hex(format!(
        "{}\n{}",
        sha256_hex(ONTOLOGY),
        crate::hash::BUILD_HASH
    ));
    if crate::store::recorded_hash(store, VOCABULARY)?.as_deref() == Some(fingerprint.as_str()) {
        return Ok(false);
    }
    let quads: Vec<Quad> = ontology::triples()
        .iter()
        .map(|t| {
            Quad::new(
                t.subject.clone(),
                t.predicate.clone(),
                t.object.clone(),
                VOCABULARY,
            )
        })
        .collect();
    crate::store::write_computed(store, VOCABULARY, quads, &fingerprint)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("http://example.org/{s}"))
    }

    fn t(s: &str, p: &str, o: &str) -> Triple {
        let p = match p {
            "a" => NamedNode::new_unchecked(RDF_TYPE),
            "sub" => NamedNode::new_unchecked(SUB_CLASS),
            "subp" => NamedNode::new_unchecked(SUB_PROPERTY),
            "domain" => NamedNode::new_unchecked(DOMAIN),
            "range" => NamedNode::new_unchecked(RANGE),
            other => n(other),
        };
        Triple::new(n(s), p, n(o))
    }

    fn entailed(schema: &Schema, triple: &Triple) -> Vec<String> {
        let mut out = Vec::new();
        schema.entailed_by(triple.as_ref(), |t| out.push(t.to_string()));
        out.sort();
        out
    }

    /// Each rule alone, on a schema where nothing else gives the same statement.
    #[test]
    fn each_rule_gives_what_it_should() {
        let schema = Schema::of(&[
            t("Resolution", "sub", "Document"),
            t("Document", "sub", "Entity"),
            t("sponsoredBy", "subp", "relatedTo"),
            t("relatedTo", "subp", "mentions"),
            t("sponsoredBy", "domain", "Text"),
            t("relatedTo", "range", "Agent"),
        ]);
        let show = |s: &str, p: &str, o: &str| t(s, p, o).to_string();
        // rdfs9 with rdfs11: every super-class, transitively.
        assert_eq!(
            entailed(&schema, &t("r", "a", "Resolution")),
            [show("r", "a", "Document"), show("r", "a", "Entity")]
        );
        // rdfs7 with rdfs5, rdfs2 on the property's own domain, rdfs3 on its super-property's
        // range.
        let mut expected = vec![
            show("x", "relatedTo", "y"),
            show("x", "mentions", "y"),
            show("x", "a", "Text"),
            show("y", "a", "Agent"),
        ];
        expected.sort();
        assert_eq!(entailed(&schema, &t("x", "sponsoredBy", "y")), expected);
        // The schema's own closure: rdfs11 and rdfs5, never a class its own super-class.
        assert_eq!(
            entailed(&schema, &t("Resolution", "sub", "Document")),
            [show("Resolution", "sub", "Entity")]
        );
        assert_eq!(
            entailed(&schema, &t("sponsoredBy", "subp", "relatedTo")),
            [show("sponsoredBy", "subp", "mentions")]
        );
        // A literal object is not typed by a range.
        let literal = Triple::new(
            n("x"),
            n("relatedTo"),
            oxigraph::model::Literal::new_simple_literal("y"),
        );
        assert_eq!(entailed(&schema, &literal).len(), 1);
    }

    #[test]
    fn cycles_in_the_schema_end() {
        let schema = Schema::of(&[t("A", "sub", "B"), t("B", "sub", "A")]);
        assert_eq!(
            entailed(&schema, &t("x", "a", "A")),
            [t("x", "a", "B").to_string()]
        );
    }

    #[test]
    fn the_axioms_of_rdf_and_a_resource_being_a_resource_are_left_out() {
        let resource = Triple::new(n("x"), NamedNode::new_unchecked(RDF_TYPE), rdfs::RESOURCE);
        assert!(!worth_keeping(&resource));
        let axiom = Triple::new(
            NamedNode::new_unchecked(RDF_TYPE),
            NamedNode::new_unchecked(RDF_TYPE),
            rdf::PROPERTY,
        );
        assert!(!worth_keeping(&axiom));
        assert!(worth_keeping(&t("x", "a", "Document")));
    }
}
