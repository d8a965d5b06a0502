// POST /api/intrusion on the mini city, on every engine. Projects are drawn on the Gauss–Krüger
// plane of the fixture and sent in EPSG:4543, so every expected m² and m is plane arithmetic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IntrusionResponse } from '../../server/http/routes/intrusion.ts'
import { gkMetres, rectKm } from '../fixtures/query/mini-city.ts'
import { ENGINES } from '../support/test-database.ts'
import { type MiniCity, openMiniCity } from './mini-city-store.ts'

const within = (actual: number, expected: number, share = 0.005) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(expected * share + 1e-3)
const polygon = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [rectKm(x0, y0, x1, y1).map(([x, y]) => gkMetres(x, y))],
})
const gkLine = (...km: [number, number][]) => ({
  type: 'LineString',
  coordinates: km.map(([x, y]) => gkMetres(x, y)),
})
const review = (body: any, layer: string, name: string) =>
  body.layers[layer].find((f: { name: string }) => f.name === name)

describe.each(ENGINES)('%s engine', (engine) => {
  let city: MiniCity
  const check = (geometry: unknown, extra: Record<string, unknown> = {}) =>
    city.client.post('/api/intrusion', { geometry, crs: 'EPSG:4543', date: '2018-06-01', ...extra })
  beforeAll(async () => {
    city = await openMiniCity(engine, { MAX_VERTICES: '300' })
  })
  afterAll(() => city?.dispose())

  it('forbids a 1 km² project inside a first-grade water-source zone, citing the law and the seed', async () => {
    const { status, body } = await check(polygon(1.5, 6.5, 2.5, 7.5))
    expect(status).toBe(200)
    IntrusionResponse.parse(body)
    expect(body.verdict).toBe('forbidden')
    within(body.project.area_m2, 1_000_000)
    const first = review(body, 'water_source_zones', '丁水源一级区')
    expect(first).toMatchObject({ relation: 'inside', verdict: 'forbidden', distance_m: 0 })
    within(first.overlap_area_m2, 1_000_000)
    within(first.share, 1)
    expect(first.rules.map((r: { source: string }) => r.source).join(' ')).toMatch(
      /水污染防治法.*第六十五条.*seed §4\(三\)4/,
    )
    expect(review(body, 'water_source_zones', '丁水源二级区')).toMatchObject({
      relation: 'inside',
      verdict: 'review',
    })
  })

  it('measures a partial overlap: half the project in the first-grade zone', async () => {
    const { body } = await check(polygon(2.5, 6.5, 3.5, 7.5))
    const first = review(body, 'water_source_zones', '丁水源一级区')
    expect(first.relation).toBe('overlaps')
    within(first.overlap_area_m2, 500_000)
    within(first.share, 0.5)
    // The project's east edge lies on the second-grade zone's edge: covered, so inside.
    expect(review(body, 'water_source_zones', '丁水源二级区').relation).toBe('inside')
  })

  it('measures a pipeline crossing the river: overlap lengths in blue line and shoreline, reach and chiefs', async () => {
    const { body } = await check(gkLine([4, 2], [4, 4]))
    expect(body.verdict).toBe('forbidden')
    within(body.project.length_m, 2000)
    const blue = review(body, 'blue_lines', '甲河蓝线')
    expect(blue.relation).toBe('overlaps')
    within(blue.overlap_length_m, 200)
    within(blue.share, 0.1)
    const shore = review(body, 'shoreline_zones', '甲河北岸保护区')
    within(shore.overlap_length_m, 300)
    expect(shore.verdict).toBe('forbidden')
    expect(body.nearest.blue_line).toMatchObject({ name: '甲河蓝线', distance_m: 0, line_distance_m: 0 })
    expect(body.reaches).toMatchObject([{ code: 'R1-1', crosses: true, distance_m: 0 }])
    const notified = body.notify.chiefs.map((c: { id: string }) => c.id)
    expect(notified).toEqual(expect.arrayContaining(['D1', 'K1', 'T1', 'V1', 'C-CITY']))
    expect(notified).not.toContain('K2')
    expect(body.notify.offices).toMatchObject([{ basin: '滇池流域', office: '滇池流域河长制办公室' }])
  })

  it('reports features within the buffer, and the distances to the blue line and shoreline control line', async () => {
    const { body } = await check(polygon(1, 3.5, 2, 4), { buffer_m: 150 })
    const shore = review(body, 'shoreline_zones', '甲河北岸保护区')
    expect(shore.relation).toBe('within_buffer')
    within(shore.distance_m, 100)
    expect(shore.overlap_area_m2).toBe(0)
    expect(shore.verdict).toBe('review')
    expect(body.layers.blue_lines).toEqual([])
    within(body.nearest.blue_line.distance_m, 400)
    within(body.nearest.blue_line.line_distance_m, 400)
    within(body.nearest.shoreline_control_line.line_distance_m, 100)
    expect(body.verdict).toBe('review')
    expect(body.reaches).toEqual([])
  })

  it('measures from inside a blue line to the line itself', async () => {
    const { body } = await check({ type: 'Point', coordinates: gkMetres(2, 3) })
    const blue = review(body, 'blue_lines', '甲河蓝线')
    expect(blue).toMatchObject({ relation: 'inside', distance_m: 0, verdict: 'forbidden' })
    within(blue.boundary_distance_m, 100)
    expect(body.nearest.blue_line.distance_m).toBe(0)
    within(body.nearest.blue_line.line_distance_m, 100)
    // The shoreline protection zone starts at the blue line's northern edge, 100 m away.
    within(body.nearest.shoreline_control_line.line_distance_m, 100)
    expect(body.layers.shoreline_zones).toEqual([])
  })

  it('is clear beside a red zone it does not enter, and lists it within the buffer', async () => {
    const { body } = await check({ type: 'Point', coordinates: gkMetres(9.3, 7) }, { buffer_m: 500 })
    const red = review(body, 'water_resource_zones', '乙区红区')
    expect(red).toMatchObject({ relation: 'within_buffer', verdict: 'clear', rules: [] })
    within(red.distance_m, 300)
    expect(body.verdict).toBe('clear')
    expect(body.notify.offices).toMatchObject([
      { basin: '金沙江流域', authority: '市水务局', source: 'default' },
    ])
  })

  it('treats a point on a zone edge as inside it, and counts the points of a MultiPoint', async () => {
    const { body } = await check({ type: 'MultiPoint', coordinates: [gkMetres(5, 7.5), gkMetres(5.5, 7.5)] })
    const lake = review(body, 'lakes', '丁水库')
    expect(lake.relation).toBe('overlaps')
    within(lake.share, 0.5)
    expect(lake.verdict).toBe('review')
  })

  it('takes a Feature holding a GeometryCollection, measuring its polygon by area', async () => {
    const { status, body } = await check({
      type: 'Feature',
      properties: { name: '泵站' },
      geometry: {
        type: 'GeometryCollection',
        geometries: [polygon(1.5, 6.5, 2.5, 7.5), gkLine([4, 2], [4, 4])],
      },
    })
    expect(status).toBe(200)
    expect(body.project.type).toBe('GeometryCollection')
    within(body.project.area_m2, 1_000_000)
    within(body.project.length_m, 2000)
    expect(body.verdict).toBe('forbidden')
    expect(review(body, 'water_source_zones', '丁水源一级区').relation).toBe('overlaps')
    expect(review(body, 'blue_lines', '甲河蓝线').relation).toBe('overlaps')
  })

  it('agrees with PostGIS called directly on the same geometry (geography area of the intersection)', async () => {
    const project = polygon(2.5, 6.5, 3.5, 7.5)
    const { body } = await check(project)
    const { rows } = await city.t.db.query<{ a: number }>(
      `SELECT ST_Area(ST_Intersection(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON($1), 4543), 4490), z.geom)::geography) AS a
         FROM water_source_zones z WHERE z.grade = 'first'`,
      [JSON.stringify(project)],
    )
    within(review(body, 'water_source_zones', '丁水源一级区').overlap_area_m2, rows[0].a, 0.001)
  })

  it.each([
    [
      {
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [2, 2],
              [2, 0],
              [0, 2],
              [0, 0],
            ].map(([x, y]) => gkMetres(x, y)),
          ],
        },
      },
      /geometry is not valid: Self-intersection/,
    ],
    [
      { geometry: { type: 'Polygon', coordinates: [[gkMetres(0, 0), gkMetres(1, 0), gkMetres(1, 1)]] } },
      /at least 4 positions/,
    ],
    [{ geometry: polygon(0, 0, 40, 40) }, /more than 300 vertices/],
    [{ geometry: { type: 'Point', coordinates: [102.7, 25] } }, /outside the valid range of EPSG:4543/],
    [
      { geometry: { type: 'Point', coordinates: gkMetres(1, 1) }, buffer_m: -5 },
      /buffer_m must not be negative/,
    ],
    [
      { geometry: { type: 'Point', coordinates: gkMetres(1, 1) }, buffer_m: 'wide' },
      /buffer_m must be a number/,
    ],
    [
      { geometry: { type: 'Point', coordinates: gkMetres(1, 1) }, crs: 'EPSG:12345678' },
      /unknown or unsupported CRS/,
    ],
    [{}, /geometry is required/],
  ])('refuses a bad request with a 400 naming the problem (%#)', async (payload, message) => {
    const { status, body } = await city.client.post('/api/intrusion', { crs: 'EPSG:4543', ...payload })
    expect(status).toBe(400)
    expect(body.error.message).toMatch(message)
  })

  it('notifies the office that locate names for the same place, also inside a nested basin', async () => {
    for (const [x, y] of [
      [2, 7], // 盘龙江流域, nested in 滇池流域 and saying nothing itself
      [8, 5], // 金沙江流域, no regime: the default
      [9.6, 9.6], // 阳宗海流域, nested in 金沙江流域
    ] as const) {
      const project = await check({ type: 'Point', coordinates: gkMetres(x, y) })
      const located = await city.client.get(
        `/api/locate?lon=${gkMetres(x, y)[0]}&lat=${gkMetres(x, y)[1]}&crs=EPSG:4543`,
      )
      expect(project.body.notify.offices, `(${x}, ${y})`).toEqual([located.body.basin])
    }
  })

  it('notifies each regime a project reaches, once per innermost basin', async () => {
    // From 盘龙江流域 across the rest of 滇池流域 into 金沙江流域: 滇池流域 counts because part of
    // the line lies in it outside the nested basin.
    const { body } = await check(gkLine([3, 7], [8, 7]))
    // Smallest basin first: 盘龙江流域 16 km², 金沙江流域 40 km², 滇池流域 60 km².
    expect(
      body.notify.offices.map((o: { basin: string; governance: string }) => [o.basin, o.governance]),
    ).toEqual([
      ['盘龙江流域', 'dianchi'],
      ['金沙江流域', 'other'],
      ['滇池流域', 'dianchi'],
    ])
    // Wholly inside the nested basin: only the nested basin, under the 滇池 regime.
    const inner = await check(polygon(1, 6, 2, 7))
    expect(inner.body.notify.offices.map((o: { basin: string }) => o.basin)).toEqual(['盘龙江流域'])
    expect(inner.body.notify.offices[0]).toMatchObject({ authority: '市滇池管理局', oversight: '人大督察组' })
  })

  it('answers 200 with empty lists for a project in the middle of nowhere', async () => {
    const { status, body } = await city.client.post('/api/intrusion', {
      geometry: { type: 'Point', coordinates: [90, 0] },
      buffer_m: 1000,
    })
    expect(status).toBe(200)
    expect(body.verdict).toBe('clear')
    expect(Object.values(body.layers).flat()).toEqual([])
    expect(body.notify).toEqual({ chiefs: [], offices: [], admin: [] })
  })
})
