// The water-quality rules and GET /api/targets (seed §2) on the hand-built fixture of
// targets-fixture.ts, on every engine. Every expected class and rate below is counted by hand
// from that file's layout and measurements; wetland areas are plane arithmetic on its
// Gauss–Krüger grid (within 1e-4 of the ellipsoid there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { TraceResponse } from '../../server/http/routes/network.ts'
import { TargetsResponse } from '../../server/http/routes/targets.ts'
import { functionZoneClasses } from '../../server/water-quality/function-zone-class.ts'
import { sectionYearClasses } from '../../server/water-quality/section-year-class.ts'
import type { Target } from '../../server/water-quality/targets/target.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { loadTargetFixture } from './targets-fixture.ts'

type Targets = z.infer<typeof TargetsResponse>

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let y2020: Targets
  const target = (body: Targets, id: string): Target => {
    const found = body.targets.find((x) => x.id === id)
    if (!found) throw new Error(`no target ${id}`)
    return found
  }
  const feature = (tg: Target, code: string | null, name?: string) => {
    const found = tg.features.find((f) => (name ? f.name === name : f.code === code))
    if (!found) throw new Error(`no feature ${code ?? name} in ${tg.id}`)
    return found
  }
  const get = async (query: string) => {
    const res = await fetch(`${app.url}/api/targets${query}`)
    return { status: res.status, body: await res.json() }
  }

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadTargetFixture(t.db)
    app = await serveApp(t.db)
    const res = await get('?year=2020')
    expect(res.status).toBe(200)
    y2020 = TargetsResponse.parse(res.body)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it("takes a section's class for a year as the median, the worse middle class of an even count", async () => {
    const classes = await sectionYearClasses(t.db, 2020)
    const of = (code: string) => [classes.get(code)?.water_class, classes.get(code)?.samples]
    // Odd: II, III, IV → III; 2019-12-31 and 2021-01-01 lie outside 2020.
    expect(of('S01')).toEqual(['III', 3])
    // Even: II, III, IV, V → the worse of III and IV.
    expect(of('S02')).toEqual(['IV', 4])
    // Even: V, V, 劣V, 劣V → 劣V.
    expect(of('S03')).toEqual(['worse_than_V', 4])
    expect(of('S04')).toEqual(['V', 2])
    expect(of('S06')).toEqual(['II', 3])
    expect(of('S07')).toEqual(['IV', 2])
    // Measured only in 2019.
    expect(of('S08')).toEqual([null, 0])
    expect((await sectionYearClasses(t.db, 2019)).get('S08')?.water_class).toBe('worse_than_V')
    expect((await sectionYearClasses(t.db, 2021)).get('S01')).toMatchObject({
      water_class: 'worse_than_V',
      samples: 1,
    })
  })

  it("takes a function zone's class as the worst of the sections inside it or on its river near it", async () => {
    const zones = await functionZoneClasses(t.db, await sectionYearClasses(t.db, 2020))
    const zone = (code: string) => zones.find((z) => z.code === code)
    // S01 inside; S10 of its river 30 m off the band counts, S11 150 m off does not (it is 劣V).
    expect(zone('WF-A')).toMatchObject({ water_class: 'IV', worst_section: 'S10', sections: ['S01', 'S10'] })
    // S13 of another river inside the band counts; S08 has no 2020 class.
    expect(zone('WF-B')).toMatchObject({
      water_class: 'V',
      worst_section: 'S13',
      sections: ['S07', 'S08', 'S13'],
    })
    expect(zone('WF-C')).toMatchObject({ water_class: 'worse_than_V', sections: ['S02', 'S03'] })
    expect(zone('WF-D')).toMatchObject({ water_class: null, worst_section: null, sections: [] })
    expect(zone('WF-E')).toMatchObject({ water_class: 'III', sections: ['S05'] })
  })

  it('lists the targets in the seed order with the year', () => {
    expect(y2020.year).toBe(2020)
    expect(y2020.targets.map((x) => x.id)).toEqual([
      'function_zones',
      'drinking_water_sources',
      'assessed_sections',
      'dianchi',
      'yangzonghai',
      'named_rivers',
      'black_odorous',
      'wetlands',
    ])
  })

  it('counts the important function zones meeting their target (≥ 70 %)', () => {
    const tg = target(y2020, 'function_zones')
    // WF-A IV > III fails, WF-B V > IV fails, WF-D no data, WF-E III ≤ IV meets; WF-C is not important.
    expect(tg.features.map((f) => [f.code, f.class, f.target_class, f.met])).toEqual([
      ['WF-A', 'IV', 'III', false],
      ['WF-B', 'V', 'IV', false],
      ['WF-D', null, 'II', null],
      ['WF-E', 'III', 'IV', true],
    ])
    expect(tg).toMatchObject({ numerator: 1, denominator: 3, target: 0.7, comparison: '>=', met: false })
    expect(tg.rate).toBeCloseTo(1 / 3, 12)
    expect(feature(tg, 'WF-A').upstream).toBe('/api/network/upstream?section=S10')
    expect(feature(tg, 'WF-E').upstream).toBeUndefined()
  })

  it('counts the county-level-and-up drinking-water sources at class III or better (100 %)', () => {
    const tg = target(y2020, 'drinking_water_sources')
    // 丁水源: S14 II (first grade), S15 III (second); S16 in the quasi zone is left out. 己水源 is a
    // village source. 庚水源 has no section.
    expect(tg.features.map((f) => f.name).sort()).toEqual(['丁水源', '庚水源', '戊水源'].sort())
    expect(feature(tg, '丁水源')).toMatchObject({ class: 'III', met: true, sections: ['S14', 'S15'] })
    expect(feature(tg, '戊水源')).toMatchObject({
      class: 'IV',
      met: false,
      upstream: '/api/network/upstream?section=S17',
    })
    expect(feature(tg, '庚水源')).toMatchObject({ class: null, met: null })
    expect(tg).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, target: 1, met: false })
  })

  it('counts the national and provincial sections at class III or better (≥ 60 %)', () => {
    const tg = target(y2020, 'assessed_sections')
    expect(tg.features.map((f) => [f.code, f.class, f.met])).toEqual([
      ['S01', 'III', true],
      ['S02', 'IV', false],
      ['S04', 'V', false],
      ['S05', 'III', true],
      ['S06', 'II', true],
      ['S07', 'IV', false],
      ['S08', null, null],
    ])
    expect(tg).toMatchObject({ numerator: 3, denominator: 6, rate: 0.5, target: 0.6, met: false })
    expect(tg.features.filter((f) => f.upstream).map((f) => f.upstream)).toEqual(
      ['S02', 'S04', 'S07'].map((c) => `/api/network/upstream?section=${c}`),
    )
  })

  it('judges 滇池 against class IV and 阳宗海 against class III from the sections in them', () => {
    const dc = target(y2020, 'dianchi')
    // 草海 S04 V, 外海 S05 III: the lake is V.
    expect(dc).toMatchObject({
      class: 'V',
      target_class: 'IV',
      rate: 5,
      target: 4,
      comparison: '<=',
      met: false,
    })
    expect(dc).toMatchObject({ numerator: 1, denominator: 2 })
    expect(dc.features.map((f) => [f.code, f.class, f.met])).toEqual([
      ['S04', 'V', false],
      ['S05', 'III', true],
    ])
    const yz = target(y2020, 'yangzonghai')
    expect(yz).toMatchObject({
      class: 'II',
      target_class: 'III',
      rate: 2,
      target: 3,
      met: true,
      numerator: 1,
      denominator: 1,
    })
  })

  it('counts the six named rivers still worse than class V (0)', () => {
    const tg = target(y2020, 'named_rivers')
    expect(tg.features.map((f) => [f.name, f.code, f.class, f.met])).toEqual([
      ['海河', 'HH', 'worse_than_V', false],
      ['枧槽河', 'JCH', null, null],
      ['新运粮河', null, null, null],
      ['广普大沟', null, null, null],
      ['鸣矣河', null, null, null],
      ['螳螂川', 'TLC', 'IV', true],
    ])
    expect(feature(tg, null, '海河')).toMatchObject({
      worst_section: 'S03',
      upstream: '/api/network/upstream?section=S03',
    })
    expect(tg).toMatchObject({
      rate: 1,
      numerator: 1,
      denominator: 2,
      target: 0,
      comparison: '=',
      met: false,
    })
  })

  it('counts the built-up black and odorous waters not remediated at the year end (0)', async () => {
    const tg = target(y2020, 'black_odorous')
    // BR2 is remediated only in 2021; BR4 lies outside built-up areas; BP1 is found in 2021.
    expect(tg.features.map((f) => [f.code, f.met, f.status])).toEqual([
      ['BR1', true, 'remediated'],
      ['BR2', false, 'in_progress'],
      ['BR3', false, 'not_started'],
      ['BP2', true, 'remediated'],
    ])
    expect(tg).toMatchObject({ rate: 2, numerator: 2, denominator: 4, met: false })
    const later = TargetsResponse.parse((await get('?year=2022')).body)
    expect(target(later, 'black_odorous')).toMatchObject({ numerator: 2, denominator: 5 })
    expect(feature(target(later, 'black_odorous'), 'BR2').met).toBe(true)
  })

  it('measures the protected share of natural wetland area (≥ 75 %)', () => {
    const tg = target(y2020, 'wetlands')
    // W1 2×3 km protected, W2 1×1 km not, W3 1×0.5 km unrecorded: 6 / 7.5.
    expect(tg.denominator / 7_500_000).toBeCloseTo(1, 4)
    expect(tg.numerator / 6_000_000).toBeCloseTo(1, 4)
    expect(tg.rate).toBeCloseTo(0.8, 4)
    expect(tg.met).toBe(true)
    expect(tg.features.map((f) => [f.name, f.met])).toEqual([
      ['W1湿地', true],
      ['W2湿地', false],
      ['W3湿地', null],
    ])
  })

  it('says so where a year has no data: denominator 0, rate and met null', async () => {
    const body = TargetsResponse.parse((await get('?year=2010')).body)
    for (const id of [
      'function_zones',
      'drinking_water_sources',
      'assessed_sections',
      'dianchi',
      'yangzonghai',
      'named_rivers',
    ])
      expect(target(body, id), id).toMatchObject({ denominator: 0, rate: null, met: null })
    // Only the undated (so always known, already remediated) BP2 counts in 2010.
    expect(target(body, 'black_odorous')).toMatchObject({ denominator: 1, numerator: 0, rate: 0, met: true })
    // Wetlands carry no dates: the stored ones answer every year.
    expect(target(body, 'wetlands').met).toBe(true)
  })

  it('defaults to the latest measured year and refuses a bad year', async () => {
    expect((await get('')).body.year).toBe(2021)
    for (const bad of ['?year=20x0', '?year=1800', '?year=2020.5', '?year=2020&year=2021']) {
      const res = await get(bad)
      expect(res.status, bad).toBe(400)
      expect(res.body.error.message, bad).toMatch(/year/)
    }
  })

  it('links a failing section to an upstream trace that resolves', async () => {
    const link = feature(target(y2020, 'assessed_sections'), 'S02').upstream as string
    const res = await fetch(`${app.url}${link}&date=2020-12-31`)
    expect(res.status).toBe(200)
    const trace = TraceResponse.parse(await res.json())
    // S02 at x = 6 km lies on HH-2 (5→10 km); upstream of it is HH-1.
    expect(trace.start.section?.code).toBe('S02')
    expect(trace.start.reach?.code).toBe('HH-2')
    expect(trace.reaches.map((r) => r.code)).toEqual(['HH-2', 'HH-1'])
  })
})
