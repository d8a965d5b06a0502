-- Two rules of the seed kept once, in the database, for every query that needs them: who is on
-- duty on a date (half-open validity, level and role order) and who manages a basin (§3(一)1,
-- §3(二)3). Functions are LANGUAGE sql with text bodies, resolved by name when called, so they
-- keep working when a layer table is replaced.

-- The order in which chiefs are listed everywhere: city before county before township before
-- village before village group (seed §3(一)2, 四级河长五级治理), and within a level the
-- chief-in-general, the deputies, the river chiefs, then the specialists. Administrative levels
-- use the same ranks.
CREATE TABLE chief_ranks (
  kind text NOT NULL CHECK (kind IN ('level', 'role')),
  value text NOT NULL,
  rank integer NOT NULL,
  PRIMARY KEY (kind, value)
);
INSERT INTO chief_ranks (kind, value, rank) VALUES
  ('level', 'city', 1), ('level', 'county', 2), ('level', 'township', 3), ('level', 'village', 4),
  ('level', 'village_group', 5),
  ('role', 'chief_general', 1), ('role', 'deputy_chief_general', 2), ('role', 'chief', 3),
  ('role', 'specialist', 4);

CREATE FUNCTION chief_rank(rank_kind text, rank_value text) RETURNS integer
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT rank FROM chief_ranks WHERE kind = rank_kind AND value = rank_value $$;

-- An assignment holds on D when valid_from <= D < valid_to (valid_to NULL while current), so a
-- hand-over day belongs to the new chief only. Both functions are simple enough for the planner
-- to inline, so the callers' joins still use the assignments indexes.
CREATE FUNCTION holds_on(valid_from date, valid_to date, on_date date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT valid_from <= on_date AND (valid_to IS NULL OR on_date < valid_to) $$;

CREATE FUNCTION assignments_on(on_date date) RETURNS SETOF assignments
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT * FROM assignments WHERE holds_on(valid_from, valid_to, on_date) $$;

-- A scope a chief can hold, as the callers found it: a reach near the place (with its distance in
-- metres) or a responsibility area covering it (distance NULL).
CREATE TYPE duty_scope AS (kind text, id bigint, code text, name text, distance_m double precision);

-- Every chief on duty on a date for any of the scopes, as the JSON array the API returns
-- (ChiefOnDuty): city first, chief-in-general first, then by name.
CREATE FUNCTION chiefs_on_duty(on_date date, scopes duty_scope[]) RETURNS json
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  SELECT coalesce(json_agg(json_build_object(
           'id', ch.id, 'name', ch.name, 'level', a.level, 'role', a.role, 'position', ch.position,
           'contact', ch.contact, 'valid_from', a.valid_from, 'valid_to', a.valid_to,
           'scope', json_build_object('kind', s.kind, 'id', s.id, 'code', s.code, 'name', s.name,
                                      'distance_m', s.distance_m))
         ORDER BY chief_rank('level', a.level), chief_rank('role', a.role), ch.name, ch.id, s.kind, s.code), '[]')
    FROM unnest(scopes) s
    JOIN assignments_on(on_date) a ON a.scope_kind = s.kind AND a.scope_code = s.code
    JOIN chiefs ch ON ch.id = a.chief_id
  $$;

-- Which river-chief regime a basin falls under. Set on the top-level basins; a nested basin
-- (a river's own catchment) left NULL inherits it from the basin that contains it.
ALTER TABLE basins ADD COLUMN governance text CHECK (governance IN ('dianchi', 'yangzonghai', 'other'));

-- The seed's rule, one row per regime. The authority and office follow §3(一)1 ("滇池流域内由市滇池
-- 管理局负责，滇池流域外由市水务局负责"); oversight follows §3(二)3 (the People's Congress group
-- for 滇池 and 阳宗海, the CPPCC group elsewhere). A basin's own authority attribute is only its
-- local managing body and never overrides these.
CREATE TABLE basin_rules (
  governance text PRIMARY KEY CHECK (governance IN ('dianchi', 'yangzonghai', 'other')),
  authority text NOT NULL,
  office text NOT NULL,
  oversight text NOT NULL,
  source text NOT NULL
);
INSERT INTO basin_rules (governance, authority, office, oversight, source) VALUES
  ('dianchi', '市滇池管理局', '滇池流域河长制办公室', '人大督察组', 'seed §3(一)1, §3(二)3'),
  ('yangzonghai', '市水务局', '市河长制办公室', '人大督察组', 'seed §3(一)1, §3(二)3'),
  ('other', '市水务局', '市河长制办公室', '政协督察组', 'seed §3(一)1, §3(二)3');

-- Who manages the place or project g: one entry per innermost basin that g reaches (a basin
-- counts unless everything of g inside it lies in smaller basins nested in it), each with the
-- regime it falls under (its own, else that of the smallest basin with one that contains it,
-- else 'other') and that regime's authority, office and oversight. When g reaches no basin at all,
-- one entry with basin NULL and the regime 'other'. Smallest basin first. Returns Governance[].
CREATE FUNCTION basin_governance(g geometry) RETURNS json
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
  WITH hit AS (
    SELECT b.id, b.code, b.name, b.authority, b.governance, b.geom, ST_Area(Box2D(b.geom)) AS box_area
      FROM basins b WHERE ST_Intersects(b.geom, g)
  ), nested AS (
    -- Pairs (outer, inner) of reached basins: any container of a reached basin is reached too.
    SELECT o.id AS outer_id, i.id AS inner_id, i.geom AS inner_geom
      FROM hit o JOIN hit i ON i.id <> o.id AND i.box_area <= o.box_area
                           AND ST_Covers(o.geom, ST_PointOnSurface(i.geom))
  ), innermost AS (
    SELECT h.* FROM hit h
     WHERE NOT EXISTS (SELECT 1 FROM nested n WHERE n.outer_id = h.id)
        OR NOT ST_CoveredBy(ST_Intersection(g, h.geom),
                            (SELECT ST_Union(n.inner_geom) FROM nested n WHERE n.outer_id = h.id))
  ), governed AS (
    SELECT i.*, coalesce(i.governance, up.governance) AS regime,
           (i.governance IS NOT NULL OR up.governance IS NOT NULL) AS from_layer
      FROM innermost i
      LEFT JOIN LATERAL (
        SELECT h.governance FROM nested n JOIN hit h ON h.id = n.outer_id
         WHERE n.inner_id = i.id AND h.governance IS NOT NULL
         ORDER BY h.box_area, h.id LIMIT 1) up ON true
    UNION ALL
    SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false WHERE NOT EXISTS (SELECT 1 FROM hit)
  )
  SELECT json_agg(json_build_object(
           'basin_id', g2.id, 'basin_code', g2.code, 'basin', g2.name,
           'governance', r.governance, 'authority', r.authority, 'office', r.office, 'oversight', r.oversight,
           'managing_body', g2.authority,
           'source', CASE WHEN g2.from_layer THEN 'layer' ELSE 'default' END,
           'rule_source', r.source)
         ORDER BY g2.box_area NULLS LAST, g2.id)
    FROM governed g2 JOIN basin_rules r ON r.governance = coalesce(g2.regime, 'other')
  $$;
