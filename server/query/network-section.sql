-- A monitoring section, by code or id, with its latest measurement on or before the date: the usual start of a 倒查 trace.
SELECT s.id, s.code, s.name, s.river_code, s.level, s.target_class, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
       m.measured_on, m.water_class
  FROM monitoring_sections s
  LEFT JOIN LATERAL (SELECT measured_on, water_class FROM measurements
                      WHERE section_code = s.code AND measured_on <= $3::date
                      ORDER BY measured_on DESC LIMIT 1) m ON true
 WHERE s.code = $1::text OR s.id = $2::bigint
 ORDER BY (s.code = $1::text) DESC, s.id
 LIMIT 1
