-- The rivers named in $1, in that order, each with the codes of the rivers of that name and the
-- monitoring sections on them (by river_code). A name no river carries comes back with none.
SELECT n.name, n.ord,
       coalesce(array_agg(DISTINCT r.code) FILTER (WHERE r.code IS NOT NULL), '{}') AS rivers,
       coalesce(array_agg(DISTINCT s.code) FILTER (WHERE s.code IS NOT NULL), '{}') AS sections
  FROM unnest($1::text[]) WITH ORDINALITY AS n(name, ord)
  LEFT JOIN rivers r ON r.name = n.name
  LEFT JOIN monitoring_sections s ON s.river_code = r.code
 GROUP BY n.name, n.ord
 ORDER BY n.ord
