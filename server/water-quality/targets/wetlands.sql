-- Every natural wetland with its area on the ellipsoid (m²) and whether it is protected.
SELECT id, name, protected, ST_Area(geom::geography) AS area_m2 FROM wetlands ORDER BY id
