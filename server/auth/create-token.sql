-- Stores a new bearer token; only its SHA-256 is kept, so the token itself is shown once. A chief
-- token only for a chief who exists (no row comes back otherwise); no foreign key, since chiefs
-- are replaced by imports and a token outlives that.
INSERT INTO api_tokens (token_hash, role, label, chief_id)
SELECT $1, $2, $3, $4::text
 WHERE $4::text IS NULL OR EXISTS (SELECT 1 FROM chiefs WHERE id = $4::text)
RETURNING id, role, label, chief_id, created_at
