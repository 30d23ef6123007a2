//! Plain text of a UN PDF: the language, the first pass ([`super::layout`]), then the
//! reader of the kind of document the text is: a resolution (its number line "75/240." opens the
//! text, [`resolution`](super::resolution)) or a committee report ("Rapport de la Première
//! Commission", [`committee`](super::committee)). Anything else is refused with the line and
//! what was expected.

use super::committee::is_committee_report_title;
use super::lang::Lang;
use super::layout;
use super::patterns::RESOLUTION_NUMBER;
use super::plenary::record_symbol;
use super::read::Reading;
use crate::records::*;
use crate::reference::curated::Curated;
use crate::reference::states::StateTable;

/// Reads one text file. `curated` supplies what the text does not print (a report's own symbol,
/// the GGE report of a year).
pub fn extract(
    text: &str,
    states: &StateTable,
    curated: &Curated,
) -> Result<Extraction, ExtractError> {
    let lang = Lang::detect(text).ok_or_else(|| ExtractError::new(
        1,
        ErrorKind::Unrecognised,
        "expected a UN document in French or English (no \"Assemblée générale\" or \"General Assembly\" found)",
    ))?;
    let layout = layout::layout(text, |l| lang.is_assembly_opening(l));
    if layout.lines.is_empty() {
        return Err(ExtractError::new(
            1,
            ErrorKind::Unrecognised,
            "expected text, found an empty document",
        ));
    }
    let mut cx = Reading::new(lang, states, curated, layout.footnotes);
    let lines = layout.lines;
    let documents = if let Some(symbol) = record_symbol(&lines) {
        cx.plenary_record(&lines, symbol)?
    } else if let Some(pos) = lines
        .iter()
        .position(|l| RESOLUTION_NUMBER.is_match(&l.text))
    {
        cx.resolution(&lines, pos)?
    } else if let Some(pos) = lines
        .iter()
        .position(|l| is_committee_report_title(&l.text))
    {
        cx.committee_report(&lines, pos)?
    } else {
        return Err(ExtractError::new(
            lines[0].no,
            ErrorKind::Unrecognised,
            "expected a resolution number line (\"75/240.\"), a committee report heading (\"Rapport de la Première Commission\", \"Report of the First Committee\") or the symbol of a plenary record (\"A/74/PV.46\")",
        ));
    };
    Ok(Extraction {
        format: SourceFormat::Text,
        language: lang.code().to_owned(),
        documents,
        paragraphs: cx.paragraphs,
        warnings: cx.warnings,
    })
}
