// The layer registry: every layer is declared once here. Tables, the API, tiles,
// import (`--layer`) and the viewer all read this list; nothing lists layers again. The table of
// a layer is named by its id; test/db/registry-schema.test.ts proves that the migrations create
// exactly what is declared here (columns, types, NOT NULL, UNIQUE, allowed values).

export type GeometryKind = 'MultiPolygon' | 'MultiLineString' | 'LineString' | 'Point'

/** How an attribute is stored and converted on import. */
export type AttributeType = 'text' | 'integer' | 'number' | 'date' | 'timestamp'

export interface AttributeSpec {
  name: string
  type: AttributeType
  /** Field names seen in real delivered data (DBF is upper-case, 10 bytes max). */
  aliases: string[]
  /** NOT NULL in the table, and refused when missing on import. */
  required?: boolean
  /** UNIQUE in the table: the attribute is the layer's natural key (a code). */
  unique?: boolean
  /** Allowed values, for enumerations from the domain (grades, colours, function types). */
  values?: readonly string[]
  /** A regular expression (PostgreSQL and JavaScript alike) every stored value matches. */
  pattern?: string
  title: { zh: string; en: string }
}

/** A computed column's SQL type, as information_schema.columns.data_type names it. */
export type ComputedType = 'boolean' | 'double precision' | 'ARRAY' | 'jsonb'

export interface ComputedColumn {
  name: string
  type: ComputedType
  title: { zh: string; en: string }
}

/**
 * Which spatial questions read a layer:
 * - locate, intrusion, network, chiefs: the question reads the layer in some way;
 * - constraint: /api/intrusion judges a project against its features by the rows of
 *   intrusion_rules for the layer (seed §4(二)2, 涉河建设项目审查).
 */
export type Analysis = 'locate' | 'intrusion' | 'constraint' | 'network' | 'chiefs'

/** How /api/locate lists the features of a zone layer that cover a point. */
export interface ZoneSpec {
  /** The key of the layer's list under `zones` in the locate answer; kept stable for clients. */
  key: string
  /** Attributes returned for each feature after its `id`, in order. */
  fields: readonly string[]
  /** Integer 0/1 attributes among `fields` that are returned as booleans. */
  flags?: readonly string[]
}

export interface LayerSpec {
  /** Also the name of the layer's table. */
  id: LayerId
  geometry: GeometryKind
  title: { zh: string; en: string }
  attributes: AttributeSpec[]
  /**
   * Columns the server computes and keeps beside the attributes (a patrol's evaluation): never
   * imported nor served as OGC properties, NULL on a row the server has not computed yet. Tiles
   * may carry them (`tiles.fields`).
   */
  computed?: readonly ComputedColumn[]
  /** Which spatial questions read this layer. */
  analyses: Analysis[]
  /** Set on the layers /api/locate lists as zones covering a point. */
  zone?: ZoneSpec
  /** Viewer style hint: fill/line/circle colour. */
  color: string
  /**
   * Who may read the layer through tiles and OGC API. Public layers are open to anyone (chief
   * names and duties are published by law, seed §6(五)); restricted layers hold officials' GPS
   * tracks or texts from the public: a staff token reads them whole, anyone else gets them with
   * `personalFields` dropped.
   */
  access: 'public' | 'restricted'
  /** Restricted layers: the attributes that identify or quote a person. */
  personalFields?: readonly string[]
  /** Layers with time: the attribute(s) of the instant or interval each feature covers. */
  temporal?: { start: string; end?: string }
  /** What the layer's vector tiles carry (tiles/, issue 9 item 2). */
  tiles: TileSpec
}

/**
 * A layer's vector tiles: the zooms it appears at and the properties a viewer needs to style,
 * label and identify a feature, not every column. The MVT feature id is always the row's `id`.
 */
export interface TileSpec {
  /** First zoom whose tiles hold the layer (Web Mercator zoom, 0 = the world in one tile). */
  minzoom: number
  /** Last zoom whose tiles hold the layer; viewers overzoom beyond it. */
  maxzoom: number
  /** Attributes of the layer's own table, as properties of the same name. */
  fields: readonly string[]
  /** Properties read from other tables; their SQL is tiles/derived/<layer>.<name>.sql. */
  derived?: readonly DerivedTileField[]
}

