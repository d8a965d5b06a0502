-- One layer of an ST_AsMVT tile: features in id order so identical data gives identical bytes, the row id as MVT feature id.
(SELECT coalesce(ST_AsMVT(q, {{name}}, {{extent}}, 'geom', 'id' ORDER BY q.id), '\x'::bytea)
   FROM (SELECT {{columns}}, ST_AsMVTGeom(f.geom, tile.envelope, {{extent}}, {{buffer}}, true) AS geom
           FROM ({{features}}) f, tile) q
  WHERE q.geom IS NOT NULL)
