//! Why a file was refused, typed: what kind of problem (what the summary of a build groups
//! refusals by, and what a program reads), where, and the particulars as a person reads them.
//! A refusal never stops the build: the file's graph stays as it was, the other files go on.

use crate::records::{ErrorKind, ExtractError};
use std::fmt;

/// The kinds of refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefusalKind {
    /// The file could not be read.
    Unreadable,
    /// Its content makes no sense as a document of its format (see [`ErrorKind`]).
    Content(ErrorKind),
    /// Another file of the folder describes the same document in the same language.
    Duplicate,
    /// The store refused the graph (it is left as it was).
    Store,
    /// A bug in normgraph while reading the file (caught; the build went on).
    Internal,
}

impl RefusalKind {
    /// What the kind says, in the words of a summary.
    pub fn describe(self) -> &'static str {
        match self {
            RefusalKind::Unreadable => "the file could not be read",
            RefusalKind::Content(kind) => kind.describe(),
            RefusalKind::Duplicate => {
                "another file describes the same document in the same language; one source per document and language"
            }
            RefusalKind::Store => "the store refused the graph",
            RefusalKind::Internal => "an internal error of normgraph (please report it with the file)",
        }
    }
}

/// A file refused: its kind, the line where the reader stopped (when there is one), and what
/// was expected there or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub line: Option<usize>,
    pub detail: String,
}

impl Refusal {
    pub fn new(kind: RefusalKind, detail: impl Into<String>) -> Self {
        Refusal {
            kind,
            line: None,
            detail: detail.into(),
        }
    }
}

impl From<ExtractError> for Refusal {
    fn from(e: ExtractError) -> Self {
        Refusal {
            kind: RefusalKind::Content(e.kind),
            line: Some(e.line),
            detail: e.message,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.detail),
            None => f.write_str(&self.detail),
        }
    }
}
