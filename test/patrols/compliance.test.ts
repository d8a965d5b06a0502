// GET /api/patrols/compliance (seed §5(四)) on the compliance city (compliance-fixture.ts), on
// every engine. Each expected count is worked out by hand from the fixture's dates: the calendar
// windows of each level, the days each chief held their scope, and which patrols are theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { ComplianceResponse } from '../../server/http/routes/patrol-compliance.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { loadComplianceCity } from './compliance-fixture.ts'

type Compliance = z.infer<typeof ComplianceResponse>
type Chief = Compliance['chiefs'][number]

const HALF_YEAR = 'from=2023-01-01&to=2023-06-30'

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let vgApp: RunningApp
  const get = async (query: string, on = app) => {
    const res = await fetch(`${on.url}/api/patrols/compliance?${query}`)
    const body = (await res.json()) as Compliance
    expect(res.status, JSON.stringify(body)).toBe(200)
    ComplianceResponse.parse(body)
    return body
  }
  const chief = (body: Compliance, id: string) => {
    const found = body.chiefs.find((c) => c.chief_id === id)
    expect(found, `${id} listed`).toBeDefined()
    return found as Chief
  }
  const windows = (c: Chief) =>
    c.windows.map((w) => `${w.from}..${w.to} ${w.required ? 'owed' : '-'} ${w.done}`)

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadComplianceCity(t.db)
    app = await serveApp(t.db)
    vgApp = await serveApp(t.db, { PATROL_FREQUENCY_VILLAGE_GROUP: 'month' })
  })
  afterAll(async () => {
    await app?.close()
    await vgApp?.close()
    await t?.dispose()
  })

  it('lists river and lake chiefs and specialists, city first then by name; not a deputy holding only an area', async () => {
    const body = await get(HALF_YEAR)
    expect(body).toMatchObject({ from: '2023-01-01', to: '2023-06-30' })
    // 城 U+57CE < 总 U+603B; 县 U+53BF < 湖 U+6E56, 一 < 二; 村一 < 村二.
    expect(body.chiefs.map((c) => `${c.level}:${c.chief_id}`)).toEqual([
      'city:CITY1',
      'city:CG1',
      'county:K1',
      'county:K2',
      'county:LK1',
      'village:VIL1',
      'village:VIL2',
      'village_group:S1',
    ])
  })

  it('counts a city chief by Kunming quarters: 20:00 on 31 March in Q1, 07:00 on 1 April in Q2', async () => {
    const c = chief(await get(HALF_YEAR), 'CITY1')
    expect(c).toMatchObject({ name: '城一', role: 'chief', required: 2, done: 2, pass: true, uncovered: [] })
    expect(windows(c)).toEqual(['2023-01-01..2023-03-31 owed 1', '2023-04-01..2023-06-30 owed 1'])
    // Q1 alone: the 1 April patrol (31 March in UTC) lies outside.
    const q1 = chief(await get('from=2023-01-01&to=2023-03-31'), 'CITY1')
    expect(q1).toMatchObject({ required: 1, done: 1, pass: true })
    const q2 = chief(await get('from=2023-04-01&to=2023-06-30'), 'CITY1')
    expect(q2).toMatchObject({ required: 1, done: 1, pass: true })
  })

  it('counts a village chief by half-months: the 15th and the 16th fall in different windows', async () => {
    const body = await get('from=2023-01-01&to=2023-01-31&level=village')
    expect(body.chiefs.map((c) => c.chief_id)).toEqual(['VIL1', 'VIL2'])
    const [vil1, vil2] = body.chiefs
    expect(windows(vil1)).toEqual(['2023-01-01..2023-01-15 owed 1', '2023-01-16..2023-01-31 owed 1'])
    expect(vil1).toMatchObject({ required: 2, done: 2, pass: true })
    // 丙渠 is held but never walked: the track stays over 500 m from it.
    expect(vil1.uncovered).toEqual([{ scope_kind: 'reach', code: 'C1-1', name: '丙渠' }])
    // The 14th and 15th both fall in the first half; the off-scope walk on the 20th never counts.
    expect(windows(vil2)).toEqual(['2023-01-01..2023-01-15 owed 2', '2023-01-16..2023-01-31 owed 0'])
    expect(vil2).toMatchObject({ required: 2, done: 2, pass: false, uncovered: [] })
    // Over the half-year a village chief owes 12 half-months.
    const year = chief(await get(HALF_YEAR), 'VIL1')
    expect(year).toMatchObject({ required: 12, done: 2, pass: false })
  })

  it('a mid-period change of chief: each owes only the windows they held for at least half', async () => {
    const body = await get(`${HALF_YEAR}&level=county`)
    const k1 = chief(body, 'K1')
    const k2 = chief(body, 'K2')
    // Jan–Feb has 59 days: K1 held 40 (owes it), K2 19 (does not). K1's walk of 5 March, after the
    // hand-over, is not K1's to count.
    expect(windows(k1)).toEqual([
      '2023-01-01..2023-02-28 owed 1',
      '2023-03-01..2023-04-30 - 0',
      '2023-05-01..2023-06-30 - 0',
    ])
    expect(k1).toMatchObject({ required: 1, done: 1, pass: true })
    expect(windows(k2)).toEqual([
      '2023-01-01..2023-02-28 - 1',
      '2023-03-01..2023-04-30 owed 1',
      '2023-05-01..2023-06-30 owed 0',
    ])
    expect(k2).toMatchObject({ required: 2, done: 2, pass: false })
    // A lake chief never on the shore: every window missed, the lake uncovered.
    expect(chief(body, 'LK1')).toMatchObject({
      required: 3,
      done: 0,
      pass: false,
      uncovered: [{ scope_kind: 'lake', code: 'L1', name: '丁水库' }],
    })
  })

  it('counts a chief-in-general only for the reach they also hold as river chief', async () => {
    // The walk along 甲河 on 10 May, inside their city area, does not patrol 乙河上段.
    const cg = chief(await get(HALF_YEAR), 'CG1')
    expect(cg).toMatchObject({
      level: 'city',
      role: 'chief',
      required: 2,
      done: 1,
      pass: false,
      uncovered: [],
    })
    expect(cg.scopes).toEqual([{ scope_kind: 'reach', code: 'T1-1' }])
  })

  it('lists village-group specialists without pass or fail unless a frequency is configured', async () => {
    const s1 = chief(await get(HALF_YEAR), 'S1')
    expect(s1).toMatchObject({
      role: 'specialist',
      required: 0,
      done: 1,
      pass: null,
      windows: [],
      uncovered: [],
    })
    const monthly = chief(await get(HALF_YEAR, vgApp), 'S1')
    expect(monthly).toMatchObject({ required: 6, done: 1, pass: false })
    expect(windows(monthly)[0]).toBe('2023-01-01..2023-01-31 owed 1')
  })

  it('filters by county: chiefs holding something whose interior meets it', async () => {
    // 甲区 (x 0–5): 甲河甲区段 and 丙渠 (VIL1), 东村一组 (S1), 丁水库 (LK1). 甲河乙区上段 only ends on the border.
    const jia = await get(`${HALF_YEAR}&county=530102000000`)
    expect(jia.chiefs.map((c) => c.chief_id)).toEqual(['LK1', 'VIL1', 'S1'])
    const yi = await get(`${HALF_YEAR}&county=530103000000`)
    expect(yi.chiefs.map((c) => c.chief_id)).toEqual(['CITY1', 'CG1', 'K1', 'K2', 'VIL1', 'VIL2'])
  })
})
