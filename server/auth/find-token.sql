-- Resolves a presented bearer token (by hash) to its role, if it exists and is not revoked.
SELECT id, role, label, chief_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL
