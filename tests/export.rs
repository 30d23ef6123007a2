//! `normgraph export`: every format parses back to what the store holds, a document's graphs
//! alone, the canonical form identical whatever the order of ingest, the RDFS entailments
//! beside an independent reasoner's, and the command as a user runs it.

use crate::common;

use normgraph::export::{self, DumpFormat};
use normgraph::ingest;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphNameRef, Quad, Triple};
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    common::root()
}

fn build(store: &Store, data: &Path) {
    let summary = ingest::build(store, data, &common::iris(), false, |_| {}).unwrap();
    assert_eq!(summary.failed(), 0);
}

fn built() -> &'static common::Bundled {
    common::bundled()
}

fn parse(bytes: &[u8], format: RdfFormat) -> BTreeSet<String> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| q.unwrap_or_else(|e| panic!("{format}: {e}")).to_string())
        .collect()
}

fn merged(store: &Store) -> BTreeSet<String> {
    store
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .map(|q| q.unwrap().to_string())
        .collect()
}

#[test]
fn every_format_parses_back_to_what_the_store_holds() {
    let store = &built().store;
    // Every named graph but the answer tables, an index the dumps leave out.
    let answers =
        oxigraph::model::GraphName::NamedNode(normgraph::rdf::graphs::ANSWERS.into_owned());
    let named: BTreeSet<String> = store
        .iter()
        .map(|q| q.unwrap())
        .filter(|q: &Quad| !q.graph_name.is_default_graph() && q.graph_name != answers)
        .map(|q| q.to_string())
        .collect();
    let merged = merged(store);
    for (format, parser) in [
        (DumpFormat::NQuads, RdfFormat::NQuads),
        (DumpFormat::TriG, RdfFormat::TriG),
        (DumpFormat::Turtle, RdfFormat::Turtle),
        (DumpFormat::NTriples, RdfFormat::NTriples),
        (DumpFormat::RdfXml, RdfFormat::RdfXml),
        (
            DumpFormat::JsonLd,
            RdfFormat::JsonLd {
                profile: Default::default(),
            },
        ),
    ] {
        let mut out = Vec::new();
        let written = export::write(store, format, &[], &mut out).unwrap();
        let back = parse(&out, parser);
        let expected = if format.holds_graphs() {
            &named
        } else {
            &merged
        };
        assert_eq!(written.statements, expected.len(), "{format:?}");
        assert!(
            back == *expected,
            "{format:?}: the dump differs from the store"
        );
    }
    // Every source file has its graph, and the computed graphs are there too, but for the
    // answer tables (the store holds them).
    let graphs = export::named_graphs(store).unwrap();
    for g in normgraph::rdf::graphs::COMPUTED.map(|g| g.into_owned()) {
        let answers = g.as_ref() == normgraph::rdf::graphs::ANSWERS;
        assert_eq!(graphs.contains(&g), !answers, "{g}");
        assert!(store.contains_named_graph(&g).unwrap(), "{g}");
    }
}

#[test]
fn a_document_is_exported_alone_from_all_its_sources() {
    let store = &built().store;
    let graphs = export::graphs_named(store, "75/240").unwrap();
    // The French PDF text, the English PDF text and the XML in six languages.
    assert_eq!(graphs.len(), 8, "{graphs:?}");
    assert!(graphs
        .iter()
        .all(|g| g.as_str().contains("/source/A/RES/75/240/")));
    let mut out = Vec::new();
    let written = export::write(store, DumpFormat::NTriples, &graphs, &mut out).unwrap();
    let triples = parse(&out, RdfFormat::NTriples);
    // Each triple once, however many sources state it.
    assert_eq!(written.statements, triples.len());
    let union: BTreeSet<String> = graphs
        .iter()
        .flat_map(|g| {
            store
                .quads_for_pattern(None, None, None, Some(g.as_ref().into()))
                .map(|q| Triple::from(q.unwrap()).to_string())
        })
        .collect();
    assert_eq!(triples, union);
    assert_eq!(
        export::file::documents(store, &graphs).unwrap(),
        ["A/RES/75/240"]
    );
    for bad in [
        "A/RES/99/999",
        "https://normgraph.org/id/source/none",
        "hello",
    ] {
        let e = export::graphs_named(store, bad).unwrap_err().to_string();
        assert!(e.contains(bad) && e.contains("no such graph"), "{e}");
    }
}

fn canonical(store: &Store) -> (Vec<u8>, String) {
    let mut out = Vec::new();
    let (sha, _) = export::write_canonical(store, DumpFormat::NQuads, &[], &mut out).unwrap();
    (out, sha)
}

