-- One layer's shared features as lon/lat GeoJSON for geojson-vt, exterior rings clockwise as MVT wants them (spec 4.3.4.4): geojson-vt does not rewind.
WITH tile AS (
{{tile}}
)
SELECT {{columns}}, ST_AsGeoJSON(ST_Transform(ST_ForcePolygonCW(f.geom), 4326), 9) AS geometry
  FROM ({{features}}) f
 WHERE f.geom IS NOT NULL
 ORDER BY f.id
