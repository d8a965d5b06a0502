-- The data versions (migration 008) of the tables the locate index reads, read before the data so an index never claims newer versions than it holds.
SELECT s.store_id::text AS store_id, t.name AS table_name, coalesce(d.version, 0)::float8 AS version
  FROM store_identity s
 CROSS JOIN unnest($1::text[]) AS t(name)
  LEFT JOIN data_versions d ON d.table_name = t.name
