// The CRS faults of real files (issue 8, kinds 2 and 3), on both engines:
// - kind 2, a .prj that states its own datum shift (TOWGS84): the shift is used, reported, and
//   agrees with GDAL's reading of the same .prj (ogr2ogr, run here);
// - kind 3, a .shp header bounding box that is zeroed or stale: the CRS is guessed and checked
//   from the records, and a .prj that contradicts the coordinates is refused naming both.
// The file coordinates are computed independently with proj4 and definitions written out below;
// the handed cases' right values are those of ../shared/cases/import-realworld/README.md.
import { execFile, execFileSync } from 'node:child_process'
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import proj4 from 'proj4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeShapefile } from '../support/shapefile-writer.ts'
import { embeddedTemplatePath } from '../support/templates.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { ROOT } from './corpus-inputs.ts'
import { metresBetween } from './geodesy.ts'
import { attempt, importFile, snapshot, storedRows } from './import-helpers.ts'

const CASES = join(ROOT, '..', 'shared', 'cases', 'import-realworld')

/** WGS 84 lon/lat around Kunming, east of 102.5°E (zones 34 and 35 both reach them). */
const CONTROL: [number, number][] = [
  [102.7123, 25.0406],
  [102.65, 24.9],
  [103.0211, 24.9024],
  [103.6502, 24.9185],
]

/** A made-up local 7-parameter Xian 1980 → WGS 84 set (position vector; m, ″, ppm). */
const X80_TOWGS84 = [24.0, -123.0, -94.0, 0.02, -0.25, -0.13, 1.1]
/** A made-up local 3-parameter Beijing 1954 → WGS 84 set, unlike EPSG's 15.8,-154.4,-82.3. */
const BJ54_TOWGS84 = [31.4, -144.3, -74.8]

/** An ESRI Gauss–Krüger .prj (as ArcGIS writes it), with TOWGS84 in its DATUM when given. */
const esriGk = (
  name: string,
  datum: string,
  spheroid: string,
  falseEasting: number,
  cm: number,
  towgs84?: number[],
) =>
  `PROJCS["${name}",GEOGCS["GCS_${datum}",DATUM["D_${datum}",SPHEROID[${spheroid}]${towgs84 ? `,TOWGS84[${towgs84.join(',')}]` : ''}],` +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],' +
  `PARAMETER["False_Easting",${falseEasting}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],` +
  'PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
const cgcs2000Gk = (name: string, falseEasting: number, cm: number) =>
  esriGk(name, 'China_2000', '"CGCS2000",6378137.0,298.257222101', falseEasting, cm)

/** Xian 1980 3° GK CM 102°E (EPSG:2379's projection) with a 7-value TOWGS84. */
const X80_PRJ = esriGk(
  'Xian_1980_3_Degree_GK_CM_102E',
  'Xian_1980',
  '"Xian_1980",6378140.0,298.257',
  500000,
  102,
  X80_TOWGS84,
)
const X80_DEF = `+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +a=6378140 +rf=298.257 +towgs84=${X80_TOWGS84.join(',')} +units=m +no_defs`
/** Beijing 1954 3° GK zone 35 with the prefix (EPSG:2411's projection) and a 3-value TOWGS84. */
const BJ54_PRJ = esriGk(
  'Beijing_1954_3_Degree_GK_Zone_35',
  'Beijing_1954',
  '"Krasovsky_1940",6378245.0,298.3',
  35500000,
  105,
  BJ54_TOWGS84,
)
const BJ54_DEF = `+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +a=6378245 +rf=298.3 +towgs84=${BJ54_TOWGS84.join(',')} +units=m +no_defs`

/** CGCS2000 3° GK zone 35 with the prefix (EPSG:4523). */
const ZONE35_DEF = '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=35500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'

/** Overwrites the .shp and .shx header bounding box (bytes 36–67), as careless writers leave it. */
function setHeaderBbox(shp: string, bbox: [number, number, number, number]) {
  for (const file of [shp, shp.replace(/\.shp$/, '.shx')]) {
    const bytes = Buffer.alloc(32)
    for (const [i, v] of bbox.entries()) bytes.writeDoubleLE(v, i * 8)
    const fd = openSync(file, 'r+')
    writeSync(fd, bytes, 0, 32, 36)
    closeSync(fd)
  }
}

