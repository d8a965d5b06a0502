-- The demo's per-fix patrol times, written beside the tracks loadLayer stored: times are a computed column (migration 013), not an importable attribute. A demo track is known by its chief and start.
UPDATE patrols p
   SET times = t.times
  FROM demo_patrol_times t
 WHERE p.chief_id = t.chief_id AND p.started_at = t.started_at
