SELECT (SELECT count(*) FROM temp.touched_facts), (SELECT count(*) FROM temp.touched_entities);
