-- The working set of one evaluation, gone at commit: the patrols, each with the zone within
-- PATROL_NEAR_M of its track (set only when some part of the scope comes near), the parts of
-- each patrol's scope, and each part's shape once (100,000 patrols of area chiefs hold millions
-- of parts but a few thousand shapes). Plain tables between statements, not CTEs: the planner
-- then sees their true sizes, and each costly step (buffer, intersection) runs once per row.
-- No JIT: the spatial functions' costs make the planner compile each statement (about a second
-- each on the demo city) for work that takes less.
SET LOCAL jit = off;
DROP TABLE IF EXISTS patrol_evaluating;
DROP TABLE IF EXISTS patrol_evaluating_parts;
DROP TABLE IF EXISTS patrol_evaluating_shapes;
CREATE TEMP TABLE patrol_evaluating (
  id bigint PRIMARY KEY,
  chief_id text NOT NULL,
  day date,
  geom geometry(LineString, 4490) NOT NULL,
  times timestamptz[],
  started_at timestamptz,
  ended_at timestamptz,
  zone geometry
) ON COMMIT DROP;
CREATE TEMP TABLE patrol_evaluating_parts (
  patrol_id bigint NOT NULL,
  kind text NOT NULL,
  code text NOT NULL
) ON COMMIT DROP;
-- Each part's shape and geodesic length once, however many patrols hold it.
CREATE TEMP TABLE patrol_evaluating_shapes (
  kind text NOT NULL,
  code text NOT NULL,
  geom geometry NOT NULL,
  length_m double precision NOT NULL,
  PRIMARY KEY (kind, code)
) ON COMMIT DROP;
