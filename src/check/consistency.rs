//! The consistency report: what the built graph says against itself. Printed totals against
//! the State lists, sponsors who did not vote yes, and facts on which two sources of the same
//! document disagree (75/240 is read from its French and its English text).
//!
//! Every check is a SPARQL query over the store, so what the report says can be checked by
//! anyone with the same query. They run on the default graph, the merge of the source graphs
//! (a fact once, however many sources state it); GRAPH reaches the sources themselves.

use crate::query::sparql::select_text as select;
use crate::query::SparqlError;
use oxigraph::store::Store;

/// What the consistency check found. ("Consistency", not "report": a report is a UN document
/// here.)
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Consistency {
    /// Recorded votes (a document and the body that voted on it).
    pub vote_events: usize,
    /// Recorded votes as each source file gives them, each checked against its printed totals.
    pub vote_records_checked: usize,
    pub total_mismatches: Vec<String>,
    pub sponsor_defections: Vec<String>,
    pub source_disagreements: Vec<String>,
    pub multi_source_documents: usize,
    /// Each vote in committee on a draft beside the plenary vote on the resolution it became.
    pub committee_to_plenary: Vec<String>,
    /// Names of vote and sponsor lists that denote no known State, kept as printed.
    pub unresolved_names: Vec<String>,
}

impl Consistency {
    pub fn is_clean(&self) -> bool {
        self.total_mismatches.is_empty() && self.source_disagreements.is_empty()
    }
}

/// Every check, on `store`.
pub fn consistency(store: &Store) -> Result<Consistency, SparqlError> {
    let mut r = Consistency::default();
    totals(store, &mut r)?;
    votes_and_sponsors(store, &mut r)?;
    r.multi_source_documents = select(
        store,
        r#"SELECT ?doc WHERE { ?s ng:describes ?doc } GROUP BY ?doc HAVING (COUNT(DISTINCT ?s) > 1)"#,
    )?
    .len();
    citations(store, &mut r)?;
    documents(store, &mut r)?;
    committee_and_plenary(store, &mut r)?;
    unresolved(store, &mut r)?;
    Ok(r)
}

/// Each vote in committee on a draft against the vote in plenary on the resolution it became
/// (the same paragraph for a separate vote): the totals of each and the States that voted
/// otherwise. Not an error: States change their votes, and say so.
fn committee_and_plenary(store: &Store, r: &mut Consistency) -> Result<(), SparqlError> {
    let pairs = select(
        store,
        r#"SELECT ?draft ?res ?c ?p ?cy ?cn ?ca ?py ?pn ?pa WHERE {
             ?d ng:becameResolution ?rd . ?d ng:symbol ?draft . ?rd ng:symbol ?res .
             ?c ng:votingBody ng:FirstCommittee ; ng:onDocument|ng:onParagraphOf ?d .
             ?p ng:votingBody ng:GeneralAssemblyPlenary ; ng:onDocument|ng:onParagraphOf ?rd .
             FILTER(STRAFTER(STR(?c), "/vote/first-committee") = STRAFTER(STR(?p), "/vote/plenary"))
             GRAPH ng:DerivedFacts { ?c ng:tallyYes ?cy ; ng:tallyNo ?cn ; ng:tallyAbstain ?ca .
                                     ?p ng:tallyYes ?py ; ng:tallyNo ?pn ; ng:tallyAbstain ?pa }
           } ORDER BY ?res ?p"#,
    )?;
    for row in pairs {
        let changed = select(
            store,
            &format!(
                r#"SELECT ?state ?o1 ?o2 WHERE {{
                     ?v opengov:voteEvent <{c}> ; opengov:voter ?s ; opengov:option ?o1 .
                     ?w opengov:voteEvent <{p}> ; opengov:voter ?s ; opengov:option ?o2 .
                     FILTER(?o1 != ?o2) ?s ng:iso3 ?state .
                   }} ORDER BY ?state"#,
                c = row[2],
                p = row[3]
            ),
        )?;
        let changes: Vec<String> = changed
            .iter()
            .map(|c| format!("{} {}→{}", c[0], c[1], c[2]))
            .collect();
        r.committee_to_plenary.push(format!(
            "{} → {}{}: {}/{}/{} in committee, {}/{}/{} in plenary{}",
            row[0],
            row[1],
            part_of(&row[3]),
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            if changes.is_empty() {
                String::new()
            } else {
                format!("; voted otherwise: {}", changes.join(", "))
            }
        ));
    }
    Ok(())
}

/// Names in vote and sponsor lists that denote no State normgraph knows, kept as printed: each
/// with its file and line.
fn unresolved(store: &Store, r: &mut Consistency) -> Result<(), SparqlError> {
    for row in select(
        store,
        r#"SELECT ?file ?line ?name ?what WHERE {
             { GRAPH ?g { ?v a opengov:Vote ; ng:unresolvedName ?name ; prov:wasDerivedFrom ?p . ?p ng:line ?line } BIND("vote" AS ?what) }
             UNION
             { GRAPH ?g { ?s a ng:UnresolvedSponsorship ; ng:unresolvedName ?name ; prov:wasDerivedFrom ?p . ?p ng:line ?line } BIND("sponsor" AS ?what) }
             ?g ng:file ?file .
           } ORDER BY ?file ?line ?name"#,
    )? {
        r.unresolved_names.push(format!(
            "{}: line {}: \"{}\" ({} list)",
            row[0], row[1], row[2], row[3]
        ));
    }
    Ok(())
}

