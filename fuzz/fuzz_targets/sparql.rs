//! Any text as a SPARQL query, through what `/sparql` and `normgraph sparql` do with it before
//! and while they evaluate it: the depth guard (`src/query/guard.rs`, included as it is), then
//! Oxigraph's parser and evaluator on the guard's stack, over a small in-memory graph. Must
//! never crash: a query is refused, fails, or answers (its first 1,000 rows are read).

#![no_main]

use libfuzzer_sys::fuzz_target;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedNodeRef, QuadRef, TermRef};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::sync::OnceLock;

#[path = "../../src/query/guard.rs"]
#[allow(dead_code)]
mod guard;

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = Store::new().unwrap();
        let n = |s| NamedNodeRef::new_unchecked(s);
        let doc = n("https://normgraph.org/id/doc/A/RES/75/240");
        let cites = n("http://purl.org/spar/cito/cites");
        let symbol = n("https://normgraph.org/ontology#symbol");
        let triples: [(NamedNodeRef<'_>, NamedNodeRef<'_>, TermRef<'_>); 4] = [
            (doc, symbol, LiteralRef::new_simple_literal("A/RES/75/240").into()),
            (doc, cites, n("https://normgraph.org/id/doc/A/RES/73/27").into()),
            (
                n("https://normgraph.org/id/doc/A/RES/73/27"),
                cites,
                n("https://normgraph.org/id/doc/A/70/174").into(),
            ),
            (
                doc,
                n("http://purl.org/dc/terms/title"),
                LiteralRef::new_language_tagged_literal_unchecked("Développements", "fr").into(),
            ),
        ];
        for (s, p, o) in triples {
            store
                .insert(QuadRef::new(s, p, o, GraphNameRef::DefaultGraph))
                .unwrap();
        }
        store
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    if guard::check(query).is_err() {
        return;
    }
    guard::on_query_stack(|| {
        let Ok(prepared) = SparqlEvaluator::new().parse_query(query) else {
            return;
        };
        match prepared.on_store(store()).execute() {
            Ok(QueryResults::Solutions(rows)) => rows.take(1000).for_each(drop),
            Ok(QueryResults::Graph(triples)) => triples.take(1000).for_each(drop),
            Ok(QueryResults::Boolean(_)) | Err(_) => {}
        }
    });
});
