-- The evaluation of patrol $1 as POST /api/patrols answers it: instants as ISO 8601 UTC text (the
-- two engines' sessions need not share a zone), coverage per part of the scope with its name and
-- share, and the share of the whole scope (covered over total length; 0 without a scope).
SELECT p.id, p.chief_id,
       to_char(p.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS started_at,
       to_char(p.ended_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ended_at,
       p.length_m, p.duration_s, p.max_speed_kmh, p.valid, coalesce(p.flags, '{}') AS flags,
       coalesce((SELECT json_agg(json_build_object(
                          'scope_kind', c.scope_kind, 'code', c.code,
                          'name', CASE c.scope_kind
                                    WHEN 'reach' THEN (SELECT r.name FROM reaches r WHERE r.code = c.code)
                                    ELSE (SELECT l.name FROM lakes l WHERE l.code = c.code ORDER BY l.id LIMIT 1) END,
                          'length_m', c.length_m, 'covered_m', c.covered_m,
                          'share', CASE WHEN c.length_m > 0 THEN c.covered_m / c.length_m ELSE 0 END)
                        ORDER BY c.scope_kind, c.code)
                   FROM patrol_coverage c WHERE c.patrol_id = p.id), '[]') AS coverage,
       coalesce((SELECT sum(c.covered_m) / nullif(sum(c.length_m), 0) FROM patrol_coverage c WHERE c.patrol_id = p.id), 0) AS share
  FROM patrols p
 WHERE p.id = $1
