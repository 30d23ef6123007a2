//! Extraction: the text of a UN document in, records and diagnostics out.
//!
//! Pure: no I/O, no RDF. Two passes, as in `pulldown-cmark`: [`layout`] turns PDF text into body
//! lines and footnotes; then a reader of the kind of document cuts the lines into paragraphs and
//! reads their meaning. The readers share one reading layer ([`read`]: what is held while one
//! file is read, the cutting into paragraphs) and one set of patterns ([`patterns`]), and read
//! the same facts the same way whatever the source: citations ([`cite`]), bodies, agenda items,
//! State lists and dates ([`facts`]), who submitted a text ([`submitters`]). The records say where
//! each fact was read: the paragraph whose text is quoted as provenance.
//!
//! The kinds of source: PDF text ([`text`], which hands a resolution to [`resolution`], a First
//! Committee report to [`committee`] and a plenary verbatim record to [`plenary`], the last two
//! reading their recorded votes through [`votes`]) and the UN's Akoma Ntoso XML ([`akn`],
//! through [`xml`]). [`expected`] prints the records as the fixture files pin them.

pub mod akn;
pub mod cite;
pub mod committee;
pub mod expected;
pub mod facts;
pub mod lang;
pub mod layout;
pub mod patterns;
pub mod plenary;
pub mod read;
pub mod resolution;
pub mod submitters;
pub mod text;
pub mod votes;
pub mod xml;

use crate::records::{ErrorKind, ExtractError, Extraction, SourceFormat};
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;

/// Reads a document of `format` into its records. `states` resolves the names it prints;
/// `curated` supplies what it does not print (a report's own symbol, the GGE report of a year).
pub fn extract(
    text: &str,
    format: SourceFormat,
    states: &StateTable,
    curated: &Curated,
) -> Result<Extraction, ExtractError> {
    // An empty file (one of the UN's XML files of 74/28 in Russian is 0 bytes) is said to be
    // empty, not "not well-formed" or "not a UN document".
    if text.trim().is_empty() {
        return Err(ExtractError::new(
            1,
            ErrorKind::Unrecognised,
            "the file is empty: expected the text of a UN document (PDF text or Akoma Ntoso XML)",
        ));
    }
    match format {
        SourceFormat::Akn => akn::extract(text, states, curated),
        SourceFormat::Text => text::extract(text, states, curated),
    }
}
