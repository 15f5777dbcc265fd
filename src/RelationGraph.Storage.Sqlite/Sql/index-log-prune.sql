-- Keeps the newest $keep rows and, of those, no more than $max_bytes of ids; the newest row is never pruned, so seq never goes back.
DELETE FROM index_log
WHERE seq < $seq
  AND (seq <= $seq - $keep
       OR seq <= (SELECT coalesce(max(seq), 0)
                  FROM (SELECT seq, sum(bytes) OVER (ORDER BY seq DESC) AS newer FROM index_log WHERE seq > $seq - $keep)
                  WHERE newer > $max_bytes));
