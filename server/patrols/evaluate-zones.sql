-- The zone within $1 metres (PATROL_NEAR_M) of each evaluated track: ST_Buffer on geography
-- (metres, in a local projection), the costly step, so only for tracks whose box comes that near
-- some part of their scope. $1 / 50 000 degrees is more than $1 metres of longitude below 63°N.
-- Four segments per quarter circle: the rounded ends and joins are then within 2 % of $1 (3 m
-- of 150), and straight ahead of a track's end exactly $1. The track is first simplified by
-- 1e-5° (about 1 m; its ends stay): GPS jitter would otherwise put hundreds of vertices in the
-- zone. Both make the buffer and the intersections several times cheaper.
UPDATE patrol_evaluating e
   SET zone = ST_SetSRID(ST_Buffer(ST_Simplify(e.geom, 1e-5)::geography, $1, 'quad_segs=4')::geometry, 4490)
 WHERE EXISTS (SELECT 1 FROM patrol_evaluating_parts p JOIN patrol_evaluating_shapes s USING (kind, code)
                WHERE p.patrol_id = e.id AND s.geom && ST_Expand(e.geom, $1 / 50000.0))
