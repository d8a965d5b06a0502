// The in-process locate index gives the SQL's answer (issue 14 item 2): 10 000 random points over
// the demo city and 2 000 near rivers and boundaries (a quarter exactly on a boundary vertex), at
// two dates (one a hand-over day: half-open validity), compared as the JSON text of
// POST /api/locate?engine=index against the SQL path (locatePoints without an index). Where the two differ the point must lie
// within 1 cm of a threshold, as PostGIS itself measures: the near distance of a reach or lake,
// an area's boundary, or a 0.01 m rounding step; the test counts and prints them. A point exactly
// on a vertex has no such excuse: it belongs to every area sharing the vertex, on both paths.
// The geodesic distance is also checked alone against PostGIS ST_Distance(geography).
import { destination } from '@turf/turf'
import seedrandom from 'seedrandom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { zoneLayers } from '../../server/layers/registry.ts'
import { locatePoints } from '../../server/query/locate.ts'
import { geographyDistanceToLines } from '../../server/query/locate-index/geodesic-distance.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type LocateApp, serveLocate } from './locate-index-app.ts'

const NEAR_M = 200
const RANDOM_POINTS = 10_000
const NEAR_POINTS = 2_000
const BATCH = 2_000
const AREA_TABLES = [
  'admin_areas',
  'parks',
  'basins',
  'chief_areas',
  'lakes',
  ...zoneLayers().map((l) => l.id),
]

type Point = [number, number]

/** Whether PostGIS puts p within 1 cm of a threshold locate applies. */
async function atThreshold(t: TestDatabase, p: Point): Promise<boolean> {
  const areas = [...new Set(AREA_TABLES)]
    .map((table) => `SELECT 1 FROM ${table} a WHERE ST_DWithin(ST_Boundary(a.geom)::geography, p.gg, 0.01)`)
    .join(' UNION ALL ')
  const { rows } = await t.db.query<{ hit: boolean }>(
    `WITH p AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4490)::geography AS gg)
     SELECT EXISTS (SELECT 1 FROM reaches r, p WHERE abs(ST_Distance(r.geom::geography, p.gg) - $3) <= 0.01
                    AND ST_DWithin(r.geom::geography, p.gg, $3 + 1))
         OR EXISTS (SELECT 1 FROM lakes l, p WHERE abs(ST_Distance(l.geom::geography, p.gg) - $3) <= 0.01
                    AND ST_DWithin(l.geom::geography, p.gg, $3 + 1))
         OR EXISTS (SELECT 1 FROM p, LATERAL (${areas}) s) AS hit`,
    [p[0], p[1], NEAR_M],
  )
  return rows[0].hit
}

