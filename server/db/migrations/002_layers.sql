-- The map layers of server/layers/registry.ts. Storage CRS is EPSG:4490 (CGCS2000), China's
-- national datum; metres are always computed on the ellipsoid via geography, never in degrees.
-- Every layer has the same tail: extra (unmapped source fields, never dropped), import_id, geom.
-- No foreign keys between layers: a layer replaced by an import must not cascade into others.

CREATE TABLE admin_areas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{12}$'),
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village')),
  parent_code text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE basins (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text,
  name text NOT NULL,
  authority text,
  office text,
  oversight text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE rivers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text CHECK (kind IN ('river', 'canal')),
  grade integer,
  parent_code text,
  basin text,
  management_level text CHECK (management_level IN ('city', 'county', 'township', 'village')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiLineString, 4490) NOT NULL
);

-- Reaches form the routable network: water flows from from_node to to_node, so upstream of a
-- reach is every reach whose to_node is its from_node, recursively.
CREATE TABLE reaches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  river_code text,
  name text NOT NULL,
  start_desc text,
  end_desc text,
  admin_code text,
  from_node integer,
  to_node integer,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(LineString, 4490) NOT NULL
);
CREATE INDEX reaches_from_node_idx ON reaches (from_node);
CREATE INDEX reaches_to_node_idx ON reaches (to_node);
CREATE INDEX reaches_river_code_idx ON reaches (river_code);

CREATE TABLE lakes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text,
  name text NOT NULL,
  kind text CHECK (kind IN ('lake', 'reservoir', 'pond')),
  normal_level_m double precision,
  management_level text CHECK (management_level IN ('city', 'county', 'township', 'village')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE blue_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  water_name text,
  approval text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

-- Function zones from national shoreline planning guidance; the polygon spans from the
-- waterside control line to the outer control line.
CREATE TABLE shoreline_zones (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  water_name text,
  function text NOT NULL CHECK (function IN ('protection', 'reserve', 'controlled_use', 'development')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE water_source_zones (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  source_name text,
  grade text NOT NULL CHECK (grade IN ('first', 'second', 'quasi')),
  source_type text CHECK (source_type IN ('reservoir', 'lake', 'river', 'groundwater')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE water_resource_zones (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  colour text NOT NULL CHECK (colour IN ('red', 'yellow', 'green')),
  rule text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE groundwater_zones (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('prohibited', 'restricted')),
  water text CHECK (water IN ('cold', 'hot')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE water_function_zones (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text,
  name text NOT NULL,
  river_code text,
  target_class text CHECK (target_class IN ('I', 'II', 'III', 'IV', 'V', 'worse_than_V')),
  important integer,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

-- Areas for chiefs assigned by responsibility area (city level outside the Dianchi basin,
-- village groups) rather than by reach.
CREATE TABLE chief_areas (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village', 'village_group')),
  admin_code text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);

CREATE TABLE monitoring_sections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  river_code text,
  level text CHECK (level IN ('national', 'provincial', 'city', 'county')),
  target_class text CHECK (target_class IN ('I', 'II', 'III', 'IV', 'V', 'worse_than_V')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(Point, 4490) NOT NULL
);

CREATE TABLE outfalls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text,
  name text NOT NULL,
  river_code text,
  approval text,
  yearly_discharge_t double precision,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(Point, 4490) NOT NULL
);

CREATE TABLE signboards (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text,
  chief_name text,
  position text,
  duties text,
  contact text,
  scope text,
  targets text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(Point, 4490) NOT NULL
);

CREATE TABLE patrols (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chief_id text NOT NULL,
  started_at timestamptz,
  ended_at timestamptz,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(LineString, 4490) NOT NULL
);

CREATE TABLE reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  body text,
  reported_at timestamptz,
  chief_id text,
  office text,
  status text CHECK (status IN ('open', 'in_progress', 'closed')),
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(Point, 4490) NOT NULL
);
