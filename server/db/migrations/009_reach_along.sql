-- How far along a reach, in metres on the ellipsoid, the point of the reach nearest to a given point lies (network tracing, seed §5(五) 水质恶化倒查), kept once for every statement that needs it.
-- The nearest point is found on a local plane whose longitudes are scaled by k = (parallel radius)/(meridian radius) at the point's latitude (GRS80 e² = 0.00669438002290; k = 0.911 at 25°N), so that the perpendicular is a true one: in plain degrees it lands up to ~9 % of the offset off along the reach. The part of the reach up to it is then measured as geography, never as a share of a length in degrees. (PostGIS 3.4 has geography ST_LineLocatePoint; the Debian server here is 3.3.)
CREATE FUNCTION reach_along_m(reach geometry, point geometry) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
  SELECT ST_Length(ST_Scale(ST_LineSubstring(ST_Scale(reach, s.k, 1), 0,
                                             ST_LineLocatePoint(ST_Scale(reach, s.k, 1), ST_Scale(point, s.k, 1))),
                            1 / s.k, 1)::geography)
    FROM (SELECT cos(radians(ST_Y(point))) * (1 - 0.00669438002290 * sin(radians(ST_Y(point))) ^ 2)
                 / (1 - 0.00669438002290) AS k) s
  $$;
