-- The layers the public water registry and the 2020 targets need (seed §2, §4(二)1, §4(四)2, §4(四)4, §5(一)): wetlands, shoreline control lines, black and odorous waters, the level of a drinking-water source, and the intrusion rules of the new constraint layers.

-- Natural wetlands (自然湿地): the 2020 target protects at least 75 % of their area (seed §2).
CREATE TABLE wetlands (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('river', 'lake', 'marsh')),
  protected integer,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiPolygon, 4490) NOT NULL
);
CREATE INDEX wetlands_geom_idx ON wetlands USING gist (geom);

-- The waterside and outer control lines (临水控制线 / 外缘控制线) that bound a shoreline
-- management range (seed §4(二)1); intrusion measures the distance to each kind.
CREATE TABLE shoreline_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('waterside', 'outer')),
  water_name text,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiLineString, 4490) NOT NULL
);
CREATE INDEX shoreline_lines_geom_idx ON shoreline_lines USING gist (geom);

-- Black and odorous waters (黑臭水体, seed §4(四)4: none left in built-up areas by 2020), as two
-- layers of one shape: stretches and ditches (lines) and ponds (polygons).
CREATE TABLE black_odorous_reaches (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text,
  name text NOT NULL,
  water_name text,
  location text NOT NULL CHECK (location IN ('built_up', 'outside_built_up')),
  status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'remediated')),
  identified_on date,
  remediated_on date,
  extra jsonb NOT NULL DEFAULT '{}',
  import_id bigint,
  geom geometry(MultiLineString, 4490) NOT NULL
);
CREATE INDEX black_odorous_reaches_geom_idx ON black_odorous_reaches USING gist (geom);

-- The ponds: the same columns, constraints and index, with polygons.
CREATE TABLE black_odorous_ponds (LIKE black_odorous_reaches INCLUDING ALL);
ALTER TABLE black_odorous_ponds ALTER COLUMN geom TYPE geometry(MultiPolygon, 4490);

-- The level of a drinking-water source (市、县、乡、村集中式饮用水水源地, seed §4(四)2); the 2020
-- target counts the sources at county level and up (seed §2).
ALTER TABLE water_source_zones
  ADD COLUMN source_level text CHECK (source_level IN ('city', 'county', 'township', 'village'));

-- Tiles read the new layers: their writes bump their data versions (migration 008).
SELECT track_data_version('wetlands'::regclass);
SELECT track_data_version('shoreline_lines'::regclass);
SELECT track_data_version('black_odorous_reaches'::regclass);
SELECT track_data_version('black_odorous_ponds'::regclass);

-- The new constraint layers are judged by rows, like the others (migration 006). On a control
-- line, 'intersects' means the project reaches or crosses the line (a line has no inside: a
-- project wholly between the lines is judged by its shoreline_zones range).
ALTER TABLE intrusion_rules DROP CONSTRAINT intrusion_rules_layer_check;
ALTER TABLE intrusion_rules ADD CONSTRAINT intrusion_rules_layer_check CHECK (layer IN ('blue_lines',
  'shoreline_zones', 'shoreline_lines', 'water_source_zones', 'water_resource_zones', 'groundwater_zones',
  'lakes', 'wetlands'));

INSERT INTO intrusion_rules
  (id, layer, match_attribute, match_value, relation, verdict, rule_zh, rule_en, source, source_kind)
VALUES
-- Shoreline control lines (the lines of 《全国河道(湖泊)岸线利用管理规划技术细则》, planned by seed §4(二)1).
('shoreline-waterside-cross', 'shoreline_lines', 'kind', 'waterside', 'intersects', 'forbidden',
 '临水控制线以内(水域一侧)禁止建设影响防洪安全、河势稳定和水生态的项目，禁止侵占河道、围垦湖泊',
 'Inside the waterside control line: no project that affects flood safety, the channel or aquatic life; no occupying of rivers or reclaiming of lakes',
 '水利部《全国河道(湖泊)岸线利用管理规划技术细则》(2008)；seed §4(二)1, §4(二)2', 'guidance'),
('shoreline-outer-cross', 'shoreline_lines', 'kind', 'outer', 'intersects', 'review',
 '进入外缘控制线以内(岸线管理范围)：须办理涉河建设项目审查',
 'Within the outer control line (the shoreline management range): subject to the construction-project review',
 '水利部《全国河道(湖泊)岸线利用管理规划技术细则》(2008)；seed §4(二)2', 'guidance'),
('shoreline-waterside-nearby', 'shoreline_lines', 'kind', 'waterside', 'nearby', 'review',
 '紧邻临水控制线：须核实施工不越过临水控制线', 'Next to the waterside control line: check the works stay behind it',
 '水利部《全国河道(湖泊)岸线利用管理规划技术细则》(2008)', 'guidance'),
('shoreline-outer-nearby', 'shoreline_lines', 'kind', 'outer', 'nearby', 'clear',
 '邻近外缘控制线，提示注意', 'Near the outer control line (for information)', 'seed §4(二)1', 'seed'),
-- Natural wetlands (seed §2: at least 75 % of natural wetland area protected; §4(五)2 还湿).
('wetland-protected', 'wetlands', 'protected', '1', 'intersects', 'forbidden',
 '禁止占用受保护湿地，禁止开(围)垦、排干自然湿地',
 'No occupying a protected wetland; no reclaiming or draining natural wetlands',
 '《中华人民共和国湿地保护法》(2021) 第十九条、第二十八条；seed §2', 'law'),
('wetland-inside', 'wetlands', NULL, NULL, 'intersects', 'review',
 '建设项目选址、选线应当避让湿地，无法避让的应当尽量减少占用并采取措施减轻不利影响',
 'A project should avoid wetlands; where it cannot, it occupies as little as possible and mitigates the harm',
 '《中华人民共和国湿地保护法》(2021) 第十九条；seed §4(五)2', 'law'),
('wetland-nearby', 'wetlands', NULL, NULL, 'nearby', 'clear',
 '邻近自然湿地，提示注意', 'Near a natural wetland (for information)', 'seed §2', 'seed');