/// Two stores built from the same files in different orders (half of them first in one, all at
/// once in the other) give byte-identical canonical dumps.
#[test]
fn the_canonical_dump_is_the_same_whatever_the_order_of_ingest() {
    let dir = common::TempDir::new("canonical");
    let data = dir.0.join("data");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut todo = vec![root().join("data")];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    let copy = |files: &[&PathBuf]| {
        for f in files {
            let to = data.join(f.strip_prefix(root().join("data")).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(f, to).unwrap();
        }
    };
    // First store: the tables and every other document, from the end of the list; then the
    // rest. Second store: everything at once.
    let is_document = |f: &&PathBuf| {
        matches!(
            f.extension().and_then(|e| e.to_str()),
            Some("txt") | Some("xml")
        )
    };
    let documents: Vec<&PathBuf> = files.iter().filter(is_document).rev().collect();
    let first: Vec<&PathBuf> = files
        .iter()
        .filter(|f| !is_document(f))
        .chain(documents.iter().copied().step_by(2))
        .collect();
    let later: Vec<&PathBuf> = documents.iter().copied().skip(1).step_by(2).collect();
    assert!(!later.is_empty());
    copy(&first);
    let stepwise = Store::open(dir.0.join("stepwise")).unwrap();
    build(&stepwise, &data);
    copy(&later);
    build(&stepwise, &data);
    let at_once = Store::open(dir.0.join("at-once")).unwrap();
    build(&at_once, &data);
    let (a, sha_a) = canonical(&stepwise);
    let (b, sha_b) = canonical(&at_once);
    assert_eq!(sha_a, sha_b);
    assert!(a == b, "the canonical dumps differ");
    // Canonical N-Quads: sorted lines, each once, that parse back to the dataset.
    let lines: Vec<&[u8]> = a.split(|&c| c == b'\n').filter(|l| !l.is_empty()).collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(lines.len(), parse(&a, RdfFormat::NQuads).len());
    // The hash is that of the bytes.
    use sha2::Digest;
    assert_eq!(sha_a, normgraph::hash::hex(&sha2::Sha256::digest(&a)));
}

/// The RDFS entailments about the data, beside those of owlrl (PyPI; installed with pySHACL),
/// an independent RDFS reasoner, on the same merged graph and ontology. Skips, saying so,
/// without it.
#[test]
fn rdfs_entailments_about_the_data_match_an_independent_reasoner() {
    if !common::require::python("owlrl", "owlrl") || !common::require::python("rdflib", "rdflib") {
        return;
    }
    let store = &built().store;
    let dir = &built().dir.0;
    let graph = dir.join("merged.nt");
    let mut out = Vec::new();
    export::write(store, DumpFormat::NTriples, &[], &mut out).unwrap();
    std::fs::write(&graph, out).unwrap();
    let answer = Command::new("python3")
        .arg(root().join("tests/clients/rdfs_closure.py"))
        .arg(&graph)
        .arg(root().join("ontology/normgraph.ttl"))
        .arg(normgraph::rdf::DEFAULT_BASE)
        .output()
        .unwrap();
    assert!(
        answer.status.success(),
        "{}",
        String::from_utf8_lossy(&answer.stderr)
    );
    // Statements whose object is a resource. owlrl's literals are not to be trusted: rdflib
    // holds 1 and true as one node (Python's 1 == True), and owlrl's literal proxies give a
    // list of names tagged @ar back tagged @en as well. Ours go through the same rules
    // whatever the object.
    let resource = |t: &Triple| !matches!(t.object, oxigraph::model::Term::Literal(_));
    let theirs: BTreeSet<String> = RdfParser::from_format(RdfFormat::NTriples)
        .for_slice(&answer.stdout)
        .map(|q| Triple::from(q.unwrap()))
        .filter(resource)
        .map(|t| t.to_string())
        .collect();
    let ours: BTreeSet<String> = normgraph::compute::infer::entailments(store)
        .unwrap()
        .into_iter()
        .filter(|t| t.subject.to_string()[1..].starts_with(normgraph::rdf::DEFAULT_BASE))
        .filter(resource)
        .map(|t| t.to_string())
        .collect();
    let only_ours: Vec<_> = ours.difference(&theirs).take(5).collect();
    let only_theirs: Vec<_> = theirs.difference(&ours).take(5).collect();
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "only ours: {only_ours:#?}\nonly owlrl's: {only_theirs:#?}"
    );
    assert!(ours.len() > 1000, "{}", ours.len());
    // And the build stored them.
    let stored = store
        .quads_for_pattern(
            None,
            None,
            None,
            Some(normgraph::rdf::graphs::INFERRED_FACTS.into()),
        )
        .count();
    assert!(stored >= ours.len());
}

