-- The tile a statement cuts, from its bound z/x/y: the Web Mercator envelope, the storage-CRS box that finds its features (buffer included), and one pixel in metres.
SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS envelope,
       ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => {{margin}}), 4490) AS search_box,
       (ST_XMax(ST_TileEnvelope($1::int, $2::int, $3::int)) - ST_XMin(ST_TileEnvelope($1::int, $2::int, $3::int))) / {{pixels}} AS pixel
