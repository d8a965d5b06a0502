-- Data versions that every write bumps, so a tile cache is never served after its data changed (issue 9 §6): a load, an import or an edit straight in SQL (staff edit from QGIS).
--
-- A statement-level trigger on every table a tile reads bumps that table's row here and announces
-- it on the channel rcgis_data_version as '<table> <version>', delivered at commit (never for a
-- rolled-back write). Statement level: one bump per statement, not per row, so a COPY of a
-- million rows costs one UPDATE. Versions only grow, so a listener keeps the highest it has seen.

-- Random per store: a fresh store starts its versions again at 0, and its answers must never
-- match an ETag the old store gave out.
CREATE TABLE store_identity (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  store_id uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO store_identity DEFAULT VALUES;

CREATE TABLE data_versions (
  table_name text PRIMARY KEY,
  version bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- Bumps one table's version and announces it; the trigger below calls it, and so does a write
-- that fires no trigger (a loader that swaps a rebuilt table in by rename: DROP and RENAME are no
-- DML). Returns the new version. SECURITY DEFINER: an editor's role that may write a layer table
-- but not data_versions (a QGIS login) still bumps it; search_path is pinned as that requires.
CREATE FUNCTION bump_data_version(changed text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  bumped bigint;
BEGIN
  INSERT INTO data_versions AS d (table_name, version) VALUES (changed, 1)
    ON CONFLICT (table_name) DO UPDATE SET version = d.version + 1, changed_at = now()
    RETURNING d.version INTO bumped;
  PERFORM pg_notify('rcgis_data_version', changed || ' ' || bumped);
  RETURN bumped;
END
$$;

CREATE FUNCTION data_version_trigger() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM bump_data_version(TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- Puts the trigger on one table; a later migration that adds a table tiles read calls it too.
-- TRUNCATE is included: it fires no row or DELETE trigger.
CREATE FUNCTION track_data_version(tracked regclass) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  EXECUTE format(
    'CREATE TRIGGER bump_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
    'FOR EACH STATEMENT EXECUTE FUNCTION data_version_trigger()', tracked);
  INSERT INTO data_versions (table_name) VALUES (tracked::text) ON CONFLICT DO NOTHING;
END
$$;

-- Every layer table (the registry's ids; test/tiles/data-versions.test.ts checks that none is
-- missing) and the tables tiles join: a reach's river name, a section's latest class, chiefs and
-- their assignments.
SELECT track_data_version(t::regclass)
  FROM unnest(ARRAY[
    'admin_areas', 'basins', 'rivers', 'reaches', 'lakes', 'blue_lines', 'shoreline_zones',
    'water_source_zones', 'water_resource_zones', 'groundwater_zones', 'water_function_zones',
    'chief_areas', 'monitoring_sections', 'outfalls', 'signboards', 'patrols', 'reports',
    'chiefs', 'assignments', 'measurements'
  ]) AS t;
