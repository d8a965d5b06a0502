-- The black and odorous waters (stretches and ponds) in built-up areas known by the end of year
-- $1 (identified on or before 31 December, or undated), each with whether it was remediated by
-- then: status remediated, and remediated_on on or before 31 December (or undated).
SELECT layer, coalesce(code, id::text) AS code, name, status,
       status = 'remediated' AND (remediated_on IS NULL OR remediated_on < make_date($1::int + 1, 1, 1)) AS remediated
  FROM (SELECT 'black_odorous_reaches' AS layer, id, code, name, location, status, identified_on, remediated_on
          FROM black_odorous_reaches
        UNION ALL
        SELECT 'black_odorous_ponds', id, code, name, location, status, identified_on, remediated_on
          FROM black_odorous_ponds) b
 WHERE location = 'built_up'
   AND (identified_on IS NULL OR identified_on < make_date($1::int + 1, 1, 1))
 ORDER BY layer DESC, code COLLATE "C"
