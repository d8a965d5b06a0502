// The check page's own words (issue 12 item 4), in the plan's terms: 禁止 / 需审查 / 可行 are the
// verdicts of /api/intrusion; 岸线 and 蓝线 are the controls a planner is checked against.
import { pick } from '../../i18n/index.ts'

const W = {
  title: { zh: '项目审查', en: 'Check a project' },
  heading: { zh: '建设项目涉河审查', en: 'Check a construction project' },
  draw: { zh: '绘制项目范围', en: 'Draw the project' },
  point: { zh: '点', en: 'Point' },
  line: { zh: '线', en: 'Line' },
  polygon: { zh: '面', en: 'Polygon' },
  clear: { zh: '清除', en: 'Clear' },
  drawHint: {
    zh: '在地图上单击添加节点，单击起点或双击结束。',
    en: 'Click the map to add vertices; click the first vertex or double-click to finish.',
  },
  drop: {
    zh: '或拖入项目范围文件（GeoJSON、Shapefile 压缩包或 .shp/.dbf/.prj/.cpg）',
    en: 'or drop the outline file (GeoJSON, zipped shapefile, or .shp/.dbf/.prj/.cpg)',
  },
  crs: { zh: '坐标系（可选，如 EPSG:4522）', en: 'CRS (optional, e.g. EPSG:4522)' },
  buffer: { zh: '缓冲距离（米）', en: 'Buffer (m)' },
  check: { zh: '审查', en: 'Check' },
  checking: { zh: '审查中…', en: 'Checking…' },
  reading: { zh: '读取项目范围文件…', en: 'Reading the outline…' },
  noGeometry: { zh: '请先绘制或拖入项目范围', en: 'Draw or drop the project outline first' },
  verdict: { zh: '审查结论', en: 'Verdict' },
  forbidden: { zh: '禁止', en: 'Forbidden' },
  review: { zh: '需审查', en: 'Review' },
  clearVerdict: { zh: '可行', en: 'Clear' },
  conflicts: { zh: '冲突清单', en: 'Conflicts' },
  none: { zh: '未涉及任何管控要素', en: 'No constraint touched' },
  layer: { zh: '图层', en: 'Layer' },
  feature: { zh: '要素', en: 'Feature' },
  zoneType: { zh: '分区类型', en: 'Zone type' },
  relation: { zh: '关系', en: 'Relation' },
  overlap: { zh: '重叠面积/长度', en: 'Overlap' },
  distance: { zh: '距离', en: 'Distance' },
  rule: { zh: '规则', en: 'Rule' },
  source: { zh: '依据', en: 'Source' },
  outline: { zh: '项目范围', en: 'Project outline' },
  area: { zh: '面积', en: 'Area' },
  length: { zh: '长度', en: 'Length' },
  reaches: { zh: '涉及河段', en: 'Reaches affected' },
  notify: { zh: '应告知的河长与河长办', en: 'Chiefs and offices to notify' },
  print: { zh: '打印审查报告（A4）', en: 'Print the report (A4)' },
  reportTitle: { zh: '建设项目涉河审查报告', en: 'Construction project water check' },
  reportDate: { zh: '审查日期', en: 'Date' },
  sources: { zh: '规则依据', en: 'Rules and their sources' },
  inside: { zh: '位于其内', en: 'inside' },
  overlaps: { zh: '相交', en: 'overlaps' },
  touches: { zh: '相接', en: 'touches' },
  within_buffer: { zh: '缓冲区内', en: 'within buffer' },
} as const

/** The page's word `key` in the viewer's language. */
export const w = (key: keyof typeof W): string => pick(W[key])
