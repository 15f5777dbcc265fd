DELETE FROM facts
WHERE fact_key IN (SELECT key FROM temp.touched_facts)
  AND NOT EXISTS (SELECT 1 FROM evidence e WHERE e.fact_key = facts.fact_key)
RETURNING fact_key;
