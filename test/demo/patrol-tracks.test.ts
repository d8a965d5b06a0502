// The demo's patrol tracks (server/demo/patrols.ts): per-fix times that make sense, in the demo's
// last quarter, by chiefs on duty; a mix of good and bad tracks measured here with turf
// (independently of the server's evaluation); and, on every engine, the stored evaluation and
// compliance of the loaded demo.
import * as turf from '@turf/turf'
import type { LineString } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoDataset, LayerFeature } from '../../server/demo/dataset.ts'
import { generateDemo } from '../../server/demo/generate.ts'
import { PATROL_PERIOD } from '../../server/demo/patrols.ts'
import { patrolCompliance } from '../../server/patrols/compliance.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const kunmingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10)

describe('generated tracks', () => {
  let data: DemoDataset
  let tracks: LayerFeature[]
  beforeAll(() => {
    data = generateDemo({ seed: 'kunming', scale: 1 })
    tracks = data.layers.patrols
  }, 180_000)

  it('has thousands of tracks, each fix with a time, increasing, from started_at to ended_at', () => {
    expect(tracks.length).toBeGreaterThan(3000)
    for (const f of tracks) {
      const coords = (f.geometry as LineString).coordinates
      const times = f.properties.times as string[]
      expect(times).toHaveLength(coords.length)
      const ms = times.map((t) => Date.parse(t))
      for (let i = 1; i < ms.length; i++) expect(ms[i]).toBeGreaterThan(ms[i - 1])
      expect(ms[0]).toBe(Date.parse(f.properties.started_at as string))
      expect(ms[ms.length - 1]).toBe(Date.parse(f.properties.ended_at as string))
    }
  })

  it('falls in the demo quarter, each by a river or lake chief on duty that day', () => {
    const held = new Map<string, DemoDataset['assignments']>()
    for (const a of data.assignments)
      if (a.role === 'chief') held.set(a.chief_id, [...(held.get(a.chief_id) ?? []), a])
    for (const f of tracks) {
      const day = kunmingDay(f.properties.started_at as string)
      expect(day >= PATROL_PERIOD.from && day <= PATROL_PERIOD.to, day).toBe(true)
      const on = (held.get(f.properties.chief_id as string) ?? []).some(
        (a) => a.valid_from <= day && (a.valid_to === null || day < a.valid_to),
      )
      expect(on, `${f.properties.chief_id} on ${day}`).toBe(true)
    }
  })

  it('is mostly good walks, with some short ones and some GPS jumps (measured with turf)', () => {
    let good = 0
    let short = 0
    let jump = 0
    for (const f of tracks) {
      const line = f.geometry as LineString
      const ms = (f.properties.times as string[]).map((t) => Date.parse(t))
      const km = turf.length(turf.lineString(line.coordinates), { units: 'kilometers' })
      const minutes = (ms[ms.length - 1] - ms[0]) / 60_000
      let top = 0
      for (let i = 1; i < ms.length; i++) {
        const d = turf.distance(line.coordinates[i - 1], line.coordinates[i], { units: 'kilometers' })
        top = Math.max(top, d / ((ms[i] - ms[i - 1]) / 3_600_000))
      }
      if (top > 150) jump++
      else if (minutes < 30 || km < 2) short++
      else if (top < 10) good++
    }
    const n = tracks.length
    expect(good / n).toBeGreaterThan(0.75)
    expect(short / n).toBeGreaterThan(0.02)
    expect(short / n).toBeLessThan(0.15)
    expect(jump / n).toBeGreaterThan(0.02)
    expect(jump / n).toBeLessThan(0.1)
  })
})

describe.each(ENGINES)('loaded demo on the %s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
  })
  afterAll(() => t?.dispose())

  it('stores every track with its times, evaluated, with each kind of flag present', async () => {
    const { rows } = await t.db.query<{ n: number; timed: number; evaluated: number; valid: number }>(
      `SELECT count(*)::int AS n, count(times)::int AS timed, count(evaluated_with)::int AS evaluated,
              count(*) FILTER (WHERE valid)::int AS valid FROM patrols`,
    )
    const [{ n, timed, evaluated, valid }] = rows
    expect(timed).toBe(n)
    expect(evaluated).toBe(n)
    expect(valid / n).toBeGreaterThan(0.7)
    expect(valid / n).toBeLessThan(0.95)
    const flags = await t.db.query<{ flag: string; n: number }>(
      'SELECT f AS flag, count(*)::int AS n FROM patrols, unnest(flags) f GROUP BY f ORDER BY f',
    )
    const byFlag = Object.fromEntries(flags.rows.map((r) => [r.flag, r.n]))
    // The wrong-river walks (~4 %) are off scope; GPS jumps (~4 %) speed jumps; short walks (~6 %) short.
    for (const flag of ['off_scope', 'speed_jump', 'short_duration'])
      expect(byFlag[flag] / n, flag).toBeGreaterThan(0.01)
    expect(byFlag.short_length).toBeGreaterThan(0)
  })

  it('gives the demo quarter passes and failures at every level', async () => {
    const chiefs = await patrolCompliance(t.db, { from: PATROL_PERIOD.from, to: PATROL_PERIOD.to })
    for (const level of ['city', 'county', 'township', 'village'] as const) {
      const at = chiefs.filter((c) => c.level === level)
      expect(
        at.some((c) => c.pass === true),
        `${level} pass`,
      ).toBe(true)
      expect(
        at.some((c) => c.pass === false),
        `${level} fail`,
      ).toBe(true)
    }
    expect(chiefs.filter((c) => c.level === 'village_group').every((c) => c.pass === null)).toBe(true)
  }, 120_000)
})
