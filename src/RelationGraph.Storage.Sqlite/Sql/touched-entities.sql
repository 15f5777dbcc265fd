-- CROSS JOIN keeps the small temp table as the outer loop (the planner has no statistics to know it is small).
SELECT e.id, e.kind FROM temp.touched_entities t CROSS JOIN entities e ON e.id = t.id;
