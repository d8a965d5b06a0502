-- Stores a new bearer token; only its SHA-256 is kept, so the token itself is shown once.
INSERT INTO api_tokens (token_hash, role, label, chief_id) VALUES ($1, $2, $3, $4) RETURNING id, role, label, chief_id, created_at
