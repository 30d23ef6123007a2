//! The Akoma Ntoso extractor never panics, whatever the XML: it reads it or says what it expected.
#![no_main]

use libfuzzer_sys::fuzz_target;
use normgraph::extract::akn;
use normgraph::reference::states::StateTable;
use normgraph::reference::curated::Curated;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = akn::extract(s, StateTable::bundled(), Curated::bundled());
    }
});
