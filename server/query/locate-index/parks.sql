-- Parks for the locate index: the answer's fields and the outline as WKB (exact coordinates: a point on a vertex stays on it).
SELECT k.id, k.code, k.name, k.committee, ST_AsBinary(k.geom) AS g
  FROM parks k WHERE k.geom IS NOT NULL ORDER BY k.id