/** Equal once every distance_m is allowed to differ by one 0.01 m rounding step. */
function equalButRounding(a: string, b: string): boolean {
  const strip = (text: string) => text.replace(/"distance_m":[-0-9.e]+/g, '"distance_m":0')
  if (strip(a) !== strip(b)) return false
  const da = [...a.matchAll(/"distance_m":([-0-9.e]+)/g)].map((m) => Number(m[1]))
  const db = [...b.matchAll(/"distance_m":([-0-9.e]+)/g)].map((m) => Number(m[1]))
  return da.every((d, i) => Math.abs(d - db[i]) <= 0.0100001)
}

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: LocateApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveLocate(t.db, t.url)
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('measures point-to-line metres as PostGIS geography does, within 0.1 mm', async () => {
    const random = seedrandom('geodesic')
    let worst = 0
    for (let i = 0; i < 200; i++) {
      const line = Array.from({ length: 2 + Math.floor(random() * 4) }, () => [
        102.6 + random() * 0.1,
        24.9 + random() * 0.1,
      ])
      const p: Point = [102.58 + random() * 0.14, 24.88 + random() * 0.14]
      const wkt = `LINESTRING(${line.map((c) => c.join(' ')).join(',')})`
      const { rows } = await t.db.query<{ d: number }>(
        'SELECT ST_Distance(ST_GeomFromText($1, 4490)::geography, ST_SetSRID(ST_MakePoint($2, $3), 4490)::geography) AS d',
        [wkt, p[0], p[1]],
      )
      worst = Math.max(worst, Math.abs(geographyDistanceToLines(p, [line]) - rows[0].d))
    }
    expect(worst).toBeLessThan(1e-4)
  })

  it('measures long lines, repeated vertices and points past a right angle as PostGIS does', async () => {
    // closestOnSphere ranks arcs by sin² of their angle (2 − sin² beyond 90°) before measuring
    // the nearest: lines of many arcs, arcs that are points, and points a hemisphere away.
    const random = seedrandom('geodesic-far')
    let worst = 0
    for (let i = 0; i < 120; i++) {
      const line: number[][] = []
      for (let k = 0; k < 2 + Math.floor(random() * 40); k++) {
        const at = [102.6 + random() * 0.1, 24.9 + random() * 0.1]
        line.push(at)
        if (random() < 0.1) line.push([...at])
      }
      const far = i % 3 === 0
      const p: Point = far
        ? [-180 + random() * 360, -80 + random() * 160]
        : [102.58 + random() * 0.14, 24.88 + random() * 0.14]
      const wkt = `LINESTRING(${line.map((c) => c.join(' ')).join(',')})`
      const { rows } = await t.db.query<{ d: number }>(
        'SELECT ST_Distance(ST_GeomFromText($1, 4490)::geography, ST_SetSRID(ST_MakePoint($2, $3), 4490)::geography) AS d',
        [wkt, p[0], p[1]],
      )
      worst = Math.max(
        worst,
        Math.abs(geographyDistanceToLines(p, [line]) - rows[0].d) / Math.max(1, rows[0].d),
      )
    }
    expect(worst).toBeLessThan(1e-8)
  })

  it('answers 12 000 points at two dates exactly as the SQL does', async () => {
    const { rows: extent } = await t.db.query<{ x0: number; y0: number; x1: number; y1: number }>(
      `SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
         FROM (SELECT ST_Extent(geom) AS e FROM admin_areas) s`,
    )
    const { rows: reachVertices } = await t.db.query<{ x: number; y: number }>(
      'SELECT ST_X(d.geom) AS x, ST_Y(d.geom) AS y FROM reaches r, ST_DumpPoints(r.geom) d ORDER BY r.id, d.path',
    )
    const { rows: boundaryVertices } = await t.db.query<{ x: number; y: number }>(
      `SELECT ST_X(d.geom) AS x, ST_Y(d.geom) AS y
         FROM (SELECT geom FROM chief_areas UNION ALL SELECT geom FROM admin_areas
               UNION ALL SELECT geom FROM lakes UNION ALL SELECT geom FROM basins) a, ST_DumpPoints(a.geom) d`,
    )
    // A hand-over day: the old assignment ends and the new one begins on it.
    const { rows: handOver } = await t.db.query<{ d: string }>(
      `SELECT valid_to::text AS d FROM assignments WHERE valid_to IS NOT NULL
        GROUP BY valid_to ORDER BY count(*) DESC, valid_to LIMIT 1`,
    )
    const dates = ['2018-06-01', handOver[0]?.d ?? '2020-01-01']
    const { x0, y0, x1, y1 } = extent[0]
    const random = seedrandom('locate-index-parity')
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]
    const points: Point[] = Array.from({ length: RANDOM_POINTS }, () => [
      x0 + random() * (x1 - x0),
      y0 + random() * (y1 - y0),
    ])
    for (let i = 0; i < NEAR_POINTS / 2; i++) {
      const v = pick(reachVertices)
      points.push(destination([v.x, v.y], random() * 0.3, random() * 360 - 180).geometry.coordinates as Point)
    }
    // Points exactly on a vertex are on the boundary of every area sharing it: no excuse there.
    const onVertex = new Set<number>()
    for (let i = 0; i < NEAR_POINTS / 2; i++) {
      const v = pick(boundaryVertices)
      if (i % 2 === 0) onVertex.add(points.length)
      // Half exactly on a vertex (on the boundary of every area sharing it), half within 5 m.
      points.push(
        i % 2 === 0
          ? [v.x, v.y]
          : (destination([v.x, v.y], random() * 0.005, random() * 360 - 180).geometry.coordinates as Point),
      )
    }

    const counts = { points: 0, equal: 0, threshold: 0, rounding: 0, withChiefs: 0, onBoundary: 0 }
    const unexplained: string[] = []
    for (const date of dates) {
      for (let start = 0; start < points.length; start += BATCH) {
        const batch = points.slice(start, start + BATCH)
        // The SQL side straight from locatePoints (what the route sends, without an HTTP request
        // that would outlast the server's timeouts on a loaded embedded engine).
        const a = { results: await locatePoints(t.db, batch, { date, nearM: NEAR_M }) }
        const index = await app.post('/api/locate?engine=index', { points: batch, date })
        expect(index.status).toBe(200)
        const b = JSON.parse(index.text)
        expect(b.count).toBe(batch.length)
        // The batch's text is JSON.stringify's, to the byte (written from shared pieces: locate-json.ts).
        expect(JSON.stringify(b) === index.text).toBe(true)
        for (let i = 0; i < batch.length; i++) {
          counts.points++
          const sa = JSON.stringify(a.results[i])
          const sb = JSON.stringify(b.results[i])
          if (a.results[i].chiefs.length > 0) counts.withChiefs++
          if (a.results[i].admin.length > 4) counts.onBoundary++
          if (sa === sb) counts.equal++
          else if (equalButRounding(sa, sb)) counts.rounding++
          else if (!onVertex.has(start + i) && (await atThreshold(t, batch[i]))) counts.threshold++
          else unexplained.push(`${date} ${batch[i]}\n sql   ${sa}\n index ${sb}`)
        }
      }
    }
    console.log(`${engine}: locate index parity`, counts)
    expect(unexplained.slice(0, 3)).toEqual([])
    expect(counts.points).toBe(2 * (RANDOM_POINTS + NEAR_POINTS))
    // The comparison is not vacuous: most points have chiefs, some lie on shared borders.
    expect(counts.withChiefs).toBeGreaterThan(counts.points * 0.5)
    expect(counts.onBoundary).toBeGreaterThan(10)
    expect(counts.threshold + counts.rounding).toBeLessThan(counts.points * 0.01)
  }, 600_000)
})
