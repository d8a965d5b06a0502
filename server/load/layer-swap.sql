-- Replace imports swap a fully built shadow table in for the layer's table (issue 7 item 4): on the embedded engine a DELETE + INSERT of 100k shapes held the one connection for ~6 s.
-- Temporary functions, created in the transaction that calls them: no migration, nothing left.

-- The shadow: the layer's columns, defaults, CHECK and NOT NULL constraints, indexes and
-- identity, none of its rows, and ids that go on after the layer's (ids are never reused).
CREATE OR REPLACE FUNCTION pg_temp.rcgis_create_shadow(layer regclass, shadow name) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  schema name := (SELECT relnamespace::regnamespace::name FROM pg_class WHERE oid = layer);
BEGIN
  EXECUTE format('CREATE TABLE %I.%I (LIKE %s INCLUDING ALL)', schema, shadow, layer);
  EXECUTE format('ALTER TABLE %I.%I ALTER COLUMN id RESTART WITH %s', schema, shadow,
                 nextval(pg_get_serial_sequence(layer::text, 'id')));
END $$;

-- The swap, in the caller's short transaction. The shadow takes the layer's name, and its
-- indexes, constraints and identity sequence take the names the layer's had. Triggers belong
-- to the table, so the layer's (migration 008's statement-level data-version trigger) are
-- recreated on the shadow first; they do not fire for the swap itself, which is no DML, so the
-- swap bumps the layer's data version itself, as migration 008 asks of such a write. Anything outside the table that names it (a view,
-- a foreign key, a SQL-standard function body) is bound to the old table's OID and would be
-- dropped with it: then the rows are copied in instead (slow, but every dependent survives).
-- Returns 'swapped' or 'copied'.
CREATE OR REPLACE FUNCTION pg_temp.rcgis_swap_layer(layer regclass, shadow regclass) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  layer_name name;
  shadow_name name;
  schema name;
  r record;
  index_names jsonb;
  last_id bigint;
BEGIN
  SELECT c.relname, c.relnamespace::regnamespace::name INTO layer_name, schema FROM pg_class c WHERE c.oid = layer;
  SELECT c.relname INTO shadow_name FROM pg_class c WHERE c.oid = shadow;
  IF EXISTS (SELECT 1 FROM pg_depend d
              WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = layer AND d.deptype = 'n'
                AND NOT (d.classid = 'pg_constraint'::regclass
                         AND d.objid IN (SELECT oid FROM pg_constraint WHERE conrelid = layer))) THEN
    EXECUTE format('DELETE FROM %s', layer);
    EXECUTE format('INSERT INTO %s OVERRIDING SYSTEM VALUE SELECT * FROM %s', layer, shadow);
    -- The copied ids came from the shadow's sequence: the layer's must go on after them.
    PERFORM setval(pg_get_serial_sequence(layer::text, 'id'),
                   greatest(pg_sequence_last_value(pg_get_serial_sequence(layer::text, 'id')::regclass),
                            pg_sequence_last_value(pg_get_serial_sequence(shadow::text, 'id')::regclass)));
    EXECUTE format('DROP TABLE %s', shadow);
    RETURN 'copied';
  END IF;
  FOR r IN SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = layer AND NOT tgisinternal LOOP
    EXECUTE replace(r.def, format(' ON %I.%I ', schema, layer_name), format(' ON %I.%I ', schema, shadow_name));
  END LOOP;
  -- Appends that committed while the shadow was built took ids from the old sequence.
  last_id := greatest(pg_sequence_last_value(pg_get_serial_sequence(layer::text, 'id')::regclass),
                      pg_sequence_last_value(pg_get_serial_sequence(shadow::text, 'id')::regclass));
  IF last_id IS NOT NULL THEN
    PERFORM setval(pg_get_serial_sequence(shadow::text, 'id'), last_id);
  END IF;
  -- An index is matched to its counterpart by its definition without its name and table.
  SELECT jsonb_object_agg(regexp_replace(pg_get_indexdef(i.indexrelid), '^(CREATE (UNIQUE )?INDEX )\S+ ON \S+ ', '\1'),
                          c.relname)
    INTO index_names
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = layer;
  EXECUTE format('DROP TABLE %I.%I', schema, layer_name);
  EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', schema, shadow_name, layer_name);
  FOR r IN SELECT c.relname AS has,
                  index_names ->> regexp_replace(pg_get_indexdef(i.indexrelid), '^(CREATE (UNIQUE )?INDEX )\S+ ON \S+ ', '\1') AS wants
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = shadow LOOP
    -- Renaming a primary key's or unique constraint's index renames the constraint too.
    IF r.wants IS NOT NULL AND r.wants <> r.has THEN
      EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', schema, r.has, r.wants);
    END IF;
  END LOOP;
  EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', pg_get_serial_sequence(format('%I.%I', schema, layer_name), 'id'),
                 layer_name || '_id_seq');
  -- DROP and RENAME are no DML, so no trigger fired: announce the new content (migration 008).
  PERFORM bump_data_version(layer_name);
  RETURN 'swapped';
END $$;
