"""The RDFS closure of a graph under an ontology by owlrl (PyPI), an independent reasoner,
restricted to what tests/export.rs compares with normgraph's own entailments: the statements
about the resources minted under BASE that the graph does not already state, leaving out that
a thing is an rdfs:Resource and RDF's own vocabulary.

    python3 rdfs_closure.py GRAPH.nt ONTOLOGY.ttl BASE   (N-Triples on standard output)
"""
import sys

import rdflib

rdflib.NORMALIZE_LITERALS = False  # compare lexical forms as written
import owlrl  # noqa: E402
from rdflib.namespace import OWL, RDF, RDFS, XSD  # noqa: E402

data, ontology, base = sys.argv[1:4]
graph = rdflib.Graph()
graph.parse(data, format="nt")
graph.parse(ontology, format="turtle")
stated = set(graph)
owlrl.DeductiveClosure(
    owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False
).expand(graph)


def builtin(term):
    return any(str(term).startswith(str(ns)) for ns in (RDF, RDFS, XSD, OWL))


entailed = rdflib.Graph()
for s, p, o in graph:
    if (s, p, o) in stated or not isinstance(s, rdflib.URIRef) or not str(s).startswith(base):
        continue
    if p == RDF.type:
        if builtin(o):
            continue
    elif builtin(p):
        continue
    entailed.add((s, p, o))
sys.stdout.write(entailed.serialize(format="nt"))
