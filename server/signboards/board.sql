-- One reach's signboard (河长公示牌, seed §6(五)): its chiefs on duty on a date with their duties, its scope and length, its water-quality targets and its office, in one statement.
-- $1 reach code, $2 date, $3 near distance (m) for monitoring sections on the reach.
WITH r AS (
  SELECT r.id, r.code, r.name, r.river_code, r.start_desc, r.end_desc, r.geom,
         ST_Length(r.geom::geography) AS length_m,
         (SELECT v.name FROM rivers v WHERE v.code = r.river_code) AS river
    FROM reaches r WHERE r.code = $1::text
), areas AS (
  -- The responsibility areas the reach runs in: at least 1 m of it inside, so an area it only
  -- touches (at an end, along a border) adds no chiefs, nor does the centimetre sliver where layers
  -- digitised apart overlap (the demo city: 1 509 area-reach pairs meet for under 0.1 m, the next for 1 m or more).
  SELECT c.id, c.code, c.name FROM chief_areas c JOIN r ON ST_Intersects(c.geom, r.geom)
   WHERE ST_Length(ST_Intersection(c.geom, r.geom)::geography) >= 1
), duty AS (
  SELECT chiefs_on_duty($2::date, ARRAY(
           SELECT ROW('reach', r.id, r.code, r.name, 0)::duty_scope FROM r
           UNION ALL
           SELECT ROW('area', a.id, a.code, a.name, NULL)::duty_scope FROM areas a)) AS j
), ends AS (
  -- Each end's place: at every admin level the area covering the end point, preferring the one
  -- holding most of the reach (an end on a border touches both neighbours), named county to village.
  SELECT e.which, ST_X(e.p) AS lon, ST_Y(e.p) AS lat,
         (SELECT string_agg(pick.name, '' ORDER BY chief_rank('level', pick.level))
            FROM (SELECT DISTINCT ON (a.level) a.name, a.level
                    FROM admin_areas a
                   WHERE a.level <> 'city' AND ST_Intersects(a.geom, e.p)
                   ORDER BY a.level, ST_Length(ST_Intersection(a.geom, r.geom)::geography) DESC, a.code) pick) AS place
    FROM r, LATERAL (VALUES ('start', ST_StartPoint(r.geom)), ('end', ST_EndPoint(r.geom))) e(which, p)
), zones AS (
  -- Water function zones the reach runs in (as for areas, at least 1 m), on its river or naming none.
  SELECT z.code, z.name, z.target_class FROM water_function_zones z JOIN r ON ST_Intersects(z.geom, r.geom)
   WHERE ST_Length(ST_Intersection(z.geom, r.geom)::geography) >= 1
     AND (z.river_code IS NULL OR r.river_code IS NULL OR z.river_code = r.river_code)
), sections AS (
  SELECT s.code, s.name, s.level, s.target_class FROM monitoring_sections s JOIN r
      ON ST_DWithin(s.geom::geography, r.geom::geography, $3::float8)
   WHERE s.river_code IS NULL OR r.river_code IS NULL OR s.river_code = r.river_code
)
SELECT r.code, r.name, r.river_code, r.river, r.start_desc, r.end_desc, r.length_m,
       (SELECT json_object_agg(which, json_build_object('place', place, 'lon', lon, 'lat', lat)) FROM ends) AS ends,
       duty.j AS chiefs,
       (SELECT coalesce(json_agg(json_build_object('level', level, 'role', role, 'duties', duties, 'source', source)), '[]')
          FROM chief_duties) AS duties,
       (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'target_class', target_class)
                 ORDER BY code, name), '[]') FROM zones) AS water_function_zones,
       (SELECT coalesce(json_agg(json_build_object('code', code, 'name', name, 'level', level, 'target_class', target_class)
                 ORDER BY code), '[]') FROM sections) AS monitoring_sections,
       -- The office of the basin at the reach's middle (a reach lies in one basin but may end on its divide).
       basin_governance(ST_LineInterpolatePoint(r.geom, 0.5))->0 AS governance,
       (SELECT coalesce(json_agg(json_build_object('code', b.code, 'lon', ST_X(b.geom), 'lat', ST_Y(b.geom)) ORDER BY b.code, b.id), '[]')
          FROM signboards b WHERE b.reach_code = r.code) AS boards
  FROM r, duty
