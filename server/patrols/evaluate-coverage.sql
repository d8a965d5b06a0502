-- Coverage of each evaluated patrol (issue 13 part 1): per part of its scope, the part's geodesic
-- length and the geodesic length of what of it lies in the track's zone (evaluate-zones.sql),
-- both on the ellipsoid, in metres. Only what of a part lies in the zone's box is intersected.
INSERT INTO patrol_coverage (patrol_id, scope_kind, code, length_m, covered_m)
SELECT p.patrol_id, p.kind, p.code, s.length_m,
       CASE WHEN e.zone IS NOT NULL AND s.geom && e.zone AND ST_Intersects(s.geom, e.zone)
            THEN least(ST_Length(ST_Intersection(ST_ClipByBox2D(s.geom, e.zone), e.zone)::geography), s.length_m)
            ELSE 0 END
  FROM patrol_evaluating_parts p
  JOIN patrol_evaluating_shapes s ON s.kind = p.kind AND s.code = p.code
  JOIN patrol_evaluating e ON e.id = p.patrol_id
