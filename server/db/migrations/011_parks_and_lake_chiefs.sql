-- The rest of the seed's responsibility model (§3(一)2, 河(渠)湖库): lake and reservoir chiefs (湖长/库长) hold a lake by code, and the development and holiday parks (开发(度假)园区) whose chiefs act at county level for the land they administer.

-- A third scope kind besides reaches and responsibility areas: a lake or reservoir, by lakes.code,
-- held at the level of its management_level (seed §3(一)2: chiefs for 河(渠)湖库 at each level).
ALTER TABLE assignments DROP CONSTRAINT assignments_scope_kind_check;
ALTER TABLE assignments ADD CONSTRAINT assignments_scope_kind_check CHECK (scope_kind IN ('reach', 'area', 'lake'));

-- Parks stand beside counties throughout the seed (§3(一)1-3, §3(二)2): inside one the park's
-- managing committee, its chiefs and its office act at county level (属地管理) in place of the
-- county's. admin_areas stays the statistical partition; a park is land carved out of counties.
CREATE TABLE parks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  committee text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX parks_geom_idx ON parks USING gist (geom);

-- Locate now asks which lakes lie within LOCATE_NEAR_M metres of a point (a lake chief's scope).
CREATE INDEX lakes_geog_idx ON lakes USING gist ((geom::geography));

-- Tiles read the new layer: its writes bump its data version like every other layer's (migration 008).
SELECT track_data_version('parks'::regclass);
