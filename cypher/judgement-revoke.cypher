// Marks an active identity judgement revoked and keeps it. A judgement revoked at exactly this time by this user
// answers too: a retry whose first answer was lost did revoke it.
MATCH (j:Judgement {id: $id})
WHERE j.revokedAt IS NULL OR (j.revokedAt = $revokedAt AND j.revokedBy = $revokedBy)
SET j.revokedAt = $revokedAt, j.revokedBy = $revokedBy
RETURN j.id AS id
