// Geometry kinds that real files expose (issue 8, kinds 4 and 5), on both engines: collection
// members the layer cannot hold are dropped and listed, never silently; empty geometries are
// skipped like null ones, with their record numbers; the counts add up.
import { execFile } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportReport } from '../../server/import/import-report.ts'
import { writeShapefile } from '../support/shapefile-writer.ts'
import { embeddedTemplatePath } from '../support/templates.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { ROOT } from './corpus-inputs.ts'
import { attempt, importFile, storedRows } from './import-helpers.ts'

const CASES = join(ROOT, '..', 'shared', 'cases', 'import-realworld')
const PRJ_4490 = readFileSync(join(CASES, 'nul_text.prj'), 'utf8')
const scratch = mkdtempSync(join(tmpdir(), 'rcgis-realworld-geometry-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const SQUARE = [
  [102.6, 24.6],
  [102.62, 24.6],
  [102.62, 24.62],
  [102.6, 24.62],
  [102.6, 24.6],
]

function geojson(name: string, features: { properties: object; geometry: unknown }[]): string {
  const path = join(scratch, name)
  writeFileSync(
    path,
    JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) }),
  )
  return path
}

/** `npm run import -- …` as a user runs it, on the store `env` names. */
function importCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'import.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', RCGIS_TOKEN: '', ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

/** Every record is inserted, skipped or rejected, and no message contradicts itself. */
function expectConsistent(report: ImportReport) {
  const c = report.counts
  expect(c.read).toBe(c.inserted + c.skipped + c.rejected)
  expect(report.skipped).toHaveLength(c.skipped)
  expect(report.rejected).toHaveLength(c.rejected)
  expect(report.dropped).toHaveLength(report.droppedCount)
  for (const r of report.rejected) expect(r.reason).not.toMatch(/^(MULTI)?(POLYGON|LINESTRING|POINT) is not/i)
}

