-- Stores the measurements $2 (a JSON array) of section $1 in one statement: a date the section
-- already has is replaced whole (indicators not sent become null). inserted tells new rows apart
-- from replaced ones (xmax is 0 on a freshly inserted row version).
INSERT INTO measurements AS m (section_code, measured_on, water_class, cod_mg_l, nh3n_mg_l, tp_mg_l)
SELECT $1::text, u.measured_on, u.water_class, u.cod_mg_l, u.nh3n_mg_l, u.tp_mg_l
  FROM jsonb_to_recordset($2::jsonb)
         AS u(measured_on date, water_class text, cod_mg_l float8, nh3n_mg_l float8, tp_mg_l float8)
ON CONFLICT (section_code, measured_on) DO UPDATE
   SET water_class = EXCLUDED.water_class, cod_mg_l = EXCLUDED.cod_mg_l,
       nh3n_mg_l = EXCLUDED.nh3n_mg_l, tp_mg_l = EXCLUDED.tp_mg_l
RETURNING (m.xmax = 0) AS inserted
