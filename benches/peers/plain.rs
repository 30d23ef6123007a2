//! The canned questions in plain SPARQL, for the peers of `benches/queries.rs`.

/// The same questions without the derived facts, as they were written before there were any:
/// citation chains by property paths (without the shortest depth, which plain SPARQL cannot
/// give), counts and agreements by aggregation, roll calls by optional patterns over the votes.
/// The other queries read no derived fact: their plain form is the canned one.
pub const PLAIN: [(&str, &str); 9] = [
    (
        "state-sponsorships",
        "PREFIX ng: <https://normgraph.org/ontology#>
         SELECT DISTINCT ?state ?symbol ?date ?role WHERE {
           ?s ng:iso3 ?state . ?sponsorship ng:sponsor ?s ; ng:sponsorshipOf ?text ; ng:role ?role .
           ?text ng:symbol ?symbol .
           OPTIONAL { ?text ng:becameResolution/ng:adoptionDate ?adopted }
           OPTIONAL { ?text ng:introducedOn ?introduced }
           OPTIONAL { ?text ng:distributionDate ?distributed }
           BIND(COALESCE(?adopted, ?introduced, ?distributed) AS ?date)
         } ORDER BY ?date ?symbol",
    ),
    (
        "votes",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
         SELECT ?doc ?state ?name ?vote ?intended WHERE {
           ?d ng:symbol ?doc . ?event ng:onDocument ?d ; dcterms:date ?date .
           ?s a ng:State ; ng:iso3 ?state ; skos:prefLabel ?name . FILTER(LANGMATCHES(LANG(?name), \"en\"))
           OPTIONAL { ?v opengov:voteEvent ?event ; opengov:voter ?s .
                      OPTIONAL { ?v opengov:option ?cast } OPTIONAL { ?v ng:intendedOption ?said } }
           OPTIONAL { ?s ng:admissionYear ?admitted }
           FILTER(BOUND(?cast) || BOUND(?said)
                  || EXISTS { ?s ng:unMember true } && xsd:integer(STR(?admitted)) < YEAR(?date))
           BIND(COALESCE(?cast, \"absent\") AS ?vote) BIND(COALESCE(?said, \"\") AS ?intended)
         } ORDER BY ?state",
    ),
    (
        "sponsor-defections",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
         SELECT DISTINCT ?symbol ?state ?name ?vote WHERE {
           ?sponsorship ng:sponsorshipOf ?text ; ng:sponsor ?s .
           { ?event ng:onDocument ?text } UNION { ?text ng:becameResolution ?res . ?event ng:onDocument ?res }
           ?event ng:onDocument/ng:symbol ?symbol ; dcterms:date ?date .
           ?s ng:iso3 ?state ; skos:prefLabel ?name . FILTER(LANGMATCHES(LANG(?name), \"en\"))
           OPTIONAL { ?v opengov:voteEvent ?event ; opengov:voter ?s ; opengov:option ?cast }
           BIND(COALESCE(?cast, \"absent\") AS ?vote)
           FILTER(?vote != \"yes\")
           OPTIONAL { ?s ng:admissionYear ?admitted }
           FILTER(BOUND(?cast) || EXISTS { ?s ng:unMember true } && xsd:integer(STR(?admitted)) < YEAR(?date))
         } ORDER BY ?symbol ?state",
    ),
    (
        "mandates",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?body ?kind ?established_by ?start ?end ?reports_to_session WHERE {
           VALUES ?class { ng:GroupOfGovernmentalExperts ng:OpenEndedWorkingGroup ng:ProgrammeOfAction }
           ?b a ?class . BIND(STRAFTER(STR(?class), \"#\") AS ?kind)
           OPTIONAL { ?b ng:establishedBy ?established } OPTIONAL { ?b ng:proposedBy ?proposed }
           BIND(COALESCE(?established, ?proposed) AS ?by)
           OPTIONAL { ?by ng:becameResolution ?res } BIND(COALESCE(?res, ?by) AS ?text)
           OPTIONAL { ?text ng:symbol ?established_by }
           OPTIONAL { ?b skos:prefLabel ?body FILTER(LANGMATCHES(LANG(?body), \"en\")) }
           OPTIONAL { ?b ng:startYear ?start } OPTIONAL { ?b ng:endYear ?end }
           OPTIONAL { ?b ng:reportsToSession ?reports_to_session }
         } ORDER BY ?start ?established_by ?kind",
    ),
    (
        "citation-chain",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX cito: <http://purl.org/spar/cito/>
         SELECT DISTINCT ?doc ?symbol ?date WHERE {
           ?from ng:symbol ?doc . ?from cito:cites+ ?to . ?to ng:symbol ?symbol .
           OPTIONAL { ?to ng:adoptionDate ?date } } ORDER BY ?date ?symbol",
    ),
    (
        "cited-by",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX cito: <http://purl.org/spar/cito/>
         SELECT DISTINCT ?doc ?symbol ?date WHERE {
           ?to ng:symbol ?doc . ?from cito:cites+ ?to . ?from ng:symbol ?symbol .
           OPTIONAL { ?from ng:adoptionDate ?date } } ORDER BY ?date ?symbol",
    ),
    (
        "vote-totals",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/>
         SELECT ?symbol ?b ?date (SUM(IF(?o = \"yes\", 1, 0)) AS ?yes) (SUM(IF(?o = \"no\", 1, 0)) AS ?no)
                (SUM(IF(?o = \"abstain\", 1, 0)) AS ?abstain) ?py ?pn ?pa WHERE {
           ?event ng:onDocument/ng:symbol ?symbol ; ng:votingBody ?b ; dcterms:date ?date .
           OPTIONAL { ?event ng:printedYes ?py ; ng:printedNo ?pn ; ng:printedAbstain ?pa }
           OPTIONAL { ?v opengov:voteEvent ?event ; opengov:option ?o }
         } GROUP BY ?symbol ?b ?date ?py ?pn ?pa ORDER BY ?date ?symbol",
    ),
    (
        "voting-agreement",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         SELECT ?a ?b (COUNT(*) AS ?votes) (SUM(IF(?oa = ?ob, 1, 0)) AS ?agreements) WHERE {
           ?sa ng:iso3 ?a . ?sb ng:iso3 ?b .
           ?va opengov:voter ?sa ; opengov:voteEvent ?e ; opengov:option ?oa .
           ?vb opengov:voter ?sb ; opengov:voteEvent ?e ; opengov:option ?ob .
         } GROUP BY ?a ?b",
    ),
    (
        "timeline",
        "PREFIX ng: <https://normgraph.org/ontology#> PREFIX opengov: <http://www.w3.org/ns/opengov#>
         PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         SELECT ?symbol ?date ?title (SUM(IF(?o = \"yes\", 1, 0)) AS ?yes) (SUM(IF(?o = \"no\", 1, 0)) AS ?no)
                (SUM(IF(?o = \"abstain\", 1, 0)) AS ?abstain) (GROUP_CONCAT(DISTINCT ?label; SEPARATOR = \" \") AS ?establishes) WHERE {
           ?res a ng:Resolution ; ng:symbol ?symbol ; ng:adoptionDate ?date .
           OPTIONAL { ?res dcterms:title ?title FILTER(LANG(?title) = \"en\") }
           OPTIONAL { ?event ng:onDocument ?res ; ng:votingBody ng:GeneralAssemblyPlenary .
                      ?v opengov:voteEvent ?event ; opengov:option ?o }
           OPTIONAL { ?body ng:establishedBy/ng:becameResolution? ?res ; skos:prefLabel ?label }
         } GROUP BY ?symbol ?date ?title ORDER BY ?date ?symbol",
    ),
];
