-- Administrative areas for the locate index: the answer's fields, the level's rank (chief_ranks) and the outline as WKB (exact coordinates: a point on a vertex stays on it).
SELECT a.id, a.level, a.code, a.name, a.parent_code, coalesce(chief_rank('level', a.level), 2147483647) AS level_rank,
       ST_AsBinary(a.geom) AS g
  FROM admin_areas a WHERE a.geom IS NOT NULL ORDER BY a.id
