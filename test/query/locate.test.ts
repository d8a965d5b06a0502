// GET and POST /api/locate on the mini city, on every engine. Expected values come from the
// fixture's Gauss–Krüger layout (plane arithmetic), never from the code under test.
import gcoordModule from 'gcoord'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LocateBatchResponse, LocateResponse } from '../../server/http/routes/locate.ts'
import { E0, gk, gkMetres, N0 } from '../fixtures/query/mini-city.ts'
import { ENGINES } from '../support/test-database.ts'
import { type MiniCity, openMiniCity } from './mini-city-store.ts'

const gcoord = gcoordModule as unknown as typeof gcoordModule.default
const within = (actual: number, expected: number, share = 0.005) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(expected * share + 1e-6)
const at = (x: number, y: number, extra = '') => {
  const [lon, lat] = gk(x, y)
  return `/api/locate?lon=${lon}&lat=${lat}${extra}`
}
const ids = (chiefs: { id: string; scope: { code: string } }[]) =>
  chiefs.map((c) => `${c.id}@${c.scope.code}`)

describe.each(ENGINES)('%s engine', (engine) => {
  let city: MiniCity
  beforeAll(async () => {
    city = await openMiniCity(engine, { MAX_BATCH: '2000' })
  })
  afterAll(() => city?.dispose())

  it('answers a point inland: admin chain, 滇池 governance inherited by a nested basin, area chief, zones, nearest reach', async () => {
    const { status, body } = await city.client.get(at(2, 7, '&date=2018-06-01'))
    expect(status).toBe(200)
    LocateResponse.parse(body)
    expect(body.admin.map((a: { code: string }) => a.code)).toEqual([
      '530100000000',
      '530102000000',
      '530102002000',
    ])
    // (2, 7) lies in 盘龙江流域, which says nothing itself: the rule follows the 滇池 basin around it.
    expect(body.basin).toEqual({
      basin_id: expect.any(Number),
      basin_code: 'DC-PLJ',
      basin: '盘龙江流域',
      governance: 'dianchi',
      authority: '市滇池管理局',
      office: '滇池流域河长制办公室',
      oversight: '人大督察组',
      managing_body: null,
      source: 'layer',
      rule_source: 'seed §3(一)1, §3(二)3',
    })
    expect(ids(body.chiefs)).toEqual(['C-CITY@CA-CITY'])
    expect(body.zones.water_source.map((z: { grade: string }) => z.grade).sort()).toEqual(['first', 'second'])
    expect(body.near_reaches).toEqual([])
    expect(body.nearest_reach.code).toBe('R1-1')
    within(body.nearest_reach.distance_m, 4000)
  })

  it("gives a point 150 m from a reach that reach's chiefs at every level, as of the date", async () => {
    const before = (await city.client.get(at(2, 3.15, '&date=2018-06-01'))).body
    expect(ids(before.chiefs)).toEqual([
      'C-CITY@CA-CITY',
      'D1@R1-1',
      'K1@R1-1',
      'T1@R1-1',
      'V1@R1-1',
      'S1@VG1',
    ])
    expect(before.chiefs.map((c: { level: string }) => c.level)).toEqual([
      'city',
      'city',
      'county',
      'township',
      'village',
      'village_group',
    ])
    expect(before.chiefs[1]).toMatchObject({
      name: '冯市',
      role: 'chief',
      position: '副市长',
      contact: '0871-101',
    })
    within(before.chiefs[1].scope.distance_m, 150)
    expect(before.zones.shoreline).toMatchObject([{ function: 'protection' }])
    expect(before.zones.water_function).toMatchObject([{ code: 'WF1', target_class: 'III', important: true }])
    expect(before.zones.blue_lines).toEqual([])
    // valid_to is exclusive: on 2019-01-01 K2 has taken over from K1.
    const after = (await city.client.get(at(2, 3.15, '&date=2019-01-01'))).body
    expect(ids(after.chiefs)).toContain('K2@R1-1')
    expect(ids(after.chiefs)).not.toContain('K1@R1-1')
    const lastDay = (await city.client.get(at(2, 3.15, '&date=2018-12-31'))).body
    expect(ids(lastDay.chiefs)).toContain('K1@R1-1')
  })

  it('applies the 200 m near-river rule on the ellipsoid: 199 m is near, 201 m is not', async () => {
    const near = (await city.client.get(at(4, 3.199, '&date=2018-06-01'))).body
    const far = (await city.client.get(at(4, 3.201, '&date=2018-06-01'))).body
    expect(near.near_reaches.map((r: { code: string }) => r.code)).toEqual(['R1-1'])
    within(near.near_reaches[0].distance_m, 199, 0.002)
    expect(ids(near.chiefs)).toContain('V1@R1-1')
    expect(far.near_reaches).toEqual([])
    expect(ids(far.chiefs)).toEqual(['C-CITY@CA-CITY'])
    within(far.nearest_reach.distance_m, 201, 0.002)
  })

  it('returns both areas for a point exactly on a shared boundary vertex, and at least one mid-edge', async () => {
    const vertex = (await city.client.get(at(5, 5))).body
    const codes = vertex.admin.map((a: { code: string }) => a.code)
    expect(codes).toEqual(expect.arrayContaining(['530102000000', '530103000000']))
    expect(codes).toEqual(expect.arrayContaining(['530102001000', '530102002000', '530103001000']))
    const [a, b] = [gk(5, 5), gk(5, 5.5)]
    const mid = (await city.client.get(`/api/locate?lon=${(a[0] + b[0]) / 2}&lat=${(a[1] + b[1]) / 2}`)).body
    const counties = mid.admin.filter((x: { level: string }) => x.level === 'county')
    expect(counties.length).toBeGreaterThanOrEqual(1)
  })

  it('uses the default regime where no basin says anything (金沙江: Water Affairs Bureau, CPPCC group)', async () => {
    const { body } = await city.client.get(at(8, 8))
    expect(body.basin).toMatchObject({
      basin: '金沙江流域',
      governance: 'other',
      authority: '市水务局',
      office: '市河长制办公室',
      oversight: '政协督察组',
      source: 'default',
    })
    expect(body.zones.water_resource).toMatchObject([{ colour: 'red', rule: '禁止新增取水' }])
  })

  it("puts 阳宗海 under the Water Affairs Bureau and the People's Congress group; its own committee is only shown", async () => {
    // seed §3(一)1: outside the 滇池 basin 市水务局 and the city office; §3(二)3: 人大督察组 for 阳宗海.
    const { body } = await city.client.get(at(9.6, 9.6))
    expect(body.basin).toMatchObject({
      basin: '阳宗海流域',
      governance: 'yangzonghai',
      authority: '市水务局',
      office: '市河长制办公室',
      oversight: '人大督察组',
      managing_body: '阳宗海风景名胜区管理委员会',
      source: 'layer',
    })
  })

  it('answers 200 with empty lists in the middle of nowhere', async () => {
    const { status, body } = await city.client.get('/api/locate?lon=90&lat=0')
    expect(status).toBe(200)
    expect(body).toMatchObject({ admin: [], basin: null, chiefs: [], near_reaches: [], nearest_reach: null })
    expect(Object.values(body.zones).every((list) => Array.isArray(list) && list.length === 0)).toBe(true)
  })

  it('reads Gauss–Krüger (with and without zone prefix) and GCJ-02 input to the same place', async () => {
    const [e, n] = gkMetres(2, 3.15)
    const plain = (await city.client.get(`/api/locate?lon=${e}&lat=${n}&crs=EPSG:4543&date=2018-06-01`)).body
    const prefixed = (
      await city.client.get(`/api/locate?lon=${e + 34_000_000}&lat=${n}&crs=EPSG:4522&date=2018-06-01`)
    ).body
    const [lon, lat] = gk(2, 3.15)
    const [gx, gy] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as number[]
    const shifted = (await city.client.get(`/api/locate?lon=${gx}&lat=${gy}&crs=gcj02&date=2018-06-01`)).body
    for (const body of [plain, prefixed, shifted]) {
      expect(body.point.lon).toBeCloseTo(lon, 7)
      expect(body.point.lat).toBeCloseTo(lat, 7)
      expect(ids(body.chiefs)).toContain('K1@R1-1')
    }
    expect(plain.crs).toBe('EPSG:4543')
    expect(shifted.crs).toBe('GCJ-02')
  })

  it('warns when an old datum is converted without local parameters (Xian 1980)', async () => {
    const { status, body } = await city.client.get(
      `/api/locate?lon=${E0 + 2000}&lat=${N0 + 3150}&crs=EPSG:2379`,
    )
    expect(status).toBe(200)
    expect(body.crs).toBe('EPSG:2379')
    expect(body.warnings.join(' ')).toMatch(/7-parameter.*tens of metres/)
  })

  it.each([
    ['/api/locate?lat=25', /lon is required/],
    ['/api/locate?lon=abc&lat=25', /lon must be a finite number, got "abc"/],
    ['/api/locate?lon=NaN&lat=25', /lon must be a finite number/],
    ['/api/locate?lon=102.7&lat=95', /outside the valid range of EPSG:4490/],
    ['/api/locate?lon=102.7&lat=25&crs=EPSG:0000', /unknown or unsupported CRS 'EPSG:0000'/],
    ['/api/locate?lon=102.7&lat=25&date=2018-02-30', /date is not a real calendar date/],
    ['/api/locate?lon=102.7&lat=25&date=yesterday', /date must be YYYY-MM-DD/],
    ['/api/locate?lon=102.7&lon=102.8&lat=25', /lon is given more than once/],
  ])('refuses %s with a 400 naming the problem', async (path, message) => {
    const { status, body } = await city.client.get(path)
    expect(status).toBe(400)
    expect(body.error.message).toMatch(message)
  })

  it('answers a batch in order, the same as one by one, with points as pairs or objects', async () => {
    const points = [gk(2, 7), gk(2, 3.15), [90, 0], gk(8, 8)]
    const { status, body } = await city.client.post('/api/locate', {
      points: points.map((p, i) => (i % 2 ? { lon: p[0], lat: p[1] } : p)),
      date: '2018-06-01',
    })
    expect(status).toBe(200)
    LocateBatchResponse.parse(body)
    expect(body.count).toBe(4)
    for (const [i, p] of points.entries()) {
      const single = (await city.client.get(`/api/locate?lon=${p[0]}&lat=${p[1]}&date=2018-06-01`)).body
      const { date: _d, crs: _c, near_m: _n, warnings: _w, ...answer } = single
      expect(body.results[i]).toEqual(answer)
    }
  })

  it('answers a batch of 1 500 points (several statements) in order', async () => {
    const points = Array.from({ length: 1500 }, (_, i) => gk((i % 50) / 5, Math.floor(i / 50) / 3))
    const { status, body } = await city.client.post('/api/locate', { points })
    expect(status).toBe(200)
    expect(body.results).toHaveLength(1500)
    for (const i of [0, 499, 500, 1499]) {
      expect(body.results[i].point.lon).toBeCloseTo(points[i][0], 9)
      expect(body.results[i].point.lat).toBeCloseTo(points[i][1], 9)
    }
  })

  it.each([
    [
      { points: Array.from({ length: 2001 }, () => [102.7, 25]) },
      /2001 points is over the batch limit of 2000/,
    ],
    [{ points: [] }, /points must hold at least one point/],
    [{}, /points/],
    [
      {
        points: [
          [102.7, 25],
          [102.7, 'x'],
        ],
      },
      /points.1: a point is \[x, y\]/,
    ],
    [
      {
        points: [
          [102.7, 25],
          [102.7, 125],
        ],
      },
      /points\[1\]: \[102.7, 125\] is outside the valid range/,
    ],
  ])('refuses a bad batch with a 400 naming the problem (%#)', async (payload, message) => {
    const { status, body } = await city.client.post('/api/locate', payload)
    expect(status).toBe(400)
    expect(body.error.message).toMatch(message)
  })
})
