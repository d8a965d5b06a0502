-- Coverage of each evaluated patrol (issue 13 part 1): per part of its scope, the part's geodesic
-- length and the geodesic length of what of it lies in the track's zone (evaluate-zones.sql),
-- both on the ellipsoid, in metres. A part's length is measured once however many patrols hold
-- it; only what of a part lies in the zone's box is intersected.
INSERT INTO patrol_coverage (patrol_id, scope_kind, code, length_m, covered_m)
WITH measured AS (
  SELECT kind, code, ST_Length((array_agg(geom))[1]::geography) AS length_m
    FROM patrol_evaluating_parts GROUP BY kind, code
)
SELECT s.patrol_id, s.kind, s.code, m.length_m,
       CASE WHEN e.zone IS NOT NULL AND s.geom && e.zone AND ST_Intersects(s.geom, e.zone)
            THEN least(ST_Length(ST_Intersection(ST_ClipByBox2D(s.geom, e.zone), e.zone)::geography), m.length_m)
            ELSE 0 END
  FROM patrol_evaluating_parts s
  JOIN patrol_evaluating e ON e.id = s.patrol_id
  JOIN measured m ON m.kind = s.kind AND m.code = s.code
