-- One chief with every assignment held (history included) and each scope's geometry and size, for the chief page and signboards.
SELECT ch.id, ch.name, ch.position, ch.contact,
  coalesce((SELECT json_agg(json_build_object(
      'assignment_id', a.id, 'level', a.level, 'role', a.role, 'valid_from', a.valid_from, 'valid_to', a.valid_to,
      'active', holds_on(a.valid_from, a.valid_to, $2::date),
      'scope', json_build_object('kind', a.scope_kind, 'code', a.scope_code, 'id', coalesce(r.id, c.id, l.id),
                                  'name', coalesce(r.name, c.name, l.name), 'river_code', r.river_code, 'area_level', c.level,
                                  'length_m', ST_Length(r.geom::geography),
                                  'area_m2', ST_Area(coalesce(c.geom, l.geom)::geography)),
      'geometry', ST_AsGeoJSON(coalesce(r.geom, c.geom, l.geom), 7, 0)::json)
    ORDER BY a.valid_from DESC, a.id)
      FROM assignments a
      LEFT JOIN reaches r ON a.scope_kind = 'reach' AND r.code = a.scope_code
      LEFT JOIN chief_areas c ON a.scope_kind = 'area' AND c.code = a.scope_code
      LEFT JOIN LATERAL (SELECT * FROM lakes WHERE a.scope_kind = 'lake' AND code = a.scope_code ORDER BY id LIMIT 1) l ON true
     WHERE a.chief_id = ch.id), '[]') AS assignments
  FROM chiefs ch
 WHERE ch.id = $1::text
