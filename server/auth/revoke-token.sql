-- Revokes a token; the row stays so the import log's actors remain explainable.
UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id