describe.each(ENGINES)('%s engine: geometry kinds of real files', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(() => t?.dispose())

  async function ellipsoidArea(importId: number): Promise<number> {
    const { rows } = await t.db.query<{ area: number }>(
      'SELECT ST_Area(geom::geography) AS area FROM groundwater_zones WHERE import_id = $1',
      [importId],
    )
    return Number(rows[0].area)
  }

  describe('kind 4: nothing is dropped silently', () => {
    it('gc_point_and_polygon: the polygon is loaded and the Point is listed with its record number', async () => {
      const report = await importFile(t.db, join(CASES, 'gc_point_and_polygon.geojson'), 'groundwater_zones')
      expect(report.counts).toMatchObject({ read: 1, inserted: 1, skipped: 0, rejected: 0 })
      expect(report.droppedCount).toBe(1)
      expect(report.dropped).toEqual([
        { recordNo: 1, part: expect.stringMatching(/^GeometryCollection member 1 \(Point\) dropped/) },
      ])
      expectConsistent(report)
      // README: 4,486,795.19 m² on the ellipsoid (worked out with pyproj, not by this program).
      expect(await ellipsoidArea(report.importId!)).toBeCloseTo(4_486_795.19, 1)
    })

    it('our own: polygons inside collections loaded into a point layer are listed; a collection of only polygons is rejected', async () => {
      const path = geojson('gc-points.geojson', [
        {
          properties: { code: 'GC-1', name: 'kept point' },
          geometry: {
            type: 'GeometryCollection',
            geometries: [
              { type: 'Polygon', coordinates: [SQUARE] },
              {
                type: 'GeometryCollection',
                geometries: [{ type: 'Point', coordinates: [102.7, 25.04] }],
              },
            ],
          },
        },
        {
          properties: { code: 'GC-2', name: 'nothing to keep' },
          geometry: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [SQUARE] }] },
        },
      ])
      const report = await importFile(t.db, path, 'outfalls', { onReject: 'skip' })
      expect(report.counts).toMatchObject({ read: 2, inserted: 1, skipped: 0, rejected: 1 })
      expect(report.dropped.map((d) => [d.recordNo, d.part])).toEqual([
        [1, expect.stringMatching(/member 1 \(Polygon\) dropped: layer kind Point holds only points/)],
        [2, expect.stringMatching(/member 1 \(Polygon\) dropped/)],
      ])
      expect(report.rejected).toEqual([
        {
          recordNo: 2,
          reason: expect.stringMatching(/no member of the GeometryCollection is one of the points/),
        },
      ])
      expectConsistent(report)
      const [row] = await storedRows(t.db, 'outfalls', report.importId!)
      expect(row.geojson).toMatchObject({ type: 'Point', coordinates: [102.7, 25.04] })
    })

    it('our own: a shapefile ring of two points is listed as a dropped part of its record', async () => {
      const shp = writeShapefile(join(scratch, 'ring'), 'ring', {
        shapeType: 'Polygon',
        prj: PRJ_4490,
        fields: [
          { name: 'NAME', type: 'C', length: 10 },
          { name: 'KIND', type: 'C', length: 12 },
        ],
        records: [
          { shape: null, values: ['nothing', 'restricted'] },
          {
            shape: {
              type: 'Polygon',
              rings: [
                [...SQUARE].reverse() as [number, number][], // clockwise: a shapefile shell
                [
                  [102.61, 24.61],
                  [102.611, 24.611],
                ],
              ],
            },
            values: ['square', 'restricted'],
          },
        ],
      })
      const report = await importFile(t.db, shp, 'groundwater_zones')
      expect(report.counts).toMatchObject({ read: 2, inserted: 1, skipped: 1 })
      expect(report.dropped).toEqual([{ recordNo: 2, part: 'ring 2 dropped: fewer than 3 points' }])
      expectConsistent(report)
      expect(await ellipsoidArea(report.importId!)).toBeCloseTo(4_486_795.19, 1)
    })
  })

  describe('kind 5: empty geometries', () => {
    it('empties: 1 inserted, 5 skipped with their record numbers, no self-contradiction', async () => {
      const report = await importFile(t.db, join(CASES, 'empties.geojson'), 'groundwater_zones')
      expect(report.counts).toMatchObject({ read: 6, inserted: 1, skipped: 5, rejected: 0 })
      expect(report.skipped).toEqual([
        { recordNo: 2, reason: 'empty geometry (a Polygon with no coordinates)' },
        { recordNo: 3, reason: 'empty geometry (a MultiPolygon with no coordinates)' },
        { recordNo: 4, reason: 'empty geometry (a GeometryCollection with no members)' },
        { recordNo: 5, reason: 'null shape' },
        { recordNo: 6, reason: 'empty geometry (a Polygon with no coordinates)' },
      ])
      expectConsistent(report)
      const rows = await storedRows(t.db, 'groundwater_zones', report.importId!)
      expect(rows.map((r) => r.attributes.name)).toEqual(['ok square'])
    })

    it('our own: empty points, multipoints, lines and nested collections in a point layer', async () => {
      const path = geojson('empty-points.geojson', [
        { properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [] } },
        { properties: { name: 'b' }, geometry: { type: 'MultiPoint', coordinates: [] } },
        { properties: { name: 'c' }, geometry: { type: 'Point', coordinates: [102.65, 24.9] } },
        {
          properties: { name: 'd' },
          geometry: {
            type: 'GeometryCollection',
            geometries: [{ type: 'GeometryCollection', geometries: [] }],
          },
        },
        { properties: { name: 'e' }, geometry: { type: 'LineString', coordinates: [] } },
      ])
      const outcome = await attempt(() => importFile(t.db, path, 'outfalls'))
      expect(outcome.error).toBeUndefined()
      const report = outcome.report!
      expect(report.counts).toMatchObject({ read: 5, inserted: 1, skipped: 4, rejected: 0 })
      expect(report.skipped.map((s) => s.recordNo)).toEqual([1, 2, 4, 5])
      expect(report.skipped.every((s) => s.reason.startsWith('empty geometry'))).toBe(true)
      expectConsistent(report)
    })
  })

  it('the CLI shows the counts, the skipped empties and the dropped member a user needs (--dry-run)', async () => {
    let env: Record<string, string>
    if (engine === 'embedded') {
      // A store of its own, copied from the empty template, that only the CLI opens.
      cpSync(embeddedTemplatePath('empty'), join(scratch, 'store', 'pgdata'), { recursive: true })
      env = { DATA_DIR: join(scratch, 'store') }
    } else env = { DATABASE_URL: t.url! }
    const json = await importCli(
      [join(CASES, 'empties.geojson'), '--layer', 'groundwater_zones', '--dry-run', '--json'],
      env,
    )
    expect(json.code, json.stderr).toBe(0)
    const report = JSON.parse(json.stdout) as ImportReport
    expect(report).toMatchObject({ dryRun: true, counts: { read: 6, inserted: 1, skipped: 5, rejected: 0 } })
    expect(report.skipped.map((s) => s.recordNo)).toEqual([2, 3, 4, 5, 6])
    const text = await importCli(
      [join(CASES, 'gc_point_and_polygon.geojson'), '--layer', 'groundwater_zones', '--dry-run'],
      env,
    )
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/records {3}1 read, 1 to insert, 0 repaired, 0 skipped, 0 rejected/)
    expect(text.stdout).toMatch(
      /1 part dropped from the records' geometry:\n {4}#1 GeometryCollection member 1 \(Point\) dropped/,
    )
  }, 240_000) // two CLI processes, each opening the embedded store (~25 s each on a busy machine)
})
