// Positions along bent reaches at ~25°N, on every engine. There a degree of longitude is ~10 %
// shorter than a degree of latitude, so a fraction of a reach's length in degrees is not the
// fraction of its length on the ellipsoid, and the nearest point in degrees is not the nearest
// point on the ground. The network is laid out in whole kilometres on the Gauss–Krüger zone 34
// plane of the mini city (scale 1 on the central meridian, < 2e-6 off it here), so every expected
// distance below is plane arithmetic, worked out by hand from the layout:
//
//   y (km)
//    9 ·                                   ↗ B3 (8,6)→(11,9), 3√2 km, PK-B3 at (9.9,8.1)
//    8 ·                          DM-B3 (9,8): 0.5√2 km off B3, opposite (9.5,7.5)
//    6 ·              B2 ┌──────── (8,6)        DM-B2 at (6,6.05)
//    4 ·                 │ (4,4): B2 runs north 2 km, then east 4 km
//    1 ·                 │ ← start point P (4.1,1), 100 m east of B1
//    0 ·──── B0 ────┬────┘ B1 runs east 4 km from (0,0), then north 4 km      PK-B1 at (2,0.05)
//     -4            0    4                        nodes: B0 1→2, B1 2→3, B2 3→4, B3 4→5
import type { Geometry } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TraceResponse } from '../../server/http/routes/network.ts'
import type { LayerId } from '../../server/layers/registry.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { gk, line } from '../fixtures/query/mini-city.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type Client, startClient } from './http-client.ts'

const point = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: gk(x, y) })
const LAYERS: [LayerId, [Geometry, Record<string, string>][]][] = [
  [
    'reaches',
    [
      [
        line([-4, 0], [0, 0]),
        { code: 'B0', river_code: 'B', name: '折河上段', from_node: '1', to_node: '2' },
      ],
      [
        line([0, 0], [4, 0], [4, 4]),
        { code: 'B1', river_code: 'B', name: '折河东北段', from_node: '2', to_node: '3' },
      ],
      [
        line([4, 4], [4, 6], [8, 6]),
        { code: 'B2', river_code: 'B', name: '折河北东段', from_node: '3', to_node: '4' },
      ],
      [
        line([8, 6], [11, 9]),
        { code: 'B3', river_code: 'B', name: '折河斜段', from_node: '4', to_node: '5' },
      ],
    ],
  ],
  [
    'outfalls',
    [
      [point(2, 0.05), { code: 'PK-B1', name: '折河一号排污口', river_code: 'B' }],
      [point(9.9, 8.1), { code: 'PK-B3', name: '折河三号排污口', river_code: 'B' }],
    ],
  ],
  [
    'monitoring_sections',
    [
      [point(6, 6.05), { code: 'DM-B2', name: '折河中段', river_code: 'B' }],
      [point(9, 8), { code: 'DM-B3', name: '折河斜段对岸', river_code: 'B' }],
    ],
  ],
]

const ROOT2 = Math.SQRT2 * 1000
/** Metres, to well within a metre: the layout is exact to millimetres on the plane. */
const near = (actual: number, expected: number, label: string) =>
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.5)
const byCode = <T extends { code: string }>(list: T[], code: string) => list.find((x) => x.code === code)!

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let client: Client
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    for (const [layer, rows] of LAYERS) {
      const records = rows.map(([geometry, attributes], i) => ({ recordNo: i + 1, geometry, attributes }))
      await loadLayer(t.db, layer, records, { mode: 'replace', actor: 'test' })
    }
    client = await startClient(t.db)
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })

  const [lon, lat] = gk(4.1, 1)
  /** The trace, checked against the response schema. */
  const trace = async (path: string) => {
    const reply = await client.get(path)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    return TraceResponse.parse(reply.body)
  }

  it('measures downstream along bent reaches on the ellipsoid: start reach, later reaches, outfalls, sections', async () => {
    const body = await trace(`/api/network/downstream?lon=${lon}&lat=${lat}`)
    const reach = body.start.reach!
    expect(reach.code).toBe('B1')
    near(reach.distance_m, 100, 'P off B1')
    near(reach.length_m, 8000, 'B1 length')
    // P is 4 km east + 1 km north along B1's 8 km.
    expect(Math.abs(reach.fraction - 5000 / 8000)).toBeLessThanOrEqual(1e-4)
    expect(body.reaches.map((r) => r.code)).toEqual(['B1', 'B2', 'B3'])
    near(byCode(body.reaches, 'B2').distance_m, 3000, 'B2: rest of B1')
    near(byCode(body.reaches, 'B3').distance_m, 3000 + 6000, 'B3: rest of B1, all of B2')
    near(body.total_length_m, 3000 + 6000 + 3 * ROOT2, 'total')
    // PK-B1 lies on B1 before P: behind the start, left out. PK-B3's foot on B3 is (10,8).
    expect(body.outfalls.map((o) => o.code)).toEqual(['PK-B3'])
    near(body.outfalls[0].distance_m, 9000 + 2 * ROOT2, 'PK-B3 along')
    near(body.outfalls[0].offset_m, 0.1 * ROOT2, 'PK-B3 offset')
    // DM-B2 is 2 km north + 2 km east along B2; DM-B3 is 707 m off B3, beyond LOCATE_NEAR_M.
    expect(body.sections.map((s) => s.code)).toEqual(['DM-B2'])
    near(body.sections[0].distance_m, 3000 + 4000, 'DM-B2 along')
    near(body.sections[0].offset_m, 50, 'DM-B2 offset')
  })

  it('measures upstream along a bent start reach on the ellipsoid', async () => {
    const body = await trace(`/api/network/upstream?lon=${lon}&lat=${lat}`)
    expect(body.reaches.map((r) => r.code)).toEqual(['B1', 'B0'])
    near(byCode(body.reaches, 'B0').distance_m, 5000, 'B0: B1 up to P')
    near(body.total_length_m, 5000 + 4000, 'total')
    expect(body.outfalls.map((o) => o.code)).toEqual(['PK-B1'])
    near(body.outfalls[0].distance_m, 5000 - 2000, 'PK-B1 along')
  })

  it('snaps a section 707 m off a diagonal reach to its true nearest point, not the nearest in degrees', async () => {
    // The perpendicular from DM-B3 (9,8) meets B3 at (9.5,7.5), 1.5√2 km along it.
    const body = await trace('/api/network/upstream?section=DM-B3')
    const reach = body.start.reach!
    expect(reach.code).toBe('B3')
    near(reach.distance_m, 0.5 * ROOT2, 'DM-B3 off B3')
    expect(Math.abs(reach.fraction - 0.5)).toBeLessThanOrEqual(1e-4)
    expect(body.reaches.map((r) => r.code)).toEqual(['B3', 'B2', 'B1', 'B0'])
    const start = 1.5 * ROOT2
    near(byCode(body.reaches, 'B2').distance_m, start, 'B2')
    near(byCode(body.reaches, 'B1').distance_m, start + 6000, 'B1')
    near(byCode(body.reaches, 'B0').distance_m, start + 6000 + 8000, 'B0')
    near(body.total_length_m, start + 6000 + 8000 + 4000, 'total')
    // PK-B3 (2√2 km along B3) is downstream of the section: left out.
    expect(body.outfalls.map((o) => o.code)).toEqual(['PK-B1'])
    near(body.outfalls[0].distance_m, start + 6000 + (8000 - 2000), 'PK-B1 along')
    expect(body.sections.map((s) => s.code)).toEqual(['DM-B2'])
    near(body.sections[0].distance_m, start + (6000 - 4000), 'DM-B2 along')
  })
})
