// Sizes of the graph. Every count is one the count store answers without reading the graph (a label alone, or one
// relationship type with unlabelled ends), so the readiness probe can call it often; facts are the twelve fact types.
RETURN COUNT { (:Document) } AS documents, COUNT { (:Entity) } AS entities,
       COUNT { ()-[:EMPLOYED_BY]->() } + COUNT { ()-[:LEADS]->() } + COUNT { ()-[:MEMBER_OF]->() } +
       COUNT { ()-[:OWNS]->() } + COUNT { ()-[:PARTY_TO]->() } + COUNT { ()-[:AWARDED_BY]->() } +
       COUNT { ()-[:CONTRACTS_WITH]->() } + COUNT { ()-[:FUNDS]->() } + COUNT { ()-[:INVESTIGATES]->() } +
       COUNT { ()-[:SUBJECT_OF]->() } + COUNT { ()-[:COMMUNICATES_WITH]->() } + COUNT { ()-[:ASSOCIATED_WITH]->() } AS facts,
       COUNT { (:Mention) } AS mentions, COUNT { (:Evidence) } AS evidence
