// What /items selects on every engine, checked against the same predicate in SQL: datetime
// instants and open intervals on layers with time, property=value equality, properties=, and
// restricted layers without their personal fields unless a staff token is presented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

interface Collection {
  features: { id: number; properties: Record<string, unknown> }[]
  numberMatched: number
}

describe.each(ENGINES)('OGC API item selection on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  async function items(layer: string, query: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${app.url}/ogc/collections/${layer}/items?${query}`, { headers })
    expect(res.status, `${query}: ${res.status}`).toBe(200)
    return (await res.json()) as Collection
  }
  const ids = (c: Collection) => c.features.map((f) => Number(f.id))
  const sqlIds = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ id: string }>(sql, params)).rows.map((r) => Number(r.id))

  it('selects patrols whose [start, end] meets a datetime interval, open ends included', async () => {
    const { rows } = await t.db.query<{ mid: Date }>(
      'SELECT to_timestamp(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at))) AS mid FROM patrols',
    )
    const mid = rows[0].mid.toISOString()
    const later = new Date(rows[0].mid.getTime() + 20 * 86_400_000).toISOString()
    const cases: [string, string, unknown[]][] = [
      [`${mid}/${later}`, 'started_at <= $2 AND coalesce(ended_at, started_at) >= $1', [mid, later]],
      [`../${mid}`, 'started_at <= $1', [mid]],
      [`${mid}/..`, 'coalesce(ended_at, started_at) >= $1', [mid]],
      [`${mid}/`, 'coalesce(ended_at, started_at) >= $1', [mid]],
      [mid, 'started_at <= $1 AND coalesce(ended_at, started_at) >= $1', [mid]],
    ]
    for (const [datetime, where, params] of cases) {
      const want = await sqlIds(`SELECT id FROM patrols WHERE ${where} ORDER BY id`, params)
      const got = await items('patrols', `datetime=${encodeURIComponent(datetime)}&limit=10000`)
      expect(ids(got), datetime).toEqual(want)
      expect(got.numberMatched, datetime).toBe(want.length)
    }
  })

  it('reads a bare date as that whole day in Kunming (UTC+8)', async () => {
    const { rows } = await t.db.query<{ day: string }>(
      "SELECT to_char(reported_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM reports ORDER BY id LIMIT 1",
    )
    const day = rows[0].day
    const want = await sqlIds(
      `SELECT id FROM reports WHERE reported_at >= ($1 || 'T00:00:00+08:00')::timestamptz
          AND reported_at < ($1 || 'T00:00:00+08:00')::timestamptz + interval '1 day' ORDER BY id`,
      [day],
    )
    expect(want.length).toBeGreaterThan(0)
    expect(ids(await items('reports', `datetime=${day}&limit=1000`))).toEqual(want)
  })

  it('refuses malformed datetimes and datetime on a layer without time', async () => {
    for (const q of [
      'datetime=yesterday',
      'datetime=2018-02-30',
      'datetime=../..',
      'datetime=2019-01-01/2018-01-01',
    ]) {
      const res = await fetch(`${app.url}/ogc/collections/patrols/items?${q}`)
      expect(res.status, q).toBe(400)
    }
    expect((await fetch(`${app.url}/ogc/collections/reaches/items?datetime=2018-01-01`)).status).toBe(400)
  })

  it('filters by property=value equality, as SQL does', async () => {
    const first = await items('water_source_zones', 'grade=first&limit=100')
    expect(ids(first)).toEqual(
      await sqlIds("SELECT id FROM water_source_zones WHERE grade = 'first' ORDER BY id"),
    )
    expect(first.features.length).toBeGreaterThan(0)
    const { rows } = await t.db.query<{ grade: number }>(
      'SELECT grade FROM rivers WHERE grade IS NOT NULL LIMIT 1',
    )
    const g = rows[0].grade
    expect(ids(await items('rivers', `grade=${g}&limit=1000`))).toEqual(
      await sqlIds('SELECT id FROM rivers WHERE grade = $1 ORDER BY id', [g]),
    )
  })

  it('returns only the properties asked for', async () => {
    const page = await items('reaches', 'properties=code,name&limit=3')
    for (const f of page.features) expect(Object.keys(f.properties).sort()).toEqual(['code', 'name'])
    const none = await items('reaches', 'properties=&limit=1')
    expect(none.features[0].properties).toEqual({})
  })

  it('serves restricted layers without personal fields, and whole to a staff token', async () => {
    const anonymous = await items('reports', 'limit=5')
    for (const f of anonymous.features) {
      expect(f.properties).not.toHaveProperty('body')
      expect(f.properties).toHaveProperty('status')
    }
    expect((await fetch(`${app.url}/ogc/collections/reports/items?properties=body`)).status).toBe(400)
    expect((await fetch(`${app.url}/ogc/collections/patrols/items?chief_id=x`)).status).toBe(400)
    const { token } = await createToken(t.db, 'staff', 'ogc test')
    const staff = await items('reports', 'limit=5', { authorization: `Bearer ${token}` })
    for (const f of staff.features) expect(f.properties).toHaveProperty('body')
    const [patrol] = await sqlIds('SELECT id FROM patrols ORDER BY id LIMIT 1')
    const one = await fetch(`${app.url}/ogc/collections/patrols/items/${patrol}`)
    expect(one.status).toBe(200)
    const { properties } = await one.json()
    expect(properties).not.toHaveProperty('chief_id')
    expect(properties).toHaveProperty('started_at')
    const revoked = await fetch(`${app.url}/ogc/collections/reports/items`, {
      headers: { authorization: 'Bearer rcgis_not_a_token' },
    })
    expect(revoked.status).toBe(401)
    expect((await revoked.json()).code).toBe('unauthorized')
  })
})
