-- The history of report $1, oldest first, instants in UTC.
SELECT status, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, note
  FROM report_history WHERE report_id = $1 ORDER BY at, id
