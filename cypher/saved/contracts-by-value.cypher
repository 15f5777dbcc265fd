// Contracts by value
// Largest contracts first, with the parties and the awarding body.
MATCH (c:Contract)
OPTIONAL MATCH (party:Entity)-[:PARTY_TO]->(c)
OPTIONAL MATCH (c)-[:AWARDED_BY]->(body:Organisation)
RETURN c.name AS contract, c.amount AS amount, c.currency AS currency, c.year AS year,
       collect(DISTINCT party.name) AS parties, collect(DISTINCT body.name) AS awardedBy
ORDER BY amount DESC
LIMIT 50
