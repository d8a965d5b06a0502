-- A new public report and the first entry of its history, in one statement (all or nothing). The office and oversight body are those basin_rules gives the routed regime ($9).
WITH rule AS (
  SELECT office, office_code, oversight FROM basin_rules WHERE governance = $9
), stored AS (
  INSERT INTO reports (body, category, reported_at, status, chief_id, chief_level, chief_scope_kind,
                       chief_scope_code, office, office_code, oversight, geom)
  SELECT $1, $2, $3::timestamptz, 'received', $4, $5, $6, $7, rule.office, rule.office_code, rule.oversight,
         ST_SetSRID(ST_MakePoint($10::float8, $11::float8), 4490)
    FROM rule
  RETURNING id, reported_at, status, office, office_code, oversight
), logged AS (
  INSERT INTO report_history (report_id, status, at, actor, note)
  SELECT id, status, reported_at, $8, NULL FROM stored
)
SELECT id, reported_at, status, office, office_code, oversight FROM stored
