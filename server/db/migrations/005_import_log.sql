-- Every import, successful or not, leaves one row: who loaded what, from which file (SHA-256),
-- read with which CRS and encoding and why, and what happened to each record.
CREATE TABLE import_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  layer text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('append', 'replace')),
  actor text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status text NOT NULL CHECK (status IN ('ok', 'failed')),
  file_name text,
  sha256 text,
  crs text,
  encoding text,
  encoding_reason text,
  read_count integer NOT NULL DEFAULT 0,
  inserted_count integer NOT NULL DEFAULT 0,
  repaired_count integer NOT NULL DEFAULT 0,
  skipped_count integer NOT NULL DEFAULT 0,
  rejected_count integer NOT NULL DEFAULT 0,
  message text,
  report jsonb NOT NULL DEFAULT '{}'
);

-- Bearer tokens for staff and admin endpoints; only the SHA-256 of a token is stored.
CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('staff', 'admin')),
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