function writePoints(dir: string, name: string, toFile: (p: [number, number]) => number[], prj?: string) {
  return writeShapefile(dir, name, {
    shapeType: 'Point',
    prj,
    fields: [
      { name: 'CODE', type: 'C', length: 10 },
      { name: 'NAME', type: 'C', length: 20 },
    ],
    records: CONTROL.map((p, i) => ({
      shape: { type: 'Point', coordinates: toFile(p).slice(0, 2) as [number, number] },
      values: [`P${i + 1}`, `Outfall ${i + 1}`],
    })),
  })
}

/** GDAL's reading of a shapefile (its .prj as the source SRS) in WGS 84 lon/lat. */
function gdalLonLat(shp: string): [number, number][] {
  const out = execFileSync(
    'ogr2ogr',
    ['-f', 'GeoJSON', '/vsistdout/', shp, '-t_srs', 'EPSG:4326', '-lco', 'COORDINATE_PRECISION=12'],
    { encoding: 'utf8' },
  )
  return (JSON.parse(out) as { features: { geometry: { coordinates: [number, number] } }[] }).features.map(
    (f) => f.geometry.coordinates,
  )
}

describe.each(ENGINES)('%s engine: real-world CRS faults', (engine) => {
  let t: TestDatabase
  const dir = mkdtempSync(join(tmpdir(), 'rcgis-realworld-crs-'))
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(async () => {
    await t?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  const stored = async (shp: string, crs?: string) => {
    const report = await importFile(t.db, shp, 'outfalls', { crs })
    const rows = await storedRows(t.db, 'outfalls', report.importId!)
    return { report, points: rows.map((r) => r.geojson.coordinates as [number, number]) }
  }

  describe('kind 2: a .prj that states its own datum shift', () => {
    it.each([
      ['Xian 1980, 7 parameters (EPSG:2379-like)', 'x80_towgs84', X80_PRJ, X80_DEF, 'EPSG:2379', X80_TOWGS84],
      [
        'Beijing 1954, 3 parameters (EPSG:2411-like)',
        'bj54_towgs84',
        BJ54_PRJ,
        BJ54_DEF,
        'EPSG:2411',
        BJ54_TOWGS84,
      ],
    ])(
      '%s: uses the shift, reports it, and agrees with GDAL within 0.05 m',
      async (_, name, prj, def, code, towgs84) => {
        const shp = writePoints(dir, name, (p) => proj4('WGS84', def, p), prj)
        const { report, points } = await stored(shp)
        expect(report.crs.used).toBe(code)
        expect(report.crs.datumShift).toEqual({ towgs84, source: `${name}.prj` })
        expect(report.crs.reason).toContain(`TOWGS84[${towgs84.join(',')}]`)
        const warning = report.warnings.find((w) => w.includes('TOWGS84'))
        expect(warning).toContain(`${name}.prj states, TOWGS84[${towgs84.join(',')}]`)
        expect(report.warnings.join('\n')).not.toMatch(/none was given|not public|no published/)
        const gdal = gdalLonLat(shp)
        expect(gdal).toHaveLength(CONTROL.length)
        for (const [i, p] of CONTROL.entries()) {
          expect(metresBetween(points[i], gdal[i]), `record ${i + 1} against GDAL`).toBeLessThan(0.05)
          expect(metresBetween(points[i], p), `record ${i + 1} against its control point`).toBeLessThan(0.05)
        }
      },
    )
  })

  describe('kind 3: the header bounding box is advisory', () => {
    it('b_gk34_prefixed_zero_bbox: the two points land within 0.5 m of the README values', async () => {
      const { report, points } = await stored(join(CASES, 'b_gk34_prefixed_zero_bbox.shp'))
      expect(report.crs.used).toBe('EPSG:4522')
      expect(metresBetween(points[0], [102.7123, 25.0406])).toBeLessThan(0.5)
      expect(metresBetween(points[1], [102.65, 24.9])).toBeLessThan(0.5)
    })

    it("a_lonlat_noprj_zero_bbox: the guess quotes the records' extent, not 0…0", async () => {
      const { report, points } = await stored(join(CASES, 'a_lonlat_noprj_zero_bbox.shp'))
      expect(report.crs.used).toBe('EPSG:4490')
      expect(report.crs.reason).toMatch(/^guessed/)
      const guess = report.warnings.find((w) => w.startsWith('guessed'))
      expect(guess).toContain('x 102.65…102.7123, y 24.9…25.0406')
      expect(guess).not.toMatch(/x 0…0|y 0…0/)
      expect(metresBetween(points[0], [102.7123, 25.0406])).toBeLessThan(0.5)
      expect(metresBetween(points[1], [102.65, 24.9])).toBeLessThan(0.5)
    })

    it('c_gk34_prefixed_prj4543_min00: refused, naming the .prj and the eastings, nothing changed', async () => {
      const before = await snapshot(t.db, 'outfalls')
      const { error } = await attempt(() =>
        importFile(t.db, join(CASES, 'c_gk34_prefixed_prj4543_min00.shp'), 'outfalls'),
      )
      expect(error?.status).toBe(400)
      expect(error?.message).toMatch(/c_gk34_prefixed_prj4543_min00\.prj matches EPSG:4543/)
      expect(error?.message).toMatch(
        /eastings carry the prefix of zone 34 \(the records' extent: x 34565671…34571884/,
      )
      expect(error?.message).toMatch(/--crs EPSG:4522/)
      const after = await snapshot(t.db, 'outfalls')
      expect(after.rows).toBe(before.rows)
      expect(after.digest).toBe(before.digest)
    })

    /** Zone-35 prefixed eastings (EPSG:4523) of the control points, the header bbox overwritten. */
    const zone35 = (name: string, prj: string | undefined, header: [number, number, number, number]) => {
      const shp = writePoints(dir, name, (p) => proj4('WGS84', ZONE35_DEF, p), prj)
      setHeaderBbox(shp, header)
      return shp
    }
    const ZONE35_PRJ = cgcs2000Gk('CGCS2000_3_Degree_GK_Zone_35', 35500000, 105)

    it.each([
      ['a zeroed header', 'gk35_zero', [0, 0, 0, 0]],
      ['a stale lon/lat header (not read as the prefix-less zone)', 'gk35_stale', [102.6, 24.8, 103.7, 25.1]],
    ] as const)('zone 35 (EPSG:4523) with %s lands within 0.5 m', async (_, name, header) => {
      const { report, points } = await stored(zone35(name, ZONE35_PRJ, [...header]))
      expect(report.crs.used).toBe('EPSG:4523')
      for (const [i, p] of CONTROL.entries()) expect(metresBetween(points[i], p)).toBeLessThan(0.5)
    })

    it('zone-35 prefixed eastings behind an EPSG:4544 .prj are refused, naming both', async () => {
      const shp = zone35(
        'gk35_prj4544',
        cgcs2000Gk('CGCS2000_3_Degree_GK_CM_105E', 500000, 105),
        [0, 0, 0, 0],
      )
      const { error } = await attempt(() => importFile(t.db, shp, 'outfalls'))
      expect(error?.message).toMatch(
        /gk35_prj4544\.prj matches EPSG:4544 .*without a zone prefix.*prefix of zone 35 \(the records' extent: x 35\d{6}….*--crs EPSG:4523/,
      )
    })

    it('zone-35 prefixed eastings with no .prj and a zeroed header: refused, naming the zone and its codes', async () => {
      const shp = zone35('gk35_noprj', undefined, [0, 0, 0, 0])
      const { error } = await attempt(() => importFile(t.db, shp, 'outfalls'))
      expect(error?.message).toMatch(/the records' extent: x 35\d{6}…35\d{6}, y 27\d{5}…27\d{5}/)
      expect(error?.message).toMatch(/zone prefix 35.*EPSG:4523/)
      expect(error?.message).not.toMatch(/x 0…0/)
    })
  })
})

describe('npm run import -- … --dry-run --json', () => {
  it('shows the datum shift used, its warning, and the counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcgis-realworld-cli-'))
    try {
      const shp = writePoints(dir, 'x80_cli', (p) => proj4('WGS84', X80_DEF, p), X80_PRJ)
      setHeaderBbox(shp, [0, 0, 0, 0])
      // A store of its own, copied from the empty template, that only this command opens.
      cpSync(embeddedTemplatePath('empty'), join(dir, 'store', 'pgdata'), { recursive: true })
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          'npm',
          ['run', '--silent', 'import', '--', shp, '--layer', 'outfalls', '--dry-run', '--json'],
          {
            cwd: ROOT,
            env: { ...process.env, DATABASE_URL: '', DATA_DIR: join(dir, 'store'), RCGIS_TOKEN: '' },
            timeout: 240_000,
          },
          (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
        ),
      )
      const report = JSON.parse(stdout)
      expect(report.dryRun).toBe(true)
      expect(report.counts).toEqual({ read: 4, inserted: 4, repaired: 0, skipped: 0, rejected: 0 })
      expect(report.crs).toMatchObject({
        used: 'EPSG:2379',
        datumShift: { towgs84: X80_TOWGS84, source: 'x80_cli.prj' },
      })
      expect(report.warnings.join('\n')).toMatch(
        /7-parameter set that x80_cli\.prj states, TOWGS84\[24,-123,-94/,
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