/** A tile property computed from other tables, e.g. a monitoring section's latest measured class. */
export interface DerivedTileField {
  name: string
  type: 'text' | 'integer' | 'number'
  title: { zh: string; en: string }
  /** The tables the value reads besides the layer's own: a tile's cache key holds their data versions. */
  reads: readonly string[]
}

export const LAYER_IDS = [
  'admin_areas',
  'parks',
  'basins',
  'rivers',
  'reaches',
  'lakes',
  'wetlands',
  'blue_lines',
  'shoreline_zones',
  'shoreline_lines',
  'water_source_zones',
  'water_resource_zones',
  'groundwater_zones',
  'water_function_zones',
  'black_odorous_reaches',
  'black_odorous_ponds',
  'chief_areas',
  'monitoring_sections',
  'outfalls',
  'signboards',
  'patrols',
  'reports',
] as const

export type LayerId = (typeof LAYER_IDS)[number]

export const ADMIN_LEVELS = ['city', 'county', 'township', 'village'] as const
/** The four chief levels plus the village group, whose specialist is not a chief (seed §3). */
export const CHIEF_LEVELS = ['city', 'county', 'township', 'village', 'village_group'] as const
export const CHIEF_ROLES = ['chief_general', 'deputy_chief_general', 'chief', 'specialist'] as const
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', 'worse_than_V'] as const
export const SHORELINE_FUNCTIONS = ['protection', 'reserve', 'controlled_use', 'development'] as const
export const SOURCE_GRADES = ['first', 'second', 'quasi'] as const
/** The two control lines of a shoreline management range (临水控制线 / 外缘控制线). */
export const CONTROL_LINE_KINDS = ['waterside', 'outer'] as const
/** Natural wetland classes found inland (GB/T 24708-2009 湿地分类: 河流, 湖泊, 沼泽湿地). */
export const WETLAND_KINDS = ['river', 'lake', 'marsh'] as const
/** Remediation status of a black and odorous water body (住建部 黑臭水体整治 platform's stages). */
export const BLACK_ODOROUS_STATUS = ['not_started', 'in_progress', 'remediated'] as const
/** Where a black and odorous water lies: the 2020 target is about built-up areas only (seed §2). */
export const BLACK_ODOROUS_LOCATION = ['built_up', 'outside_built_up'] as const
export const ZONE_COLOURS = ['red', 'yellow', 'green'] as const
/** River-chief regimes of a basin (seed §3(一)1, §3(二)3); the rule for each is the table basin_rules. */
export const BASIN_GOVERNANCE = ['dianchi', 'yangzonghai', 'other'] as const
/** A public report's statuses, in the only order they move (seed §6(五); migration 015). */
export const REPORT_STATUSES = ['received', 'assigned', 'resolved'] as const
/** What the public reports (titles: server/reports/categories.ts). */
export const REPORT_CATEGORIES = [
  'pollution',
  'dumping',
  'encroachment',
  'sand_mining',
  'outfall',
  'other',
] as const

const t = (zh: string, en: string) => ({ zh, en })

const text = (name: string, title: [string, string], aliases: string[], extra: Partial<AttributeSpec> = {}) =>
  ({ name, type: 'text', title: t(...title), aliases, ...extra }) satisfies AttributeSpec

const num = (name: string, title: [string, string], aliases: string[], type: AttributeType = 'number') =>
  ({ name, type, title: t(...title), aliases }) satisfies AttributeSpec

// Aliases shared by many layers: the pinyin initials (MC = 名称 mingcheng, BM = 编码 bianma)
// are what Chinese surveying software writes into DBF headers.
const NAME = text('name', ['名称', 'Name'], ['名称', 'NAME', 'MC', 'MINGCHENG', 'Name'], { required: true })
const CODE = text('code', ['编码', 'Code'], ['编码', '代码', 'CODE', 'BM', 'DM', 'ID_CODE'])
const WATER_NAME = text(
  'water_name',
  ['所属水体', 'Water body'],
  ['所属水体', '河湖名称', 'HHMC', 'WATER', 'RIVER'],
)
const RIVER_CODE = text('river_code', ['河流编码', 'River code'], ['河流编码', 'HLBM', 'RIVER_CODE', 'RVCD'])

