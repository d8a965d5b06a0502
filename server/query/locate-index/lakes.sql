-- Lakes and reservoirs with a code (only those can be a chief's scope, locate.sql) for the locate index.
SELECT l.id, l.code, l.name, ST_AsBinary(l.geom) AS g
  FROM lakes l WHERE l.code IS NOT NULL AND l.geom IS NOT NULL ORDER BY l.id
