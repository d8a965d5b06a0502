-- The shape of each part the evaluated patrols hold, once: a reach's line, a lake's shoreline
-- (its boundary; lakes.code is not unique: the first lake of the code), with its geodesic length
-- on the ellipsoid (metres).
INSERT INTO patrol_evaluating_shapes (kind, code, geom, length_m)
SELECT s.kind, s.code, s.geom, ST_Length(s.geom::geography)
  FROM (SELECT DISTINCT kind, code FROM patrol_evaluating_parts) pa
  CROSS JOIN LATERAL (
    SELECT pa.kind, pa.code, r.geom FROM reaches r WHERE pa.kind = 'reach' AND r.code = pa.code
    UNION ALL
    (SELECT pa.kind, pa.code, ST_Boundary(l.geom) FROM lakes l WHERE pa.kind = 'lake' AND l.code = pa.code ORDER BY l.id LIMIT 1)
  ) s
