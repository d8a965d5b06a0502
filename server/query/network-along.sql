-- Along a trace: the outfalls and monitoring sections on the traced reaches (each point belongs to its nearest reach), how far along its reach each lies, and every chief on duty for those reaches.
-- along_m is measured as in network-start.sql: the nearest point found on a plane with longitudes scaled by k at the point's latitude, the part of the reach up to it measured as geography.
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
         ST_Length(ST_Scale(ST_LineSubstring(ST_Scale(k.geom, f.k, 1), 0,
                                             ST_LineLocatePoint(ST_Scale(k.geom, f.k, 1), ST_Scale(c.geom, f.k, 1))),
                            1 / f.k, 1)::geography) AS along_m
    FROM candidates c
    CROSS JOIN LATERAL (
      SELECT n.id, n.geom, n.d FROM (
        SELECT r.id, r.geom, ST_Distance(r.geom::geography, c.geom::geography) AS d
          FROM reaches r ORDER BY r.geom::geography <-> c.geom::geography LIMIT 4) n
       ORDER BY n.d, n.id LIMIT 1) k
    CROSS JOIN LATERAL (SELECT cos(radians(ST_Y(c.geom))) * (1 - 0.00669438002290 * sin(radians(ST_Y(c.geom))) ^ 2)
                               / (1 - 0.00669438002290) AS k) f
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
  (SELECT coalesce(json_agg(json_build_object(
            'id', ch.id, 'name', ch.name, 'level', a.level, 'role', a.role, 'position', ch.position,
            'contact', ch.contact, 'valid_from', a.valid_from, 'valid_to', a.valid_to,
            'scope', json_build_object('kind', s.kind, 'id', s.id, 'code', s.code, 'name', s.name, 'distance_m', NULL))
          ORDER BY array_position(ARRAY['city', 'county', 'township', 'village', 'village_group'], a.level),
                   array_position(ARRAY['chief_general', 'deputy_chief_general', 'chief', 'specialist'], a.role),
                   ch.name, ch.id, s.kind, s.code), '[]')
     FROM scopes s
     JOIN assignments a ON a.scope_kind = s.kind AND a.scope_code = s.code
                       AND a.valid_from <= $4::date AND (a.valid_to IS NULL OR $4::date < a.valid_to)
     JOIN chiefs ch ON ch.id = a.chief_id) AS chiefs
