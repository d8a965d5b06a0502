-- Stores an uploaded patrol, not yet evaluated: $1 chief id, $2 the track as GeoJSON LineString
-- text in EPSG:4490 lon/lat, $3 its fix times as a JSON array of ISO 8601 instants (one per vertex).
WITH fix AS (
  SELECT ARRAY(SELECT e.t::timestamptz FROM json_array_elements_text($3::json) WITH ORDINALITY e(t, i) ORDER BY e.i) AS times
)
INSERT INTO patrols (chief_id, started_at, ended_at, times, geom)
SELECT $1, fix.times[1], fix.times[cardinality(fix.times)], fix.times, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)
  FROM fix
RETURNING id
