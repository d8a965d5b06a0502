-- The rules of the construction-project review (涉河建设项目审查, seed §4(二)2): what a project that
-- touches a constraint feature may do, and where that rule comes from. POST /api/intrusion joins
-- this table; no rule lives in code. A feature matches a row when the layer is the same, the
-- feature's attribute match_attribute equals match_value (both NULL: any feature of the layer) and
-- the relation group is the same: 'intersects' (the project is inside the feature or their
-- interiors overlap) or 'nearby' (it only touches the boundary, or lies within the buffer).
-- Every matching row applies; the worst verdict wins (forbidden > review > clear).
CREATE TABLE intrusion_rules (
  id text PRIMARY KEY,
  layer text NOT NULL CHECK (layer IN ('blue_lines', 'shoreline_zones', 'water_source_zones',
    'water_resource_zones', 'groundwater_zones', 'lakes')),
  -- The registry attribute that classifies the feature (grade, function, colour, kind).
  match_attribute text,
  match_value text,
  relation text NOT NULL CHECK (relation IN ('intersects', 'nearby')),
  verdict text NOT NULL CHECK (verdict IN ('forbidden', 'review', 'clear')),
  rule_zh text NOT NULL,
  rule_en text NOT NULL,
  source text NOT NULL,
  -- 'seed' (the 2017 Kunming plan), 'law', 'regulation' or 'guidance' (outside the seed).
  source_kind text NOT NULL CHECK (source_kind IN ('seed', 'law', 'regulation', 'guidance')),
  CHECK ((match_attribute IS NULL) = (match_value IS NULL))
);
CREATE INDEX intrusion_rules_layer_idx ON intrusion_rules (layer, relation);

INSERT INTO intrusion_rules
  (id, layer, match_attribute, match_value, relation, verdict, rule_zh, rule_en, source, source_kind)
VALUES
-- Drinking-water source protection zones.
('wsz-first-construction', 'water_source_zones', 'grade', 'first', 'intersects', 'forbidden',
 '饮用水水源一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目',
 'No construction unrelated to water supply or source protection in a first-grade zone',
 '《中华人民共和国水污染防治法》(2017) 第六十五条', 'law'),
('wsz-first-livestock', 'water_source_zones', 'grade', 'first', 'intersects', 'forbidden',
 '饮用水源一级保护区全面禁养畜禽；县级以上水源地一级保护区实现防护隔离',
 'All livestock farming is banned in first-grade zones, which are to be fenced',
 'seed §4(三)4, §4(四)2', 'seed'),
('wsz-second-construction', 'water_source_zones', 'grade', 'second', 'intersects', 'review',
 '二级保护区内禁止新建、改建、扩建排放污染物的建设项目；须审查项目是否排放污染物',
 'No project that discharges pollutants in a second-grade zone: the project must be reviewed',
 '《中华人民共和国水污染防治法》(2017) 第六十六条', 'law'),
('wsz-second-livestock', 'water_source_zones', 'grade', 'second', 'intersects', 'review',
 '二、三级保护区规范养殖畜禽', 'Livestock farming in second and third grade zones is regulated',
 'seed §4(三)4', 'seed'),
('wsz-quasi-construction', 'water_source_zones', 'grade', 'quasi', 'intersects', 'review',
 '准保护区内禁止新建、扩建对水体污染严重的建设项目',
 'No seriously polluting project in a quasi-protection zone: the project must be reviewed',
 '《中华人民共和国水污染防治法》(2017) 第六十七条', 'law'),
('wsz-first-nearby', 'water_source_zones', 'grade', 'first', 'nearby', 'review',
 '紧邻饮用水水源一级保护区：须核实施工与排水不影响保护区',
 'Next to a first-grade zone: check that works and drainage do not reach it',
 '《中华人民共和国水污染防治法》(2017) 第六十五条', 'law'),
('wsz-nearby', 'water_source_zones', NULL, NULL, 'nearby', 'clear',
 '邻近饮用水水源保护区，提示注意', 'Near a drinking-water source protection zone (for information)',
 'seed §4(四)2', 'seed'),
-- Shoreline function zones (zone names from national shoreline planning guidance).
('shore-protection', 'shoreline_zones', 'function', 'protection', 'intersects', 'forbidden',
 '岸线保护区内禁止建设可能影响防洪安全、供水安全、生态安全的项目',
 'Shoreline protection zone: no project that may affect flood, supply or ecological safety',
 '水利部《河湖岸线保护与利用规划编制指南(试行)》(2019)；seed §4(二)1', 'guidance'),
