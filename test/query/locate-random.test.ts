// 1 000 random points over the demo city (and 500 thrown near its rivers): /api/locate's chiefs and administrative chain against
// an independent answer, turf's point-in-polygon over the chief areas and admin areas read back
// from the database as GeoJSON, and turf's point-to-line distance for the 200 m near rule of
// reaches and of lakes (their shore; 0 on the water). turf measures on a sphere, PostGIS on the
// ellipsoid (they differ by up to ~0.5 % here), so points whose turf distance to some reach or
// shore falls within 1 % of the threshold are not judged on them: they are counted, and must be few.
import { bbox, booleanPointInPolygon, destination, pointToLineDistance } from '@turf/turf'
import type { LineString, MultiPolygon } from 'geojson'
import seedrandom from 'seedrandom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type Client, startClient } from './http-client.ts'

const DATE = '2018-06-01'
const NEAR_M = 200
const BAND = 0.01
const POINTS = 1000
/** Uniform points rarely fall near a river: these are thrown within 400 m of reach vertices. */
const NEAR_RIVER_POINTS = 500

interface Shape<G> {
  code: string
  geometry: G
  box: number[]
}

const inBox = (box: number[], [x, y]: number[], pad = 0) =>
  x >= box[0] - pad && x <= box[2] + pad && y >= box[1] - pad && y <= box[3] + pad

async function shapes<G extends MultiPolygon | LineString>(
  t: TestDatabase,
  table: string,
): Promise<Shape<G>[]> {
  const { rows } = await t.db.query<{ code: string; g: string }>(
    `SELECT code, ST_AsGeoJSON(geom) AS g FROM ${table} ORDER BY id`,
  )
  return rows.map((r) => {
    const geometry = JSON.parse(r.g) as G
    return { code: r.code, geometry, box: bbox(geometry) }
  })
}

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let client: Client
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    client = await startClient(t.db)
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })

  it('agrees with turf on the chiefs and the administrative chain of 1 500 random points', async () => {
    const [areas, admin, reaches, lakes] = await Promise.all([
      shapes<MultiPolygon>(t, 'chief_areas'),
      shapes<MultiPolygon>(t, 'admin_areas'),
      shapes<LineString>(t, 'reaches'),
      shapes<MultiPolygon>(t, 'lakes'),
    ])
    // A lake's shore: every ring of it, as lines.
    const shores = lakes.map((l) => ({
      ...l,
      shore: l.geometry.coordinates
        .flat()
        .map((ring): LineString => ({ type: 'LineString', coordinates: ring })),
    }))
    const { rows: assignments } = await t.db.query<{
      chief_id: string
      scope_kind: string
      scope_code: string
    }>(
      `SELECT chief_id, scope_kind, scope_code FROM assignments
        WHERE valid_from <= $1::date AND (valid_to IS NULL OR $1::date < valid_to)`,
      [DATE],
    )
    const extent = bbox({ type: 'GeometryCollection', geometries: admin.map((a) => a.geometry) })
    const random = seedrandom('locate-random')
    const points = Array.from({ length: POINTS }, () => [
      extent[0] + random() * (extent[2] - extent[0]),
      extent[1] + random() * (extent[3] - extent[1]),
    ])
    for (let i = 0; i < NEAR_RIVER_POINTS; i++) {
      const line = reaches[Math.floor(random() * reaches.length)].geometry.coordinates
      const vertex = line[Math.floor(random() * line.length)]
      points.push(destination(vertex, random() * 0.4, random() * 360 - 180).geometry.coordinates)
    }

    const { status, body } = await client.post('/api/locate', { points, date: DATE })
    expect(status).toBe(200)
    expect(body.results).toHaveLength(points.length)

    // ~200 m in degrees of longitude at Kunming's latitude, padded: the reach prefilter.
    const pad = 0.003
    let judgedOnReaches = 0
    let withChiefs = 0
    for (const [i, p] of points.entries()) {
      const got = body.results[i]
      const containing = (list: Shape<MultiPolygon>[]) =>
        list.filter((s) => inBox(s.box, p) && booleanPointInPolygon(p, s.geometry)).map((s) => s.code)
      expect(got.admin.map((a: { code: string }) => a.code).sort(), `admin of point ${i} ${p}`).toEqual(
        containing(admin).sort(),
      )
      const areaCodes = new Set(containing(areas))
      const distances = reaches
        .filter((r) => inBox(r.box, p, pad))
        .map((r) => ({ code: r.code, d: pointToLineDistance(p, r.geometry, { units: 'meters' }) }))
      const lakeDistances = shores
        .filter((l) => inBox(l.box, p, pad))
        .map((l) => ({
          code: l.code,
          d: booleanPointInPolygon(p, l.geometry)
            ? 0
            : Math.min(...l.shore.map((ring) => pointToLineDistance(p, ring, { units: 'meters' }))),
        }))
      const ambiguous = [...distances, ...lakeDistances].some((r) => Math.abs(r.d - NEAR_M) < NEAR_M * BAND)
      const nearCodes = new Set(distances.filter((r) => r.d <= NEAR_M).map((r) => r.code))
      const nearLakes = new Set(lakeDistances.filter((r) => r.d <= NEAR_M).map((r) => r.code))
      const scopes = { area: areaCodes, reach: nearCodes, lake: nearLakes }
      const expected = assignments
        .filter((a) => scopes[a.scope_kind as keyof typeof scopes].has(a.scope_code))
        .map((a) => `${a.chief_id}|${a.scope_kind}|${a.scope_code}`)
      const actual = got.chiefs.map(
        (c: { id: string; scope: { kind: string; code: string } }) =>
          `${c.id}|${c.scope.kind}|${c.scope.code}`,
      )
      if (actual.length > 0) withChiefs++
      if (ambiguous) {
        // Only the area chiefs can be judged here.
        const areaOnly = (list: string[]) => list.filter((k) => k.includes('|area|')).sort()
        expect(areaOnly(actual), `area chiefs of point ${i} ${p}`).toEqual(areaOnly(expected))
        continue
      }
      judgedOnReaches++
      expect(actual.sort(), `chiefs of point ${i} ${p}`).toEqual(expected.sort())
    }
    const nearRiver = body.results.filter(
      (r: { near_reaches: unknown[] }) => r.near_reaches.length > 0,
    ).length
    // The nearest reach of the points thrown near rivers (all within ~400 m of one): turf's
    // exhaustive nearest over the reaches within ~550 m, equal within the sphere/ellipsoid gap.
    for (let i = POINTS; i < points.length; i++) {
      const p = points[i]
      const ranked = reaches
        .filter((r) => inBox(r.box, p, 0.005))
        .map((r) => ({ code: r.code, d: pointToLineDistance(p, r.geometry, { units: 'meters' }) }))
        .sort((a, b) => a.d - b.d)
      const got = body.results[i].nearest_reach
      expect(Math.abs(got.distance_m - ranked[0].d), `nearest of point ${i} ${p}`).toBeLessThanOrEqual(
        ranked[0].d * 0.006 + 0.5,
      )
      if (!ranked[1] || ranked[1].d > ranked[0].d * 1.01 + 1) expect(got.code).toBe(ranked[0].code)
    }
    expect(judgedOnReaches).toBeGreaterThan(points.length * 0.97)
    expect(withChiefs).toBeGreaterThan(points.length * 0.3)
    expect(nearRiver).toBeGreaterThan(NEAR_RIVER_POINTS * 0.3)
  })
})
