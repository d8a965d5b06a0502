-- The measures and validity of each patrol being evaluated (its coverage is already stored):
-- length_m geodesic on the ellipsoid; duration_s from start to end; max_speed_kmh the largest
-- geodesic distance over time between consecutive fixes (NULL without per-fix times).
-- Flags (issue 13 part 1, after seed §5(四)): short_duration under $2 minutes (no duration
-- counts as none); short_length under $3 km for a chief holding a township or village
-- assignment on the patrol date; speed_jump above $4 km/h; off_scope when no part of the chief's
-- scope on that date lies within PATROL_NEAR_M of the track. valid: no flag. $1 evaluated_with.
-- The times are unnested once and joined to the fixes by position: e.times[i] per fix reads the
-- whole array each time, quadratic (a 20 000-fix track took 9.6 s on the server engine, 0.4 s so).
WITH measured AS (
  SELECT e.id, ST_Length(e.geom::geography) AS length_m,
         extract(epoch FROM e.ended_at - e.started_at)::float8 AS duration_s,
         CASE WHEN e.times IS NOT NULL THEN (
           SELECT max(s.m / s.dt * 3.6)
             FROM (SELECT ST_Distance((lag(d.geom) OVER w)::geography, d.geom::geography) AS m,
                          extract(epoch FROM t.t - lag(t.t) OVER w)::float8 AS dt
                     FROM ST_DumpPoints(e.geom) d
                     JOIN unnest(e.times) WITH ORDINALITY t(t, i) ON t.i = d.path[1]
                   WINDOW w AS (ORDER BY d.path[1])) s
            WHERE s.dt > 0) END AS max_speed_kmh,
         EXISTS (SELECT 1 FROM assignments a
                  WHERE a.chief_id = e.chief_id AND holds_on(a.valid_from, a.valid_to, e.day)
                    AND a.level IN ('township', 'village')) AS local_chief,
         EXISTS (SELECT 1 FROM patrol_coverage c WHERE c.patrol_id = e.id AND c.covered_m > 0) AS in_scope
    FROM patrol_evaluating e
), judged AS (
  SELECT m.*, array_remove(ARRAY[
           CASE WHEN coalesce(m.duration_s, 0) < $2::float8 * 60 THEN 'short_duration' END,
           CASE WHEN m.local_chief AND m.length_m < $3::float8 * 1000 THEN 'short_length' END,
           CASE WHEN m.max_speed_kmh > $4::float8 THEN 'speed_jump' END,
           CASE WHEN NOT m.in_scope THEN 'off_scope' END
         ]::text[], NULL) AS flags
    FROM measured m
)
UPDATE patrols p
   SET length_m = j.length_m, duration_s = j.duration_s, max_speed_kmh = j.max_speed_kmh,
       flags = j.flags, valid = cardinality(j.flags) = 0, evaluated_with = $1::jsonb
  FROM judged j
 WHERE p.id = j.id
