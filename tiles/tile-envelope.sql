-- The tile a statement cuts, from its bound z/x/y: the Web Mercator envelope, the storage-CRS box that finds its features (buffer included), the box generalisation works in, one tile unit and one pixel in metres.
SELECT e.envelope,
       ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => {{margin}}), 4490) AS search_box,
       ST_Expand(e.envelope, (ST_XMax(e.envelope) - ST_XMin(e.envelope)) / 8) AS clip_box,
       (ST_XMax(e.envelope) - ST_XMin(e.envelope)) / {{extent}} AS unit,
       (ST_XMax(e.envelope) - ST_XMin(e.envelope)) / {{pixels}} AS pixel
  FROM (SELECT ST_TileEnvelope($1::int, $2::int, $3::int) AS envelope) e
