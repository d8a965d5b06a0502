-- A tile by ST_AsMVT: each layer's shared features clipped, snapped and encoded by PostGIS, the layers' bytes concatenated (an MVT is a list of layers).
WITH tile AS (
{{tile}}
)
SELECT {{layers}} AS mvt
