//! The plenary-record reader never panics, whatever the text after a record's heading: it reads
//! it or says what it expected. The heading is prepended so that every input reaches the reader
//! of records (and not the reader of resolutions or of committee reports).
#![no_main]

use libfuzzer_sys::fuzz_target;
use normgraph::extract::text;
use normgraph::reference::curated::Curated;
use normgraph::reference::states::StateTable;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let record = format!("A/74/PV.46\nGeneral Assembly\nSeventy-fourth session\n{s}");
        let _ = text::extract(&record, StateTable::bundled(), Curated::bundled());
    }
});
