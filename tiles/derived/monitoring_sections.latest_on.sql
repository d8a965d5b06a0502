-- The date of a section's latest measurement, so a viewer can tell a stale class from a fresh one.
SELECT to_char(max(m.measured_on), 'YYYY-MM-DD') FROM measurements m WHERE m.section_code = f.code