('shore-reserve', 'shoreline_zones', 'function', 'reserve', 'intersects', 'review',
 '岸线保留区原则上不得开发利用，确需建设的须专题论证并报批',
 'Shoreline reserve zone: kept undeveloped in principle; any project needs a dedicated assessment',
 '水利部《河湖岸线保护与利用规划编制指南(试行)》(2019)；seed §4(二)1', 'guidance'),
('shore-controlled', 'shoreline_zones', 'function', 'controlled_use', 'intersects', 'review',
 '岸线控制利用区：控制开发强度，须办理涉河建设项目审查',
 'Controlled-use zone: limited development, subject to the construction-project review',
 '水利部《河湖岸线保护与利用规划编制指南(试行)》(2019)；seed §4(二)2', 'guidance'),
('shore-development', 'shoreline_zones', 'function', 'development', 'intersects', 'review',
 '岸线开发利用区：符合规划的可开发利用，仍须办理涉河建设项目审查',
 'Development zone: use that fits the plan is allowed, still subject to the construction-project review',
 '《河道管理条例》第十一条；seed §4(二)2', 'regulation'),
('shore-protection-nearby', 'shoreline_zones', 'function', 'protection', 'nearby', 'review',
 '紧邻岸线保护区：须核实不占用保护区岸线', 'Next to a shoreline protection zone: check it is not occupied',
 '水利部《河湖岸线保护与利用规划编制指南(试行)》(2019)', 'guidance'),
('shore-nearby', 'shoreline_zones', NULL, NULL, 'nearby', 'clear',
 '邻近水域岸线管理范围，提示注意', 'Near a shoreline management range (for information)',
 'seed §4(二)1', 'seed'),
-- Urban blue lines (《昆明市城市蓝线管理办法》 is planned by seed §4(二)1).
('blue-inside', 'blue_lines', NULL, NULL, 'intersects', 'forbidden',
 '城市蓝线内禁止违反蓝线保护和控制要求的建设活动，禁止擅自填埋、占用城市水域',
 'Inside a blue line: no construction against its protection rules, no filling or occupying water',
 '《城市蓝线管理办法》(建设部令第145号) 第十条；seed §4(二)1', 'regulation'),
('blue-nearby', 'blue_lines', NULL, NULL, 'nearby', 'review',
 '紧邻城市蓝线：须核实建设不进入蓝线', 'Next to a blue line: check the works stay outside it',
 '《城市蓝线管理办法》(建设部令第145号) 第十二条', 'regulation'),
-- Red/yellow/green water-resource zones (seed §4(一)5); each feature also carries its own rule.
('wrz-red', 'water_resource_zones', 'colour', 'red', 'intersects', 'forbidden',
 '水资源红区：严格保护，禁止新增取用水和排污的开发建设',
 'Red zone: strict protection, no development that draws or discharges water',
 'seed §4(一)5 《昆明市水资源红黄绿分区管理实施细则》', 'seed'),
('wrz-yellow', 'water_resource_zones', 'colour', 'yellow', 'intersects', 'review',
 '水资源黄区：限制开发，须论证取用水与排污影响', 'Yellow zone: restricted, water use and discharge must be assessed',
 'seed §4(一)5 《昆明市水资源红黄绿分区管理实施细则》', 'seed'),
('wrz-green', 'water_resource_zones', 'colour', 'green', 'intersects', 'clear',
 '水资源绿区：按规划适度开发', 'Green zone: development according to plan',
 'seed §4(一)5 《昆明市水资源红黄绿分区管理实施细则》', 'seed'),
-- Groundwater prohibited and restricted extraction zones (seed §4(一)6).
('gw-prohibited', 'groundwater_zones', 'kind', 'prohibited', 'intersects', 'review',
 '地下水禁采区：禁止开采地下水，项目不得新建取水井，施工降水须专项审查',
 'Prohibited-extraction zone: no new wells; dewatering during works needs a separate review',
 'seed §4(一)6；《地下水管理条例》(2021)', 'seed'),
('gw-restricted', 'groundwater_zones', 'kind', 'restricted', 'intersects', 'clear',
 '地下水限采区：严格取水许可和计量管理', 'Restricted-extraction zone: extraction only under permit and metering',
 'seed §4(一)6；《地下水管理条例》(2021)', 'seed'),
-- Lakes and reservoirs: work inside their management range needs the project review.
('lake-inside', 'lakes', NULL, NULL, 'intersects', 'review',
 '占用湖泊、水库水域须办理涉河建设项目审查，禁止围垦湖泊',
 'Occupying a lake or reservoir needs the construction-project review; reclaiming lakes is banned',
 'seed §4(二)2；《河道管理条例》第十一条', 'seed'),
('lake-nearby', 'lakes', NULL, NULL, 'nearby', 'clear',
 '邻近湖泊、水库，提示注意', 'Near a lake or reservoir (for information)', 'seed §4(二)2', 'seed');
