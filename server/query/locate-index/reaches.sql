-- Reaches for the locate index: the ReachRef fields and the line as WKB (exact coordinates).
SELECT r.id, r.code, r.name, r.river_code, ST_AsBinary(r.geom) AS g
  FROM reaches r WHERE r.geom IS NOT NULL ORDER BY r.id
