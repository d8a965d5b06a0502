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
), parts AS (
  -- What a scope asks to be covered: a reach, a lake's shoreline, or the reaches of an area
  -- (those whose interior meets the area's, as the registry counts them).
  SELECT DISTINCT h.chief_id, h.level, h.scope_kind, h.scope_code, p.kind AS part_kind, p.code AS part_code, p.name
    FROM held h
    CROSS JOIN LATERAL (
      SELECT 'reach'::text AS kind, r.code, r.name FROM reaches r WHERE h.scope_kind = 'reach' AND r.code = h.scope_code
      UNION ALL
      SELECT 'lake', l.code, l.name FROM lakes l WHERE h.scope_kind = 'lake' AND l.code = h.scope_code
      UNION ALL
      SELECT 'reach', r.code, r.name
        FROM chief_areas ca JOIN reaches r ON r.geom && ca.geom AND ST_Relate(r.geom, ca.geom, 'T********')
       WHERE h.scope_kind = 'area' AND ca.code = h.scope_code
    ) p
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
), listed AS (
  SELECT h.chief_id, h.level, min(h.role) AS role, range_agg(h.span) AS spans
    FROM held h
   WHERE $4::text IS NULL OR (h.chief_id, h.level) IN (SELECT chief_id, level FROM in_county)
   GROUP BY h.chief_id, h.level
), walked AS (
  -- The patrols that count, with what of the chief's counted scope each came near: valid (no
  -- flag, so never off scope), on a Kunming day of the period on which the chief held that scope
  -- at that level (patrol_coverage lists the scope of the patrol date). A chief-in-general's walk
  -- elsewhere in their area is valid but covers none of the reaches they hold as river chief.
  SELECT l.chief_id, l.level, p.id, (p.started_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
         pc.scope_kind, pc.code
    FROM listed l
    JOIN patrols p ON p.chief_id = l.chief_id
    JOIN patrol_coverage pc ON pc.patrol_id = p.id AND pc.covered_m > 0
    JOIN parts pt ON pt.chief_id = l.chief_id AND pt.level = l.level
                 AND pt.part_kind = pc.scope_kind AND pt.part_code = pc.code
   WHERE p.valid AND NOT ('off_scope' = ANY (coalesce(p.flags, '{}')))
     AND p.started_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
     AND p.started_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
     AND l.spans @> (p.started_at AT TIME ZONE 'Asia/Shanghai')::date
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
), windows AS (
  SELECT o.chief_id, o.level,
         count(*) FILTER (WHERE o.required) AS required,
         count(*) FILTER (WHERE o.required AND o.done = 0) AS missed,
         json_agg(json_build_object('from', o.wfrom, 'to', o.wto, 'required', o.required, 'done', o.done)
                  ORDER BY o.wfrom) AS windows
    FROM owed_done o
   GROUP BY o.chief_id, o.level
), scopes AS (
  SELECT s.chief_id, s.level,
         json_agg(json_build_object('scope_kind', s.scope_kind, 'code', s.scope_code) ORDER BY s.scope_kind, s.scope_code COLLATE "C") AS scopes
    FROM (SELECT DISTINCT chief_id, level, scope_kind, scope_code FROM held) s
   GROUP BY s.chief_id, s.level
), done AS (
  SELECT c.chief_id, c.level, count(*) AS done FROM counted c GROUP BY c.chief_id, c.level
), covered AS (
  SELECT DISTINCT w.chief_id, w.level, w.scope_kind, w.code FROM walked w
), uncovered AS (
  SELECT p.chief_id, p.level,
         json_agg(json_build_object('scope_kind', p.part_kind, 'code', p.part_code, 'name', p.name)
                  ORDER BY p.part_kind, p.part_code COLLATE "C") AS uncovered
    FROM (SELECT DISTINCT chief_id, level, part_kind, part_code, name FROM parts) p
    JOIN listed l ON l.chief_id = p.chief_id AND l.level = p.level
   WHERE NOT EXISTS (SELECT 1 FROM covered v
                      WHERE v.chief_id = p.chief_id AND v.level = p.level
                        AND v.scope_kind = p.part_kind AND v.code = p.part_code)
   GROUP BY p.chief_id, p.level
)
SELECT l.chief_id, ch.name, ch.position, l.level, l.role,
       coalesce(w.required, 0)::int AS required,
       coalesce(d.done, 0)::int AS done,
       CASE WHEN EXISTS (SELECT 1 FROM win WHERE win.level = l.level) THEN coalesce(w.missed, 0) = 0 END AS pass,
       coalesce(u.uncovered, '[]'::json) AS uncovered,
       coalesce(w.windows, '[]'::json) AS windows,
       s.scopes
  FROM listed l
  JOIN chiefs ch ON ch.id = l.chief_id
  LEFT JOIN windows w ON w.chief_id = l.chief_id AND w.level = l.level
  LEFT JOIN done d ON d.chief_id = l.chief_id AND d.level = l.level
  LEFT JOIN uncovered u ON u.chief_id = l.chief_id AND u.level = l.level
  JOIN scopes s ON s.chief_id = l.chief_id AND s.level = l.level
 ORDER BY chief_rank('level', l.level), ch.name COLLATE "C", l.chief_id COLLATE "C"
