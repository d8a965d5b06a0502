// The import page's own words (issue 12 item 6), for staff: 试导入 is the dry run, 追加/替换 the modes.
import { pick } from '../../i18n/index.ts'

const W = {
  heading: { zh: '数据导入（工作人员）', en: 'Import data (staff)' },
  token: { zh: '访问令牌', en: 'Token' },
  tokenHint: {
    zh: '用 npm run token -- create --role staff 生成',
    en: 'made by npm run token -- create --role staff',
  },
  files: {
    zh: '拖入或选择文件：Shapefile 压缩包、.shp/.shx/.dbf/.prj/.cpg 或 GeoJSON',
    en: 'Drop or pick files: a zipped shapefile, .shp/.shx/.dbf/.prj/.cpg, or GeoJSON',
  },
  layer: { zh: '目标图层', en: 'Layer' },
  mode: { zh: '方式', en: 'Mode' },
  append: { zh: '追加', en: 'Append' },
  replace: { zh: '替换', en: 'Replace' },
  crs: { zh: '坐标系（可选）', en: 'CRS (optional)' },
  encoding: { zh: '编码（可选）', en: 'Encoding (optional)' },
  dryRun: { zh: '试导入（不写入）', en: 'Dry run (writes nothing)' },
  run: { zh: '导入', en: 'Import' },
  uploading: { zh: '上传中', en: 'Uploading' },
  working: { zh: '服务器处理中…', en: 'The server is working…' },
  noFiles: { zh: '请先选择文件', en: 'Pick the files first' },
  noToken: { zh: '请先粘贴访问令牌', en: 'Paste a token first' },
  crsUsed: { zh: '坐标系', en: 'CRS' },
  encodingUsed: { zh: '编码', en: 'Encoding' },
  counts: { zh: '记录', en: 'Records' },
  firstRows: { zh: '前 {n} 条记录（按入库后的内容显示）', en: 'First {n} records, as they will be stored' },
  dryDone: {
    zh: '试导入完成：数据库未作任何修改。请核对地图上要素的位置。',
    en: 'Dry run done: nothing was changed. Check where the features lie on the map.',
  },
  done: { zh: '导入完成，导入编号 #{id}', en: 'Imported, import #{id}' },
  warnings: { zh: '提示', en: 'Warnings' },
  live: { zh: '图层更新后地图自动刷新', en: 'The map refreshes when a layer changes' },
  notLive: {
    zh: '此服务器不推送数据变更：导入后请刷新页面',
    en: 'This server does not announce changes: reload after an import',
  },
  refreshed: { zh: '已刷新图层：{layers}', en: 'Layers refreshed: {layers}' },
} as const

/** The page's word `key` in the viewer's language, with `{name}` filled from `vars`. */
export const w = (key: keyof typeof W, vars: Record<string, string | number> = {}): string =>
  pick(W[key]).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''))
