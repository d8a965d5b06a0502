-- The log row of an import that succeeded, written in its final transaction with the id its rows already carry.
INSERT INTO import_log (id, layer, mode, actor, status, file_name, sha256, crs, encoding, encoding_reason,
                        started_at, finished_at, read_count, inserted_count, repaired_count, skipped_count,
                        rejected_count, report)
OVERRIDING SYSTEM VALUE
VALUES ($1, $2, $3, $4, 'ok', $5, $6, $7, $8, $9, $10, now(), $11, $12, $13, $14, $15, $16)
