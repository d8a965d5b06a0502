-- Chief responsibility areas for the locate index: their scope fields and outlines as WKB (exact coordinates).
SELECT c.id, c.code, c.name, ST_AsBinary(c.geom) AS g
  FROM chief_areas c WHERE c.geom IS NOT NULL ORDER BY c.id
