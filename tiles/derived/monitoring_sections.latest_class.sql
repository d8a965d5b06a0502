-- A section's latest measured water class (GB 3838-2002), what the map colours it by (水质恶化倒查, seed §5(五)).
SELECT m.water_class FROM measurements m WHERE m.section_code = f.code ORDER BY m.measured_on DESC LIMIT 1
