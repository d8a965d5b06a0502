-- The calendar year of the latest measurement stored (null with none).
SELECT extract(year FROM max(measured_on))::int AS year FROM measurements
