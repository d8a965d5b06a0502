-- Whether the county a registry request filters on exists, so an unknown code is a 404, not an empty list.
SELECT code, name FROM admin_areas WHERE level = 'county' AND code = $1::text
