// Input CRS handling: names, Gauss–Krüger against an independent meridian-arc computation,
// GCJ-02/BD-09 round trips, and 400s that say what is wrong.
import gcoordModule from 'gcoord'
import { describe, expect, it } from 'vitest'
import { BadRequest } from '../../server/errors.ts'
import { pointToStorage, resolveRequestCrs } from '../../server/query/input-crs.ts'
import { geometryToStorage } from '../../server/query/input-geometry.ts'

const gcoord = gcoordModule as unknown as typeof gcoordModule.default

/** Latitude whose meridian arc on GRS80 is `northing` metres: Simpson integration + bisection. */
function latitudeOfMeridianArc(northing: number): number {
  const a = 6_378_137
  const f = 1 / 298.257222101
  const e2 = f * (2 - f)
  const arc = (phi: number) => {
    const n = 2000
    let sum = 0
    for (let i = 0; i <= n; i++) {
      const t = (phi * i) / n
      const m = (a * (1 - e2)) / (1 - e2 * Math.sin(t) ** 2) ** 1.5
      sum += m * (i === 0 || i === n ? 1 : i % 2 ? 4 : 2)
    }
    return (sum * phi) / n / 3
  }
  let [lo, hi] = [0, Math.PI / 4]
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (arc(mid) < northing) lo = mid
    else hi = mid
  }
  return (((lo + hi) / 2) * 180) / Math.PI
}

/** Metres between two nearby lon/lat points (equirectangular is plenty at this scale). */
const metres = ([x1, y1]: number[], [x2, y2]: number[]) =>
  Math.hypot((x2 - x1) * 111_320 * Math.cos((y1 * Math.PI) / 180), (y2 - y1) * 110_574)

function badRequest(fn: () => unknown): BadRequest {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequest)
    return error as BadRequest
  }
  throw new Error('expected a BadRequest')
}

describe('resolveRequestCrs', () => {
  it.each([
    ['EPSG:4490', 'EPSG:4490'],
    ['4490', 'EPSG:4490'],
    ['epsg:4543', 'EPSG:4543'],
    ['urn:ogc:def:crs:EPSG::4543', 'EPSG:4543'],
    ['http://www.opengis.net/def/crs/EPSG/0/4544', 'EPSG:4544'],
    ['CRS84', 'EPSG:4326'],
    ['gcj02', 'GCJ-02'],
    ['GCJ-02', 'GCJ-02'],
    ['bd-09', 'BD-09'],
  ])('reads %s as %s', (name, id) => {
    expect(resolveRequestCrs(name).id).toBe(id)
  })

  it.each(['EPSG:99999', 'foo', 'EPSG:5703' /* a vertical CRS */, ''])(
    'refuses %j with a 400 naming it',
    (name) => {
      const error = badRequest(() => resolveRequestCrs(name || ' '))
      expect(error.code).toBe('unknown_crs')
      expect(error.message).toContain(`'${name.trim()}'`)
    },
  )

  it('warns that Xian 80 and Beijing 54 are converted without local parameters, and not for CGCS2000', () => {
    expect(resolveRequestCrs('EPSG:2379').warning).toMatch(/tens of metres/)
    expect(resolveRequestCrs('EPSG:2431').warning).toMatch(/tens of metres/)
    expect(resolveRequestCrs('EPSG:4543').warning).toBeUndefined()
    expect(resolveRequestCrs('gcj02').warning).toBeUndefined()
  })
})

