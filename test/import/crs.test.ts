// CRS resolution: what is named, what is guessed, what is refused, and the accuracy of the
// GCJ-02 / BD-09 inverses. Expected coordinates come from proj4 with the EPSG definitions
// written out here, and from the public GCJ-02 formula re-implemented below.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import proj4 from 'proj4'
import { describe, expect, it } from 'vitest'
import { epsgDefinition, gaussKrugerInfo, prefixVariant } from '../../server/crs/catalogue.ts'
import { bd09ToWgs84, gcj02ToWgs84 } from '../../server/crs/chinese-offsets.ts'
import { type Bounds, resolveImportCrs } from '../../server/import/crs.ts'
import { readPrj } from '../../server/import/prj.ts'
import { createReprojector } from '../../server/import/reproject.ts'
import { resolveRequestCrs } from '../../server/query/input-crs.ts'
import { CORPUS } from './corpus-inputs.ts'
import { gcj02Forward, metresBetween } from './geodesy.ts'

const ZONE34_PREFIXED =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_34",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",34500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",102.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
const CM102 = ZONE34_PREFIXED.replace('Zone_34', 'CM_102E').replace('34500000.0', '500000.0')
const prj = (text: string, fileName = 'x.prj') => ({ crs: readPrj(Buffer.from(text), fileName), fileName })

/** Kunming-area eastings/northings with and without the zone-34 prefix. */
const PLAIN: Bounds = [560_000, 2_700_000, 640_000, 2_800_000]
const PREFIXED: Bounds = [34_560_000, 2_700_000, 34_640_000, 2_800_000]

describe('the registry of Chinese systems', () => {
  it('names every CGCS2000, Xian 80 and Beijing 54 Gauss–Krüger code as epsg-index does', () => {
    for (const [first, prefixed, width] of [
      [4513, true, 3],
      [4534, false, 3],
      [2349, true, 3],
      [2370, false, 3],
      [2401, true, 3],
      [2422, false, 3],
      [4491, true, 6],
      [4502, false, 6],
      [2327, true, 6],
      [2338, false, 6],
      [21413, true, 6],
      [21453, false, 6],
    ] as const) {
      const count = width === 3 ? 21 : 11
      for (let code = first; code < first + count; code++) {
        const info = gaussKrugerInfo(code)!
        const name = epsgDefinition(code)!.name
        expect(name).toContain(prefixed ? `zone ${info.zone}` : `CM ${info.centralMeridian}E`)
        expect(epsgDefinition(code)!.proj4).toContain(`+lon_0=${info.centralMeridian} `)
      }
    }
    expect(prefixVariant(4543, true)).toBe(4522)
    expect(prefixVariant(4523, false)).toBe(4544)
  })
})

describe('.prj files', () => {
  it('names an ESRI WKT by the EPSG code its parameters match, BOM or not', () => {
    expect(readPrj(Buffer.from(`\uFEFF${ZONE34_PREFIXED}`), 'a.prj')?.epsg?.code).toBe(4522)
    expect(readPrj(Buffer.from(CM102), 'a.prj')?.epsg?.code).toBe(4543)
    const x80 = CM102.replaceAll('China_Geodetic_Coordinate_System_2000', 'Xian_1980').replace(
      'SPHEROID["CGCS2000",6378137.0,298.257222101]',
      'SPHEROID["Xian_1980",6378140.0,298.257]',
    )
    expect(readPrj(Buffer.from(x80), 'a.prj')?.epsg?.code).toBe(2379)
  })

  it('uses an EPSG authority code when the WKT carries one', () => {
    const wkt = readFileSync(join(CORPUS, 'shapefile-js/test/data/LGA_2013_AUST.prj'))
    expect(readPrj(wkt, 'LGA.prj')).toMatchObject({ epsg: { code: 4283 }, how: 'authority' })
  })

  it('refuses an HTML page and garbage, naming --crs', () => {
    const html = readFileSync(join(CORPUS, 'shapefile-js/test/data/htmlprj.prj'))
    expect(() => readPrj(html, 'htmlprj.prj')).toThrow(
      /htmlprj\.prj is not a coordinate system: it holds an HTML page.*--crs/,
    )
    expect(() => readPrj(Buffer.from('hello world'), 'g.prj')).toThrow(/does not start like WKT.*--crs/)
    expect(() => readPrj(Buffer.from('PROJCS["x",nonsense'), 'g.prj')).toThrow(/--crs/)
  })
})

