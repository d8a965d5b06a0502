-- Patrol compliance over a period (seed §5(四)), one statement over the stored evaluation: per chief and level, the calendar windows owed, the valid patrols in them, the scopes never covered.
-- $1 from, $2 to (dates, both inclusive, Kunming days); $3 chief level (NULL: all); $4 county code (NULL: all);
-- $5 json [{level, from, to}]: the calendar windows of each level that has a frequency (windows.ts), clipped to the period.
WITH held AS (
  -- Who is counted: river chiefs (role 'chief') at every level for the reaches, lakes and areas
  -- they hold, and village-group specialists. A chief-in-general or deputy enters only through a
  -- reach they also hold as a river chief (a row of role 'chief'). span: the days held in the period.
  SELECT a.chief_id, a.level, a.role, a.scope_kind, a.scope_code,
         daterange(greatest(a.valid_from, $1::date), least(coalesce(a.valid_to, 'infinity'::date), $2::date + 1)) AS span
    FROM assignments a
   WHERE a.role IN ('chief', 'specialist')
     AND a.valid_from <= $2::date AND (a.valid_to IS NULL OR a.valid_to > $1::date)
     AND ($3::text IS NULL OR a.level = $3::text)
), in_county AS (
  -- A chief is listed for a county when the interior of something they hold meets the county's.
  SELECT DISTINCT h.chief_id, h.level
    FROM held h JOIN admin_areas c ON c.level = 'county' AND c.code = $4::text
   WHERE EXISTS (SELECT 1 FROM reaches r
                  WHERE h.scope_kind = 'reach' AND r.code = h.scope_code
                    AND r.geom && c.geom AND ST_Relate(r.geom, c.geom, 'T********'))
      OR EXISTS (SELECT 1 FROM lakes l
                  WHERE h.scope_kind = 'lake' AND l.code = h.scope_code
                    AND l.geom && c.geom AND ST_Relate(l.geom, c.geom, 'T********'))
      OR EXISTS (SELECT 1 FROM chief_areas ca
                  WHERE h.scope_kind = 'area' AND ca.code = h.scope_code
                    AND ca.geom && c.geom AND ST_Relate(ca.geom, c.geom, 'T********'))
), kept AS (
  SELECT h.* FROM held h
   WHERE $4::text IS NULL OR (h.chief_id, h.level) IN (SELECT chief_id, level FROM in_county)
), listed AS (
  SELECT k.chief_id, k.level, range_agg(k.span) AS spans FROM kept k GROUP BY k.chief_id, k.level
), parts AS (
  -- What a scope asks to be covered: a reach, a lake's shoreline, or the reaches of an area
  -- (those whose interior meets the area's, as the registry counts them).
  SELECT DISTINCT h.chief_id, h.level, h.scope_kind, h.scope_code, p.kind AS part_kind, p.code AS part_code, p.name
    FROM kept h
    CROSS JOIN LATERAL (
      SELECT 'reach'::text AS kind, r.code, r.name FROM reaches r WHERE h.scope_kind = 'reach' AND r.code = h.scope_code
      UNION ALL
      SELECT 'lake', l.code, l.name FROM lakes l WHERE h.scope_kind = 'lake' AND l.code = h.scope_code
      UNION ALL
      SELECT 'reach', r.code, r.name
        FROM chief_areas ca JOIN reaches r ON r.geom && ca.geom AND ST_Relate(r.geom, ca.geom, 'T********')
       WHERE h.scope_kind = 'area' AND ca.code = h.scope_code
    ) p
), in_period AS MATERIALIZED (
  -- The valid patrols of the period (valid: no flag, so never off scope) on their Kunming day,
  -- with what each came near: from the period's patrols to their coverage rows, not from every
  -- patrol ever made near each reach held.
  SELECT p.id, p.chief_id, (p.started_at AT TIME ZONE 'Asia/Shanghai')::date AS day, pc.scope_kind, pc.code
    FROM patrols p
    JOIN patrol_coverage pc ON pc.patrol_id = p.id AND pc.covered_m > 0
   WHERE p.valid AND NOT ('off_scope' = ANY (coalesce(p.flags, '{}')))
     AND p.started_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
     AND p.started_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
), walked AS (
  -- The patrols that count, with what of the chief's counted scope each came near: made on a day
  -- on which the chief held that scope at that level (patrol_coverage lists the scope of the
  -- patrol date). A chief-in-general's walk elsewhere in their area is valid but covers none of
  -- the reaches they hold as river chief.
  SELECT l.chief_id, l.level, ip.id, ip.day, ip.scope_kind, ip.code
    FROM in_period ip
    JOIN listed l ON l.chief_id = ip.chief_id AND l.spans @> ip.day
    JOIN parts pt ON pt.chief_id = l.chief_id AND pt.level = l.level
                 AND pt.part_kind = ip.scope_kind AND pt.part_code = ip.code
), counted AS (
  SELECT DISTINCT w.chief_id, w.level, w.id, w.day FROM walked w
), win AS (
  SELECT w.level, w."from"::date AS wfrom, w."to"::date AS wto
    FROM json_to_recordset($5::json) AS w(level text, "from" text, "to" text)
), owed AS (
  -- A window is owed when the chief held the scope for at least half of its days (issue 13).
  SELECT l.chief_id, l.level, w.wfrom, w.wto,
         (SELECT coalesce(sum(upper(r) - lower(r)), 0)
            FROM unnest(l.spans * datemultirange(daterange(w.wfrom, w.wto + 1))) r) * 2 >= w.wto - w.wfrom + 1 AS required
    FROM listed l JOIN win w ON w.level = l.level
), owed_done AS (
  SELECT o.chief_id, o.level, o.wfrom, o.wto, o.required, count(c.id) AS done
    FROM owed o
    LEFT JOIN counted c ON c.chief_id = o.chief_id AND c.level = o.level AND c.day BETWEEN o.wfrom AND o.wto
   GROUP BY o.chief_id, o.level, o.wfrom, o.wto, o.required
), uncovered AS (
  SELECT p.* FROM parts p
   WHERE NOT EXISTS (SELECT 1 FROM walked w
                      WHERE w.chief_id = p.chief_id AND w.level = p.level
                        AND w.scope_kind = p.part_kind AND w.code = p.part_code)
), facts AS (
  -- Everything said of a chief and level, one row each, grouped once below: the CTEs' row counts
  -- are unknown to the planner, and joining their aggregates made it loop over them per chief.
  SELECT o.chief_id, o.level, 'window' AS fact, o.wfrom, o.wto, o.required, o.done,
         NULL::text AS kind, NULL::text AS code, NULL::text AS name, NULL::text AS role
    FROM owed_done o
  UNION ALL
  SELECT DISTINCT u.chief_id, u.level, 'uncovered', NULL::date, NULL::date, NULL::boolean, NULL::bigint, u.part_kind, u.part_code, u.name, NULL
    FROM uncovered u
  UNION ALL
  SELECT DISTINCT k.chief_id, k.level, 'scope', NULL::date, NULL::date, NULL::boolean, NULL::bigint, k.scope_kind, k.scope_code, NULL, k.role
    FROM kept k
  UNION ALL
  SELECT c.chief_id, c.level, 'patrol', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM counted c
)
SELECT f.chief_id, ch.name, ch.position, f.level, min(f.role) AS role,
       count(*) FILTER (WHERE f.fact = 'window' AND f.required)::int AS required,
       count(*) FILTER (WHERE f.fact = 'patrol')::int AS done,
       CASE WHEN EXISTS (SELECT 1 FROM win WHERE win.level = f.level)
            THEN count(*) FILTER (WHERE f.fact = 'window' AND f.required AND f.done = 0) = 0 END AS pass,
       coalesce(json_agg(json_build_object('scope_kind', f.kind, 'code', f.code, 'name', f.name)
                         ORDER BY f.kind, f.code COLLATE "C") FILTER (WHERE f.fact = 'uncovered'), '[]'::json) AS uncovered,
       coalesce(json_agg(json_build_object('from', f.wfrom, 'to', f.wto, 'required', f.required, 'done', f.done)
                         ORDER BY f.wfrom) FILTER (WHERE f.fact = 'window'), '[]'::json) AS windows,
       json_agg(json_build_object('scope_kind', f.kind, 'code', f.code)
                ORDER BY f.kind, f.code COLLATE "C") FILTER (WHERE f.fact = 'scope') AS scopes
  FROM facts f
  JOIN chiefs ch ON ch.id = f.chief_id
 GROUP BY f.chief_id, f.level, ch.id
 ORDER BY chief_rank('level', f.level), ch.name COLLATE "C", f.chief_id COLLATE "C"
