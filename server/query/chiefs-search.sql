-- Chief search by name or id (substring, case-insensitive), each with the scopes held on the date, for pickers and the hotline.
SELECT ch.id, ch.name, ch.position, ch.contact, count(*) OVER () AS total,
  coalesce((SELECT json_agg(json_build_object('level', a.level, 'role', a.role, 'kind', a.scope_kind,
                                                'code', a.scope_code, 'name', coalesce(r.name, c.name, l.name))
                             ORDER BY chief_rank('level', a.level), a.scope_code)
              FROM assignments_on($2::date) a
              LEFT JOIN reaches r ON a.scope_kind = 'reach' AND r.code = a.scope_code
              LEFT JOIN chief_areas c ON a.scope_kind = 'area' AND c.code = a.scope_code
              LEFT JOIN LATERAL (SELECT name FROM lakes WHERE a.scope_kind = 'lake' AND code = a.scope_code ORDER BY id LIMIT 1) l ON true
             WHERE a.chief_id = ch.id), '[]') AS scopes
  FROM chiefs ch
 WHERE ($1::text IS NULL OR ch.name ILIKE $1::text ESCAPE '\' OR ch.id ILIKE $1::text ESCAPE '\')
   AND ($5::text IS NULL OR EXISTS (
         SELECT 1 FROM assignments_on($2::date) a WHERE a.chief_id = ch.id AND a.level = $5::text))
 ORDER BY ch.name, ch.id
 LIMIT $3::int OFFSET $4::int
