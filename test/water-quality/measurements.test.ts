// POST /api/sections/{code}/measurements on every engine: a staff token stores one measurement or
// many in one transaction, a re-sent date replaces the stored one, every refusal names its field,
// and each write moves the data version of measurements (migration 008) that tiles' latest_class
// is cached under.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { gk } from '../fixtures/query/mini-city.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from '../tiles/decoded-tile.ts'
import { tileAt } from '../tiles/tile-math.ts'
import { loadTargetFixture } from './targets-fixture.ts'

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let staff: string
  let admin: string
  let chief: string

  const post = async (code: string, body: unknown, token: string | null = staff) => {
    const res = await fetch(`${app.url}/api/sections/${encodeURIComponent(code)}/measurements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: res.status, body: await res.json() }
  }
  const stored = async (code: string) =>
    (
      await t.db.query<{
        measured_on: string
        water_class: string
        cod_mg_l: number | null
        tp_mg_l: number | null
      }>(
        'SELECT measured_on, water_class, cod_mg_l, tp_mg_l FROM measurements WHERE section_code = $1 ORDER BY measured_on',
        [code],
      )
    ).rows
  const version = async () =>
    Number(
      (
        await t.db.query<{ version: number }>(
          "SELECT version FROM data_versions WHERE table_name = 'measurements'",
        )
      ).rows[0].version,
    )

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadTargetFixture(t.db)
    await t.db.query("INSERT INTO chiefs (id, name) VALUES ('CH1', '测试河长')")
    staff = (await createToken(t.db, 'staff', 'measurements test')).token
    admin = (await createToken(t.db, 'admin', 'measurements test')).token
    chief = (await createToken(t.db, 'chief', 'measurements test', 'CH1')).token
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })
  beforeEach(async () => {
    await t.db.query("DELETE FROM measurements WHERE section_code IN ('S08', 'S13')")
  })

  it('stores one measurement with a staff token: 201, inserted 1, and the data version moves', async () => {
    const before = await version()
    const res = await post('S13', {
      measured_on: '2022-03-04',
      water_class: 'III',
      cod_mg_l: 18.5,
      tp_mg_l: 0.12,
    })
    expect(res).toEqual({ status: 201, body: { section: 'S13', inserted: 1, updated: 0 } })
    expect(await stored('S13')).toEqual([
      { measured_on: '2022-03-04', water_class: 'III', cod_mg_l: 18.5, tp_mg_l: 0.12 },
    ])
    expect(await version()).toBeGreaterThan(before)
  })

  it('stores an array and replaces a re-sent date whole (inserted / updated)', async () => {
    expect(
      (
        await post('S13', [
          { measured_on: '2022-01-10', water_class: 'IV', cod_mg_l: 25 },
          { measured_on: '2022-02-10', water_class: 'V' },
        ])
      ).body,
    ).toEqual({ section: 'S13', inserted: 2, updated: 0 })
    const res = await post(
      'S13',
      [
        { measured_on: '2022-02-10', water_class: 'II' },
        { measured_on: '2022-01-10', water_class: 'III' },
        { measured_on: '2022-05-10', water_class: 'worse_than_V', tp_mg_l: 0.9 },
      ],
      admin,
    )
    expect(res).toEqual({ status: 201, body: { section: 'S13', inserted: 1, updated: 2 } })
    // The re-sent 2022-01-10 has no COD: the stored one is replaced whole.
    expect(await stored('S13')).toEqual([
      { measured_on: '2022-01-10', water_class: 'III', cod_mg_l: null, tp_mg_l: null },
      { measured_on: '2022-02-10', water_class: 'II', cod_mg_l: null, tp_mg_l: null },
      { measured_on: '2022-05-10', water_class: 'worse_than_V', cod_mg_l: null, tp_mg_l: 0.9 },
    ])
  })

  it("moves the section's latest class in its vector tile at once (no stale cached tile)", async () => {
    // S13 lies at (7, 9.05) km on the fixture's plane.
    const [lon, lat] = gk(7, 9.05)
    const { z, x, y } = tileAt(lon, lat, 14)
    const latest = async () => {
      const res = await fetch(`${app.url}/tiles/monitoring_sections/${z}/${x}/${y}.mvt`)
      expect(res.status).toBe(200)
      const layer = decodeTile(new Uint8Array(await res.arrayBuffer())).get('monitoring_sections')
      const s13 = layer?.features.find((f) => f.properties.code === 'S13')
      return [s13?.properties.latest_class, s13?.properties.latest_on]
    }
    // The embedded engine hears of a commit in process, before the next request; the server engine
    // over its listener's socket, within a second (test/tiles/stale.test.ts).
    const settle = async (expected: unknown[]) => {
      for (let i = 0; engine === 'server' && i < 20; i++) {
        if (JSON.stringify(await latest()) === JSON.stringify(expected)) break
        await new Promise((r) => setTimeout(r, 100))
      }
      return latest()
    }
    expect(await latest()).toEqual([undefined, undefined])
    await post('S13', { measured_on: '2022-03-04', water_class: 'III' })
    expect(await settle(['III', '2022-03-04'])).toEqual(['III', '2022-03-04'])
    await post('S13', { measured_on: '2022-03-04', water_class: 'IV' })
    expect(await settle(['IV', '2022-03-04'])).toEqual(['IV', '2022-03-04'])
  })

  it('addresses a section by its id as ?section= does', async () => {
    const { rows } = await t.db.query<{ id: number }>("SELECT id FROM monitoring_sections WHERE code = 'S08'")
    const res = await post(String(rows[0].id), { measured_on: '2022-01-01', water_class: 'II' })
    expect(res).toEqual({ status: 201, body: { section: 'S08', inserted: 1, updated: 0 } })
  })

  it('refuses without a token (401), with an unknown one (401) and with a chief token (403)', async () => {
    const one = { measured_on: '2022-01-01', water_class: 'II' }
    const none = await post('S13', one, null)
    expect(none.status).toBe(401)
    expect(none.body.error.code).toBe('unauthorized')
    expect((await post('S13', one, 'rcgis_not-a-token')).status).toBe(401)
    const forbidden = await post('S13', one, chief)
    expect(forbidden.status).toBe(403)
    expect(forbidden.body.error.message).toMatch(/staff/)
    expect(await stored('S13')).toEqual([])
  })

  it('answers 404 for an unknown section', async () => {
    const res = await post('NO-SUCH', { measured_on: '2022-01-01', water_class: 'II' })
    expect(res.status).toBe(404)
    expect(res.body.error.message).toMatch(/NO-SUCH/)
  })

  it('refuses a bad class or date with 400 naming the field, and stores nothing of the request', async () => {
    const cases: [unknown, RegExp][] = [
      [{ measured_on: '2022-01-01', water_class: 'VI' }, /water_class/],
      [{ measured_on: '2022-02-30', water_class: 'II' }, /measured_on/],
      [{ measured_on: '22-01-01', water_class: 'II' }, /measured_on/],
      [{ water_class: 'II' }, /measured_on/],
      [{ measured_on: '2022-01-01', water_class: 'II', cod_mg_l: -1 }, /cod_mg_l/],
      [{ measured_on: '2022-01-01', water_class: 'II', ph: 7 }, /ph/],
      [[], /at least one/],
      [
        [
          { measured_on: '2022-01-01', water_class: 'II' },
          { measured_on: '2022-01-01', water_class: 'III' },
        ],
        /1\.measured_on 2022-01-01 is given more than once/,
      ],
      // A good item before a bad one: the whole request is refused, the good one is not stored.
      [
        [
          { measured_on: '2022-01-01', water_class: 'II' },
          { measured_on: '2022-01-02', water_class: 'good' },
        ],
        /1\.water_class/,
      ],
      ['"II"', /body/],
    ]
    for (const [body, message] of cases) {
      const res = await post('S13', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.message, JSON.stringify(body)).toMatch(message)
    }
    expect(await stored('S13')).toEqual([])
  })

  it('refuses a measurement dated after today in Kunming, storing none of the request', async () => {
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10)
    const res = await post('S13', [
      { measured_on: '2022-01-01', water_class: 'II' },
      { measured_on: tomorrow, water_class: 'II' },
    ])
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(`1.measured_on ${tomorrow} is after today`)
    expect(await stored('S13')).toEqual([])
  })

  it('rolls the whole request back when the database refuses part of it', async () => {
    // A CHECK the request schema does not know of stands in for any failure inside the write.
    await t.db.query(
      'ALTER TABLE measurements ADD CONSTRAINT test_cod_cap CHECK (cod_mg_l IS NULL OR cod_mg_l < 999)',
    )
    try {
      const before = await version()
      const res = await post('S13', [
        { measured_on: '2022-01-01', water_class: 'II' },
        { measured_on: '2022-06-01', water_class: 'II', cod_mg_l: 1000 },
      ])
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(await stored('S13')).toEqual([])
      expect(await version()).toBe(before)
    } finally {
      await t.db.query('ALTER TABLE measurements DROP CONSTRAINT test_cod_cap')
    }
  })
})
