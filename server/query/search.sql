-- The viewer's search box (issue 12 item 3): rivers, reaches, lakes, chiefs and places whose name or code holds $1, ranked exact, then prefix, then contains; strpos on lower() needs no LIKE escaping of user text.
WITH hits AS (
  SELECT 'river' AS kind, t.id::text AS id, t.code, t.name, t.grade::text AS detail, t.geom
    FROM rivers t
   WHERE strpos(lower(t.name), lower($1::text)) > 0 OR strpos(lower(t.code), lower($1::text)) > 0
  UNION ALL
  SELECT 'reach', t.id::text, t.code, t.name, coalesce(t.start_desc || ' — ' || t.end_desc, t.river_code), t.geom
    FROM reaches t
   WHERE strpos(lower(t.name), lower($1::text)) > 0 OR strpos(lower(t.code), lower($1::text)) > 0
  UNION ALL
  SELECT 'lake', t.id::text, t.code, t.name, t.kind, t.geom
    FROM lakes t
   WHERE strpos(lower(t.name), lower($1::text)) > 0 OR strpos(lower(t.code), lower($1::text)) > 0
  UNION ALL
  SELECT 'place', t.id::text, t.code, t.name, t.level, t.geom
    FROM admin_areas t
   WHERE strpos(lower(t.name), lower($1::text)) > 0 OR strpos(t.code, $1::text) > 0
  UNION ALL
  -- A chief is found where their scopes on the date lie (reach, area or lake), so the box can fly there.
  SELECT 'chief', ch.id, ch.id, ch.name, ch.position,
         (SELECT ST_Collect(coalesce(r.geom, ca.geom, l.geom))
            FROM assignments_on($2::date) a
            LEFT JOIN reaches r ON a.scope_kind = 'reach' AND r.code = a.scope_code
            LEFT JOIN chief_areas ca ON a.scope_kind = 'area' AND ca.code = a.scope_code
            LEFT JOIN lakes l ON a.scope_kind = 'lake' AND l.code = a.scope_code
           WHERE a.chief_id = ch.id)
    FROM chiefs ch
   WHERE strpos(lower(ch.name), lower($1::text)) > 0 OR strpos(lower(ch.id), lower($1::text)) > 0
), ranked AS (
  SELECT h.*,
         CASE WHEN lower(h.name) = lower($1::text) OR lower(h.code) = lower($1::text) THEN 0
              WHEN strpos(lower(h.name), lower($1::text)) = 1 OR strpos(lower(h.code), lower($1::text)) = 1 THEN 1
              ELSE 2 END AS match_rank
    FROM hits h
)
SELECT kind, id, code, name, detail, match_rank,
       CASE WHEN geom IS NULL THEN NULL ELSE
         json_build_array(ST_XMin(geom::box2d), ST_YMin(geom::box2d), ST_XMax(geom::box2d), ST_YMax(geom::box2d)) END AS bbox,
       -- A point on the feature itself (the centre of a bent river may lie off it), for "who is responsible here".
       CASE WHEN geom IS NULL THEN NULL ELSE ST_AsGeoJSON(ST_PointOnSurface(geom), 7)::json END AS point
  FROM ranked
 ORDER BY match_rank, length(name), array_position(ARRAY['place', 'river', 'lake', 'reach', 'chief'], kind), name, id
 LIMIT $3::int
