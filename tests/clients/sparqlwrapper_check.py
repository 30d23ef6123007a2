"""Asks a running normgraph server the canned questions as a SPARQL client of the Python
ecosystem does (SPARQLWrapper, from PyPI). Prints what it got as one JSON object.

    python3 tests/clients/sparqlwrapper_check.py http://127.0.0.1:7878
"""
import json
import sys
import urllib.request

from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

base = sys.argv[1].rstrip("/")
out = {}

sparql = SPARQLWrapper(base + "/sparql")
sparql.setReturnFormat(JSON)
sparql.setQuery("""
PREFIX ng: <https://normgraph.org/ontology#>
SELECT DISTINCT ?iso WHERE {
  ?a ng:symbol "A/C.1/73/L.27/Rev.1" . ?b ng:symbol "A/C.1/73/L.37" .
  ?sa ng:sponsorshipOf ?a ; ng:sponsor ?s . ?sb ng:sponsorshipOf ?b ; ng:sponsor ?s .
  ?s ng:iso3 ?iso } ORDER BY ?iso""")
rows = sparql.queryAndConvert()["results"]["bindings"]
out["common_sponsors"] = [r["iso"]["value"] for r in rows]

sparql.setQuery('ASK { ?d <https://normgraph.org/ontology#symbol> "A/RES/75/240" }')
out["ask"] = sparql.queryAndConvert()["boolean"]

sparql.setMethod("POST")
sparql.setQuery("""
PREFIX ng: <https://normgraph.org/ontology#>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
SELECT ?o (COUNT(*) AS ?n) WHERE {
  ?e ng:onDocument/ng:symbol "A/RES/75/240" . ?v opengov:voteEvent ?e ; opengov:option ?o
} GROUP BY ?o ORDER BY ?o""")
out["votes_75_240"] = {r["o"]["value"]: int(r["n"]["value"]) for r in sparql.queryAndConvert()["results"]["bindings"]}

sparql.setReturnFormat(TURTLE)
sparql.setQuery('CONSTRUCT { ?d ?p ?o } WHERE { ?d <https://normgraph.org/ontology#symbol> "A/RES/75/240" ; ?p ?o }')
out["construct_bytes"] = len(sparql.queryAndConvert())

request = urllib.request.Request(
    base + "/queries/citation-chain?doc=A/RES/75/240",
    headers={"Accept": "application/sparql-results+json"},
)
with urllib.request.urlopen(request) as response:
    bindings = json.load(response)["results"]["bindings"]
out["citation_chain_depth_1"] = sum(1 for b in bindings if b["depth"]["value"] == "1")

print(json.dumps(out))
