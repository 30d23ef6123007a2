//! `build` as a user meets it: twice gives the same graph, a changed file replaces only its
//! graph, a broken file is refused with its line and leaves the store as it was.

use crate::common;

use normgraph::ingest::{self, Outcome, RefusalKind};
use normgraph::rdf::Iris;
use oxigraph::model::{GraphName, Triple};
use oxigraph::store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A scratch folder with a `docs/` folder to build, removed on drop.
struct Scratch {
    root: PathBuf,
    docs: PathBuf,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn scratch(name: &str) -> Scratch {
    let root = std::env::temp_dir().join(format!("normgraph-build-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let docs = root.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    Scratch { root, docs }
}

/// What became of the file of that name in a build.
fn outcome_of(summary: &ingest::BuildSummary, name: &str) -> Outcome {
    summary
        .files
        .iter()
        .find(|(p, _)| p.ends_with(name))
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| panic!("{name} is not in the build: {:?}", summary.files))
}

fn seed(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/seeds")
            .join(name),
    )
    .unwrap()
}

/// The default graph must stay the set union of the source graphs through every change (the
/// derived facts and the entailments stand apart).
fn assert_merge_kept(store: &Store) {
    let (mut merged, mut named) = (BTreeSet::new(), BTreeSet::new());
    let computed = normgraph::rdf::graphs::COMPUTED.map(|g| GraphName::NamedNode(g.into_owned()));
    for q in store.iter() {
        let q = q.unwrap();
        if computed.contains(&q.graph_name) {
            continue;
        }
        let is_default = q.graph_name == GraphName::DefaultGraph;
        let t = Triple::from(q).to_string();
        if is_default {
            merged.insert(t);
        } else {
            named.insert(t);
        }
    }
    let extra: Vec<_> = merged.difference(&named).take(3).collect();
    let missing: Vec<_> = named.difference(&merged).take(3).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "default graph has {extra:?} that no source states, lacks {missing:?}"
    );
}

fn iris() -> Iris {
    Iris::new("https://example.org/ng/").unwrap()
}