fn normgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_normgraph"))
}

#[test]
fn the_command_writes_a_dump_and_its_description_or_nothing() {
    let built = built();
    let out = built.dir.0.join("dump");
    std::fs::create_dir_all(&out).unwrap();
    // The store is open in this process too, read-only for the command.
    let store = built.dir.0.join("store");
    let file = out.join("75-240.nq");
    let run = normgraph()
        .args(["export", "--graph", "A/RES/75/240", "-o"])
        .arg(&file)
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let description = std::fs::read_to_string(out.join("75-240.nq.void.ttl")).unwrap();
    let described: Vec<Triple> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(description.as_bytes())
        .map(|q| Triple::from(q.unwrap()))
        .collect();
    let value = |p: &str| -> Vec<String> {
        described
            .iter()
            .filter(|t| t.predicate.as_str() == p)
            .map(|t| t.object.to_string())
            .collect()
    };
    let lines = std::fs::read_to_string(&file).unwrap().lines().count();
    assert_eq!(
        value("http://rdfs.org/ns/void#triples"),
        [format!(
            "\"{lines}\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        )]
    );
    assert_eq!(
        value("http://purl.org/dc/terms/source"),
        ["<https://undocs.org/A/RES/75/240>"]
    );
    assert_eq!(
        value("http://purl.org/dc/terms/license"),
        [format!("<{}>", export::LICENCE)]
    );
    // The canonical hash it gives is that of the canonical dump of the same graphs.
    let canonical = normgraph()
        .args(["export", "--canonical", "--graph", "75/240", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&canonical.stderr);
    let sha = printed
        .lines()
        .find_map(|l| l.strip_prefix("sha256 "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_else(|| panic!("{printed}"));
    assert_eq!(
        value(normgraph::rdf::vocab::ng::canonicalSha256.as_str()),
        [format!("\"{sha}\"")]
    );
    // --canonical is N-Quads: `--format nq` says so again and gives the same bytes; a format
    // that is no N-Quads is refused, naming what --canonical writes.
    let again = normgraph()
        .args([
            "export",
            "--canonical",
            "--format",
            "nq",
            "--graph",
            "75/240",
            "--store",
        ])
        .arg(&store)
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(again.stdout, canonical.stdout);
    let turtle = normgraph()
        .args(["export", "--canonical", "--format", "ttl", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(turtle.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&turtle.stderr).contains("--canonical writes N-Quads"),
        "{}",
        String::from_utf8_lossy(&turtle.stderr)
    );
    // A failed export leaves nothing behind.
    let failed = normgraph()
        .args(["export", "--graph", "A/RES/99/999", "-o"])
        .arg(out.join("nothing.nq"))
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("A/RES/99/999"));
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("nothing"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The context shipped in `ontology/` is the one computed from the ontology
/// (`NORMGRAPH_BLESS=1` rewrites it after a change to the ontology).
#[test]
fn the_shipped_context_is_the_ontologys() {
    let computed = normgraph::export::jsonld::JsonLdContext::of_ontology().document();
    let path = root().join("ontology/context.jsonld");
    if std::env::var_os("NORMGRAPH_BLESS").is_some() {
        std::fs::write(&path, &computed).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == computed,
        "ontology/context.jsonld is not the ontology's context: NORMGRAPH_BLESS=1 cargo test --test export rewrites it"
    );
    let v: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    // A few terms a reader meets first.
    assert_eq!(v["@context"]["symbol"], "ng:symbol");
    assert_eq!(
        v["@context"]["sponsor"],
        serde_json::json!({"@id": "ng:sponsor", "@type": "@id"})
    );
    assert_eq!(v["@context"]["doc"], "https://normgraph.org/id/doc/");
}

/// The JSON-LD dump, read by sophia's JSON-LD 1.1 processor (the json-ld crate), is the same
/// graph as the N-Triples dump: isomorphic, not merely of the same size.
#[test]
fn the_json_ld_dump_is_the_same_graph() {
    use sophia::api::parser::QuadParser;
    use sophia::api::source::QuadSource;
    use sophia::inmem::dataset::LightDataset;
    let store = &built().store;
    let (mut json, mut nt) = (Vec::new(), Vec::new());
    export::write(store, DumpFormat::JsonLd, &[], &mut json).unwrap();
    export::write(store, DumpFormat::NTriples, &[], &mut nt).unwrap();
    let text = String::from_utf8(json).unwrap();
    // Compacted: terms, not IRIs.
    assert!(
        text.contains("\"symbol\":\"A/RES/75/240\""),
        "{}",
        &text[..2000]
    );
    assert!(text.contains("\"@id\":\"doc:A/RES/75/240\""));
    let from_json: LightDataset = sophia::jsonld::JsonLdParser::new()
        .parse_str(&text)
        .collect_quads()
        .unwrap();
    let from_nt: LightDataset = sophia::turtle::parser::nq::NQuadsParser::new()
        .parse_str(std::str::from_utf8(&nt).unwrap())
        .collect_quads()
        .unwrap();
    use sophia::api::dataset::Dataset;
    assert_eq!(
        from_json.quads().count(),
        from_nt.quads().count(),
        "as many statements"
    );
    assert!(sophia::isomorphism::isomorphic_datasets(&from_json, &from_nt).unwrap());
    // One document's graphs too (the union, each statement once).
    let graphs = export::graphs_named(store, "A/C.1/73/L.37").unwrap();
    let (mut json, mut nt) = (Vec::new(), Vec::new());
    export::write(store, DumpFormat::JsonLd, &graphs, &mut json).unwrap();
    export::write(store, DumpFormat::NTriples, &graphs, &mut nt).unwrap();
    let from_json: LightDataset = sophia::jsonld::JsonLdParser::new()
        .parse_str(std::str::from_utf8(&json).unwrap())
        .collect_quads()
        .unwrap();
    let from_nt: LightDataset = sophia::turtle::parser::nq::NQuadsParser::new()
        .parse_str(std::str::from_utf8(&nt).unwrap())
        .collect_quads()
        .unwrap();
    assert!(sophia::isomorphism::isomorphic_datasets(&from_json, &from_nt).unwrap());
}

/// The bounded-memory canonical form (sorted runs spilled and merged) is byte for byte what
/// sophia's RDFC-1.0 gives: on the bundled graph, in runs of 64 KiB (hundreds of them), and on
/// literals with every character the canonical form escapes.
#[test]
fn canonical_by_sorting_is_sophias_rdfc10() {
    let store = &built().store;
    for (format, graphs) in [
        (DumpFormat::NQuads, vec![]),
        (DumpFormat::NTriples, vec![]),
        (
            DumpFormat::NTriples,
            export::graphs_named(store, "75/240").unwrap(),
        ),
    ] {
        let (mut sorted, mut sophia) = (Vec::new(), Vec::new());
        let (a, wa) = export::canonical_by_sorting(store, format, &graphs, &mut sorted, 64 << 10)
            .unwrap()
            .expect("no blank node");
        let (b, wb) = export::canonical_with_sophia(store, format, &graphs, &mut sophia).unwrap();
        assert!(
            sorted == sophia,
            "{format:?}: the two canonical forms differ"
        );
        assert_eq!((a, wa.statements), (b, wb.statements));
    }
    let tricky = Store::new().unwrap();
    let s = oxigraph::model::NamedNode::new("https://example.org/s").unwrap();
    let p = oxigraph::model::NamedNode::new("https://example.org/p").unwrap();
    let g = oxigraph::model::NamedNode::new("https://example.org/g").unwrap();
    for value in [
        "tab\there",
        "quote \" and backslash \\",
        "lines\nand\rreturns",
        "bell \u{7} escape \u{1b} delete \u{7f} backspace \u{8} feed \u{c}",
        "déjà vu 象",
    ] {
        for o in [
            oxigraph::model::Literal::new_simple_literal(value),
            oxigraph::model::Literal::new_language_tagged_literal(value, "en-GB").unwrap(),
            oxigraph::model::Literal::new_typed_literal(
                value,
                oxigraph::model::NamedNode::new("https://example.org/type").unwrap(),
            ),
        ] {
            tricky
                .insert(oxigraph::model::QuadRef::new(&s, &p, &o, &g))
                .unwrap();
        }
    }
    let (mut sorted, mut sophia) = (Vec::new(), Vec::new());
    export::canonical_by_sorting(&tricky, DumpFormat::NQuads, &[], &mut sorted, 1 << 20)
        .unwrap()
        .unwrap();
    export::canonical_with_sophia(&tricky, DumpFormat::NQuads, &[], &mut sophia).unwrap();
    assert_eq!(
        String::from_utf8(sorted).unwrap(),
        String::from_utf8(sophia).unwrap()
    );
    // A blank node: the sorting path declines, having written nothing.
    let b = oxigraph::model::BlankNode::default();
    tricky
        .insert(oxigraph::model::QuadRef::new(&b, &p, &s, &g))
        .unwrap();
    let mut nothing = Vec::new();
    assert!(
        export::canonical_by_sorting(&tricky, DumpFormat::NQuads, &[], &mut nothing, 1 << 20)
            .unwrap()
            .is_none()
    );
    assert!(nothing.is_empty());
}
