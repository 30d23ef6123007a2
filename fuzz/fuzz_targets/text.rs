//! The PDF-text extractor never panics, whatever the text: it reads it or says what it expected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use normgraph::extract::text;
use normgraph::reference::states::StateTable;
use normgraph::reference::curated::Curated;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = text::extract(s, StateTable::bundled(), Curated::bundled());
    }
});
