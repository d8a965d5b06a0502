// A dry run's report carries the first 20 rows decoded as they will be stored and a sample GeoJSON
// in lon/lat (issue 12 item 6), checked against the shared GBK file read here byte by byte.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../../server/import/import-limits.ts'
import { runImport } from '../../server/import/import-pipeline.ts'
import { formatReport } from '../../server/import/import-report.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { SHARED_DATA } from './corpus-inputs.ts'

const YUNNAN = join(SHARED_DATA, 'yunnan_gbk')
// 昆明市 in GBK (GB 2312 rows 31, 35, 42), written out by hand from the code chart.
const KUNMING_GBK = Buffer.from([0xc0, 0xa5, 0xc3, 0xf7, 0xca, 0xd0])

/** The bounding box of the .shp's first record (ESRI Shapefile Technical Description, 1998: record header 8 bytes, type, box). */
function firstRecordBox(shp: Buffer): number[] {
  return [0, 1, 2, 3].map((i) => shp.readDoubleLE(100 + 8 + 4 + 8 * i))
}

describe.each(ENGINES)('%s engine: dry-run sample', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(async () => {
    await t?.dispose()
  })

  it('shows 昆明市 decoded from GBK among the first rows and the features in lon/lat, and writes nothing', async () => {
    expect(readFileSync(join(YUNNAN, 'yunnan_gbk.dbf')).includes(KUNMING_GBK)).toBe(true)
    const report = await runImport(t.db, {
      paths: [join(YUNNAN, 'yunnan_gbk.shp')],
      layer: 'basins',
      mode: 'append',
      dryRun: true,
      actor: 'test',
      limits: DEFAULT_LIMITS,
    })
    expect(report.sample).toBeDefined()
    const rows = report.sample?.rows ?? []
    expect(rows).toHaveLength(Math.min(20, report.counts.inserted))
    expect(rows.map((r) => r.attributes.name)).toContain('昆明市')
    expect(rows.map((r) => r.recordNo)).toEqual(rows.map((_, i) => i + 1))
    const features = report.sample?.features.features ?? []
    expect(features).toHaveLength(report.counts.inserted)
    // The .prj says WGS 84 degrees, so the first feature spans the first record's own box.
    const [w, s, e, n] = firstRecordBox(readFileSync(join(YUNNAN, 'yunnan_gbk.shp')))
    const coords = JSON.stringify(features[0].geometry).match(/-?\d+\.\d+,-?\d+\.\d+/g) ?? []
    const xs = coords.map((c) => Number(c.split(',')[0]))
    const ys = coords.map((c) => Number(c.split(',')[1]))
    expect(Math.min(...xs)).toBeCloseTo(w, 6)
    expect(Math.max(...xs)).toBeCloseTo(e, 6)
    expect(Math.min(...ys)).toBeCloseTo(s, 6)
    expect(Math.max(...ys)).toBeCloseTo(n, 6)
    expect(formatReport(report)).toMatch(/name=昆明市/)
    const { rows: counted } = await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM basins')
    expect(Number(counted[0].n)).toBe(0)
  })

  it('carries no sample in a real import', async () => {
    const report = await runImport(t.db, {
      paths: [join(YUNNAN, 'yunnan_gbk.shp')],
      layer: 'basins',
      mode: 'append',
      actor: 'test',
      limits: DEFAULT_LIMITS,
    })
    expect(report.sample).toBeUndefined()
  })
})
