//! The names of the graphs normgraph writes besides the source graphs (which are named by
//! their source node, `{base}source/{symbol}/{lang}-{format}`, see [`super::iris`]): the graphs
//! computed from the sources at the end of a build, and the vocabulary. The store, the computations and the dumps
//! all read these names here; none of them asks another for them.

use super::vocab::ng;
use oxigraph::model::NamedNodeRef;

/// The facts derived from the source graphs for the canned questions (`compute::derive`).
pub const DERIVED_FACTS: NamedNodeRef<'static> = ng::DerivedFacts;

/// The RDFS entailments of the merged graph under the ontology (`compute::infer`).
pub const INFERRED_FACTS: NamedNodeRef<'static> = ng::InferredFacts;

/// The vocabulary (`ontology/normgraph.ttl`), named by the ontology's own IRI: its classes and
/// properties with their labels and comments, queryable beside the data (`compute::infer`).
pub const VOCABULARY: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("https://normgraph.org/ontology");

/// The answer tables of the canned questions (`compute::answers`, read by `query::answers`):
/// an index in normgraph's own text, left out of dumps and pushes.
pub const ANSWERS: NamedNodeRef<'static> = ng::CannedAnswers;

/// The computed graphs. They lie outside the default graph, which is the merge of the sources.
pub const COMPUTED: [NamedNodeRef<'static>; 4] =
    [DERIVED_FACTS, INFERRED_FACTS, VOCABULARY, ANSWERS];

/// Whether `graph` is one of the computed graphs.
pub fn is_computed(graph: NamedNodeRef<'_>) -> bool {
    COMPUTED.contains(&graph)
}
