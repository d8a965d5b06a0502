// GET /api/network/upstream|downstream on the mini city, on every engine. The fixture's network
// has a loop (R1 → canal C1 → R1), so these also prove the trace ends. Expected lengths are the
// plane lengths of the fixture's reaches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TraceResponse } from '../../server/http/routes/network.ts'
import { gk } from '../fixtures/query/mini-city.ts'
import { ENGINES } from '../support/test-database.ts'
import { type MiniCity, openMiniCity } from './mini-city-store.ts'

const within = (actual: number, expected: number, share = 0.005) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(expected * share + 0.01)
const codes = (list: { code: string }[]) => list.map((x) => x.code)

describe.each(ENGINES)('%s engine', (engine) => {
  let city: MiniCity
  beforeAll(async () => {
    city = await openMiniCity(engine)
  })
  afterAll(() => city?.dispose())

  it('traces a failing section upstream: reaches in network order, outfalls and sections, chiefs', async () => {
    const { status, body } = await city.client.get('/api/network/upstream?section=DM-R1-3&date=2018-06-01')
    expect(status).toBe(200)
    TraceResponse.parse(body)
    expect(body.start.section).toMatchObject({
      code: 'DM-R1-3',
      target_class: 'III',
      latest: { measured_on: '2018-06-01', water_class: 'V' },
    })
    expect(body.start.reach.code).toBe('R1-3')
    within(body.start.reach.fraction, 0.5)
    // Distances along the network from the section (the middle of R1-3, 1.5 km from its from-node).
    const expected: Record<string, [number, number, number]> = {
      'R1-3': [0, 0, 3000],
      'R1-2': [1, 1500, 2000],
      'T1-2': [1, 1500, 3000],
      'R1-1': [2, 3500, 5000],
      'T1-1': [2, 4500, 3000],
      'C1-1': [3, 8500, 14000],
    }
    expect(codes(body.reaches)).toEqual(['R1-3', 'R1-2', 'T1-2', 'R1-1', 'T1-1', 'C1-1'])
    for (const r of body.reaches) {
      const [depth, distance, length] = expected[r.code]
      expect(r.depth, r.code).toBe(depth)
      within(r.distance_m, distance)
      within(r.length_m, length)
    }
    within(body.total_length_m, 1500 + 2000 + 3000 + 5000 + 3000 + 14000)
    // PK-3 lies downstream of the section on the same reach: not a cause, left out.
    expect(codes(body.outfalls).sort()).toEqual(['PK-1', 'PK-2'])
    within(body.outfalls.find((o: { code: string }) => o.code === 'PK-1').distance_m, 4500 + 2000)
    within(body.outfalls.find((o: { code: string }) => o.code === 'PK-1').offset_m, 50)
    expect(codes(body.sections)).toEqual(['DM-T1', 'DM-R1-1'])
    expect(body.sections[0]).toMatchObject({ meets_target: false, latest: { water_class: 'III' } })
    within(body.sections[0].distance_m, 4500 + 1500)
    expect(body.sections[1].meets_target).toBe(true)
    const chiefs = body.chiefs.map((c: { id: string; scope: { code: string } }) => `${c.id}@${c.scope.code}`)
    expect(chiefs).toEqual(
      expect.arrayContaining(['D1@R1-3', 'K3@R1-2', 'K4@T1-1', 'K1@R1-1', 'C-CITY@CA-CITY', 'S1@VG1']),
    )
    expect(chiefs).not.toContain('K2@R1-1')
  })

  it('traces downstream from the same section, through the canal and round the loop once', async () => {
    const { body } = await city.client.get('/api/network/downstream?section=DM-R1-3&date=2018-06-01')
    expect(codes(body.reaches)).toEqual(['R1-3', 'C1-1', 'R1-1', 'R1-2'])
    within(body.reaches[1].distance_m, 1500)
    within(body.reaches[3].distance_m, 1500 + 14000 + 5000)
    expect(codes(body.outfalls)).toEqual(['PK-3', 'PK-2'])
    within(body.outfalls[0].distance_m, 1000)
  })

  it('starts from a point near a reach, by numeric section id too, and gives empty lists far from any', async () => {
    const [lon, lat] = gk(7.1, 4.5)
    const fromPoint = (await city.client.get(`/api/network/upstream?lon=${lon}&lat=${lat}`)).body
    expect(fromPoint.start.reach.code).toBe('T1-2')
    within(fromPoint.start.reach.distance_m, 100)
    expect(codes(fromPoint.reaches)).toEqual(['T1-2', 'T1-1'])
    const { rows } = await city.t.db.query<{ id: number }>(
      `SELECT id FROM monitoring_sections WHERE code = 'DM-T1'`,
    )
    const byId = (await city.client.get(`/api/network/upstream?section=${rows[0].id}`)).body
    expect(byId.start.section.code).toBe('DM-T1')
    const [flon, flat] = gk(3, 8.5)
    const nowhere = await city.client.get(`/api/network/downstream?lon=${flon}&lat=${flat}`)
    expect(nowhere.status).toBe(200)
    expect(nowhere.body).toMatchObject({
      start: { reach: null },
      reaches: [],
      outfalls: [],
      sections: [],
      chiefs: [],
    })
  })

  it.each([
    ['/api/network/upstream', 400, /section, or lon and lat, is required/],
    ['/api/network/upstream?section=DM-R1-3&lon=102&lat=25', 400, /either section or lon\/lat/],
    ['/api/network/upstream?lon=102', 400, /lat is required/],
    ['/api/network/upstream?lon=102&lat=abc', 400, /lat must be a finite number/],
    ['/api/network/downstream?section=NOPE', 404, /no monitoring section with id or code 'NOPE'/],
  ])('%s → %d', async (path, status, message) => {
    const reply = await city.client.get(path)
    expect(reply.status).toBe(status)
    expect(reply.body.error.message).toMatch(message)
  })
})
