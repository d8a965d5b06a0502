-- GiST indexes for every spatial question: planar ones for containment and tiles, geography
-- ones where a distance in metres is asked (locate near a reach, intrusion buffers).
CREATE INDEX admin_areas_geom_idx ON admin_areas USING gist (geom);
CREATE INDEX basins_geom_idx ON basins USING gist (geom);
CREATE INDEX rivers_geom_idx ON rivers USING gist (geom);
CREATE INDEX reaches_geom_idx ON reaches USING gist (geom);
CREATE INDEX reaches_geog_idx ON reaches USING gist ((geom::geography));
CREATE INDEX lakes_geom_idx ON lakes USING gist (geom);
CREATE INDEX blue_lines_geom_idx ON blue_lines USING gist (geom);
CREATE INDEX shoreline_zones_geom_idx ON shoreline_zones USING gist (geom);
CREATE INDEX water_source_zones_geom_idx ON water_source_zones USING gist (geom);
CREATE INDEX water_resource_zones_geom_idx ON water_resource_zones USING gist (geom);
CREATE INDEX groundwater_zones_geom_idx ON groundwater_zones USING gist (geom);
CREATE INDEX water_function_zones_geom_idx ON water_function_zones USING gist (geom);
CREATE INDEX chief_areas_geom_idx ON chief_areas USING gist (geom);
CREATE INDEX monitoring_sections_geom_idx ON monitoring_sections USING gist (geom);
CREATE INDEX outfalls_geom_idx ON outfalls USING gist (geom);
CREATE INDEX signboards_geom_idx ON signboards USING gist (geom);
CREATE INDEX patrols_geom_idx ON patrols USING gist (geom);
CREATE INDEX reports_geom_idx ON reports USING gist (geom);
