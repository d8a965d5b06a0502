-- The parts of each evaluated patrol's scope (issue 13 part 1, after seed
-- §5(四)): the chief's assignments on the patrol date (holds_on, migration 007) give a reach; a
-- lake, by its shoreline (boundary); an area, by its reaches, those whose interior meets the
-- area's (as compliance.sql counts them), found once per area however many patrols hold it. A
-- reach held twice (alone and through an area) is one part.
INSERT INTO patrol_evaluating_parts (patrol_id, kind, code)
WITH held AS MATERIALIZED (
  SELECT DISTINCT e.id AS patrol_id, a.scope_kind, a.scope_code
    FROM patrol_evaluating e
    JOIN assignments a ON a.chief_id = e.chief_id AND holds_on(a.valid_from, a.valid_to, e.day)
), area_reaches AS MATERIALIZED (
  SELECT ca.code AS area_code, r.code
    FROM chief_areas ca JOIN reaches r ON r.geom && ca.geom AND ST_Relate(r.geom, ca.geom, 'T********')
   WHERE ca.code IN (SELECT h.scope_code FROM held h WHERE h.scope_kind = 'area')
), parts AS (
  SELECT h.patrol_id, 'reach'::text AS kind, h.scope_code AS code FROM held h WHERE h.scope_kind = 'reach'
  UNION
  SELECT h.patrol_id, 'lake', h.scope_code FROM held h WHERE h.scope_kind = 'lake'
  UNION
  SELECT h.patrol_id, 'reach', ar.code FROM held h JOIN area_reaches ar ON ar.area_code = h.scope_code
   WHERE h.scope_kind = 'area'
)
SELECT pa.patrol_id, pa.kind, pa.code FROM parts pa
