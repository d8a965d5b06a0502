-- Every water function zone ($2 true: only the important ones, important = 1) with the monitoring
-- sections that judge it: those inside its polygon or on its boundary, and those of its own river
-- (river_code) within $1 metres of it on the ellipsoid, for a section digitised on the river's
-- centre line just outside a narrow band. $3: degrees sure to cover $1 metres (the index prefilter).
SELECT z.id, z.code, z.name, z.river_code, z.target_class, z.important,
       coalesce(array_agg(DISTINCT s.code) FILTER (WHERE s.code IS NOT NULL), '{}') AS sections
  FROM water_function_zones z
  LEFT JOIN monitoring_sections s
    ON s.geom && ST_Expand(z.geom, $3::float8)
   AND (ST_Intersects(z.geom, s.geom)
        OR (s.river_code = z.river_code AND ST_DWithin(z.geom::geography, s.geom::geography, $1::float8)))
 WHERE $2::boolean IS NOT TRUE OR z.important = 1
 GROUP BY z.id, z.code, z.name, z.river_code, z.target_class, z.important
 ORDER BY z.code COLLATE "C", z.id
