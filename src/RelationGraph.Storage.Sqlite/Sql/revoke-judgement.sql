-- An active judgement becomes revoked; one revoked at exactly this time by this user counts too (a retried revoke).
UPDATE judgements
SET revoked_at = coalesce(revoked_at, $revoked_at), revoked_by = coalesce(revoked_by, $revoked_by)
WHERE id = $id AND (revoked_at IS NULL OR (revoked_at = $revoked_at AND revoked_by = $revoked_by));
