DELETE FROM temp.touched_facts;
DELETE FROM temp.touched_entities;
DELETE FROM temp.recount_entities;
