// Comunica (npm @comunica/query-sparql) reads a running normgraph server: its SPARQL endpoint
// (SELECT, ASK, CONSTRUCT, in the formats Comunica asks for) and a resource dereferenced in every
// RDF format the server gives. Prints what it found as JSON.
//
//   node tests/clients/comunica/check.mjs http://127.0.0.1:7878
//
// undici is held at 7 (package.json, overrides): undici 8, which Comunica 5 takes, needs Node
// 22, and Debian gives Node 20.
import { QueryEngine } from "@comunica/query-sparql";

const origin = process.argv[2];
const engine = new QueryEngine();
const endpoint = { type: "sparql", value: `${origin}/sparql` };
const seen = {};

const select = await engine.queryBindings(
  `PREFIX ng: <https://normgraph.org/ontology#>
   SELECT ?state WHERE {
     ?a ng:symbol "A/C.1/73/L.27/Rev.1" . ?b ng:symbol "A/C.1/73/L.37" .
     ?sa ng:sponsorshipOf ?a ; ng:sponsor ?s . ?sb ng:sponsorshipOf ?b ; ng:sponsor ?s .
     ?s ng:iso3 ?state } ORDER BY ?state`,
  { sources: [endpoint] },
);
seen.select = (await select.toArray()).map((b) => b.get("state").value);
seen.ask = await engine.queryBoolean("ASK { ?s ?p ?o }", { sources: [endpoint] });
const construct = await engine.queryQuads(
  `PREFIX ng: <https://normgraph.org/ontology#>
   CONSTRUCT { ?d ng:symbol ?s } WHERE { ?d a ng:Resolution ; ng:symbol ?s }`,
  { sources: [endpoint] },
);
seen.construct = (await construct.toArray()).length;

// One resource in each format, read as a file.
seen.formats = {};
for (const format of ["ttl", "nt", "jsonld", "rdf"]) {
  const quads = await engine.queryQuads("CONSTRUCT WHERE { ?s ?p ?o }", {
    sources: [{ type: "file", value: `${origin}/id/state/CZE?format=${format}` }],
  });
  seen.formats[format] = (await quads.toArray()).length;
}
console.log(JSON.stringify(seen));
