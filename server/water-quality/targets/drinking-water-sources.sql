-- The drinking-water sources of county level and up (source_level city or county), one per source:
-- its protection zones grouped by source_name (a zone without one stands alone, by its own name),
-- with the monitoring sections inside or on the boundary of its first- or second-grade zones.
-- The quasi zone (准保护区) is the catchment beyond the source, not the source's water.
SELECT coalesce(w.source_name, w.name) AS name,
       CASE WHEN bool_or(w.source_level = 'city') THEN 'city' ELSE 'county' END AS source_level,
       coalesce(array_agg(DISTINCT s.code) FILTER (WHERE s.code IS NOT NULL), '{}') AS sections
  FROM water_source_zones w
  LEFT JOIN monitoring_sections s ON w.grade IN ('first', 'second') AND ST_Intersects(w.geom, s.geom)
 WHERE w.source_level IN ('city', 'county')
 GROUP BY coalesce(w.source_name, w.name)
 ORDER BY coalesce(w.source_name, w.name) COLLATE "C"
