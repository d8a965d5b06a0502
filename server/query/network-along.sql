-- Along a trace: the outfalls and monitoring sections on the traced reaches (each point belongs to its nearest reach), how far along its reach each lies, and every chief on duty for those reaches.
-- along_m is reach_along_m (migration 009), as for the start point in network-start.sql.
WITH traced AS (
  SELECT r.id, r.code, r.name, r.geom FROM reaches r WHERE r.id = ANY($1::bigint[])
), candidates AS (
  SELECT 'outfall' AS kind, o.id, o.geom FROM outfalls o
   WHERE o.id IN (SELECT o2.id FROM traced t JOIN outfalls o2 ON ST_DWithin(o2.geom, t.geom, $3::float8))
  UNION ALL
  SELECT 'section', s.id, s.geom FROM monitoring_sections s
   WHERE s.id IN (SELECT s2.id FROM traced t JOIN monitoring_sections s2 ON ST_DWithin(s2.geom, t.geom, $3::float8))
), hits AS (
  SELECT c.kind, c.id, k.id AS reach_id, k.d,
         reach_along_m(k.geom, c.geom) AS along_m
    FROM candidates c
    CROSS JOIN LATERAL (
      SELECT n.id, n.geom, n.d FROM (
        SELECT r.id, r.geom, ST_Distance(r.geom::geography, c.geom::geography) AS d
          FROM reaches r ORDER BY r.geom::geography <-> c.geom::geography LIMIT 4) n
       ORDER BY n.d, n.id LIMIT 1) k
   WHERE k.id = ANY($1::bigint[]) AND k.d <= $2::float8
), outfall_hits AS (
  SELECT o.id, o.code, o.name, o.river_code, o.approval, o.yearly_discharge_t, h.reach_id, h.d, h.along_m
    FROM hits h JOIN outfalls o ON o.id = h.id
   WHERE h.kind = 'outfall'
), section_hits AS (
  SELECT s.id, s.code, s.name, s.river_code, s.level, s.target_class, h.reach_id, h.d, h.along_m,
         m.measured_on, m.water_class
    FROM hits h JOIN monitoring_sections s ON s.id = h.id
    LEFT JOIN LATERAL (SELECT measured_on, water_class FROM measurements
                        WHERE section_code = s.code AND measured_on <= $4::date
                        ORDER BY measured_on DESC LIMIT 1) m ON true
   WHERE h.kind = 'section'
), scopes AS (
  SELECT 'reach' AS kind, t.id, t.code, t.name FROM traced t
  UNION
  SELECT 'area', c.id, c.code, c.name FROM chief_areas c JOIN traced t ON ST_Intersects(c.geom, t.geom)
)
SELECT
  (SELECT coalesce(json_agg(to_json(h) ORDER BY h.id), '[]') FROM outfall_hits h) AS outfalls,
  (SELECT coalesce(json_agg(to_json(h) ORDER BY h.id), '[]') FROM section_hits h) AS sections,
  chiefs_on_duty($4::date, (SELECT array_agg(ROW(s.kind, s.id, s.code, s.name, NULL)::duty_scope) FROM scopes s))
    AS chiefs
