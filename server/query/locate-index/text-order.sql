-- The database's collation order of every text locate sorts by (codes, chief names and ids), so the index orders exactly as ORDER BY does in locate.sql and chiefs_on_duty().
SELECT t AS text, rank() OVER (ORDER BY t)::int AS rank
  FROM (SELECT code FROM admin_areas UNION SELECT code FROM parks UNION SELECT code FROM reaches
        UNION SELECT code FROM chief_areas UNION SELECT code FROM lakes
        UNION SELECT name FROM chiefs UNION SELECT id FROM chiefs) s(t)
 WHERE t IS NOT NULL
