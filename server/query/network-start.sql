-- Where a trace starts: the reach nearest to a point (preferring the section's own river) and how far along it, on the ellipsoid, the point's nearest point lies.
-- The nearest point is found on a local plane, longitudes scaled by k = (parallel radius)/(meridian radius) at the point's latitude (GRS80 e² = 0.00669438002290; k = 0.911 at 25°N), so that the perpendicular is a true one; in plain degrees it lands up to ~9 % of the offset off along the reach. The part of the reach up to that point is measured as geography, never as a share of a length in degrees.
WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4490) AS g,
                  cos(radians($2::float8)) * (1 - 0.00669438002290 * sin(radians($2::float8)) ^ 2) / (1 - 0.00669438002290) AS k)
SELECT k.id, k.code, k.name, k.river_code, k.from_node, k.to_node, k.d AS distance_m, k.length_m,
       ST_Length(ST_Scale(ST_LineSubstring(ST_Scale(k.geom, p.k, 1), 0,
                                           ST_LineLocatePoint(ST_Scale(k.geom, p.k, 1), ST_Scale(p.g, p.k, 1))),
                          1 / p.k, 1)::geography) AS along_m
  FROM p CROSS JOIN LATERAL (
    SELECT r.id, r.code, r.name, r.river_code, r.from_node, r.to_node, r.geom,
           ST_Distance(r.geom::geography, p.g::geography) AS d, ST_Length(r.geom::geography) AS length_m
      FROM reaches r ORDER BY r.geom::geography <-> p.g::geography LIMIT 8) k
 WHERE k.d <= $3::float8
 ORDER BY ($4::text IS NOT NULL AND k.river_code = $4::text) DESC, k.d, k.id
 LIMIT 1
