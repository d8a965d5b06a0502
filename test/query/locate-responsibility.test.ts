// /api/locate on the park city (test/fixtures/query/park-city.ts), on every engine: the chiefs of
// every level the seed sets up (§3(一)2), the park acting at county level (属地管理, §3(二)2) and
// lake and reservoir chiefs (河(渠)湖库). Every expected list is read off the fixture by hand:
// the areas holding the point, the lakes within 200 m of it, and the assignments valid that day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocateResponse } from '../../server/http/routes/locate.ts'
import { gk } from '../fixtures/query/mini-city.ts'
import { loadParkCity } from '../fixtures/query/park-city.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type Client, startClient } from './http-client.ts'

const within = (actual: number, expected: number, share: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(expected * share)
const ids = (chiefs: { id: string; scope: { code: string } }[]) =>
  chiefs.map((c) => `${c.id}@${c.scope.code}`)

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let client: Client
  const locate = async (x: number, y: number, date: string) => {
    const [lon, lat] = gk(x, y)
    const { status, body } = await client.get(`/api/locate?lon=${lon}&lat=${lat}&date=${date}`)
    expect(status).toBe(200)
    return LocateResponse.parse(body)
  }
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadParkCity(t.db)
    client = await startClient(t.db)
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })

  it("on 滇池's water: the city's pair and 滇池's lake chief, 甲区's and 甲一街道's pair, across a change of chief", async () => {
    const before = await locate(1.5, 3, '2018-06-01')
    expect(before.park).toBeNull()
    expect(before.county_duty).toBe('county')
    expect(ids(before.chiefs)).toEqual([
      'G0@CA-CITY',
      'G1@CA-CITY',
      'G0@L-DC',
      'KA1@CA-A',
      'KAD@CA-A',
      'TA1@CA-A1',
      'TA1D@CA-A1',
    ])
    expect(before.chiefs.map((c) => `${c.level}/${c.role}`)).toEqual([
      'city/chief_general',
      'city/deputy_chief_general',
      'city/chief',
      'county/chief_general',
      'county/deputy_chief_general',
      'township/chief_general',
      'township/deputy_chief_general',
    ])
    expect(before.chiefs[2].scope).toMatchObject({ kind: 'lake', code: 'L-DC', name: '滇池', distance_m: 0 })
    expect(before.basin).toMatchObject({ governance: 'dianchi', authority: '市滇池管理局' })
    // The mayor and 甲区's secretary change on 2019-01-01 (valid_to exclusive).
    const after = await locate(1.5, 3, '2019-01-01')
    expect(ids(after.chiefs)).toEqual([
      'G0@CA-CITY',
      'G2@CA-CITY',
      'G0@L-DC',
      'KA2@CA-A',
      'KAD@CA-A',
      'TA1@CA-A1',
      'TA1D@CA-A1',
    ])
  })

  it("gives 滇池's chief to a point on the shore within the 200 m near distance, not beyond it", async () => {
    // The shore is the lake's edge x = 2 km, with a vertex at y = 3 km: the distances are 199 m and 201 m.
    const near = await locate(2.199, 3, '2018-06-01')
    const lake = near.chiefs.find((c) => c.scope.kind === 'lake')
    expect(lake?.scope.code).toBe('L-DC')
    within(lake?.scope.distance_m as number, 199, 0.002)
    const far = await locate(2.201, 3, '2018-06-01')
    expect(far.chiefs.filter((c) => c.scope.kind === 'lake')).toEqual([])
    expect(ids(far.chiefs)).toEqual([
      'G0@CA-CITY',
      'G1@CA-CITY',
      'KA1@CA-A',
      'KAD@CA-A',
      'TA1@CA-A1',
      'TA1D@CA-A1',
    ])
  })

  it("inside the park: the park's pair act at county level in place of 甲区's, and the park entry says so", async () => {
    const before = await locate(4.5, 3, '2019-12-31')
    expect(before.admin.map((a) => a.code)).toEqual(['530100000000', '530102000000', '530102002000'])
    expect(before.park).toEqual({
      id: expect.any(Number),
      code: 'P1',
      name: '度假区',
      committee: '度假区管理委员会',
    })
    expect(before.county_duty).toBe('park')
    expect(ids(before.chiefs)).toEqual(['G0@CA-CITY', 'G2@CA-CITY', 'PG1@CA-P1', 'PD@CA-P1', 'TA2@CA-A2'])
    const after = await locate(4.5, 3, '2020-01-01')
    expect(ids(after.chiefs)).toEqual(['G0@CA-CITY', 'G2@CA-CITY', 'PG2@CA-P1', 'PD@CA-P1', 'TA2@CA-A2'])
  })

  it("on a reservoir in the park: the park's 库长 at county level", async () => {
    const { chiefs } = await locate(4.5, 1.5, '2018-06-01')
    expect(ids(chiefs)).toEqual([
      'G0@CA-CITY',
      'G1@CA-CITY',
      'PG1@CA-P1',
      'PD@CA-P1',
      'PD@L-BING',
      'TA2@CA-A2',
    ])
    expect(chiefs[4]).toMatchObject({
      level: 'county',
      role: 'chief',
      scope: { kind: 'lake', distance_m: 0 },
    })
  })

  it("on a reservoir outside the park: 乙区's 库长 beside 乙区's and 乙一镇's pair", async () => {
    const answer = await locate(7.5, 1.5, '2018-06-01')
    expect(answer.park).toBeNull()
    expect(answer.county_duty).toBe('county')
    expect(ids(answer.chiefs)).toEqual([
      'G0@CA-CITY',
      'G1@CA-CITY',
      'KB@CA-B',
      'KBD@CA-B',
      'KS@L-DING',
      'TB1@CA-B1',
    ])
  })

  it("on 阳宗海: its city-level lake chief, under 市水务局 and the People's Congress group (seed §3(一)1, §3(二)3)", async () => {
    const before = await locate(10.5, 4.5, '2018-06-01')
    expect(ids(before.chiefs)).toEqual([
      'G0@CA-CITY',
      'G1@CA-CITY',
      'G1@L-YZH',
      'KB@CA-B',
      'KBD@CA-B',
      'TB2@CA-B2',
    ])
    expect(before.basin).toMatchObject({
      basin: '阳宗海流域',
      authority: '市水务局',
      office: '市河长制办公室',
      oversight: '人大督察组',
      managing_body: '阳宗海风景名胜区管理委员会',
    })
    const after = await locate(10.5, 4.5, '2019-06-01')
    expect(ids(after.chiefs)).toEqual([
      'G0@CA-CITY',
      'G2@CA-CITY',
      'G2@L-YZH',
      'KB@CA-B',
      'KBD@CA-B',
      'TB2@CA-B2',
    ])
  })

  it('outside every county and park: no park and nobody holds the county-level duty', async () => {
    const answer = await locate(20, 3, '2018-06-01')
    expect(answer).toMatchObject({ admin: [], park: null, county_duty: null, chiefs: [] })
  })

  it("shows a lake chief's lake as a scope of the chief page, with its area", async () => {
    const { status, body } = await client.get('/api/chiefs/PD?date=2018-06-01')
    expect(status).toBe(200)
    const lake = body.assignments.find((a: { scope: { kind: string } }) => a.scope.kind === 'lake')
    expect(lake.scope).toMatchObject({ code: 'L-BING', name: '丙水库' })
    within(lake.scope.area_m2, 1e6, 0.005)
    expect(
      body.scopes.features.map((f: { properties: { scope_code: string } }) => f.properties.scope_code).sort(),
    ).toEqual(['CA-P1', 'L-BING'])
  })
})
