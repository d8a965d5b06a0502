-- Patrols as evidence of duty (seed §5(四), issue 13 part 1): a track keeps its per-fix times and its
-- evaluation (length, duration, speed, validity flags, coverage of the chief's scope), so
-- compliance over many tracks counts stored rows instead of measuring geometry again.

-- Times ride beside the LineString (one per vertex, same order) rather than as a LineStringM:
-- tiles, OGC and import keep reading geometry(LineString, 4490) unchanged. NULL for imported
-- tracks without per-fix times; started_at/ended_at are then the only times.
-- The evaluation columns are NULL until server/patrols/evaluate.ts has run on the row;
-- evaluated_with holds the data versions (migration 008) of the tables it read, so a row whose
-- versions differ from the current ones is stale and evaluated again.
ALTER TABLE patrols
  ADD COLUMN times timestamptz[],
  ADD COLUMN length_m double precision,
  ADD COLUMN duration_s double precision,
  ADD COLUMN max_speed_kmh double precision,
  ADD COLUMN valid boolean,
  ADD COLUMN flags text[] CHECK (flags <@ ARRAY['short_duration', 'short_length', 'speed_jump', 'off_scope']::text[]),
  ADD COLUMN evaluated_with jsonb;

-- Compliance reads a chief's patrols over a period.
CREATE INDEX patrols_chief_started_idx ON patrols (chief_id, started_at);

-- Per patrol, each reach or lake shoreline of its chief's scope on the patrol date: the scope's
-- geodesic length and the geodesic length of its part within PATROL_NEAR_M of the track (metres).
CREATE TABLE patrol_coverage (
  patrol_id bigint NOT NULL REFERENCES patrols (id) ON DELETE CASCADE,
  scope_kind text NOT NULL CHECK (scope_kind IN ('reach', 'lake')),
  code text NOT NULL,
  length_m double precision NOT NULL,
  covered_m double precision NOT NULL,
  PRIMARY KEY (patrol_id, scope_kind, code)
);
CREATE INDEX patrol_coverage_scope_idx ON patrol_coverage (scope_kind, code);

-- A third token role: a chief's own token, bound to one chief id, which may upload that chief's
-- patrols only (issue 13 part 1). No foreign key to chiefs: a reload of the chiefs must not be
-- blocked by a token, and a token of a chief gone is refused at upload (unknown chief).
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check CHECK (role IN ('staff', 'admin', 'chief'));
ALTER TABLE api_tokens ADD COLUMN chief_id text;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_chief_check CHECK ((role = 'chief') = (chief_id IS NOT NULL));
