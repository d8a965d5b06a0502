-- Locate: for every point of a batch, the admin chain, basins, chiefs on duty, covering zones and reaches, in one statement.
WITH pts AS (
  SELECT u.i::int AS i, g, g::geography AS gg
    FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS u(lon, lat, i),
         LATERAL (SELECT ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4490) AS g) s
)
SELECT p.i, admin.j AS admin, park.j AS park, basins.j AS basins, duty.near_reaches, duty.chiefs, zones.j AS zones,
       nearest.j AS nearest_reach
  FROM pts p
  -- ST_Intersects, not ST_Contains: a point on a shared boundary belongs to both areas, never neither.
  CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('id', a.id, 'level', a.level, 'code', a.code, 'name', a.name,
                                                 'parent_code', a.parent_code)
             ORDER BY chief_rank('level', a.level), a.code), '[]') AS j
      FROM admin_areas a WHERE ST_Intersects(a.geom, p.g)
  ) admin
  -- A park is carved out of counties: where parks share a border the point takes the first by code.
  LEFT JOIN LATERAL (
    SELECT json_build_object('id', k.id, 'code', k.code, 'name', k.name, 'committee', k.committee) AS j
      FROM parks k WHERE ST_Intersects(k.geom, p.g) ORDER BY k.code LIMIT 1
  ) park ON true
  CROSS JOIN LATERAL (SELECT basin_governance(p.g) AS j) basins
  CROSS JOIN LATERAL (
    WITH near AS (
      SELECT r.id, r.code, r.name, r.river_code, ST_Distance(r.geom::geography, p.gg) AS d
        FROM reaches r WHERE ST_DWithin(r.geom::geography, p.gg, $4::float8)
    ), scopes AS (
      SELECT 'reach' AS kind, id, code, name, d FROM near
      UNION ALL
      SELECT 'area', c.id, c.code, c.name, NULL FROM chief_areas c WHERE ST_Intersects(c.geom, p.g)
      UNION ALL
      -- A lake or reservoir chief's scope is the water and its shore within the near distance (0 m on the water).
      SELECT 'lake', l.id, l.code, l.name, ST_Distance(l.geom::geography, p.gg)
        FROM lakes l WHERE l.code IS NOT NULL AND ST_DWithin(l.geom::geography, p.gg, $4::float8)
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'river_code', river_code,
                                                    'distance_m', d) ORDER BY d, id), '[]') FROM near) AS near_reaches,
      chiefs_on_duty($3::date, (SELECT array_agg(ROW(s.kind, s.id, s.code, s.name, s.d)::duty_scope) FROM scopes s))
        AS chiefs
  ) duty
  CROSS JOIN LATERAL (
    -- One list per zone layer of the registry (registry-sql.ts): the features covering the point.
    SELECT json_build_object(
      {{zone_lists}}) AS j
  ) zones
  LEFT JOIN LATERAL (
    -- KNN on the planar index ranks in degrees, where a degree of longitude is ~10 % shorter
    -- than one of latitude here: any reach it ranks ahead of the truly nearest one is within 10 %
    -- of its distance, so re-ranking the eight nearest on the spheroid finds the nearest (and is
    -- cheaper than KNN on the geography index).
    SELECT json_build_object('id', k.id, 'code', k.code, 'name', k.name, 'river_code', k.river_code,
                              'distance_m', k.d) AS j
      FROM (SELECT r.id, r.code, r.name, r.river_code, ST_Distance(r.geom::geography, p.gg) AS d
              FROM reaches r ORDER BY r.geom <-> p.g LIMIT 8) k
     WHERE k.d <= $5::float8
     ORDER BY k.d, k.id LIMIT 1
  ) nearest ON true
 ORDER BY p.i
