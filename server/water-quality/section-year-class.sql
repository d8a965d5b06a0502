-- Every monitoring section with its class for the calendar year $1: the median class of that
-- year's measurements (null, with 0 samples, for a section not measured that year).
-- The classes are ranked I = 1 … worse_than_V = 6. Ordered worst first, percentile_disc(0.5)
-- takes the first class whose cumulative share reaches one half: the middle class of an odd
-- count, and the worse of the two middle classes of an even count (why: section-year-class.ts).
WITH ranks (classes) AS (SELECT ARRAY['I', 'II', 'III', 'IV', 'V', 'worse_than_V']::text[])
SELECT s.code, s.name, s.river_code, s.level, s.target_class, y.water_class, coalesce(y.samples, 0) AS samples
  FROM monitoring_sections s
  LEFT JOIN (
    SELECT m.section_code,
           r.classes[percentile_disc(0.5) WITHIN GROUP (ORDER BY array_position(r.classes, m.water_class) DESC)]
             AS water_class,
           count(*)::int AS samples
      FROM measurements m CROSS JOIN ranks r
     WHERE m.measured_on >= make_date($1::int, 1, 1) AND m.measured_on < make_date($1::int + 1, 1, 1)
     GROUP BY m.section_code, r.classes
  ) y ON y.section_code = s.code
 ORDER BY s.code COLLATE "C"
