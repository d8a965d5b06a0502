-- The public registry of rivers, canals, lakes and reservoirs (河(渠)湖库名录, seed §5(一)): every water body with its management level, the counties it crosses, its geodesic length or area and its chiefs on a date; one statement.
-- $1 date, $2 management level, $3 county code, $4 kind (each NULL for any).
WITH water AS (
  SELECT 'rivers'::text AS layer, r.id, r.code, r.name, r.kind, r.management_level, r.geom,
         ST_Length(r.geom::geography) AS length_m, NULL::float8 AS area_m2
    FROM rivers r
   WHERE ($2::text IS NULL OR r.management_level = $2::text) AND ($4::text IS NULL OR r.kind = $4::text)
  UNION ALL
  SELECT 'lakes', l.id, l.code, l.name, l.kind, l.management_level, l.geom,
         NULL, ST_Area(l.geom::geography)
    FROM lakes l
   WHERE ($2::text IS NULL OR l.management_level = $2::text) AND ($4::text IS NULL OR l.kind = $4::text)
), crossed AS (
  -- A water body crosses a county when their interiors meet: a river that ends on the border, or
  -- a lake whose shore runs along it, does not cross the county beyond.
  SELECT w.layer, w.id, a.code, a.name
    FROM water w JOIN admin_areas a ON a.level = 'county' AND a.geom && w.geom
   WHERE ST_Relate(w.geom, a.geom, 'T********')
), listed AS (
  SELECT w.* FROM water w
   WHERE $3::text IS NULL
      OR EXISTS (SELECT 1 FROM crossed c WHERE c.layer = w.layer AND c.id = w.id AND c.code = $3::text)
), duty_areas AS (
  -- Responsibility areas of river chiefs (role 'chief', not the chiefs-in-general of a whole
  -- area): outside the 滇池 basin city-level chiefs hold rivers by area (seed §3(一)2).
  SELECT DISTINCT c.code, c.geom
    FROM assignments_on($1::date) a JOIN chief_areas c ON c.code = a.scope_code
   WHERE a.scope_kind = 'area' AND a.role = 'chief'
), scopes AS (
  -- What a chief of the water body holds: a reach of the river (一河一长), the lake itself
  -- (湖长/库长), or a responsibility area the water body crosses.
  SELECT w.layer, w.id, 'reach'::text AS kind, r.code
    FROM listed w JOIN reaches r ON w.layer = 'rivers' AND r.river_code = w.code
  UNION ALL
  SELECT w.layer, w.id, 'lake', w.code FROM listed w WHERE w.layer = 'lakes' AND w.code IS NOT NULL
  UNION ALL
  SELECT w.layer, w.id, 'area', d.code
    FROM listed w JOIN duty_areas d ON d.geom && w.geom AND ST_Relate(w.geom, d.geom, 'T********')
), duty AS (
  SELECT s.layer, s.id, a.chief_id, a.level, a.role,
         json_agg(json_build_object('kind', s.kind, 'code', s.code) ORDER BY s.kind, s.code) AS scopes
    FROM scopes s JOIN assignments_on($1::date) a ON a.scope_kind = s.kind AND a.scope_code = s.code
   WHERE s.kind <> 'area' OR a.role = 'chief'
   GROUP BY s.layer, s.id, a.chief_id, a.level, a.role
)
SELECT w.layer, w.id, w.code, w.name, w.kind, w.management_level, w.length_m, w.area_m2,
  (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name) ORDER BY c.code), '[]')
     FROM crossed c WHERE c.layer = w.layer AND c.id = w.id) AS counties,
  -- Names sort in the "C" collation so that both engines list chiefs in the same order.
  (SELECT coalesce(json_agg(json_build_object('id', ch.id, 'name', ch.name, 'position', ch.position,
                                              'contact', ch.contact, 'level', d.level, 'role', d.role,
                                              'scopes', d.scopes)
            ORDER BY chief_rank('level', d.level), chief_rank('role', d.role), ch.name COLLATE "C", ch.id), '[]')
     FROM duty d JOIN chiefs ch ON ch.id = d.chief_id
    WHERE d.layer = w.layer AND d.id = w.id) AS chiefs
  FROM listed w
 ORDER BY coalesce(chief_rank('level', w.management_level), 99), w.layer DESC, w.code COLLATE "C", w.id
