SELECT count(*) FROM evidence WHERE fact_key = $fact_key;
