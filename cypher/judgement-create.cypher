// Stores one identity judgement unless one with its id is stored already; $props holds its scalar properties and
// its documents (a list of ids). created says whether this statement stored it.
OPTIONAL MATCH (old:Judgement {id: $id})
WITH old IS NULL AS created
MERGE (j:Judgement {id: $id})
ON CREATE SET j += $props
RETURN created
