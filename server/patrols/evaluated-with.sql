-- The data versions (migration 008) of the tables an evaluation reads, 0 for a table never written.
SELECT jsonb_object_agg(t, coalesce(d.version, 0)) AS versions
  FROM unnest(ARRAY['reaches', 'lakes', 'chief_areas', 'assignments']) AS t
  LEFT JOIN data_versions d ON d.table_name = t
