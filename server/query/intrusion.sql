-- Intrusion: every constraint feature a proposed project touches, measured on the ellipsoid and judged by intrusion_rules, plus the reaches, chiefs and basins to notify; one statement.
WITH input AS (
  SELECT g, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
    FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4490) AS g) s
), project AS (
  -- The degree boxes pick candidates from the planar GiST indexes and bound the clipping below;
  -- every decision is made in metres on the ellipsoid (geography).
  SELECT g, g::geography AS gg, ST_Dimension(g) AS dim,
         ST_Area(g::geography) AS area_m2,
         ST_Length(ST_CollectionExtract(g, 2)::geography) AS length_m,
         ST_NumGeometries(ST_CollectionExtract(g, 1)) AS points,
         ST_Expand(Box2D(g), $5::float8) AS near_box, ST_Expand(Box2D(g), $7::float8) AS far_box
    FROM input WHERE valid
), candidates AS (
  -- Every constraint layer of the registry (registry-sql.ts), candidates by box.
  {{constraint_candidates}}
), measured AS (
  -- Apart from the project, a polygon is as far as its boundary and a line as far as itself (a
  -- line's ST_Boundary is its two end points). Clipping to the box first does not change a
  -- distance shorter than the box's reach, and keeps the geodesic distance cheap on large features
  -- (ST_DWithin on geography is brute force there: seconds).
  SELECT c.*, h.hits,
         CASE WHEN h.hits THEN 0
              ELSE ST_Distance(ST_ClipByBox2D(CASE WHEN ST_Dimension(c.geom) = 2 THEN ST_Boundary(c.geom) ELSE c.geom END,
                                              p.near_box)::geography, p.gg) END AS distance_m
    FROM candidates c CROSS JOIN project p CROSS JOIN LATERAL (SELECT ST_Intersects(p.g, c.geom) AS hits) h
), lines AS (
  -- The blue line and the shoreline zone's lines are the boundaries of their polygons; the
  -- waterside and outer control lines (shoreline_lines, one kind each) are lines. The few nearest
  -- of each (by box) within the far box, with the distance to the line itself.
  SELECT k.layer, k.id, k.name, k.function, k.water_name, k.hits,
         ST_Distance(ST_ClipByBox2D(CASE WHEN ST_Dimension(k.geom) = 2 THEN ST_Boundary(k.geom) ELSE k.geom END,
                                    p.far_box)::geography, p.gg) AS line_m
    FROM project p CROSS JOIN LATERAL (
      (SELECT 'blue_lines'::text AS layer, f.id, f.name, NULL::text AS function, f.water_name, f.geom,
              ST_Intersects(f.geom, p.g) AS hits
         FROM blue_lines f WHERE f.geom && p.far_box ORDER BY f.geom <#> p.g LIMIT 4)
      UNION ALL
      (SELECT 'shoreline_zones', f.id, f.name, f.function, f.water_name, f.geom, ST_Intersects(f.geom, p.g)
         FROM shoreline_zones f WHERE f.geom && p.far_box ORDER BY f.geom <#> p.g LIMIT 4)
      UNION ALL
      (SELECT 'waterside', f.id, f.name, NULL, f.water_name, f.geom, ST_Intersects(f.geom, p.g)
         FROM shoreline_lines f WHERE f.kind = 'waterside' AND f.geom && p.far_box ORDER BY f.geom <#> p.g LIMIT 4)
      UNION ALL
      (SELECT 'outer', f.id, f.name, NULL, f.water_name, f.geom, ST_Intersects(f.geom, p.g)
         FROM shoreline_lines f WHERE f.kind = 'outer' AND f.geom && p.far_box ORDER BY f.geom <#> p.g LIMIT 4)) k
), related AS (
  -- CoveredBy, not Within: a project on the zone's edge is inside it (the conservative reading);
  -- likewise a point on the edge counts as in the zone. Lines and areas that meet the zone only
  -- along its boundary merely touch it.
  SELECT m.layer, m.id, m.name, m.attrs, m.distance_m, m.geom, m.hits,
         CASE WHEN ST_CoveredBy(p.g, m.geom) THEN 'inside'
              WHEN NOT m.hits THEN 'within_buffer'
              WHEN p.dim = 0 OR NOT ST_Touches(p.g, m.geom) THEN 'overlaps'
              ELSE 'touches' END AS relation,
         CASE WHEN m.layer IN ('blue_lines', 'shoreline_zones') THEN
           coalesce((SELECT l.line_m FROM lines l WHERE l.layer = m.layer AND l.id = m.id),
                    ST_Distance(ST_ClipByBox2D(ST_Boundary(m.geom), p.far_box)::geography, p.gg)) END AS line_m
    FROM measured m CROSS JOIN project p
   WHERE m.hits OR m.distance_m <= $2::float8
), judged AS (
  SELECT r.layer, r.id, r.name, r.attrs, r.relation, r.distance_m, p.dim, p.area_m2, p.length_m, p.points,
         CASE WHEN r.line_m <= $6::float8 THEN r.line_m END AS boundary_distance_m,
         o.overlap_area_m2, o.overlap_length_m, o.overlap_points,
         coalesce((SELECT json_agg(json_build_object('id', ru.id, 'verdict', ru.verdict, 'rule', ru.rule_zh,
                                   'rule_en', ru.rule_en, 'source', ru.source, 'source_kind', ru.source_kind)
                        ORDER BY array_position(ARRAY['forbidden', 'review', 'clear'], ru.verdict), ru.id)
                    FROM intrusion_rules ru
                   WHERE ru.layer = r.layer
                     AND ru.relation = CASE WHEN r.relation IN ('inside', 'overlaps') THEN 'intersects' ELSE 'nearby' END
                     AND (ru.match_attribute IS NULL OR r.attrs ->> ru.match_attribute = ru.match_value)), '[]') AS rules
    FROM related r CROSS JOIN project p
    CROSS JOIN LATERAL (
      SELECT coalesce(ST_Area(ST_CollectionExtract(x.o, 3)::geography), 0) AS overlap_area_m2,
             coalesce(ST_Length(ST_CollectionExtract(x.o, 2)::geography), 0) AS overlap_length_m,
             coalesce(ST_NumGeometries(ST_CollectionExtract(x.o, 1)), 0) AS overlap_points
        FROM (SELECT CASE WHEN r.relation IN ('inside', 'overlaps') THEN ST_Intersection(p.g, r.geom) END AS o) x) o
), near_reaches AS (
  SELECT r.id, r.code, r.name, r.river_code, d.d,
         ST_Intersects(r.geom, p.g) AS crosses,
         CASE WHEN p.dim = 2 THEN ST_Length(ST_CollectionExtract(ST_Intersection(r.geom, p.g), 2)::geography) END AS inside_m
    FROM reaches r CROSS JOIN project p
    CROSS JOIN LATERAL (SELECT ST_Distance(r.geom::geography, p.gg) AS d) d
   WHERE r.geom && p.near_box AND d.d <= $4::float8
), scopes AS (
  SELECT 'reach' AS kind, id, code, name, d FROM near_reaches
  UNION ALL
  SELECT 'area', c.id, c.code, c.name, NULL FROM chief_areas c, project p WHERE ST_Intersects(c.geom, p.g)
)
SELECT i.valid, i.reason, p.dim, p.area_m2, p.length_m, p.points,
  (SELECT coalesce(json_agg(json_build_object(
            'layer', j.layer, 'id', j.id, 'name', j.name, 'attributes', j.attrs, 'relation', j.relation,
            'distance_m', j.distance_m, 'boundary_distance_m', j.boundary_distance_m,
            'overlap_area_m2', j.overlap_area_m2, 'overlap_length_m', j.overlap_length_m,
            'share', CASE WHEN j.dim = 2 THEN j.overlap_area_m2 / nullif(j.area_m2, 0)
                          WHEN j.dim = 1 THEN j.overlap_length_m / nullif(j.length_m, 0)
                          ELSE j.overlap_points::float8 / nullif(j.points, 0) END,
            'rules', j.rules)
          ORDER BY j.layer, j.distance_m, j.id), '[]') FROM judged j) AS features,
  (SELECT json_build_object('id', l.id, 'name', l.name, 'distance_m', CASE WHEN l.hits THEN 0 ELSE l.line_m END,
                             'line_distance_m', l.line_m)
     FROM lines l WHERE l.layer = 'blue_lines' AND l.line_m <= $6::float8
    ORDER BY l.line_m, l.id LIMIT 1) AS nearest_blue_line,
  (SELECT json_build_object('id', l.id, 'name', l.name, 'function', l.function,
                             'distance_m', CASE WHEN l.hits THEN 0 ELSE l.line_m END, 'line_distance_m', l.line_m)
     FROM lines l WHERE l.layer = 'shoreline_zones' AND l.line_m <= $6::float8
    ORDER BY l.line_m, l.id LIMIT 1) AS nearest_shoreline,
  (SELECT json_build_object('id', l.id, 'name', l.name, 'water_name', l.water_name, 'distance_m', l.line_m)
     FROM lines l WHERE l.layer = 'waterside' AND l.line_m <= $6::float8
    ORDER BY l.line_m, l.id LIMIT 1) AS nearest_waterside,
  (SELECT json_build_object('id', l.id, 'name', l.name, 'water_name', l.water_name, 'distance_m', l.line_m)
     FROM lines l WHERE l.layer = 'outer' AND l.line_m <= $6::float8
    ORDER BY l.line_m, l.id LIMIT 1) AS nearest_outer,
  (SELECT coalesce(json_agg(json_build_object('id', n.id, 'code', n.code, 'name', n.name, 'river_code', n.river_code,
            'distance_m', n.d, 'crosses', n.crosses, 'length_inside_m', n.inside_m) ORDER BY n.d, n.id), '[]')
     FROM near_reaches n) AS reaches,
  chiefs_on_duty($3::date, (SELECT array_agg(ROW(s.kind, s.id, s.code, s.name, s.d)::duty_scope) FROM scopes s))
    AS chiefs,
  CASE WHEN i.valid THEN basin_governance(p.g) END AS basins,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'level', a.level, 'code', a.code, 'name', a.name)
            ORDER BY chief_rank('level', a.level), a.code), '[]')
     FROM admin_areas a WHERE ST_Intersects(a.geom, p.g)) AS admin
  FROM input i LEFT JOIN project p ON true
