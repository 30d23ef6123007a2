//! Minting IRIs: deterministic, under one configurable base, never a blank node, so that the
//! same fact read twice is the same node and re-reading a document replaces exactly its graph.
//!
//! Under the base `B`:
//! - documents `B doc/{symbol}` (spaces dropped: `doc/A/RES/43/78H`), States `B state/{ISO3}`,
//!   plenary meetings `B meeting/{session}/plenary/{number}`, the bodies resolutions set up
//!   `B body/{key}` (`body/gge/2004`);
//! - facts under their document: `…/citation/{paragraph}/{target}`, `…/sponsorship/{ISO3}`,
//!   `…/vote/{body}` and `…/vote/{body}/{ISO3}` (a separate vote on a paragraph
//!   `…/vote/{body}/pp2/…`), `…/adoption/{body}` (adopted without a vote), `…/norm/{1.5}`;
//! - sources `B source/{symbol}/{lang}-{format}` (also the name of their graph) and their
//!   paragraphs `…/p/{paragraph}`.

use crate::records::SourceFormat;
use crate::reference::symbol::Symbol;
use oxigraph::model::NamedNode;

/// The default base under which data IRIs are minted.
pub const DEFAULT_BASE: &str = "https://normgraph.org/id/";

/// A base that is no IRI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid base IRI {base}: {reason}")]
pub struct InvalidBase {
    pub base: String,
    pub reason: String,
}

/// Mints IRIs under one base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Iris {
    pub fn new(base: &str) -> Result<Self, InvalidBase> {
        let base = if base.ends_with('/') || base.ends_with('#') {
            base.to_owned()
        } else {
            format!("{base}/")
        };
        NamedNode::new(format!("{base}x")).map_err(|e| InvalidBase {
            base: base.clone(),
            reason: e.to_string(),
        })?;
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

    /// A plenary meeting of the General Assembly: `meeting/{session}/plenary/{number}`, one
    /// node whichever source (a resolution, the record of the meeting) names it.
    pub fn plenary_meeting(&self, session: u32, number: u32) -> NamedNode {
        self.node(&format!("meeting/{session}/plenary/{number}"))
    }

    /// A body a resolution sets up (a group of governmental experts, a working group):
    /// `body/{key}` ("body/gge/2004", "body/oewg/2021"), one node whichever resolution names it.
    pub fn body(&self, key: &str) -> NamedNode {
        self.node(&format!("body/{}", segment(key)))
    }

    /// A clause verb, a concept of the scheme `verb` ("verb/welcoming").
    pub fn clause_verb(&self, concept: &str) -> NamedNode {
        self.node(&format!("verb/{}", segment(concept)))
    }

    /// The scheme of the clause verbs.
    pub fn clause_verbs(&self) -> NamedNode {
        self.node("verb")
    }

    /// A node under another: `{parent}/{path}`.
    pub fn under(&self, parent: &NamedNode, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}/{path}", parent.as_str()))
    }

    /// A norm of paragraph 13 of A/70/174: `doc/A/70/174/norm/13(a)`.
    pub fn gge_norm(&self, paragraph: &str) -> NamedNode {
        self.node(&format!("doc/A/70/174/norm/{paragraph}"))
    }

    /// The pair of States whose votes the derived facts compare: `derived/pair/{A}/{B}`.
    pub fn state_pair(&self, a: &str, b: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}derived/pair/{a}/{b}", self.base))
    }
}

/// A path segment safe in an IRI: what RFC 3987 allows unescaped in a path is kept ("op2(a)",
/// "workflow/additional-sponsors-1"), anything else is percent-encoded.
pub fn segment(s: &str) -> String {
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
