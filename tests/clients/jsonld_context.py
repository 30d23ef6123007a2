"""rdflib reads a resource of a running normgraph server as JSON-LD, fetching the context the
answer names (the server's own /context.jsonld), and as Turtle; prints what it found as JSON.

    python3 tests/clients/jsonld_context.py http://127.0.0.1:7878 /id/state/CZE
"""
import json
import sys
import urllib.request

import rdflib
from rdflib.compare import isomorphic

origin, path = sys.argv[1], sys.argv[2]
request = urllib.request.Request(origin + path, headers={"Accept": "application/ld+json"})
data = urllib.request.urlopen(request).read()
context = json.loads(data)["@context"]
jsonld = rdflib.Graph()
jsonld.parse(data=data, format="json-ld", publicID=origin + path)
turtle = rdflib.Graph()
turtle.parse(origin + path + "?format=ttl", format="turtle")
print(json.dumps({
    "context": context,
    "jsonld": len(jsonld),
    "turtle": len(turtle),
    "isomorphic": isomorphic(jsonld, turtle),
}))
