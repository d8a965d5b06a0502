-- The monitoring sections in or on the lakes named $1 (a lake whose name starts with it: 滇池
-- also matches a layer that splits it into 滇池草海 and 滇池外海), with the lake features matched.
SELECT n.name,
       coalesce(array_agg(DISTINCT coalesce(l.code, l.id::text)) FILTER (WHERE l.id IS NOT NULL), '{}') AS lakes,
       coalesce(array_agg(DISTINCT s.code) FILTER (WHERE s.code IS NOT NULL), '{}') AS sections
  FROM (SELECT $1::text AS name) n
  LEFT JOIN lakes l ON starts_with(l.name, n.name)
  LEFT JOIN monitoring_sections s ON ST_Intersects(l.geom, s.geom)
 GROUP BY n.name
