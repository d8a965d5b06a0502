-- Where a trace starts: the reach nearest to a point (preferring the section's own river) and how far along it, on the ellipsoid, the point's nearest point lies.
-- along_m: reach_along_m (migration 009), geodesic metres from from_node to the reach's point nearest to the point.
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4490) AS g)
SELECT k.id, k.code, k.name, k.river_code, k.from_node, k.to_node, k.d AS distance_m, k.length_m,
       reach_along_m(k.geom, p.g) AS along_m
  FROM p CROSS JOIN LATERAL (
    SELECT r.id, r.code, r.name, r.river_code, r.from_node, r.to_node, r.geom,
           ST_Distance(r.geom::geography, p.g::geography) AS d, ST_Length(r.geom::geography) AS length_m
      FROM reaches r ORDER BY r.geom::geography <-> p.g::geography LIMIT 8) k
 WHERE k.d <= $3::float8
 ORDER BY ($4::text IS NOT NULL AND k.river_code = $4::text) DESC, k.d, k.id
 LIMIT 1
