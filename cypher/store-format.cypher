// Whether this database's running totals are known to be complete: the backfills (facts, mentions, evidence) ran to
// the end since it was created or last loaded from an export script (which deletes the mark). store-format-mark sets it.
RETURN EXISTS { MATCH (f:StoreFormat) WHERE f.runningTotals = true } AS current