/// Each source file against itself: the State lists it gives against the totals it prints.
fn totals(store: &Store, r: &mut Consistency) -> Result<(), SparqlError> {
    let totals = select(
        store,
        r#"SELECT ?file ?symbol ?body ?py ?pn ?pa ?e
              (SUM(IF(?o = "yes", 1, 0)) AS ?y) (SUM(IF(?o = "no", 1, 0)) AS ?n) (SUM(IF(?o = "abstain", 1, 0)) AS ?a)
           WHERE {
             GRAPH ?g {
               ?e a opengov:VoteEvent ; ng:onDocument|ng:onParagraphOf|ng:onAmendmentTo ?doc ; ng:votingBody ?body ;
                  ng:printedYes ?py ; ng:printedNo ?pn ; ng:printedAbstain ?pa .
               OPTIONAL { ?v opengov:voteEvent ?e ; opengov:option ?o }
             }
             ?g ng:file ?file . ?doc ng:symbol ?symbol .
           } GROUP BY ?file ?symbol ?body ?py ?pn ?pa ?e ORDER BY ?symbol ?file"#,
    )?;
    r.vote_events = totals
        .iter()
        .map(|row| &row[6])
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    r.vote_records_checked = totals.len();
    for row in totals {
        let printed = [&row[3], &row[4], &row[5]];
        let counted = [&row[7], &row[8], &row[9]];
        if printed != counted {
            let differences: Vec<String> = ["yes", "no", "abstain"]
                .iter()
                .zip(printed.iter().zip(counted.iter()))
                .filter(|(_, (p, c))| p != c)
                .map(|(option, (p, c))| {
                    let (p, c): (i64, i64) = (p.parse().unwrap_or(0), c.parse().unwrap_or(0));
                    format!(
                        "{option}: {} name(s) {} the printed total",
                        (p - c).abs(),
                        if c < p { "fewer than" } else { "more than" }
                    )
                })
                .collect();
            r.total_mismatches.push(format!(
                "{}{} ({}) in {}: printed {}/{}/{} (yes/no/abstain), the lists give {}/{}/{}; {}",
                row[1],
                part_of(&row[6]),
                local(&row[2]),
                row[0],
                printed[0],
                printed[1],
                printed[2],
                counted[0],
                counted[1],
                counted[2],
                differences.join(", ")
            ));
        }
    }
    Ok(())
}

/// Sources of one vote that give a State two different votes, or a vote in one and none in the
/// other (each named by its file); sponsors who did not vote yes.
fn votes_and_sponsors(store: &Store, r: &mut Consistency) -> Result<(), SparqlError> {
    for row in select(
        store,
        r#"SELECT DISTINCT ?symbol ?e ?state ?o1 ?f1 ?o2 ?f2 WHERE {
             GRAPH ?g1 { ?v opengov:voteEvent ?e ; opengov:voter ?s ; opengov:option ?o1 }
             GRAPH ?g2 { ?v opengov:option ?o2 }
             FILTER(?o1 < ?o2)
             ?g1 ng:file ?f1 . ?g2 ng:file ?f2 .
             ?e ng:onDocument|ng:onParagraphOf|ng:onAmendmentTo ?d . ?d ng:symbol ?symbol .
             ?s ng:iso3 ?state .
           } ORDER BY ?symbol ?e ?state"#,
    )? {
        r.source_disagreements.push(format!(
            "{}{}: {} voted {} according to {}, {} according to {}",
            row[0],
            part_of(&row[1]),
            row[2],
            row[3],
            row[4],
            row[5],
            row[6]
        ));
    }
    for row in select(
        store,
        r#"SELECT ?symbol ?e ?state ?o ?f1 ?f2 WHERE {
             { SELECT DISTINCT ?e ?g2 WHERE { GRAPH ?g2 { ?w opengov:voteEvent ?e ; opengov:option ?any } } }
             GRAPH ?g1 { ?v opengov:voteEvent ?e ; opengov:voter ?s ; opengov:option ?o }
             FILTER(?g1 != ?g2)
             FILTER NOT EXISTS { GRAPH ?g2 { ?v opengov:option ?other } }
             ?g1 ng:file ?f1 . ?g2 ng:file ?f2 .
             ?e ng:onDocument|ng:onParagraphOf|ng:onAmendmentTo ?d . ?d ng:symbol ?symbol .
             ?s ng:iso3 ?state .
           } ORDER BY ?symbol ?e ?state ?f1"#,
    )? {
        r.source_disagreements.push(format!(
            "{}{}: {} voted {} according to {}, and cast no vote according to {}",
            row[0],
            part_of(&row[1]),
            row[2],
            row[3],
            row[4],
            row[5]
        ));
    }
    for row in select(
        store,
        r#"SELECT DISTINCT ?symbol ?state ?option WHERE {
             ?doc ng:symbol ?symbol .
             ?sp ng:sponsorshipOf ?doc ; ng:sponsor ?s .
             ?s ng:iso3 ?state .
             # The vote on the draft itself, or on the resolution it became.
             { ?e ng:onDocument ?doc } UNION { ?doc ng:becameResolution ?res . ?e ng:onDocument ?res }
             OPTIONAL { ?v opengov:voteEvent ?e ; opengov:voter ?s ; opengov:option ?cast }
             BIND(COALESCE(?cast, "absent") AS ?option)
             FILTER(?option != "yes")
             # An observer State (Palestine, the Holy See) may sponsor but does not vote.
             FILTER(BOUND(?cast) || EXISTS { ?s ng:unMember true })
           } ORDER BY ?symbol ?state"#,
    )? {
        r.sponsor_defections.push(match row[2].as_str() {
            "absent" => format!("{}: {} cast no vote", row[0], row[1]),
            cast => format!("{}: {} voted {cast}", row[0], row[1]),
        });
    }
    Ok(())
}

