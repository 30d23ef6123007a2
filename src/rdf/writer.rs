//! The quads of one graph as they are collected, and the literals they carry.

use crate::records::Date;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

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

    pub fn add(&mut self, s: &NamedNode, p: NamedNodeRef<'_>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p, o, self.graph.clone()));
    }

    /// `s a class`.
    pub fn a(&mut self, s: &NamedNode, class: NamedNodeRef<'_>) {
        self.add(s, rdf::TYPE, class.into_owned());
    }
}

pub fn lit(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

pub fn lang_lit(s: &str, lang: &str) -> Term {
    Literal::new_language_tagged_literal_unchecked(s, lang).into()
}

pub fn int(n: impl Into<i64>) -> Term {
    Literal::new_typed_literal(n.into().to_string(), xsd::INTEGER).into()
}

pub fn date(d: Date) -> Term {
    Literal::new_typed_literal(d.to_string(), xsd::DATE).into()
}

pub fn boolean(b: bool) -> Term {
    Literal::new_typed_literal(if b { "true" } else { "false" }, xsd::BOOLEAN).into()
}

pub fn year(y: i32) -> Term {
    Literal::new_typed_literal(format!("{y:04}"), xsd::G_YEAR).into()
}

pub fn any_uri(s: &str) -> Term {
    Literal::new_typed_literal(s, xsd::ANY_URI).into()
}
