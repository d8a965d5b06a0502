// Every shapefile of ../shared/corpora/shapefile is either imported (with the count, attribute
// values and shapes the corpus's own oracle expects) or refused with a clear 4xx error: never a
// crash, never a partial layer. Oracles: mbostock's X.json, PostGIS's X.select.expected (with
// X.opts honoured), GDAL's reading of shapefile-js (test/fixtures/import/shapefile-js.golden.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../server/import/import-report.ts'
import type { LayerId } from '../../server/layers/registry.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { CORPUS, ROOT, SHAPEFILE_JS_INPUTS, SHARED_DATA } from './corpus-inputs.ts'
import {
  attempt,
  type ImportTestOptions,
  importFile,
  insertedRecordNumbers,
  snapshot,
  sourceValues,
  storedRows,
} from './import-helpers.ts'

const MB = join(CORPUS, 'mbostock-shapefile', 'test')
const LOADER = join(CORPUS, 'postgis-loader', 'regress', 'loader')
const GOLDEN = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/import/shapefile-js.golden.json'), 'utf8'),
) as Record<
  string,
  | { count: number; records: Record<string, Record<string, unknown>>; bbox: number[] | null }
  | { gdalError: string }
>

/** Each geometry kind goes to a layer of that kind; required attributes get defaults. */
function layerFor(shp: string): { layer: LayerId; mapping: unknown } {
  const type = readFileSync(shp).readInt32LE(32) % 10
  if (type === 1 || type === 8) return { layer: 'signboards', mapping: undefined }
  if (type === 3)
    return { layer: 'rivers', mapping: { fields: { $record: 'code' }, defaults: { name: '未命名' } } }
  return { layer: 'lakes', mapping: { defaults: { name: '未命名' } } }
}

/** DBF dates come out as YYYY-MM-DD; mbostock's fixtures keep dBASE's YYYYMMDD. */
const comparable = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v.replaceAll('-', '') : v

function expectValues(actual: Record<string, unknown>, expected: Record<string, unknown>, where: string) {
  for (const [key, value] of Object.entries(expected)) {
    if (value === null || value === undefined) expect(actual[key] ?? null, `${where} ${key}`).toBeNull()
    else if (typeof value === 'number' && typeof actual[key] === 'string')
      expect(Number(actual[key]), `${where} ${key}`).toBe(value)
    else expect(comparable(actual[key]), `${where} ${key}`).toEqual(comparable(value))
  }
}

