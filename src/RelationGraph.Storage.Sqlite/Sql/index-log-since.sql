SELECT seq, entity_ids, fact_keys, doc_ids FROM index_log WHERE seq > $after AND seq <= $upto ORDER BY seq;
