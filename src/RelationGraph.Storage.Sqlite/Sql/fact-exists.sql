SELECT EXISTS (SELECT 1 FROM facts WHERE fact_key = $fact_key);
