// Shapefiles written here in the systems Kunming's data arrives in land within 0.5 m of WGS 84
// control points. The file coordinates are computed independently: proj4 with the EPSG
// definitions written out below, and the public GCJ-02 / BD-09 formulas (geodesy.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import proj4 from 'proj4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayerId } from '../../server/layers/registry.ts'
import { writeShapefile } from '../support/shapefile-writer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { gcj02Forward, metresBetween } from './geodesy.ts'
import { importFile, storedRows } from './import-helpers.ts'

/** Places around Kunming, WGS 84 lon/lat: west and east of 103.5°E, so in zones 34 and 35. */
const CONTROL: { name: string; at: [number, number] }[] = [
  { name: '滇池海埂', at: [102.6644, 24.9669] },
  { name: '昆明站', at: [102.7225, 25.0165] },
  { name: '松华坝', at: [102.8002, 25.1573] },
  { name: '阳宗海', at: [103.0211, 24.9024] },
  { name: '东川', at: [103.1878, 26.0831] },
  { name: '石林', at: [103.2906, 24.7712] },
  { name: '寻甸', at: [103.2566, 25.5585] },
]

const GK = (lon0: number, x0: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 +ellps=GRS80 +units=m +no_defs`
const ESRI_CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
const esriGk = (name: string, falseEasting: number, cm: number) =>
  `PROJCS["${name}",${ESRI_CGCS2000},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${falseEasting}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'

function bd09Forward([lon, lat]: [number, number]): [number, number] {
  const k = (Math.PI * 3000) / 180
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * k)
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * k)
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006]
}

interface Case {
  title: string
  expectedCrs: string
  prj?: string
  crs?: string
  toFile: (p: [number, number]) => [number, number]
}

const CASES: Case[] = [
  {
    title: 'EPSG:4522 (3° zone 34, eastings with the 34 prefix) with its .prj',
    expectedCrs: 'EPSG:4522',
    prj: esriGk('CGCS2000_3_Degree_GK_Zone_34', 34500000, 102),
    toFile: (p) => proj4('WGS84', GK(102, 34_500_000), p) as [number, number],
  },
  {
    // An EPSG:4543 .prj behind prefixed eastings is refused (realworld-crs.test.ts); this is
    // the --crs the refusal names.
    title: 'prefixed zone-34 eastings under an EPSG:4543 .prj, with --crs EPSG:4522',
    expectedCrs: 'EPSG:4522',
    prj: esriGk('CGCS2000_3_Degree_GK_CM_102E', 500000, 102),
    crs: 'EPSG:4522',
    toFile: (p) => proj4('WGS84', GK(102, 34_500_000), p) as [number, number],
  },
  {
    title: 'EPSG:4544 (3° CM 105°E) with its .prj',
    expectedCrs: 'EPSG:4544',
    prj: esriGk('CGCS2000_3_Degree_GK_CM_105E', 500000, 105),
    toFile: (p) => proj4('WGS84', GK(105, 500_000), p) as [number, number],
  },
  {
    title: 'EPSG:4543 named by --crs, without a .prj',
    expectedCrs: 'EPSG:4543',
    crs: 'EPSG:4543',
    toFile: (p) => proj4('WGS84', GK(102, 500_000), p) as [number, number],
  },
  {
    title: 'GCJ-02 (traced on AMap, saved with a WGS 84 .prj) with --crs gcj02',
    expectedCrs: 'GCJ-02',
    prj: WGS84_PRJ,
    crs: 'gcj02',
    toFile: (p) => gcj02Forward(p[0], p[1]),
  },
  {
    title: 'BD-09 with --crs bd09',
    expectedCrs: 'BD-09',
    crs: 'bd09',
    toFile: (p) => bd09Forward(gcj02Forward(p[0], p[1])),
  },
]

describe.each(ENGINES)('%s engine: control points', (engine) => {
  let t: TestDatabase
  const dir = mkdtempSync(join(tmpdir(), 'rcgis-control-'))
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(async () => {
    await t?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each(CASES)('$title lands within 0.5 m', async (c) => {
    const name = c.title.replace(/\W+/g, '_').slice(0, 40)
    const shp = writeShapefile(dir, name, {
      shapeType: 'Point',
      encoding: 'gbk',
      cpg: '936',
      prj: c.prj,
      fields: [{ name: '河长', type: 'C', length: 20 }],
      records: CONTROL.map((p) => ({
        shape: { type: 'Point', coordinates: c.toFile(p.at) },
        values: [p.name],
      })),
    })
    const layer: LayerId = 'signboards'
    const report = await importFile(t.db, shp, layer, { crs: c.crs })
    expect(report.crs.used).toBe(c.expectedCrs)
    expect(report.mapping).toEqual({ 河长: 'chief_name' })
    const rows = await storedRows(t.db, layer, report.importId!)
    expect(rows.map((r) => r.attributes.chief_name)).toEqual(CONTROL.map((p) => p.name))
    for (const [i, p] of CONTROL.entries()) {
      const stored = rows[i].geojson.coordinates as [number, number]
      expect(metresBetween(stored, p.at), `${p.name} in ${c.expectedCrs}`).toBeLessThan(0.5)
    }
  })

  it('agrees with PostGIS (PROJ) on the Gauss–Krüger points it stored', async () => {
    const shp = writeShapefile(dir, 'proj_check', {
      shapeType: 'Point',
      prj: esriGk('CGCS2000_3_Degree_GK_CM_102E', 500000, 102),
      fields: [],
      records: CONTROL.map((p) => ({
        shape: { type: 'Point', coordinates: proj4('WGS84', GK(102, 500_000), p.at) as [number, number] },
        values: [],
      })),
    })
    const report = await importFile(t.db, shp, 'signboards')
    const rows = await storedRows(t.db, 'signboards', report.importId!)
    for (const [i, p] of CONTROL.entries()) {
      const xy = proj4('WGS84', GK(102, 500_000), p.at)
      const { rows: proj } = await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (SELECT ST_Transform(ST_SetSRID(ST_Point($1, $2), 4543), 4490) AS g) s`,
        xy,
      )
      expect(
        metresBetween(rows[i].geojson.coordinates as [number, number], [proj[0].lon, proj[0].lat]),
      ).toBeLessThan(0.01)
    }
  })
})
