// POST /api/reports routes a report by place (seed §6(五)), on every engine: to the lowest-level
// chief of a reach or lake within LOCATE_NEAR_M (200 m), else to the lowest-level area chief
// holding the point; to the 滇池 basin office inside 滇池's basin, else the city office; to the
// People's Congress group for 滇池 and 阳宗海, else the CPPCC group (§3(一)1, §3(二)3). Every
// expected chief, office and distance is read off the hand-built fixture (report-city.ts).

import * as turf from '@turf/turf'
import gcoordModule from 'gcoord'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gk } from '../fixtures/query/mini-city.ts'
import { loadReportCity } from '../fixtures/reports/report-city.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type ReportClient, startReportClient } from './report-client.ts'

// gcoord's CommonJS default export, as test/query/locate.test.ts reads it.
const gcoord = gcoordModule as unknown as typeof gcoordModule.default
const DIANCHI = { code: 'dianchi', name: '滇池流域河长制办公室' }
const CITY = { code: 'city', name: '市河长制办公室' }
const NPC = { name: '人大督察组' }
const CPPCC = { name: '政协督察组' }

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let client: ReportClient
  const file = async (point: unknown, crs?: string) => {
    const { status, body } = await client.send('POST', '/api/reports', {
      point,
      ...(crs ? { crs } : {}),
      category: 'pollution',
      text: '河里有油污',
    })
    expect(status, JSON.stringify(body)).toBe(201)
    return body
  }
  const at = (x: number, y: number) => file(gk(x, y))
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadReportCity(t.db)
    client = await startReportClient(t.db, { REPORT_RATE_LIMIT: '1000', LOCATE_NEAR_M: '200' })
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })

  it('near a reach outside both basins: the reach chief at the lowest level (village over township), the city office, the CPPCC group', async () => {
    // R1 runs along y = 0.5 km: the point is 100 m from it; 丁水库 ([7,8]×[1,2]) is 400 m away.
    const report = await at(7.5, 0.6)
    expect(report.status).toBe('received')
    expect(report.routed.chief).toMatchObject({
      id: 'VR1',
      name: '申村长',
      position: '乙一村河长',
      level: 'village',
      scope: { kind: 'reach', code: 'R1' },
    })
    expect(Math.abs(report.routed.chief.scope.distance_m - 100)).toBeLessThan(0.5)
    expect(report.routed.office).toEqual(CITY)
    expect(report.routed.oversight).toEqual(CPPCC)
  })

  it('away from every reach and lake: the village area chief', async () => {
    // CA-V1 [6,9]×[2.5,3.5]: R1 is 2.5 km away, 丁水库 1 km, R9 (y = 5.5) 2.5 km.
    const report = await at(7.5, 3)
    expect(report.routed.chief).toMatchObject({
      id: 'VA1',
      level: 'village',
      scope: { kind: 'area', code: 'CA-V1' },
    })
    expect(report.routed.office).toEqual(CITY)
  })

  it('with no village area either: the township chief-in-general, before the county and city ones', async () => {
    const report = await at(10.5, 1)
    expect(report.routed.chief).toMatchObject({
      id: 'TB2',
      level: 'township',
      role: 'chief_general',
      scope: { kind: 'area', code: 'CA-B2' },
    })
    expect(report.routed.office).toEqual(CITY)
    expect(report.routed.oversight).toEqual(CPPCC)
  })

  it("in 阳宗海's basin: still the city office, but the People's Congress group oversees", async () => {
    // 阳宗海 the lake [10,11]×[4,5] is 500 m away: the township area decides.
    const report = await at(10.5, 3.5)
    expect(report.routed.chief).toMatchObject({ id: 'TB2' })
    expect(report.routed.office).toEqual(CITY)
    expect(report.routed.oversight).toEqual(NPC)
  })

  it("inside 滇池's basin near a reach with only a county chief: that chief, the 滇池 basin office", async () => {
    const report = await at(1.5, 5.4)
    expect(report.routed.chief).toMatchObject({
      id: 'KR2',
      level: 'county',
      scope: { kind: 'reach', code: 'R2' },
    })
    expect(Math.abs(report.routed.chief.scope.distance_m - 100)).toBeLessThan(0.5)
    expect(report.routed.office).toEqual(DIANCHI)
    expect(report.routed.oversight).toEqual(NPC)
  })

  it("on 滇池's shore: the lake's city chief, water before the township's area chief", async () => {
    // The shore x = 2 km is 100 m off; 甲一街道's chief-in-general TA1 holds the area, one level lower.
    const report = await at(2.1, 3)
    expect(report.routed.chief).toMatchObject({
      id: 'G0',
      level: 'city',
      scope: { kind: 'lake', code: 'L-DC' },
    })
    expect(report.routed.office).toEqual(DIANCHI)
  })

  it("in the park: on its reservoir the park's 库长; away from water the park's township chief-in-general", async () => {
    const water = await at(4.5, 1.5)
    expect(water.routed.chief).toMatchObject({
      id: 'PD',
      level: 'county',
      scope: { kind: 'lake', code: 'L-BING', distance_m: 0 },
    })
    expect(water.routed.office).toEqual(DIANCHI)
    const land = await at(4.5, 4.5)
    expect(land.routed.chief).toMatchObject({ id: 'TA2', level: 'township', scope: { code: 'CA-A2' } })
  })

  it('from GCJ-02 coordinates: the same routing as the WGS 84 twin, stored at the same place', async () => {
    const wgs = gk(7.5, 0.6)
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number]
    // The shift near Kunming is hundreds of metres: without the conversion R1 would be out of reach.
    expect(turf.distance(wgs, gcj, { units: 'meters' })).toBeGreaterThan(300)
    const twin = await file(wgs)
    const shifted = await file({ type: 'Point', coordinates: gcj }, 'gcj02')
    const withoutDistance = (routed: typeof twin.routed) => {
      const { distance_m, ...scope } = routed.chief.scope
      return { routed: { ...routed, chief: { ...routed.chief, scope } }, distance_m }
    }
    const [a, b] = [withoutDistance(twin.routed), withoutDistance(shifted.routed)]
    expect(b.routed).toEqual(a.routed)
    expect(a.routed.chief.id).toBe('VR1')
    expect(Math.abs(b.distance_m - a.distance_m)).toBeLessThan(0.5)
    const { body } = await client.send('GET', `/api/reports/${shifted.id}`)
    expect(turf.distance(wgs, body.geometry.coordinates, { units: 'meters' })).toBeLessThan(0.5)
  })

  it('refuses a point outside every administrative area of the city (400 outside_area)', async () => {
    const { status, body } = await client.send('POST', '/api/reports', {
      point: gk(20, 3),
      category: 'other',
      text: '城外',
    })
    expect(status).toBe(400)
    expect(body.error.code).toBe('outside_area')
  })
})