describe.each(ENGINES)('%s engine: the shapefile corpora', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(() => t?.dispose())

  /** Imports, or checks the refusal left the layer and log as they were (plus one failure row). */
  async function importOrRefuse(paths: string | string[], layer: LayerId, options: ImportTestOptions) {
    const before = await snapshot(t.db, layer)
    const outcome = await attempt(() => importFile(t.db, paths, layer, options))
    if (outcome.error) {
      const after = await snapshot(t.db, layer)
      expect(after.rows).toBe(before.rows)
      expect(after.digest).toBe(before.digest)
      expect(after.log).toEqual({ ...before.log, failed: (before.log.failed ?? 0) + 1 })
    }
    return outcome
  }

  describe('mbostock-shapefile', () => {
    const names = readdirSync(MB)
      .filter((f) => f.endsWith('.shp'))
      .map((f) => f.slice(0, -4))
    it.each(names)('%s', async (name) => {
      const shp = join(MB, `${name}.shp`)
      const { layer, mapping } = layerFor(shp)
      // As mbostock's own test reads it; every other file says what it is.
      const encoding = name === 'latin1-property' ? 'latin1' : undefined
      const expectedPath = join(MB, `${name}.json`)
      if (!existsSync(expectedPath)) {
        // ne_10m_time_zones: no .prj and world-wide degrees, so the CRS must be named.
        const refused = await importOrRefuse(shp, layer, { mapping })
        expect(refused.error?.message).toMatch(/no \.prj and no --crs.*--crs/)
        const { report } = await importOrRefuse(shp, layer, { mapping, crs: 'EPSG:4326' })
        expect(report?.counts.read).toBeGreaterThan(100)
        expect(report?.warnings.join()).toMatch(/skipped 96 bytes/)
        return
      }
      const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as {
        features: { properties: Record<string, unknown>; geometry: { type: string } | null }[]
      }
      let outcome = await importOrRefuse(shp, layer, { mapping, encoding })
      if (outcome.error && /no \.prj and no --crs/.test(outcome.error.message))
        outcome = await importOrRefuse(shp, layer, { mapping, encoding, crs: 'EPSG:4326' }) // lon/lat, as the fixture
      const multiPoints = expected.features.some((f) => f.geometry?.type === 'MultiPoint')
      if (multiPoints) {
        expect(outcome.error?.message).toMatch(/MULTIPOINT is not Point/)
        return
      }
      const report = outcome.report!
      expect(report.counts.read).toBe(expected.features.length)
      expect(report.counts.skipped).toBe(expected.features.filter((f) => f.geometry === null).length)
      const rows = await storedRows(t.db, layer, report.importId!)
      const kept = expected.features.filter((f) => f.geometry !== null)
      expect(rows).toHaveLength(kept.length)
      for (const [i, feature] of kept.entries()) {
        expectValues(sourceValues(rows[i], report), feature.properties, `${name} #${i + 1}`)
        const same = await t.db.query<{ same: boolean }>(
          `SELECT ST_Equals(geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)) AS same FROM ${layer} WHERE id = $2`,
          [JSON.stringify(feature.geometry), rows[i].id],
        )
        expect(same.rows[0].same, `${name} #${i + 1} geometry`).toBe(true)
      }
    })
  })

  describe('postgis-loader regress', () => {
    const inputs = readdirSync(LOADER)
      .filter((f) => f.endsWith('.dbf'))
      .map((f) => f.slice(0, -4))
    it.each(inputs)('%s', async (name) => {
      const shp = join(LOADER, `${name}.shp`)
      const opts = existsSync(join(LOADER, `${name}.opts`))
        ? readFileSync(join(LOADER, `${name}.opts`), 'utf8').replace(/#.*$/gm, '')
        : ''
      if (!existsSync(shp)) {
        // A bare table: shp2pgsql can load it (-n), but a map layer needs shapes.
        const { error } = await importOrRefuse(join(LOADER, `${name}.dbf`), 'signboards', {})
        expect(error?.message).toMatch(/no \.shp beside it/)
        return
      }
      const { layer, mapping } = layerFor(shp)
      const srid = /(?:-s\s+|--srid=)(\d+)/.exec(opts)?.[1]
      const encoding = /(?:-W\s+|--encoding=)(\S+)/.exec(opts)?.[1]
      // Without -s shp2pgsql keeps the numbers as they are; here that is naming lon/lat.
      const crs = srid && srid !== '0' ? `EPSG:${srid}` : 'EPSG:4490'
      const outcome = await importOrRefuse(shp, layer, { mapping, crs, encoding })
      const expected = readFileSync(join(LOADER, `${name}.select.expected`), 'utf8').split('\n')
      const wkt = expected.filter((l) => /^(SRID=\d+;)?[A-Z]+ ?[(]/.test(l) || /^[A-Z]+ EMPTY/.test(l))
      const hex = expected.filter((l) => /^01[0-9A-F]{8,}$/.test(l))
      const shapes = wkt.length > 0 ? wkt.map((w) => ({ ewkt: w })) : hex.map((h) => ({ hex: h }))
      if (outcome.error) {
        // The refusals the corpus provokes: several points for a point layer, metres said to be degrees.
        expect(outcome.error.message).toMatch(/MULTIPOINT is not Point|not degrees/)
        return
      }
      const report = outcome.report!
      const rows = await storedRows(t.db, layer, report.importId!)
      if (shapes.length === 0) {
        expect(rows.length).toBe(report.counts.read) // expected files that hold counts only
        return
      }
      expect(rows).toHaveLength(shapes.length)
      for (const [i, shape] of shapes.entries()) {
        const { rows: d } = await t.db.query<{ distance: number }>(
          `SELECT ST_HausdorffDistance(geom, ST_Force2D(${'ewkt' in shape ? 'ST_GeomFromEWKT($1)' : "ST_GeomFromEWKB(decode($1, 'hex'))"})) AS distance
             FROM ${layer} WHERE id = $2`,
          ['ewkt' in shape ? shape.ewkt.replace(/^SRID=\d+;/, '') : shape.hex, rows[i].id],
        )
        // The reprojected cases are printed to 8 decimals: 1e-7° is about a centimetre.
        expect(d[0].distance, `${name} #${i + 1}`).toBeLessThan(1e-7)
      }
    })
  })

  describe('shapefile-js (against GDAL)', () => {
    // Refusals, and the reason each must give.
    const REFUSED: Record<string, RegExp> = {
      'test/data/bad.shp': /bad\.(dbf|shp) is not (a readable dBASE table|a shapefile)/,
      'test/data/badzip.zip': /badzip\.zip is not a readable zip archive/,
      'test/data/htmlcpg.shp': /htmlcpg\.cpg does not name a code page \(it holds an HTML page\)/,
      'test/data/htmlprj.shp': /htmlprj\.prj is not a coordinate system: it holds an HTML page/,
      'test/data/noshp.zip': /counties\.dbf but no \.shp/,
      'test/data/export_multipointz.shp': /MULTIPOINT is not Point/,
    }
    // GDAL does not understand the .cpg "ANSI 1250" beside the loose file (it does in the zip).
    const OVERRIDES: Record<string, Record<string, Record<string, unknown>>> = {
      'test/data/codepage.shp': { '2': { field: 'Hněvošický háj' } },
    }
    it.each(SHAPEFILE_JS_INPUTS)('%s', async (input) => {
      const path = join(CORPUS, 'shapefile-js', input)
      const golden = GOLDEN[input]
      if (REFUSED[input] || 'gdalError' in golden) {
        const target =
          REFUSED[input] && !('gdalError' in golden)
            ? await zipLayer(path)
            : { layer: 'signboards' as LayerId, mapping: undefined }
        const { error } = await importOrRefuse(path, target.layer, { mapping: target.mapping })
        expect(error?.message).toMatch(REFUSED[input] ?? /./)
        return
      }
      const { layer, mapping } = await zipLayer(path)
      let outcome = await importOrRefuse(path, layer, { mapping })
      if (outcome.error && /no \.prj and no --crs/.test(outcome.error.message)) {
        expect(outcome.error.message).toMatch(/--crs/) // world data without .prj: the user must say
        outcome = await importOrRefuse(path, layer, { mapping, crs: 'EPSG:4326' })
      }
      expect(outcome.error).toBeUndefined()
      const report = outcome.report!
      expect(report.counts.read).toBe(golden.count)
      await checkAgainstGolden(report, layer, golden, OVERRIDES[input] ?? {})
    })
  })

  it('yunnan_gbk imports with 昆明市 and the other prefecture names intact', async () => {
    const report = await importFile(t.db, join(SHARED_DATA, 'yunnan_gbk', 'yunnan_gbk.shp'), 'basins')
    expect(report.encoding).toEqual({ used: 'gbk', reason: "yunnan_gbk.cpg says 'CP936'" })
    const rows = await storedRows(t.db, 'basins', report.importId!)
    const names = rows.map((r) => r.attributes.name)
    const echarts = JSON.parse(
      readFileSync(join(SHARED_DATA, 'echarts_yunnan_prefectures.geojson'), 'utf8'),
    ) as {
      features: { properties: { name: string } }[]
    }
    expect(names).toContain('昆明市')
    expect(new Set(names)).toEqual(new Set(echarts.features.map((f) => f.properties.name)))
    expect(report.counts).toMatchObject({ read: 16, inserted: 16, skipped: 0, rejected: 0 })
  })

  /** The layer for the dataset in a zip (or given loose). */
  async function zipLayer(path: string) {
    if (!/\.zip$/.test(path)) return layerFor(path)
    const { discoverSource } = await import('../../server/import/source-files.ts')
    const found = await discoverSource([path], { maxUnpackedBytes: 1 << 30, maxEntries: 100 })
    try {
      if (found.dataset.kind === 'geojson')
        return { layer: 'lakes' as LayerId, mapping: { defaults: { name: '未命名' } } }
      return layerFor(found.dataset.shp)
    } finally {
      await found.cleanup()
    }
  }

  async function checkAgainstGolden(
    report: ImportReport,
    layer: LayerId,
    golden: { records: Record<string, Record<string, unknown>>; bbox: number[] | null },
    overrides: Record<string, Record<string, unknown>>,
  ) {
    const rows = await storedRows(t.db, layer, report.importId!)
    const byRecord = new Map(insertedRecordNumbers(report).map((n, i) => [n, rows[i]]))
    for (const [recordNo, properties] of Object.entries(golden.records)) {
      const row = byRecord.get(Number(recordNo))
      if (!row) continue // a null shape: GDAL lists the feature, the layer has no row for it
      expectValues(
        sourceValues(row, report),
        { ...properties, ...overrides[recordNo] },
        `record #${recordNo}`,
      )
    }
    if (!golden.bbox) return
    const { rows: e } = await t.db.query<{ b: number[] }>(
      `SELECT ARRAY[ST_XMin(x), ST_YMin(x), ST_XMax(x), ST_YMax(x)] AS b
         FROM (SELECT ST_Extent(geom) AS x FROM ${layer} WHERE import_id = $1) s`,
      [report.importId],
    )
    const tolerance = report.counts.repaired > 0 ? 1e-3 : 1e-6
    for (const [i, v] of e[0].b.entries())
      expect(Math.abs(v - golden.bbox[i]), `bbox[${i}]`).toBeLessThan(tolerance)
  }
})