// The attributes of a black and odorous water body (黑臭水体), the same for its two layers.
const BLACK_ODOROUS_ATTRIBUTES: AttributeSpec[] = [
  CODE,
  NAME,
  WATER_NAME,
  text('location', ['所在区域', 'Location'], ['所在区域', '是否建成区', 'SFJCQ', 'LOCATION'], {
    required: true,
    values: BLACK_ODOROUS_LOCATION,
  }),
  text('status', ['整治状态', 'Status'], ['整治状态', '治理状态', 'ZZZT', 'STATUS'], {
    required: true,
    values: BLACK_ODOROUS_STATUS,
  }),
  num('identified_on', ['认定日期', 'Identified on'], ['认定日期', '识别日期', 'RDRQ', 'IDENTIFIED'], 'date'),
  num(
    'remediated_on',
    ['完成整治日期', 'Remediated on'],
    ['完成日期', '整治完成', 'WCRQ', 'REMEDIATED'],
    'date',
  ),
]

export const LAYERS: readonly LayerSpec[] = [
  {
    id: 'admin_areas',
    geometry: 'MultiPolygon',
    title: t('行政区划', 'Administrative areas'),
    analyses: ['locate', 'chiefs'],
    color: '#7f7f7f',
    access: 'public',
    tiles: { minzoom: 0, maxzoom: 14, fields: ['code', 'name', 'level'] },
    attributes: [
      // The 12-digit statistical division code (统计用区划代码).
      text('code', ['区划代码', 'Division code'], ['区划代码', 'XZQDM', 'CODE', 'ADCODE', 'DM'], {
        required: true,
        unique: true,
        pattern: '^[0-9]{12}$',
      }),
      NAME,
      text('level', ['级别', 'Level'], ['级别', 'JB', 'LEVEL'], { required: true, values: ADMIN_LEVELS }),
      text('parent_code', ['上级代码', 'Parent code'], ['上级代码', 'SJDM', 'PARENT']),
    ],
  },
  {
    // Development and holiday parks (开发(度假)园区, seed §3(一)): land carved out of the counties
    // where the park's committee and chiefs act at county level (属地管理); admin_areas stays the
    // statistical partition (migration 011).
    id: 'parks',
    geometry: 'MultiPolygon',
    title: t('开发(度假)园区', 'Development and holiday parks'),
    analyses: ['locate', 'chiefs'],
    color: '#b07aa1',
    access: 'public',
    tiles: { minzoom: 0, maxzoom: 14, fields: ['code', 'name', 'committee'] },
    attributes: [
      text('code', ['园区编码', 'Park code'], ['园区编码', 'YQBM', 'CODE', 'BM'], {
        required: true,
        unique: true,
      }),
      NAME,
      text('committee', ['管理委员会', 'Managing committee'], ['管理委员会', '管委会', 'GWH', 'COMMITTEE']),
    ],
  },
  {
    id: 'basins',
    geometry: 'MultiPolygon',
    title: t('流域', 'Basins'),
    analyses: ['locate'],
    color: '#4a90d9',
    access: 'public',
    tiles: { minzoom: 0, maxzoom: 14, fields: ['code', 'name', 'governance'] },
    attributes: [
      CODE,
      NAME,
      text('authority', ['管理机构', 'Managing authority'], ['管理机构', 'GLJG', 'AUTHORITY']),
      text('office', ['河长制办公室', 'River chief office'], ['河长办', 'HZB', 'OFFICE']),
      text('oversight', ['督察组', 'Oversight body'], ['督察组', 'DCZ', 'OVERSIGHT']),
      // Set on the top-level basins; nested ones inherit it (migration 007, basin_governance()).
      text(
        'governance',
        ['河长制归属', 'River-chief regime'],
        ['河长制归属', 'HZZGS', 'GOVERNANCE', 'REGIME'],
        {
          values: BASIN_GOVERNANCE,
        },
      ),
    ],
  },
  {
    id: 'rivers',
    geometry: 'MultiLineString',
    title: t('河流渠道', 'Rivers and canals'),
    analyses: ['locate', 'network'],
    color: '#1f78b4',
    access: 'public',
    tiles: { minzoom: 0, maxzoom: 14, fields: ['code', 'name', 'kind', 'grade', 'management_level'] },
    attributes: [
      text('code', ['河流编码', 'River code'], ['河流编码', 'HLBM', 'CODE', 'RVCD'], {
        required: true,
        unique: true,
      }),
      NAME,
      text('kind', ['类型', 'Kind'], ['类型', 'LX', 'KIND', 'TYPE'], { values: ['river', 'canal'] }),
      num('grade', ['等级', 'Grade'], ['等级', 'DJ', 'GRADE'], 'integer'),
      text('parent_code', ['上级河流编码', 'Parent river code'], ['上级河流', 'SJHL', 'PARENT']),
      text('basin', ['所属流域', 'Basin'], ['所属流域', 'LY', 'BASIN']),
      text('management_level', ['管理级别', 'Management level'], ['管理级别', 'GLJB', 'MGMT_LEVEL'], {
        values: ADMIN_LEVELS,
      }),
    ],
  },
  {
    id: 'reaches',
    geometry: 'LineString',
    title: t('河段', 'River reaches'),
    analyses: ['locate', 'intrusion', 'network', 'chiefs'],
    color: '#08519c',
    access: 'public',
    tiles: {
      minzoom: 6,
      maxzoom: 14,
      fields: ['code', 'name', 'river_code'],
      derived: [{ name: 'river_name', type: 'text', title: t('河流名称', 'River name'), reads: ['rivers'] }],
    },
    attributes: [
      text('code', ['河段编码', 'Reach code'], ['河段编码', 'HDBM', 'CODE'], {
        required: true,
        unique: true,
      }),
      RIVER_CODE,
      NAME,
      text('start_desc', ['起点', 'Start'], ['起点', 'QD', 'START']),
      text('end_desc', ['终点', 'End'], ['终点', 'ZD', 'END']),
      text('admin_code', ['所在行政区', 'Administrative area'], ['所在行政区', 'XZQDM', 'ADCODE']),
      num('from_node', ['起点节点', 'From node'], ['FROM_NODE', 'FNODE', 'FNODE_'], 'integer'),
      num('to_node', ['终点节点', 'To node'], ['TO_NODE', 'TNODE', 'TNODE_'], 'integer'),
    ],
  },
  {
    id: 'lakes',
    geometry: 'MultiPolygon',
    title: t('湖泊水库', 'Lakes and reservoirs'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'lakes', fields: ['code', 'name', 'kind'] },
    color: '#6baed6',
    access: 'public',
    tiles: { minzoom: 0, maxzoom: 14, fields: ['code', 'name', 'kind'] },
    attributes: [
      CODE,
      NAME,
      text('kind', ['类型', 'Kind'], ['类型', 'LX', 'KIND', 'TYPE'], {
        values: ['lake', 'reservoir', 'pond'],
      }),
      num('normal_level_m', ['正常水位(m)', 'Normal water level (m)'], ['正常水位', 'ZCSW', 'NWL']),
      text('management_level', ['管理级别', 'Management level'], ['管理级别', 'GLJB'], {
        values: ADMIN_LEVELS,
      }),
    ],
  },
  {
    // Natural wetlands (自然湿地): the 2020 target keeps at least 75 % of their area protected
    // (seed §2); a project on one is judged by the rows of intrusion_rules (migration 012).
    id: 'wetlands',
    geometry: 'MultiPolygon',
    title: t('自然湿地', 'Natural wetlands'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'wetlands', fields: ['name', 'kind', 'protected'], flags: ['protected'] },
    color: '#74c476',
    access: 'public',
    tiles: { minzoom: 6, maxzoom: 14, fields: ['name', 'kind', 'protected'] },
    attributes: [
      NAME,
      text('kind', ['湿地类型', 'Kind'], ['湿地类型', '类型', 'SDLX', 'KIND', 'TYPE'], {
        required: true,
        values: WETLAND_KINDS,
      }),
      // 1 when the wetland lies in a protected area (湿地保护区, 湿地公园): the 75 % target's numerator.
      num('protected', ['是否受保护', 'Protected'], ['是否保护', '受保护', 'SFBH', 'PROTECTED'], 'integer'),
    ],
  },
  {
    id: 'blue_lines',
    geometry: 'MultiPolygon',
    title: t('城市蓝线', 'Blue lines'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'blue_lines', fields: ['name', 'water_name', 'approval'] },
    color: '#2171b5',
    access: 'public',
    tiles: { minzoom: 8, maxzoom: 14, fields: ['name', 'water_name'] },
    attributes: [
      NAME,
      WATER_NAME,
      text('approval', ['批复文件', 'Approval document'], ['批复文件', 'PFWJ', 'APPROVAL']),
    ],
  },
  {
    id: 'shoreline_zones',
    geometry: 'MultiPolygon',
    title: t('水域岸线功能区', 'Shoreline function zones'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'shoreline', fields: ['name', 'water_name', 'function'] },
    color: '#41ab5d',
    access: 'public',
    tiles: { minzoom: 8, maxzoom: 14, fields: ['name', 'water_name', 'function'] },
    attributes: [
      NAME,
      WATER_NAME,
      text('function', ['功能分区', 'Function zone'], ['功能分区', 'GNFQ', 'FUNCTION', 'GNQ'], {
        required: true,
        values: SHORELINE_FUNCTIONS,
      }),
    ],
  },
  {
    // The two lines that bound a shoreline management range (水域岸线管理范围, seed §4(二)1):
    // 临水控制线 on the water's side and 外缘控制线 on the land's side. Intrusion judges a project
    // that reaches or crosses each (intrusion_rules) and reports its distance to each kind.
    id: 'shoreline_lines',
    geometry: 'MultiLineString',
    title: t('岸线控制线', 'Shoreline control lines'),
    analyses: ['intrusion', 'constraint'],
    color: '#238b45',
    access: 'public',
    tiles: { minzoom: 8, maxzoom: 14, fields: ['name', 'kind', 'water_name'] },
    attributes: [
      NAME,
      text('kind', ['控制线类型', 'Kind'], ['控制线类型', '类型', 'KZXLX', 'LX', 'KIND', 'TYPE'], {
        required: true,
        values: CONTROL_LINE_KINDS,
      }),
      WATER_NAME,
    ],
  },
  {
    id: 'water_source_zones',
    geometry: 'MultiPolygon',
    title: t('饮用水水源保护区', 'Drinking-water source protection zones'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'water_source', fields: ['name', 'source_name', 'grade', 'source_type'] },
    color: '#e31a1c',
    access: 'public',
    tiles: { minzoom: 6, maxzoom: 14, fields: ['name', 'source_name', 'grade'] },
    attributes: [
      NAME,
      text('source_name', ['水源地名称', 'Source name'], ['水源地', 'SYD', 'SOURCE']),
      text('grade', ['保护区级别', 'Grade'], ['等级', '级别', 'DJ', 'GRADE', 'JB'], {
        required: true,
        values: SOURCE_GRADES,
      }),
      text('source_type', ['水源类型', 'Source type'], ['水源类型', 'SYLX', 'SRC_TYPE'], {
        values: ['reservoir', 'lake', 'river', 'groundwater'],
      }),
      // The level of the source (市、县、乡、村集中式饮用水水源地, seed §4(四)2): the 2020 target counts
      // sources at county level and up (seed §2).
      text('source_level', ['水源地级别', 'Source level'], ['水源地级别', 'SYDJB', 'SRC_LEVEL'], {
        values: ADMIN_LEVELS,
      }),
    ],
  },
  {
    id: 'water_resource_zones',
    geometry: 'MultiPolygon',
    title: t('水资源红黄绿分区', 'Red/yellow/green water-resource zones'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'water_resource', fields: ['name', 'colour', 'rule'] },
    color: '#fdae61',
    access: 'public',
    tiles: { minzoom: 6, maxzoom: 14, fields: ['name', 'colour'] },
    attributes: [
      NAME,
      text('colour', ['分区颜色', 'Colour'], ['颜色', '分区', 'YS', 'COLOUR', 'COLOR'], {
        required: true,
        values: ZONE_COLOURS,
      }),
      text('rule', ['管理要求', 'Management rule'], ['管理要求', 'GLYQ', 'RULE']),
    ],
  },
  {
    id: 'groundwater_zones',
    geometry: 'MultiPolygon',
    title: t('地下水禁限采区', 'Groundwater extraction zones'),
    analyses: ['locate', 'intrusion', 'constraint'],
    zone: { key: 'groundwater', fields: ['name', 'kind', 'water'] },
    color: '#8c6d31',
    access: 'public',
    tiles: { minzoom: 6, maxzoom: 14, fields: ['name', 'kind', 'water'] },
    attributes: [
      NAME,
      text('kind', ['类型', 'Kind'], ['类型', 'LX', 'KIND'], {
        required: true,
        values: ['prohibited', 'restricted'],
      }),
      text('water', ['水类型', 'Water'], ['水类型', 'SLX', 'WATER'], { values: ['cold', 'hot'] }),
    ],
  },
  {
    id: 'water_function_zones',
    geometry: 'MultiPolygon',
    title: t('水功能区', 'Water function zones'),
    analyses: ['locate'],
    zone: {
      key: 'water_function',
      fields: ['code', 'name', 'river_code', 'target_class', 'important'],
      flags: ['important'],
    },
    color: '#9e9ac8',
    access: 'public',
    tiles: { minzoom: 6, maxzoom: 14, fields: ['code', 'name', 'target_class', 'important'] },
    attributes: [
      CODE,
      NAME,
      RIVER_CODE,
      text('target_class', ['水质目标', 'Target class'], ['水质目标', 'SZMB', 'TARGET'], {
        values: WATER_CLASSES,
      }),
      num('important', ['重要水功能区', 'Important zone'], ['重要', 'ZY', 'IMPORTANT'], 'integer'),
    ],
  },
  // Black and odorous waters (黑臭水体, seed §2, §4(四)4) are stretches and ditches as well as
  // ponds. They are two layers, not one of a generic geometry kind: every reader of the registry
  // (the typed geometry column, tiles' and OGC's geometry type, import's fitting of singles into
  // multis) relies on one kind per layer, and the two are measured differently (km, m²).
  {
    id: 'black_odorous_reaches',
    geometry: 'MultiLineString',
    title: t('黑臭水体(河渠段)', 'Black and odorous waters (stretches)'),
    analyses: [],
    color: '#3f3f3f',
    access: 'public',
    tiles: { minzoom: 8, maxzoom: 14, fields: ['code', 'name', 'location', 'status'] },
    attributes: BLACK_ODOROUS_ATTRIBUTES,
  },
  {
    id: 'black_odorous_ponds',
    geometry: 'MultiPolygon',
    title: t('黑臭水体(坑塘)', 'Black and odorous waters (ponds)'),
    analyses: ['locate'],
    zone: { key: 'black_odorous_ponds', fields: ['code', 'name', 'location', 'status'] },
    color: '#525252',
    access: 'public',
    tiles: { minzoom: 8, maxzoom: 14, fields: ['code', 'name', 'location', 'status'] },
    attributes: BLACK_ODOROUS_ATTRIBUTES,
  },
  {
    id: 'chief_areas',
    geometry: 'MultiPolygon',
    title: t('河长责任区域', 'River chief responsibility areas'),
    analyses: ['locate', 'chiefs'],
    color: '#ff7f00',
    access: 'public',
    tiles: { minzoom: 6, maxzoom: 14, fields: ['code', 'name', 'level'] },
    attributes: [
      text('code', ['责任区编码', 'Area code'], ['编码', 'CODE', 'BM'], { required: true, unique: true }),
      NAME,
      text('level', ['级别', 'Level'], ['级别', 'JB', 'LEVEL'], { required: true, values: CHIEF_LEVELS }),
      text('admin_code', ['行政区划代码', 'Division code'], ['区划代码', 'XZQDM', 'ADCODE']),
    ],
  },
  {
    id: 'monitoring_sections',
    geometry: 'Point',
    title: t('监测断面', 'Monitoring sections'),
    analyses: ['network'],
    color: '#6a3d9a',
    access: 'public',
    tiles: {
      minzoom: 6,
      maxzoom: 14,
      fields: ['code', 'name', 'level', 'target_class'],
      derived: [
        {
          name: 'latest_class',
          type: 'text',
          title: t('最新水质类别', 'Latest measured class'),
          reads: ['measurements'],
        },
        {
          name: 'latest_on',
          type: 'text',
          title: t('最新监测日期', 'Latest measurement date'),
          reads: ['measurements'],
        },
      ],
    },
    attributes: [
      text('code', ['断面编码', 'Section code'], ['断面编码', 'DMBM', 'CODE'], {
        required: true,
        unique: true,
      }),
      NAME,
      RIVER_CODE,
      text('level', ['断面级别', 'Level'], ['级别', 'JB', 'LEVEL'], {
        values: ['national', 'provincial', 'city', 'county'],
      }),
      text('target_class', ['水质目标', 'Target class'], ['水质目标', 'SZMB', 'TARGET'], {
        values: WATER_CLASSES,
      }),
    ],
  },
  {
    id: 'outfalls',
    geometry: 'Point',
    title: t('入河排污口', 'Sewage outfalls'),
    analyses: ['network'],
    color: '#b15928',
    access: 'public',
    tiles: { minzoom: 8, maxzoom: 14, fields: ['code', 'name', 'river_code'] },
    attributes: [
      CODE,
      NAME,
      RIVER_CODE,
      text('approval', ['审批文号', 'Approval'], ['审批文号', 'SPWH', 'APPROVAL']),
      num(
        'yearly_discharge_t',
        ['年排放量(万吨)', 'Yearly discharge (10⁴ t)'],
        ['年排放量', 'NPFL', 'DISCHARGE'],
      ),
    ],
  },
  {
    id: 'signboards',
    geometry: 'Point',
    title: t('河长公示牌', 'Chief signboards'),
    analyses: ['chiefs'],
    color: '#33a02c',
    access: 'public',
    tiles: { minzoom: 10, maxzoom: 14, fields: ['code', 'chief_name', 'position'] },
    attributes: [
      CODE,
      text('chief_name', ['河长姓名', 'Chief name'], ['河长', '姓名', 'HZXM', 'CHIEF']),
      text('position', ['职务', 'Position'], ['职务', 'ZW', 'POSITION']),
      text('duties', ['职责', 'Duties'], ['职责', 'ZZ', 'DUTIES']),
      text('contact', ['联系电话', 'Contact'], ['电话', '联系电话', 'DH', 'LXDH', 'TEL', 'PHONE']),
      text('scope', ['管护范围', 'Scope'], ['范围', 'FW', 'SCOPE']),
      text('targets', ['治理目标', 'Targets'], ['目标', 'MB', 'TARGETS']),
      // The reach the board stands on (migration 016); its live content is /api/signboards/{reach_code}.
      text('reach_code', ['河段编码', 'Reach code'], ['河段编码', 'HDBM', 'REACH_CODE', 'REACH']),
    ],
  },
  {
    id: 'patrols',
    geometry: 'LineString',
    title: t('巡河轨迹', 'Patrol tracks'),
    analyses: ['chiefs'],
    color: '#fb9a99',
    access: 'restricted',
    personalFields: ['chief_id'],
    temporal: { start: 'started_at', end: 'ended_at' },
    tiles: { minzoom: 10, maxzoom: 14, fields: ['started_at', 'ended_at', 'valid'] },
    attributes: [
      text('chief_id', ['河长编号', 'Chief id'], ['河长编号', 'HZBH', 'CHIEF_ID'], { required: true }),
      num('started_at', ['开始时间', 'Start'], ['开始时间', 'KSSJ', 'START'], 'timestamp'),
      num('ended_at', ['结束时间', 'End'], ['结束时间', 'JSSJ', 'END'], 'timestamp'),
    ],
    // The evaluation of server/patrols/evaluate.ts (migration 013, seed §5(四)).
    computed: [
      { name: 'times', type: 'ARRAY', title: t('定位时间', 'Fix times') },
      { name: 'length_m', type: 'double precision', title: t('长度(米)', 'Length (m)') },
      { name: 'duration_s', type: 'double precision', title: t('时长(秒)', 'Duration (s)') },
      { name: 'max_speed_kmh', type: 'double precision', title: t('最高速度(公里/时)', 'Top speed (km/h)') },
      { name: 'valid', type: 'boolean', title: t('有效', 'Valid') },
      { name: 'flags', type: 'ARRAY', title: t('问题', 'Flags') },
      { name: 'evaluated_with', type: 'jsonb', title: t('评估数据版本', 'Evaluated with') },
    ],
  },
  {
    id: 'reports',
    geometry: 'Point',
    title: t('公众举报', 'Public reports'),
    analyses: ['chiefs'],
    color: '#ff0000',
    access: 'restricted',
    personalFields: ['body'],
    temporal: { start: 'reported_at' },
    tiles: { minzoom: 10, maxzoom: 14, fields: ['reported_at', 'status', 'category'] },
    // Routed by place when made (server/reports/route-report.ts, seed §6(五); migration 015).
    attributes: [
      text('body', ['举报内容', 'Report text'], ['内容', 'NR', 'TEXT', 'BODY']),
      num('reported_at', ['举报时间', 'Reported at'], ['时间', 'SJ', 'TIME'], 'timestamp'),
      text('category', ['举报类别', 'Category'], ['类别', '举报类型', 'LB', 'CATEGORY'], {
        values: REPORT_CATEGORIES,
      }),
      text('chief_id', ['处理河长', 'Routed chief'], ['河长编号', 'CHIEF_ID']),
      text('chief_level', ['河长级别', 'Chief level'], ['河长级别', 'HZJB', 'CHIEF_LVL'], {
        values: CHIEF_LEVELS,
      }),
      text('chief_scope_kind', ['责任范围类型', 'Chief scope kind'], ['范围类型', 'SCOPE_KIND'], {
        values: ['reach', 'area', 'lake'],
      }),
      text('chief_scope_code', ['责任范围编码', 'Chief scope code'], ['范围编码', 'SCOPE_CODE']),
      text('office', ['处理机构', 'Routed office'], ['机构', 'OFFICE']),
      text('office_code', ['机构编码', 'Office code'], ['机构编码', 'OFFICE_CD']),
      text('oversight', ['督察机构', 'Oversight body'], ['督察组', 'OVERSIGHT']),
      text('status', ['状态', 'Status'], ['状态', 'ZT', 'STATUS'], { values: REPORT_STATUSES }),
    ],
  },
]

const byId = new Map(LAYERS.map((l) => [l.id, l]))

export function isLayerId(id: string): id is LayerId {
  return byId.has(id as LayerId)
}

export function getLayer(id: LayerId): LayerSpec {
  const spec = byId.get(id)
  if (!spec) throw new Error(`unknown layer ${id}`)
  return spec
}

/** The layers a spatial question reads in the given way, in registry order. */
export const layersFor = (analysis: Analysis): LayerSpec[] =>
  LAYERS.filter((l) => l.analyses.includes(analysis))

/** The zone layers of /api/locate, in registry order. */
export const zoneLayers = (): (LayerSpec & { zone: ZoneSpec })[] =>
  LAYERS.filter((l): l is LayerSpec & { zone: ZoneSpec } => l.zone !== undefined)
