-- An import's id, taken before its rows are staged so that they carry it; the log row is written with it at the end.
SELECT nextval(pg_get_serial_sequence('import_log', 'id')) AS id
