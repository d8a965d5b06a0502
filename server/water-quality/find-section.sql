-- A monitoring section by code, or by id when $2 is given and no section has the code $1 (the
-- way /api/network's ?section= addresses one).
SELECT code FROM monitoring_sections
 WHERE code = $1::text OR id = $2::bigint
 ORDER BY (code = $1::text) DESC, id
 LIMIT 1
