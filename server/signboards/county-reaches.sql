-- The reaches whose boards a county prints (npm run export:signboards): those with the point at half their length in the county's area, so a reach crossing a county border is printed by one county only.
SELECT a.code AS county_code, a.name AS county_name, a.level,
       coalesce((SELECT json_agg(json_build_object('code', r.code, 'name', r.name, 'river_code', r.river_code)
                          ORDER BY r.river_code NULLS LAST, r.code)
                   FROM reaches r
                  WHERE ST_Intersects(a.geom, r.geom)
                    AND ST_Covers(a.geom, ST_LineInterpolatePoint(r.geom, 0.5))), '[]') AS reaches
  FROM admin_areas a
 WHERE a.code = $1::text