describe('resolveImportCrs', () => {
  it('takes --crs over the .prj, and says which .prj it overrides', () => {
    const crs = resolveImportCrs({
      explicit: 'gcj02',
      prj: prj(CM102),
      format: 'shapefile',
      bounds: [102, 24, 103, 25],
    })
    expect(crs.used).toBe('GCJ-02')
    expect(crs.reason).toMatch(/--crs gcj02 \(overriding x\.prj, which says EPSG:4543\)/)
  })

  it('guesses CGCS2000 only for degrees inside China, and says it guessed', () => {
    const crs = resolveImportCrs({ format: 'shapefile', bounds: [102.1, 24.3, 103.7, 26.5] })
    expect(crs.used).toBe('EPSG:4490')
    expect(crs.reason).toMatch(/^guessed/)
    expect(crs.warnings.join()).toMatch(/guessed/)
  })

  it('refuses to guess anything else, naming the option and the likely zone', () => {
    expect(() => resolveImportCrs({ format: 'shapefile', bounds: [0, -1, 9, 1] })).toThrow(
      /no \.prj and no --crs.*--crs/,
    )
    expect(() => resolveImportCrs({ format: 'shapefile', bounds: PREFIXED })).toThrow(
      /zone prefix 34.*EPSG:4522.*EPSG:2358.*EPSG:2410/,
    )
    expect(() => resolveImportCrs({ format: 'shapefile', bounds: PLAIN })).toThrow(/--crs/)
  })

  it('refuses prefixed eastings under a prefix-less .prj or --crs, and the reverse, naming both and the fix', () => {
    expect(() => resolveImportCrs({ prj: prj(CM102), format: 'shapefile', bounds: PREFIXED })).toThrow(
      /x\.prj matches EPSG:4543 .*without a zone prefix.*carry the prefix of zone 34 \(the records' extent: x 34560000…34640000.*--crs EPSG:4522/,
    )
    expect(() => resolveImportCrs({ prj: prj(ZONE34_PREFIXED), format: 'shapefile', bounds: PLAIN })).toThrow(
      /x\.prj matches EPSG:4522 .*carry no zone prefix \(the records' extent: x 560000…640000.*--crs EPSG:4543/,
    )
    expect(() => resolveImportCrs({ explicit: 'EPSG:4543', format: 'shapefile', bounds: PREFIXED })).toThrow(
      /--crs EPSG:4543 .*prefix of zone 34.*--crs EPSG:4522/,
    )
    expect(resolveImportCrs({ prj: prj(ZONE34_PREFIXED), format: 'shapefile', bounds: PREFIXED }).used).toBe(
      'EPSG:4522',
    )
  })

  it('refuses eastings whose prefix names another zone', () => {
    const zone35: Bounds = [35_300_000, 2_700_000, 35_400_000, 2_800_000]
    expect(() => resolveImportCrs({ prj: prj(CM102), format: 'shapefile', bounds: zone35 })).toThrow(
      /zone 35/,
    )
    expect(() => resolveImportCrs({ explicit: 'EPSG:4522', format: 'shapefile', bounds: zone35 })).toThrow(
      /zone 35/,
    )
  })

  it('refuses metres under a geographic system', () => {
    expect(() => resolveImportCrs({ explicit: 'EPSG:4490', format: 'shapefile', bounds: PLAIN })).toThrow(
      /not degrees/,
    )
  })

  it('warns that Xian 80 and Beijing 54 are tens of metres off without local parameters', () => {
    expect(
      resolveImportCrs({ explicit: 'EPSG:2379', format: 'shapefile', bounds: PLAIN }).warnings[0],
    ).toMatch(/tens of metres/)
    expect(
      resolveImportCrs({ explicit: 'EPSG:4214', format: 'shapefile', bounds: [102, 24, 103, 25] })
        .warnings[0],
    ).toMatch(/tens of metres/)
  })

  it('uses the datum shift a .prj states, and says whose it is, never that none exists', () => {
    const x80 = CM102.replaceAll('China_Geodetic_Coordinate_System_2000', 'Xian_1980').replace(
      'SPHEROID["CGCS2000",6378137.0,298.257222101]',
      'SPHEROID["Xian_1980",6378140.0,298.257]',
    )
    const withShift = x80.replace('298.257]', '298.257],TOWGS84[24,-123,-94,0.02,-0.25,-0.13,1.1]')
    expect(readPrj(Buffer.from(x80), 'a.prj')).toMatchObject({ epsg: { code: 2379 }, towgs84: null })
    expect(readPrj(Buffer.from(withShift), 'a.prj')).toMatchObject({
      epsg: { code: 2379 },
      towgs84: [24, -123, -94, 0.02, -0.25, -0.13, 1.1],
    })
    const without = resolveImportCrs({ prj: prj(x80, 'a.prj'), format: 'shapefile', bounds: PLAIN })
    expect(without.datumShift).toBeUndefined()
    expect(without.warnings[0]).toMatch(/none was given.*tens of metres/)
    const stated = resolveImportCrs({ prj: prj(withShift, 'a.prj'), format: 'shapefile', bounds: PLAIN })
    expect(stated.used).toBe('EPSG:2379')
    expect(stated.datumShift).toEqual({ towgs84: [24, -123, -94, 0.02, -0.25, -0.13, 1.1], source: 'a.prj' })
    expect(stated.transform).toMatchObject({
      definition: expect.stringMatching(/\+towgs84=24,-123,-94,0\.02,-0\.25,-0\.13,1\.1$/),
    })
    expect(stated.warnings).toHaveLength(1)
    expect(stated.warnings[0]).toMatch(
      /7-parameter set that a\.prj states, TOWGS84\[24,-123,-94,0\.02,-0\.25,-0\.13,1\.1\]/,
    )
    expect(stated.warnings[0]).not.toMatch(/none was given|tens of metres/)
  })

  it('gives the query API and the import one datum warning for the same system', () => {
    for (const code of ['EPSG:2379', 'EPSG:2431', 'EPSG:4610', 'EPSG:4214'])
      expect(resolveImportCrs({ explicit: code, format: 'shapefile' }).warnings).toEqual([
        resolveRequestCrs(code).warning,
      ])
    expect(resolveImportCrs({ explicit: 'EPSG:4543', format: 'shapefile' }).warnings).toEqual([])
  })

  it('reads GeoJSON as WGS 84 unless its crs member or --crs says otherwise', () => {
    expect(resolveImportCrs({ format: 'geojson' }).used).toBe('EPSG:4326')
    expect(resolveImportCrs({ format: 'geojson', geojsonCrs: 'urn:ogc:def:crs:EPSG::4490' }).used).toBe(
      'EPSG:4490',
    )
    expect(resolveImportCrs({ format: 'geojson', geojsonCrs: 'urn:ogc:def:crs:OGC:1.3:CRS84' }).used).toBe(
      'EPSG:4326',
    )
    expect(() => resolveImportCrs({ format: 'geojson', explicit: 'EPSG:999999' })).toThrow(
      /not a coordinate system this server knows/,
    )
  })
})

describe('reprojection to CGCS2000 lon/lat', () => {
  const control: [number, number][] = [
    [102.7123, 25.0406],
    [102.6339, 24.8803],
    [103.1911, 26.082],
    [103.6502, 24.9185],
  ]

  it.each([
    ['EPSG:4543', '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
    ['EPSG:4522', '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=34500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
    ['EPSG:4544', '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
    ['EPSG:4507', '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
    ['EPSG:4496', '+proj=tmerc +lat_0=0 +lon_0=105 +k=1 +x_0=18500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'],
    ['EPSG:3857', '+proj=merc +a=6378137 +b=6378137 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +no_defs'],
  ])('%s lands within a millimetre of the control points', (code, definition) => {
    const reproject = createReprojector(resolveImportCrs({ explicit: code, format: 'shapefile' }))
    for (const [lon, lat] of control) {
      const xy = Float64Array.from(proj4('WGS84', definition, [lon, lat]))
      expect(reproject({ type: 'Point', parts: [xy] })).toBeNull()
      expect(metresBetween([xy[0], xy[1]], [lon, lat])).toBeLessThan(0.001)
    }
  })

  it('inverts GCJ-02 and BD-09 to better than 0.5 m (the one-step inverse does not)', () => {
    for (let i = 0; i < 200; i++) {
      const lon = 102.1 + (i % 20) * 0.08
      const lat = 24.3 + Math.floor(i / 20) * 0.22
      const gcj = gcj02Forward(lon, lat)
      expect(metresBetween(gcj02ToWgs84(gcj[0], gcj[1]), [lon, lat])).toBeLessThan(0.05)
      const bd = bd09Forward(gcj)
      expect(metresBetween(bd09ToWgs84(bd[0], bd[1]), [lon, lat])).toBeLessThan(0.05)
    }
    // Why iterate: subtracting the offset once (x ≈ 2g − F(g)) leaves a larger error.
    const gcj = gcj02Forward(102.7, 25.04)
    const back = gcj02Forward(gcj[0], gcj[1])
    const oneStep: [number, number] = [2 * gcj[0] - back[0], 2 * gcj[1] - back[1]]
    const iterated = gcj02ToWgs84(gcj[0], gcj[1])
    expect(metresBetween(oneStep, [102.7, 25.04])).toBeGreaterThan(
      10 * metresBetween(iterated, [102.7, 25.04]),
    )
  })
})

/** BD-09 from GCJ-02: Baidu's public formula. */
function bd09Forward([lon, lat]: [number, number]): [number, number] {
  const k = (Math.PI * 3000) / 180
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * k)
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * k)
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006]
}
