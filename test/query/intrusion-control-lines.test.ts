// POST /api/intrusion against the shoreline control lines and wetlands of the mini city
// (mini-city-waters.ts), on every engine. 甲河's lines run along x 0..5 km: waterside at y = 3.1
// (north) and 2.9 (south), outer at 3.4 and 2.6, so every distance below is a difference of
// y values on the Gauss–Krüger plane.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { IntrusionResponse } from '../../server/http/routes/intrusion.ts'
import { gkMetres, rectKm } from '../fixtures/query/mini-city.ts'
import { loadMiniCityWaters } from '../fixtures/query/mini-city-waters.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type Client, startClient } from './http-client.ts'

function within(actual: number | null | undefined, expected: number, share = 0.005) {
  expect(actual).toBeTypeOf('number')
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    expected * share + 1e-3,
  )
}
const polygon = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [rectKm(x0, y0, x1, y1).map(([x, y]) => gkMetres(x, y))],
})
const point = (x: number, y: number) => ({ type: 'Point', coordinates: gkMetres(x, y) })
type Intrusion = z.infer<typeof IntrusionResponse>
const find = (body: Intrusion, layer: string, name: string) => body.layers[layer].find((f) => f.name === name)
function feature(body: Intrusion, layer: string, name: string) {
  const found = find(body, layer, name)
  if (!found) throw new Error(`${layer}: ${name} is not in the answer`)
  return found
}
function nearest(body: Intrusion, kind: keyof Intrusion['nearest']) {
  const line = body.nearest[kind]
  if (!line) throw new Error(`no nearest ${kind}`)
  return line
}

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let client: Client
  const check = async (geometry: unknown, extra: Record<string, unknown> = {}) => {
    const { status, body } = await client.post('/api/intrusion', {
      geometry,
      crs: 'EPSG:4543',
      date: '2018-06-01',
      ...extra,
    })
    expect(status).toBe(200)
    return IntrusionResponse.parse(body)
  }
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadMiniCityWaters(t.db)
    client = await startClient(t.db)
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })

  it('reports the distance to each kind of control line apart, beside the shoreline zone boundary', async () => {
    // [1,2]×[3.5,4]: 0.1 km north of the outer line (3.4), 0.4 km north of the waterside line (3.1).
    const body = await check(polygon(1, 3.5, 2, 4))
    expect(nearest(body, 'outer_control_line')).toMatchObject({
      name: '甲河北岸外缘控制线',
      water_name: '甲河',
    })
    within(nearest(body, 'outer_control_line').distance_m, 100)
    expect(nearest(body, 'waterside_control_line').name).toBe('甲河北岸临水控制线')
    within(nearest(body, 'waterside_control_line').distance_m, 400)
    // The existing field still measures to the shoreline zone's boundary ([0,5]×[3.1,3.4]): 100 m.
    within(body.nearest.shoreline_control_line?.line_distance_m, 100)
  })

  it('measures from a point on the river to the nearest line of each kind, on either bank', async () => {
    // (2, 3.0): 0.1 km from both waterside lines (2.9, 3.1), 0.4 km from both outer lines (2.6, 3.4).
    const body = await check(point(2, 3))
    within(nearest(body, 'waterside_control_line').distance_m, 100)
    within(nearest(body, 'outer_control_line').distance_m, 400)
    // Between the lines, touching none: no control line is intruded upon (the blue line is).
    expect(body.layers.shoreline_lines).toEqual([])
  })

  it('sends a project across the outer line to review, citing the guidance, and gives 0 m to that line', async () => {
    // [1,2]×[3.2,3.6] crosses the outer line at 3.4 and stops 0.1 km short of the waterside line.
    const body = await check(polygon(1, 3.2, 2, 3.6))
    within(nearest(body, 'waterside_control_line').distance_m, 100)
    expect(nearest(body, 'outer_control_line').distance_m).toBe(0)
    const outer = feature(body, 'shoreline_lines', '甲河北岸外缘控制线')
    expect(outer).toMatchObject({ relation: 'overlaps', distance_m: 0, verdict: 'review' })
    expect(outer.rules.map((r: { id: string }) => r.id)).toEqual(['shoreline-outer-cross'])
    expect(outer.rules[0].source).toMatch(/岸线利用管理规划技术细则.*seed §4\(二\)2/)
    expect(find(body, 'shoreline_lines', '甲河北岸临水控制线')).toBeUndefined()
  })

  it('forbids a project that reaches inside the waterside line', async () => {
    // A pipeline (4, 2)→(4, 4) crosses all four lines.
    const body = await check({ type: 'LineString', coordinates: [gkMetres(4, 2), gkMetres(4, 4)] })
    expect(body.verdict).toBe('forbidden')
    for (const name of ['甲河北岸临水控制线', '甲河南岸临水控制线']) {
      const line = feature(body, 'shoreline_lines', name)
      expect(line, name).toMatchObject({ relation: 'overlaps', verdict: 'forbidden' })
      expect(line.rules[0]).toMatchObject({ id: 'shoreline-waterside-cross', source_kind: 'guidance' })
    }
    for (const name of ['甲河北岸外缘控制线', '甲河南岸外缘控制线'])
      expect(feature(body, 'shoreline_lines', name).verdict, name).toBe('review')
  })

  it('measures a line constraint feature from the line itself, not from its end points', async () => {
    // (2.5, 3.9) lies 0.5 km north of the outer line's middle; its end points (0, 3.4) and
    // (5, 3.4) are √(2.5² + 0.5²) = 2.55 km away. Within a 600 m buffer: the line, at 500 m.
    const body = await check(point(2.5, 3.9), { buffer_m: 600 })
    const outer = feature(body, 'shoreline_lines', '甲河北岸外缘控制线')
    expect(outer).toMatchObject({ relation: 'within_buffer', verdict: 'clear' })
    within(outer.distance_m, 500)
    expect(outer.rules.map((r: { id: string }) => r.id)).toEqual(['shoreline-outer-nearby'])
    // The waterside line is 800 m away: outside the buffer.
    expect(find(body, 'shoreline_lines', '甲河北岸临水控制线')).toBeUndefined()
  })

  it('forbids building on a protected wetland and reviews an unprotected one, citing the Wetland Law', async () => {
    const protectedOne = await check(polygon(8.2, 4.2, 8.8, 4.8))
    const marsh = feature(protectedOne, 'wetlands', '戊湿地')
    expect(marsh).toMatchObject({ relation: 'inside', verdict: 'forbidden' })
    within(marsh.overlap_area_m2, 360_000)
    expect(marsh.rules.map((r: { id: string }) => r.id)).toEqual(['wetland-protected', 'wetland-inside'])
    expect(marsh.rules[0].source).toMatch(/湿地保护法.*第十九条/)
    expect(protectedOne.verdict).toBe('forbidden')

    const other = await check(polygon(1.5, 9, 2.5, 9.5))
    const river = feature(other, 'wetlands', '己湿地')
    // Half of [1.5,2.5]×[9,9.5] lies in [1,2]×[9,9.5]: 0.25 km².
    expect(river).toMatchObject({ relation: 'overlaps', verdict: 'review' })
    within(river.overlap_area_m2, 250_000)
    within(river.share, 0.5)

    const near = await check(point(9.5, 4.5), { buffer_m: 600 })
    const beside = feature(near, 'wetlands', '戊湿地')
    expect(beside).toMatchObject({ relation: 'within_buffer', verdict: 'clear' })
    within(beside.distance_m, 500)
  })
})
