// Shapefiles of the 2020-target layers as county offices deliver them, on both engines: GBK DBF
// fields named in Chinese or in pinyin initials, and Chinese terms for the enumerations
// (临水控制线, 沼泽湿地, 建成区, 已完成整治), which the registry's aliases and the import's value
// synonyms map onto the layers' attributes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Ring, writeShapefile } from '../support/shapefile-writer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { importFile, storedRows } from './import-helpers.ts'

const scratch = mkdtempSync(join(tmpdir(), 'rcgis-target-layers-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const square = (x: number, y: number, d = 0.002): Ring => [
  [x, y],
  [x, y + d],
  [x + d, y + d],
  [x + d, y],
  [x, y],
]

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(() => t?.dispose())

  it('imports black and odorous ponds with Chinese field names and status terms', async () => {
    const shp = writeShapefile(join(scratch, 'ponds'), 'ponds', {
      shapeType: 'Polygon',
      encoding: 'gbk',
      cpg: '936',
      fields: [
        { name: 'MC', type: 'C', length: 40 },
        { name: '所在区域', type: 'C', length: 20 },
        { name: '整治状态', type: 'C', length: 20 },
        { name: '认定日期', type: 'C', length: 10 },
        { name: 'WCRQ', type: 'C', length: 10 },
      ],
      records: [
        {
          shape: { type: 'Polygon', rings: [square(102.7, 25.0)] },
          values: ['西坝坑塘', '建成区', '已完成整治', '2016-05-01', '2018-10-01'],
        },
        {
          shape: { type: 'Polygon', rings: [square(102.8, 25.1)] },
          values: ['和平村坑塘', '非建成区', '未整治', '2016-06-01', ''],
        },
      ],
    })
    const report = await importFile(t.db, shp, 'black_odorous_ponds', { crs: 'EPSG:4490' })
    const rows = await storedRows(t.db, 'black_odorous_ponds', report.importId!)
    expect(rows.map((r) => r.attributes)).toEqual([
      {
        code: null,
        name: '西坝坑塘',
        water_name: null,
        location: 'built_up',
        status: 'remediated',
        identified_on: '2016-05-01',
        remediated_on: '2018-10-01',
      },
      {
        code: null,
        name: '和平村坑塘',
        water_name: null,
        location: 'outside_built_up',
        status: 'not_started',
        identified_on: '2016-06-01',
        remediated_on: null,
      },
    ])
  })

  it('imports both kinds of shoreline control line and wetlands with their Chinese terms', async () => {
    const lines = writeShapefile(join(scratch, 'lines'), 'lines', {
      shapeType: 'PolyLine',
      encoding: 'gbk',
      cpg: '936',
      fields: [
        { name: '名称', type: 'C', length: 40 },
        { name: '控制线类型', type: 'C', length: 20 },
        { name: 'HHMC', type: 'C', length: 20 },
      ],
      records: [
        {
          shape: {
            type: 'PolyLine',
            parts: [
              [
                [102.7, 25.0],
                [102.71, 25.0],
              ],
            ],
          },
          values: ['盘龙江左岸临水控制线', '临水控制线', '盘龙江'],
        },
        {
          shape: {
            type: 'PolyLine',
            parts: [
              [
                [102.7, 25.001],
                [102.71, 25.001],
              ],
            ],
          },
          values: ['盘龙江左岸外缘控制线', '外缘线', '盘龙江'],
        },
      ],
    })
    const lineReport = await importFile(t.db, lines, 'shoreline_lines', { crs: 'EPSG:4490' })
    expect(
      (await storedRows(t.db, 'shoreline_lines', lineReport.importId!)).map((r) => r.attributes),
    ).toEqual([
      { name: '盘龙江左岸临水控制线', kind: 'waterside', water_name: '盘龙江' },
      { name: '盘龙江左岸外缘控制线', kind: 'outer', water_name: '盘龙江' },
    ])

    const wetlands = writeShapefile(join(scratch, 'wetlands'), 'wetlands', {
      shapeType: 'Polygon',
      encoding: 'gbk',
      cpg: '936',
      fields: [
        { name: 'MC', type: 'C', length: 40 },
        { name: '湿地类型', type: 'C', length: 20 },
        { name: 'SFBH', type: 'N', length: 1 },
      ],
      records: [
        { shape: { type: 'Polygon', rings: [square(102.6, 24.9)] }, values: ['捞鱼河湿地', '湖泊湿地', 1] },
        { shape: { type: 'Polygon', rings: [square(102.9, 25.2)] }, values: ['嵩明沼泽', '沼泽湿地', 0] },
      ],
    })
    const wetReport = await importFile(t.db, wetlands, 'wetlands', { crs: 'EPSG:4490' })
    expect((await storedRows(t.db, 'wetlands', wetReport.importId!)).map((r) => r.attributes)).toEqual([
      { name: '捞鱼河湿地', kind: 'lake', protected: 1 },
      { name: '嵩明沼泽', kind: 'marsh', protected: 0 },
    ])
  })
})
