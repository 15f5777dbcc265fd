// Sizes of the graph; fact edges are the relationships between two entities.
RETURN COUNT { (:Document) } AS documents, COUNT { (:Entity) } AS entities, COUNT { (:Entity)-->(:Entity) } AS facts,
       COUNT { (:Mention) } AS mentions, COUNT { (:Evidence) } AS evidence
