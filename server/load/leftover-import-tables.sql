-- The tables imports build their result in (<layer>__import_<epoch ms>_<hex>), so that one left by an import that died can be dropped.
SELECT relname AS name, (substring(relname FROM '__import_([0-9]+)_[0-9a-f]+$'))::int8 AS created_ms
  FROM pg_class
 WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname ~ '__import_[0-9]+_[0-9a-f]+$'