describe('pointToStorage', () => {
  it('puts a point on the central meridian at the latitude of its meridian arc (EPSG:4543 and 4522)', () => {
    const expected = latitudeOfMeridianArc(2_770_000)
    for (const [crs, easting] of [
      ['EPSG:4543', 500_000],
      ['EPSG:4522', 34_500_000],
    ] as const) {
      const [lon, lat] = pointToStorage(resolveRequestCrs(crs), easting, 2_770_000)
      expect(lon).toBeCloseTo(102, 10)
      expect(Math.abs(lat - expected)).toBeLessThan(1e-8)
    }
  })

  it('inverts GCJ-02 and BD-09 to within a centimetre, from offsets of 350–450 m around Kunming', () => {
    const wgs: [number, number] = [102.7123, 25.0406]
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as number[]
    const bd = gcoord.transform(wgs, gcoord.WGS84, gcoord.BD09) as number[]
    expect(metres(wgs, gcj)).toBeGreaterThan(350)
    expect(metres(wgs, gcj)).toBeLessThan(450)
    expect(metres(pointToStorage(resolveRequestCrs('gcj02'), gcj[0], gcj[1]), wgs)).toBeLessThan(0.01)
    expect(metres(pointToStorage(resolveRequestCrs('bd09'), bd[0], bd[1]), wgs)).toBeLessThan(0.01)
  })

  it.each([
    ['EPSG:4490', 200, 25, /outside the valid range of EPSG:4490/],
    ['EPSG:4490', 25, 102.7, /lon and lat swapped/],
    ['EPSG:4543', 2_770_000, 500_000, /easting and northing swapped/],
    ['EPSG:4543', 34_500_000, 2_770_000, /zone prefix 34.*EPSG:4522/],
    ['EPSG:4522', 500_000, 2_770_000, /outside the valid range of EPSG:4522/],
    ['EPSG:4490', Number.NaN, 25, /finite numbers/],
  ])('refuses %s [%d, %d] with a 400 that says why', (crs, x, y, message) => {
    const error = badRequest(() => pointToStorage(resolveRequestCrs(crs), x, y, 'lon/lat'))
    expect(error.message).toMatch(/^lon\/lat: /)
    expect(error.message).toMatch(message)
  })
})

describe('geometryToStorage', () => {
  const crs = resolveRequestCrs('EPSG:4490')
  const square = [
    [102.7, 25],
    [102.71, 25],
    [102.71, 25.01],
    [102.7, 25.01],
    [102.7, 25],
  ]

  it('unwraps a Feature, drops Z and counts vertices', () => {
    const z = square.map(([x, y]) => [x, y, 1890])
    const out = geometryToStorage(
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [z] } },
      crs,
      100,
    )
    expect(out.vertices).toBe(5)
    expect(out.geometry).toEqual({ type: 'Polygon', coordinates: [square] })
  })

  it.each([
    [
      { type: 'Polygon', coordinates: [square.slice(0, 4)] },
      /geometry.coordinates\[0\]: a linear ring must be closed/,
    ],
    [{ type: 'Polygon', coordinates: [square.slice(0, 3)] }, /at least 4 positions/],
    [{ type: 'LineString', coordinates: [[102.7, 25]] }, /at least 2 positions/],
    [{ type: 'Point', coordinates: ['102.7', 25] }, /coordinates must be numbers/],
    [{ type: 'Circle', coordinates: [102.7, 25] }, /unknown geometry type "Circle"/],
    [{ type: 'Feature', geometry: null }, /the Feature has no geometry/],
    [{ type: 'MultiPolygon', coordinates: [] }, /expected a non-empty array/],
    [{ type: 'Point', coordinates: [102.7, 95] }, /geometry.coordinates: \[102.7, 95\] is outside/],
  ])('refuses %j', (geometry, message) => {
    expect(badRequest(() => geometryToStorage(geometry, crs, 100)).message).toMatch(message)
  })

  it('refuses more vertices than the limit, naming the limit', () => {
    const ring = Array.from({ length: 60 }, (_, i) => [
      102.7 + 0.01 * Math.cos(i / 9.4),
      25 + 0.01 * Math.sin(i / 9.4),
    ])
    ring.push(ring[0])
    const error = badRequest(() => geometryToStorage({ type: 'Polygon', coordinates: [ring] }, crs, 50))
    expect(error.message).toMatch(/more than 50 vertices.*MAX_VERTICES/)
  })
})
