-- One layer's features in a tile, generalised for its zoom: the stage both tile sources share, so their tiles differ only in how they clip and encode (rules in tile-features.ts).
SELECT f.id, {{properties}},
       CASE
         WHEN {{dimension}} = 0 THEN m.g
         WHEN NOT k.small AND NOT ST_IsEmpty(r.kept) THEN r.kept
         WHEN NOT k.small AND NOT m.g @ tile.clip_box THEN NULL
         WHEN {{dimension}} = 1 THEN ST_MakeLine(ST_Translate(c.p, -tile.pixel / 2, 0), ST_Translate(c.p, tile.pixel / 2, 0))
         ELSE ST_Expand(c.p, tile.pixel / 2)
       END AS geom
  FROM {{table}} f
 CROSS JOIN tile
 CROSS JOIN LATERAL (SELECT ST_Transform(f.geom, 3857) AS g) m
 CROSS JOIN LATERAL (SELECT ST_XMax(m.g) - ST_XMin(m.g) < tile.pixel AND ST_YMax(m.g) - ST_YMin(m.g) < tile.pixel AS small) k
 CROSS JOIN LATERAL (
   -- Only the part near the tile is generalised: a county's whole outline costs every tile it touches otherwise.
   SELECT CASE WHEN {{dimension}} = 0 OR k.small THEN NULL
               ELSE ST_SimplifyPreserveTopology(ST_ClipByBox2D(m.g, tile.clip_box), tile.pixel) END AS g) s0
 CROSS JOIN LATERAL (
   -- Snap rounding throws on an invalid polygon (a table edited from QGIS can hold one, ST_ClipByBox2D may make one); checking costs most of a z6 tile, so only the retry does ({{repair}}).
   SELECT CASE WHEN NOT {{repair}} OR {{dimension}} < 2 OR s0.g IS NULL OR ST_IsValid(s0.g) THEN s0.g
               ELSE ST_MakeValid(s0.g) END AS simple) v
 CROSS JOIN LATERAL (SELECT ST_ReducePrecision(v.simple, tile.unit) AS reduced) s
 CROSS JOIN LATERAL (
   SELECT CASE WHEN {{dimension}} = 2 AND s.reduced IS NOT NULL
               THEN (SELECT ST_Collect(d.geom) FROM ST_Dump(s.reduced) d WHERE ST_Area(d.geom) >= tile.pixel ^ 2)
               ELSE s.reduced END AS kept) r
 CROSS JOIN LATERAL (
   SELECT ST_SnapToGrid(ST_SetSRID(ST_MakePoint((ST_XMin(m.g) + ST_XMax(m.g)) / 2, (ST_YMin(m.g) + ST_YMax(m.g)) / 2), 3857), tile.unit) AS p) c
 WHERE f.geom && tile.search_box
