-- The zone within $1 metres (PATROL_NEAR_M) of each evaluated track: ST_Buffer on geography
-- (metres, in a local projection), the costly step, so only for tracks whose box comes that near
-- some part of their scope. $1 / 50 000 degrees is more than $1 metres of longitude below 63°N.
-- Four segments per quarter circle: the rounded ends and joins are then within 2 % of $1 (3 m
-- of 150), and straight ahead of a track's end exactly $1. The track is first simplified by
-- 1e-5° (about 1 m; its ends stay): GPS jitter would otherwise put hundreds of vertices in the
-- zone. Both make the buffer and the intersections several times cheaper.
-- The track is buffered in runs of 16 segments (each run's last fix is the next one's first) and
-- the buffers unioned, the same zone: buffering a line that crosses itself over and over (a chief
-- standing still, 2 000 fixes of jitter) cost GEOS minutes in one piece (165 s on the server
-- engine) and crashed the embedded one (PANIC, ERRORDATA_STACK_SIZE exceeded); in runs, 0.7 s.
UPDATE patrol_evaluating e
   SET zone = (SELECT ST_SetSRID(ST_Union(ST_Buffer(run.line::geography, $1, 'quad_segs=4')::geometry), 4490)
                 FROM (SELECT ST_MakeLine(d.geom ORDER BY d.path[1]) AS line
                         FROM ST_DumpPoints(ST_Simplify(e.geom, 1e-5)) d,
                              LATERAL (SELECT DISTINCT r FROM (VALUES ((d.path[1] - 1) / 16), ((d.path[1] - 2) / 16)) v(r)) k
                        GROUP BY k.r
                       HAVING count(*) > 1) run)
 WHERE EXISTS (SELECT 1 FROM patrol_evaluating_parts p JOIN patrol_evaluating_shapes s USING (kind, code)
                WHERE p.patrol_id = e.id AND s.geom && ST_Expand(e.geom, $1 / 50000.0))
