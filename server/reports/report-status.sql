-- Moves report $1 from status $3 to $2 and logs the change (actor $4, note $5), in one statement; no row when the report is missing or not at $3 (a NULL status reads as received, migration 015).
WITH moved AS (
  UPDATE reports SET status = $2 WHERE id = $1 AND coalesce(status, 'received') = $3
  RETURNING id, status
), logged AS (
  INSERT INTO report_history (report_id, status, actor, note)
  SELECT id, status, $4, $5 FROM moved
  RETURNING at
)
SELECT m.id, m.status, l.at FROM moved m CROSS JOIN logged l
