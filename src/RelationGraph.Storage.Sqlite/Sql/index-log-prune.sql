-- Keeps the newest $keep rows and, of those, no more than $max_bytes of ids; the newest row is never pruned, so seq never goes back.
-- Both deletes are a range of seq, found in O(log n). The running sum over the rows (milliseconds at 4,096 rows, too much
-- for every commit) is taken only when index_log_size says the rows are over the byte cap, or has no row.
DELETE FROM index_log WHERE seq <= $seq - $keep;
DELETE FROM index_log
WHERE seq <= CASE WHEN (SELECT bytes FROM index_log_size) <= $max_bytes THEN 0
                  ELSE min($seq - 1, (SELECT coalesce(max(seq), 0)
                                      FROM (SELECT seq, sum(bytes) OVER (ORDER BY seq DESC) AS newer FROM index_log)
                                      WHERE newer > $max_bytes)) END;