#[test]
fn building_twice_gives_the_same_graph_and_skips_unchanged_files() {
    let scratch = scratch("twice");
    let docs = &scratch.docs;
    std::fs::write(docs.join("a.txt"), seed("A_RES_75_240.fr.txt")).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    let first = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    assert!(matches!(first.files[0].1, Outcome::Ingested { .. }));
    let mut before: Vec<String> = store.iter().map(|q| q.unwrap().to_string()).collect();
    let second = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    assert!(
        matches!(second.files[0].1, Outcome::Unchanged { .. }),
        "{:?}",
        second.files
    );
    let mut after: Vec<String> = store.iter().map(|q| q.unwrap().to_string()).collect();
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

#[test]
fn a_broken_file_is_refused_with_its_line_and_the_store_keeps_what_it_had() {
    let scratch = scratch("broken");
    let docs = &scratch.docs;
    let good = seed("A_RES_75_240.fr.txt");
    std::fs::write(docs.join("75_240.txt"), &good).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    let len_before = store.len().unwrap();

    // The same file, cut before its operative paragraphs: no longer a resolution it can read.
    let cut = good.split(" 1. Décide").next().unwrap().to_owned();
    std::fs::write(docs.join("75_240.txt"), &cut).unwrap();
    let summary = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    match &summary.files[0].1 {
        Outcome::Failed(refusal) => {
            let reason = refusal.to_string();
            assert!(
                reason.starts_with("line ") && reason.contains("operative"),
                "{reason}"
            );
            assert_eq!(
                refusal.kind,
                normgraph::ingest::RefusalKind::Content(normgraph::records::ErrorKind::MissingPart)
            );
        }
        other => panic!("expected a failure, got {other:?}"),
    }
    assert_eq!(
        store.len().unwrap(),
        len_before,
        "the failed ingest changed the store"
    );
}

/// One unknown name loses nothing: the sponsor is kept as printed, without a State, flagged
/// with its line and the nearest known names, and every other fact of the file is read.
#[test]
fn an_unknown_state_is_kept_as_printed_naming_the_line_and_the_nearest_names() {
    let states = normgraph::reference::states::StateTable::bundled();
    let curated = normgraph::reference::curated::Curated::bundled();
    let original = seed("A_73_505.fr.txt");
    let text = original.replace(
        "Samoa, Sierra Leone, Suriname",
        "Samoa, Sierra Leon, Suriname",
    );
    assert_ne!(text, original, "the fixture edit must change the file");
    let x = normgraph::extract::text::extract(&text, states, curated).unwrap();
    let flagged: Vec<_> = x
        .warnings
        .iter()
        .filter(|w| w.kind == normgraph::records::DiagnosticKind::UnknownName)
        .collect();
    assert_eq!(flagged.len(), 1, "{:?}", x.warnings);
    assert_eq!(flagged[0].line, 39);
    assert!(
        flagged[0].message.contains("\"Sierra Leon\"")
            && flagged[0].message.contains("Sierra Leone"),
        "{}",
        flagged[0].message
    );
    let draft = &x.documents[1];
    let [unresolved] = &draft.unresolved_sponsors[..] else {
        panic!("one unresolved sponsor: {:?}", draft.unresolved_sponsors);
    };
    assert_eq!(unresolved.printed, "Sierra Leon");
    assert_eq!(unresolved.role, normgraph::records::SponsorRole::Original);
    let para = &x.paragraphs[unresolved.para];
    assert!(
        para.text.contains("Sierra Leon, Suriname"),
        "kept with the paragraph that prints it, not {para:?}"
    );
    // Everything else is as in the unedited file: one sponsor fewer, the same votes.
    let whole = normgraph::extract::text::extract(&original, states, curated).unwrap();
    assert_eq!(draft.sponsors.len() + 1, whole.documents[1].sponsors.len());
    assert_eq!(draft.votes, whole.documents[1].votes);
    assert_eq!(x.documents.len(), whole.documents.len());
}

#[test]
fn a_changed_file_replaces_only_its_own_graph() {
    let scratch = scratch("changed");
    let docs = &scratch.docs;
    std::fs::write(docs.join("fr.txt"), seed("A_RES_75_240.fr.txt")).unwrap();
    std::fs::write(docs.join("505.txt"), seed("A_73_505.fr.txt")).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    let changed = seed("A_RES_75_240.fr.txt").replace(
        "74/29 \n\ndu 12 décembre 2019",
        "74/29 \n\ndu 13 décembre 2019",
    );
    assert_ne!(
        changed,
        seed("A_RES_75_240.fr.txt"),
        "the fixture edit must change the file"
    );
    std::fs::write(docs.join("fr.txt"), changed).unwrap();
    let s = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    let outcomes: Vec<&str> = s
        .files
        .iter()
        .map(|(_, o)| match o {
            Outcome::Ingested { .. } => "ingested",
            Outcome::Unchanged { .. } => "unchanged",
            Outcome::Copy { .. } => "copy",
            Outcome::Failed { .. } => "failed",
        })
        .collect();
    assert_eq!(outcomes, ["unchanged", "ingested"]);
    let dates = normgraph::query::sparql::select_text(
        &store,
        r#"SELECT ?d WHERE { ?c cito:hasCitedEntity/ng:symbol "A/RES/74/29" ; ng:printedDate ?d }"#,
    )
    .unwrap();
    assert_eq!(dates.concat(), ["2019-12-13"]);
    assert_merge_kept(&store);
}

#[test]
fn graphs_of_files_gone_from_the_folder_are_listed_then_pruned_on_request() {
    let scratch = scratch("prune");
    let docs = &scratch.docs;
    std::fs::write(docs.join("fr.txt"), seed("A_RES_75_240.fr.txt")).unwrap();
    std::fs::write(docs.join("505.txt"), seed("A_73_505.fr.txt")).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    std::fs::remove_file(docs.join("505.txt")).unwrap();
    let kept = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    assert_eq!(kept.stale.len(), 1);
    assert_eq!(kept.stale[0].1, "505.txt");
    assert!(!kept.pruned);
    let graph = oxigraph::model::NamedNode::new(&kept.stale[0].0).unwrap();
    assert!(store.contains_named_graph(&graph).unwrap());
    let pruned = ingest::build(&store, docs, &iris(), true, |_| {}).unwrap();
    assert!(pruned.pruned);
    assert!(!store.contains_named_graph(&graph).unwrap());
    assert_eq!(
        store
            .quads_for_pattern(None, None, None, Some(graph.as_ref().into()))
            .count(),
        0
    );
    // What only the pruned source stated (the First Committee votes) left the merge too.
    let votes = normgraph::query::sparql::select_text(
        &store,
        "SELECT ?e WHERE { ?e ng:votingBody ng:FirstCommittee }",
    )
    .unwrap();
    assert!(votes.is_empty(), "{votes:?}");
    assert_merge_kept(&store);
}

/// Every quad of the store as text, the files' hashes left out (they differ by design).
fn dataset_without_hashes(store: &Store) -> BTreeSet<String> {
    store
        .iter()
        .map(|q| q.unwrap())
        .filter(|q| !q.predicate.as_str().ends_with("#sha256"))
        .map(|q| q.to_string())
        .collect()
}

#[test]
fn new_graphs_bulk_loaded_and_replaced_graphs_give_the_same_dataset() {
    // A fresh store takes new graphs through Oxigraph's bulk loader; a store that already has
    // them replaces them through transactions. Both must write the same quads.
    let scratch = scratch("paths");
    let docs = &scratch.docs;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let files = ingest::documents_in(&data).unwrap();
    let picked: Vec<&PathBuf> = files
        .iter()
        .filter(|f| {
            let name = f.to_string_lossy();
            name.contains("seeds/")
                || name.contains("akn/English/75_240")
                || name.contains("akn/French/75_240")
        })
        .collect();
    assert!(
        picked.len() >= 4,
        "expected the seeds and 75/240 in two languages: {picked:?}"
    );
    for (i, f) in picked.iter().enumerate() {
        let ext = f.extension().unwrap().to_string_lossy();
        std::fs::copy(f, docs.join(format!("{i}.{ext}"))).unwrap();
    }
    let fresh = Store::open(scratch.root.join("fresh")).unwrap();
    ingest::build(&fresh, docs, &iris(), false, |_| {}).unwrap();

    // The second store first holds each file with a blank line more (another hash, the same
    // graph), so that building the real files replaces every graph.
    let replaced = Store::open(scratch.root.join("replaced")).unwrap();
    let real: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(docs)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    for (p, bytes) in &real {
        let mut changed = bytes.clone();
        changed.extend_from_slice(b"\n");
        std::fs::write(p, changed).unwrap();
    }
    ingest::build(&replaced, docs, &iris(), false, |_| {}).unwrap();
    for (p, bytes) in &real {
        std::fs::write(p, bytes).unwrap();
    }
    let second = ingest::build(&replaced, docs, &iris(), false, |_| {}).unwrap();
    assert!(
        second
            .files
            .iter()
            .all(|(_, o)| matches!(o, Outcome::Ingested { .. })),
        "the second build replaced every graph: {:?}",
        second.files
    );
    assert_merge_kept(&fresh);
    assert_merge_kept(&replaced);
    let (a, b) = (
        dataset_without_hashes(&fresh),
        dataset_without_hashes(&replaced),
    );
    let only_fresh: Vec<_> = a.difference(&b).take(3).collect();
    let only_replaced: Vec<_> = b.difference(&a).take(3).collect();
    assert!(
        only_fresh.is_empty() && only_replaced.is_empty(),
        "bulk path only: {only_fresh:?}; transaction path only: {only_replaced:?}"
    );
}

#[test]
fn a_vote_list_that_misses_a_name_is_reported_with_its_file_and_the_difference() {
    // The real 75/240 XML with one abstaining State taken out of its list: the file prints 21
    // abstentions and now names 20.
    let scratch = scratch("totals");
    let xml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/akn/English/75_240_E.xml"),
    )
    .unwrap();
    let angola = r#"<organization refersTo="memberState">ANGOLA</organization>"#;
    let abstaining = xml.find(r#"refersTo="abstaining""#).unwrap();
    let at = abstaining + xml[abstaining..].find(angola).unwrap();
    let mutated = format!("{}{}", &xml[..at], &xml[at + angola.len()..]);
    std::fs::write(scratch.docs.join("one-short.xml"), mutated).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    ingest::build(&store, &scratch.docs, &iris(), false, |_| {}).unwrap();
    let r = normgraph::check::consistency(&store).unwrap();
    assert_eq!(r.total_mismatches.len(), 1, "{:?}", r.total_mismatches);
    let m = &r.total_mismatches[0];
    assert!(
        m.starts_with("A/RES/75/240 (GeneralAssemblyPlenary) in one-short.xml: printed 92/50/21"),
        "{m}"
    );
    assert!(
        m.ends_with("the lists give 92/50/20; abstain: 1 name(s) fewer than the printed total"),
        "{m}"
    );
}

#[test]
fn resolutions_with_more_than_26_sub_items_and_restarted_numbering_get_unique_valid_iris() {
    // 74/126 (French) lists sub-items past "(z)"; 75/253 restarts its paragraph numbers in each
    // of its parts. Read from the shared corpus.
    let Some(corpus) = common::require::shared("corpus/unxml") else {
        return;
    };
    let files = [
        corpus.join("74/French/74_126_F.xml"),
        corpus.join("75/English/75_253_E.xml"),
    ];
    let scratch = scratch("ids");
    for f in &files {
        std::fs::copy(f, scratch.docs.join(f.file_name().unwrap())).unwrap();
    }
    let store = Store::open(scratch.root.join("store")).unwrap();
    let summary = ingest::build(&store, &scratch.docs, &iris(), false, |_| {}).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    common::assert_round_trips_through_nquads(&store);
    // One line per paragraph: no two paragraphs share an id.
    let shared: Vec<String> = normgraph::query::sparql::select_text(
        &store,
        "SELECT ?p WHERE { ?p ng:line ?a, ?b FILTER(?a < ?b) } LIMIT 3",
    )
    .unwrap()
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert!(shared.is_empty(), "paragraphs sharing an id: {shared:?}");
}

#[test]
fn an_unchanged_file_is_read_again_when_the_code_that_reads_it_has_changed() {
    // Each graph records the build of normgraph that wrote it (`ng:builtWith`); a graph from
    // another build is rebuilt even though its file has not changed.
    let scratch = scratch("rebuilt");
    let docs = &scratch.docs;
    std::fs::write(docs.join("a.txt"), seed("A_RES_75_240.fr.txt")).unwrap();
    std::fs::write(docs.join("b.txt"), seed("A_73_505.fr.txt")).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    // As if a.txt had been built by an older normgraph.
    store
        .update(
            r#"PREFIX ng: <https://normgraph.org/ontology#>
               DELETE { GRAPH ?g { ?g ng:builtWith ?b } } INSERT { GRAPH ?g { ?g ng:builtWith "older" } }
               WHERE { GRAPH ?g { ?g ng:file "a.txt" ; ng:builtWith ?b } }"#,
        )
        .unwrap();
    let again = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    let outcome = |name: &str| outcome_of(&again, name);
    assert!(
        matches!(outcome("a.txt"), Outcome::Ingested { .. }),
        "{:?}",
        again.files
    );
    assert!(
        matches!(outcome("b.txt"), Outcome::Unchanged { .. }),
        "{:?}",
        again.files
    );
    assert_merge_kept(&store);
}

#[test]
fn a_copy_of_a_file_is_read_once_and_another_text_of_the_same_document_is_refused() {
    // The UN's XML of session 75 holds 75_274_F.xml in both its English and its French
    // folder, byte for byte: a copy is no second source. Another text of the same document in
    // the same language is: one source per document and language.
    let scratch = scratch("copies");
    let docs = &scratch.docs;
    let text = seed("A_RES_75_240.fr.txt");
    std::fs::write(docs.join("a.txt"), &text).unwrap();
    std::fs::write(docs.join("b.txt"), &text).unwrap();
    let edited = text.replacen("3. Décide également", "3. Décide en outre", 1);
    assert_ne!(edited, text, "the fixture edit must change the file");
    std::fs::write(docs.join("c.txt"), edited).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    for round in ["first", "second"] {
        let summary = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
        let outcome = |name: &str| outcome_of(&summary, name);
        assert!(
            matches!(
                outcome("a.txt"),
                Outcome::Ingested { .. } | Outcome::Unchanged { .. }
            ),
            "{round}: {:?}",
            summary.files
        );
        assert_eq!(
            outcome("b.txt"),
            Outcome::Copy {
                of: docs.join("a.txt")
            },
            "{round}"
        );
        match outcome("c.txt") {
            Outcome::Failed(r) => {
                assert_eq!(r.kind, RefusalKind::Duplicate, "{round}: {r}");
                assert!(r.detail.contains("a.txt"), "{round}: {r}");
            }
            other => panic!("{round}: c.txt: {other:?}"),
        }
        let per_file = |name: &str| {
            summary
                .warnings
                .iter()
                .filter(|(p, _)| p.ends_with(name))
                .count()
        };
        assert_eq!(
            per_file("b.txt"),
            0,
            "{round}: a copy's warnings are its original's"
        );
    }
    assert_merge_kept(&store);
}

#[test]
fn the_file_that_holds_a_documents_graph_keeps_it_whatever_the_names_of_others() {
    // A variant of an established source, under a name that sorts before it or after it, does
    // not take its graph over: it is refused, naming the file that holds it, in both cases.
    let scratch = scratch("established");
    let docs = &scratch.docs;
    let text = seed("A_RES_75_240.fr.txt");
    std::fs::write(docs.join("m.txt"), &text).unwrap();
    let store = Store::open(scratch.root.join("store")).unwrap();
    ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    let edited = text.replacen("3. Décide également", "3. Décide en outre", 1);
    assert_ne!(edited, text);
    for variant in ["a.txt", "z.txt"] {
        std::fs::write(docs.join(variant), &edited).unwrap();
        let summary = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
        match outcome_of(&summary, variant) {
            Outcome::Failed(r) => {
                assert_eq!(r.kind, RefusalKind::Duplicate, "{variant}: {r}");
                assert!(r.detail.contains("m.txt"), "{variant}: {r}");
            }
            other => panic!("{variant}: {other:?}"),
        }
        assert!(
            matches!(outcome_of(&summary, "m.txt"), Outcome::Unchanged { .. }),
            "{variant}: {:?}",
            summary.files
        );
        let files: Vec<String> = normgraph::store::manifests(&store)
            .unwrap()
            .into_iter()
            .map(|m| m.file)
            .collect();
        assert_eq!(files, ["m.txt"], "{variant}");
        // A copy of the established file under a name that sorts first is only a copy.
        std::fs::remove_file(docs.join(variant)).unwrap();
    }
    std::fs::write(docs.join("0.txt"), &text).unwrap();
    let summary = ingest::build(&store, docs, &iris(), false, |_| {}).unwrap();
    assert_eq!(
        outcome_of(&summary, "0.txt"),
        Outcome::Copy {
            of: docs.join("m.txt")
        }
    );
    assert_merge_kept(&store);
}
