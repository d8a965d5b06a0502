-- Basins for the locate index, with what basin_governance() (migration 007) derives from each: the box area that ranks nesting and a point on the surface.
SELECT b.id, b.code, b.name, b.authority, b.governance, ST_Area(Box2D(b.geom)) AS box_area,
       ST_AsBinary(ST_PointOnSurface(b.geom)) AS on_surface, ST_AsBinary(b.geom) AS g
  FROM basins b WHERE b.geom IS NOT NULL ORDER BY b.id
