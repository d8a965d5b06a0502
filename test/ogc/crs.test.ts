// Part 2 (CRS by reference) on every engine: output coordinates in the CRS asked for, in the
// authority's axis order, checked against PostGIS's ST_Transform within 0.01 m; Content-Crs;
// bbox-crs; antimeridian boxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'

interface Feature {
  id: number
  geometry: { type: string; coordinates: unknown }
}

/** Every position of a geometry, in order. */
function positions(coordinates: unknown): number[][] {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') return [coordinates as number[]]
  return (coordinates as unknown[]).flatMap(positions)
}

describe.each(ENGINES)('OGC API CRS on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  async function items(layer: string, query: string) {
    const res = await fetch(`${app.url}/ogc/collections/${layer}/items?${query}`)
    expect(res.status, query).toBe(200)
    return { crs: res.headers.get('content-crs'), body: (await res.json()) as { features: Feature[] } }
  }

  /** Every vertex of each feature of `layer`, by id, as PostGIS gives it in EPSG:`srid` (x, y). */
  async function vertices(layer: string, srid: number): Promise<Map<number, number[][]>> {
    const { rows } = await t.db.query<{ id: string; x: number; y: number }>(
      `SELECT f.id, ST_X(d.geom) AS x, ST_Y(d.geom) AS y
         FROM ${layer} f, ST_DumpPoints(ST_Transform(f.geom, ${srid})) d ORDER BY f.id, d.path`,
    )
    const byId = new Map<number, number[][]>()
    for (const r of rows) {
      const id = Number(r.id)
      if (!byId.has(id)) byId.set(id, [])
      byId.get(id)!.push([r.x, r.y])
    }
    return byId
  }

  async function expectWithin(layer: string, crs: number, order: 'xy' | 'yx', tolerance: number) {
    const { crs: header, body } = await items(layer, `crs=${encodeURIComponent(EPSG(crs))}&limit=10000`)
    expect(header).toBe(`<${EPSG(crs)}>`)
    const expected = await vertices(layer, crs)
    expect(body.features.length).toBe(expected.size)
    let worst = 0
    for (const f of body.features) {
      const want = expected.get(Number(f.id))!
      const got = positions(f.geometry.coordinates)
      expect(got.length).toBe(want.length)
      got.forEach(([a, b], i) => {
        const [x, y] = order === 'xy' ? [a, b] : [b, a]
        worst = Math.max(worst, Math.hypot(x - want[i][0], y - want[i][1]))
      })
    }
    expect(worst).toBeLessThan(tolerance)
  }

  it('gives EPSG:4543 as northing, easting within 0.01 m of ST_Transform', async () => {
    await expectWithin('monitoring_sections', 4543, 'yx', 0.01)
    await expectWithin('water_source_zones', 4543, 'yx', 0.01)
  })

  it('gives EPSG:4544 and EPSG:4522 (Gauss–Krüger) as northing, easting within 0.01 m', async () => {
    await expectWithin('monitoring_sections', 4544, 'yx', 0.01)
    await expectWithin('monitoring_sections', 4522, 'yx', 0.01)
  })

  it('gives EPSG:3857 as easting, northing within 0.01 m of ST_Transform', async () => {
    await expectWithin('monitoring_sections', 3857, 'xy', 0.01)
  })

  it('gives EPSG:4326 and EPSG:4490 as latitude, longitude and CRS84 as longitude, latitude', async () => {
    const stored = await vertices('monitoring_sections', 4490)
    for (const [crs, order] of [
      [EPSG(4326), 'yx'],
      [EPSG(4490), 'yx'],
      [CRS84, 'xy'],
    ] as const) {
      const { crs: header, body } = await items(
        'monitoring_sections',
        `crs=${encodeURIComponent(crs)}&limit=100`,
      )
      expect(header).toBe(`<${crs}>`)
      for (const f of body.features) {
        const [a, b] = f.geometry.coordinates as number[]
        const [lon, lat] = stored.get(Number(f.id))![0]
        expect(order === 'xy' ? [a, b] : [b, a], crs).toEqual([
          expect.closeTo(lon, 9),
          expect.closeTo(lat, 9),
        ])
      }
    }
    // No crs: CRS84, said so.
    expect((await items('monitoring_sections', 'limit=1')).crs).toBe(`<${CRS84}>`)
  })

  it('reads bbox in bbox-crs axis order: EPSG:4326 latitude first, EPSG:4543 northing first', async () => {
    const box = [102.6, 24.8, 102.9, 25.2]
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM reaches WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490)) ORDER BY id',
      box,
    )
    expect(rows.length).toBeGreaterThan(5)
    const latFirst = [box[1], box[0], box[3], box[2]].join(',')
    const { body } = await items(
      'reaches',
      `bbox=${latFirst}&bbox-crs=${encodeURIComponent(EPSG(4326))}&limit=1000`,
    )
    expect(body.features.map((f) => Number(f.id))).toEqual(rows.map((r) => Number(r.id)))

    // A projected box: PostGIS transforms its densified outline (edges curve in lon/lat).
    const [e1, n1, e2, n2] = [560_000, 2_750_000, 590_000, 2_790_000]
    const { rows: projected } = await t.db.query<{ id: string }>(
      `SELECT id FROM reaches
        WHERE ST_Intersects(geom, ST_Transform(ST_Segmentize(ST_MakeEnvelope($1, $2, $3, $4, 4543), 100), 4490))
        ORDER BY id`,
      [e1, n1, e2, n2],
    )
    expect(projected.length).toBeGreaterThan(5)
    const { body: inZone } = await items(
      'reaches',
      `bbox=${[n1, e1, n2, e2].join(',')}&bbox-crs=${encodeURIComponent(EPSG(4543))}&limit=1000`,
    )
    expect(inZone.features.map((f) => Number(f.id))).toEqual(projected.map((r) => Number(r.id)))
  })

  it('accepts a bbox crossing the antimeridian as the two boxes either side of it', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM outfalls WHERE ST_Intersects(geom, ST_MakeEnvelope(102.9, 20, 180, 30, 4490)) ORDER BY id',
    )
    expect(rows.length).toBeGreaterThan(0)
    const { body } = await items('outfalls', 'bbox=102.9,20,-170,30&limit=1000')
    expect(body.features.map((f) => Number(f.id))).toEqual(rows.map((r) => Number(r.id)))
  })
})
