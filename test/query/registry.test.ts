// GET /api/registry and /api/registry.csv (河(渠)湖库名录, seed §5(一)) on the mini city with its
// waters (mini-city-waters.ts), on every engine. Every expected value is worked out by hand from
// the fixture's kilometre grid: lengths and areas are plane arithmetic, chiefs follow the
// assignments table of the fixture on the date asked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { RegistryResponse } from '../../server/http/routes/registry.ts'
import { loadMiniCityWaters } from '../fixtures/query/mini-city-waters.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

function within(actual: number | null, expected: number, share = 0.0001) {
  expect(actual).toBeTypeOf('number')
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    expected * share,
  )
}

const JIA = { code: '530102000000', name: '甲区' }
const YI = { code: '530103000000', name: '乙区' }

type Registry = z.infer<typeof RegistryResponse>

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  const get = async (query: string) => {
    const res = await fetch(`${app.url}/api/registry?${query}`)
    return { status: res.status, body: (await res.json()) as Registry }
  }
  const chiefsOf = (body: Registry, code: string) =>
    body.water_bodies.find((w) => w.code === code)?.chiefs.map((c) => `${c.level}:${c.id}`)

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadMiniCityWaters(t.db)
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('lists every river, canal and reservoir by level with counties, length or area and chiefs', async () => {
    const { status, body } = await get('date=2018-06-01')
    expect(status).toBe(200)
    RegistryResponse.parse(body)
    expect(body.date).toBe('2018-06-01')
    // City first; within a level rivers before lakes; then by code.
    expect(body.water_bodies.map((w) => w.code)).toEqual(['R1', 'T1', 'L1', 'C1'])
    expect(body.count).toBe(4)
    const [r1, t1, l1, c1] = body.water_bodies
    expect(r1).toMatchObject({
      layer: 'rivers',
      name: '甲河',
      kind: 'river',
      management_level: 'city',
      area_m2: null,
    })
    // 甲河 runs y = 3 km from x = 0 to 10: through both counties, 10 km.
    expect(r1.counties).toEqual([JIA, YI])
    within(r1.length_m, 10_000)
    // 乙河 at x = 7 km from y = 9 to 3: 乙区 only, 6 km.
    expect(t1).toMatchObject({ kind: 'river', management_level: 'county', counties: [YI] })
    within(t1.length_m, 6_000)
    // 丁水库 [4,5]×[7,8] only touches 乙区 at x = 5: it lies in 甲区; 1 km².
    expect(l1).toMatchObject({
      layer: 'lakes',
      kind: 'reservoir',
      management_level: 'county',
      length_m: null,
    })
    expect(l1.counties).toEqual([JIA])
    within(l1.area_m2, 1_000_000)
    // 丙渠 (10,3)→(10,1)→(0,1)→(0,3): 2 + 10 + 2 km, through both counties.
    expect(c1).toMatchObject({ kind: 'canal', management_level: 'township', counties: [JIA, YI] })
    within(c1.length_m, 14_000)
  })

  it('names the chiefs on the date: reach chiefs once per chief, the area chief outside 滇池, the 库长', async () => {
    const { body } = await get('date=2018-06-01')
    // 甲河: D1 holds its three reaches, A1 the area [6,10]×[0,10] it crosses (seed §3(一)2);
    // county K3 (R1-2, R1-3) and K1 (R1-1); township T1; village V1. Names sort by code point
    // within a role: 冯 U+51AF < 陈 U+9648, 周 U+5468 < 李 U+674E. Not C-CITY (chief-in-general)
    // nor S1 (a specialist's area).
    expect(chiefsOf(body, 'R1')).toEqual([
      'city:D1',
      'city:A1',
      'county:K3',
      'county:K1',
      'township:T1',
      'village:V1',
    ])
    const d1 = body.water_bodies[0].chiefs[0]
    expect(d1).toMatchObject({ name: '冯市', role: 'chief', position: '副市长' })
    expect(d1.scopes).toEqual([
      { kind: 'reach', code: 'R1-1' },
      { kind: 'reach', code: 'R1-2' },
      { kind: 'reach', code: 'R1-3' },
    ])
    expect(body.water_bodies[0].chiefs[1].scopes).toEqual([{ kind: 'area', code: 'CA-530103-S' }])
    expect(chiefsOf(body, 'T1')).toEqual(['city:A1', 'county:K4'])
    expect(chiefsOf(body, 'L1')).toEqual(['county:LK1'])
    expect(chiefsOf(body, 'C1')).toEqual(['city:A1'])
    // Across the changes of 2019-01-01: K2 follows K1 on R1-1, LK2 follows LK1 (赵 U+8D75 > 周).
    const later = (await get('date=2019-06-01')).body
    expect(chiefsOf(later, 'R1')).toEqual([
      'city:D1',
      'city:A1',
      'county:K3',
      'county:K2',
      'township:T1',
      'village:V1',
    ])
    expect(chiefsOf(later, 'L1')).toEqual(['county:LK2'])
  })

  it.each([
    ['level=county', ['T1', 'L1']],
    ['level=township', ['C1']],
    ['level=village', []],
    [`county=${YI.code}`, ['R1', 'T1', 'C1']],
    [`county=${JIA.code}`, ['R1', 'L1', 'C1']],
    ['kind=canal', ['C1']],
    ['kind=reservoir', ['L1']],
    [`kind=river&county=${JIA.code}`, ['R1']],
  ])('filters by %s', async (query, codes) => {
    const { status, body } = await get(`${query}&date=2018-06-01`)
    expect(status).toBe(200)
    expect(body.water_bodies.map((w) => w.code)).toEqual(codes)
  })

  it.each([
    ['level=province', 400, /level must be one of city, county, township, village/],
    ['county=5301', 400, /county must be a 12-digit division code/],
    ['kind=sea', 400, /kind must be one of river, canal, lake, reservoir, pond/],
    ['date=2018-02-30', 400, /not a real calendar date/],
    ['county=530199000000', 404, /no county with code 530199000000/],
  ])('refuses %s with %i and a message naming it', async (query, status, message) => {
    for (const path of ['/api/registry', '/api/registry.csv']) {
      const res = await fetch(`${app.url}${path}?${query}`)
      expect(res.status, path).toBe(status)
      const text = await res.text()
      expect(JSON.parse(text).error.message, path).toMatch(message)
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/)
    }
  })

  it('downloads the same list as CSV in UTF-8 with a BOM, CRLF records and Chinese headers', async () => {
    const res = await fetch(`${app.url}/api/registry.csv?level=county&date=2018-06-01`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?registry-2018-06-01\.csv"?$/,
    )
    const bytes = Buffer.from(await res.arrayBuffer())
    // The BOM EF BB BF, the header, then 乙河's record, byte for byte.
    const header = '类别,编码,名称,类型,管理级别,流经县(市)区,长度(米),面积(平方米),责任河长(湖长)\r\n'
    const t1 = '河流渠道,T1,乙河,河流,县级,乙区,6000,,陈市(市级河长，副市长)；吴县(县级河长，乙区副区长)\r\n'
    const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + t1, 'utf8')])
    expect(bytes.subarray(0, expected.length).equals(expected)).toBe(true)
    // Then 丁水库's record with its 库长, its area rounded to whole m², and nothing else.
    const rest = bytes.subarray(expected.length).toString('utf8')
    const match = rest.match(/^湖泊水库,L1,丁水库,水库,县级,甲区,,(\d+),林库\(县级库长，甲区副区长\)\r\n$/)
    expect(match, rest).not.toBeNull()
    within(Number(match![1]), 1_000_000)
  })
})
