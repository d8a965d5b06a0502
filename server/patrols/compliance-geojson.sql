-- The compliance map (issue 13 part 5): one feature per chief and scope held, with the scope's geometry and the chief's pass, as a GeoJSON FeatureCollection.
-- $1 json [{chief_id, name, level, pass, scope_kind, scope_code}] in the order of the features.
SELECT json_build_object(
         'type', 'FeatureCollection',
         'features', coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'geometry', ST_AsGeoJSON(g.geom, 7, 0)::json,
           'properties', json_build_object('chief_id', s.chief_id, 'name', s.name, 'level', s.level, 'pass', s.pass,
                                           'scope_kind', s.scope_kind, 'scope_code', s.scope_code))
           ORDER BY s.ord), '[]'::json)) AS collection
  FROM ROWS FROM (json_to_recordset($1::json)
                  AS (chief_id text, name text, level text, pass boolean, scope_kind text, scope_code text))
       WITH ORDINALITY AS s(chief_id, name, level, pass, scope_kind, scope_code, ord)
  CROSS JOIN LATERAL (
    SELECT r.geom FROM reaches r WHERE s.scope_kind = 'reach' AND r.code = s.scope_code
    UNION ALL
    SELECT l.geom FROM lakes l WHERE s.scope_kind = 'lake' AND l.code = s.scope_code
    UNION ALL
    SELECT ca.geom FROM chief_areas ca WHERE s.scope_kind = 'area' AND ca.code = s.scope_code
  ) g