/// Citations one source reads and another source of the same document does not, and printed
/// dates that differ.
fn citations(store: &Store, r: &mut Consistency) -> Result<(), SparqlError> {
    for row in select(
        store,
        r#"SELECT DISTINCT ?symbol ?target ?g1 ?file WHERE {
             ?g1 ng:describes ?doc ; ng:file ?file . ?g2 ng:describes ?doc . FILTER(?g1 != ?g2)
             ?doc ng:symbol ?symbol .
             GRAPH ?g1 { ?c cito:hasCitingEntity ?doc ; cito:hasCitedEntity ?t . }
             ?t ng:symbol ?target .
             FILTER NOT EXISTS { GRAPH ?g2 { ?c cito:hasCitedEntity ?t } }
             # Only sources that read citations at all (the AKN of the four languages whose text
             # normgraph does not read states none).
             FILTER EXISTS { GRAPH ?g2 { ?other cito:hasCitingEntity ?doc } }
           } ORDER BY ?symbol ?target"#,
    )? {
        r.source_disagreements.push(format!(
            "{}: cites {} only according to {}",
            row[0], row[1], row[3]
        ));
    }
    for row in select(
        store,
        r#"SELECT DISTINCT ?symbol ?target ?d1 ?d2 WHERE {
             ?g1 ng:describes ?doc . ?g2 ng:describes ?doc . FILTER(STR(?g1) < STR(?g2))
             ?doc ng:symbol ?symbol .
             GRAPH ?g1 { ?c cito:hasCitedEntity ?t ; ng:printedDate ?d1 }
             GRAPH ?g2 { ?c ng:printedDate ?d2 }
             ?t ng:symbol ?target .
             FILTER(?d1 != ?d2)
           }"#,
    )? {
        r.source_disagreements.push(format!(
            "{}: the date of {} is printed {} in one source, {} in another",
            row[0], row[1], row[2], row[3]
        ));
    }
    Ok(())
}

/// Two documents that each say the same draft became them (the workflows of 74/147 and 74/184
/// both name A/C.6/74/L.9); two sources that give a document two dates, sessions or items.
fn documents(store: &Store, r: &mut Consistency) -> Result<(), SparqlError> {
    for row in select(
        store,
        r#"SELECT ?draft ?r1 ?r2 WHERE {
             ?d ng:becameResolution ?a, ?b . FILTER(STR(?a) < STR(?b))
             ?d ng:symbol ?draft . ?a ng:symbol ?r1 . ?b ng:symbol ?r2 .
           } ORDER BY ?draft"#,
    )? {
        r.source_disagreements.push(format!(
            "{}: became {} according to one source, {} according to another",
            row[0], row[1], row[2]
        ));
    }
    for (what, prop) in [
        ("adoption date", "ng:adoptionDate"),
        ("session", "ng:session"),
        ("agenda item", "ng:agendaItem"),
    ] {
        for row in select(
            store,
            &format!(
                r#"SELECT DISTINCT ?symbol ?v1 ?v2 WHERE {{
                     ?g1 ng:describes ?doc . ?g2 ng:describes ?doc . FILTER(STR(?g1) < STR(?g2))
                     ?doc ng:symbol ?symbol .
                     GRAPH ?g1 {{ ?doc {prop} ?v1 }} GRAPH ?g2 {{ ?doc {prop} ?v2 }}
                     FILTER(?v1 != ?v2)
                   }}"#
            ),
        )? {
            r.source_disagreements.push(format!(
                "{}: {what} {} in one source, {} in another",
                row[0], row[1], row[2]
            ));
        }
    }
    Ok(())
}

/// " on pp2" for a separate vote on a paragraph (its event IRI ends ".../vote/{body}/pp2").
fn part_of(event: &str) -> String {
    let last = local(event);
    if last.starts_with("pp") || last.starts_with("op") || last.starts_with("amendment") {
        format!(" on {last}")
    } else {
        String::new()
    }
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}
