-- Every token for `npm run token -- list`: never the hash, which is as good as the token offline.
SELECT id, role, label, chief_id, created_at, revoked_at FROM api_tokens ORDER BY id
