-- Who is responsible where and when (seed §3): chiefs, their dated assignments to a reach or a
-- responsibility area, and the water-quality measurements that hold them to account (seed §5).

CREATE TABLE chiefs (
  id text PRIMARY KEY,
  name text NOT NULL,
  position text,
  contact text,
  extra jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX chiefs_name_idx ON chiefs (name);

-- An assignment scopes a chief to exactly one reach (by reach code) or one chief area (by code).
-- valid_to is exclusive and NULL while the assignment is current; "who was responsible on D"
-- is valid_from <= D AND (valid_to IS NULL OR D < valid_to).
CREATE TABLE assignments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chief_id text NOT NULL REFERENCES chiefs (id) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('city', 'county', 'township', 'village', 'village_group')),
  role text NOT NULL CHECK (role IN ('chief_general', 'deputy_chief_general', 'chief', 'specialist')),
  scope_kind text NOT NULL CHECK (scope_kind IN ('reach', 'area')),
  scope_code text NOT NULL,
  valid_from date NOT NULL,
  valid_to date,
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX assignments_scope_idx ON assignments (scope_kind, scope_code);
CREATE INDEX assignments_chief_idx ON assignments (chief_id);

CREATE TABLE measurements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  section_code text NOT NULL,
  measured_on date NOT NULL,
  water_class text NOT NULL CHECK (water_class IN ('I', 'II', 'III', 'IV', 'V', 'worse_than_V')),
  cod_mg_l double precision,
  nh3n_mg_l double precision,
  tp_mg_l double precision,
  UNIQUE (section_code, measured_on)
);
