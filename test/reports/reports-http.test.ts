// The report routes' guards and life cycle, on every engine: the per-IP rate limit (429 with
// Retry-After), the body limit (413), 400s naming the field, the text stored as sent and shown
// only to staff, statuses moving only received → assigned → resolved (409 otherwise) with every
// change in the history, and the list's bbox, status and day filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { todayInKunming } from '../../server/query/kunming-date.ts'
import { gk } from '../fixtures/query/mini-city.ts'
import { loadReportCity } from '../fixtures/reports/report-city.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type ReportClient, startReportClient } from './report-client.ts'

const TEXT = '<script>alert("河长")</script> & 垃圾 \u00a0'

/** The day before a YYYY-MM-DD day. */
const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let client: ReportClient
  let staff: Record<string, string>
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadReportCity(t.db)
    client = await startReportClient(t.db, { REPORT_RATE_LIMIT: '1000', REPORT_MAX_CHARS: '40' })
    staff = { authorization: `Bearer ${(await createToken(t.db, 'staff', 'desk')).token}` }
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })
  const post = (body: unknown) => client.send('POST', '/api/reports', body)
  const valid = { point: gk(7.5, 3), category: 'dumping', text: TEXT }

  it('stores the text exactly as sent and shows it only to staff, as JSON that no browser sniffs', async () => {
    const created = await post(valid)
    expect(created.status).toBe(201)
    const anonymous = await client.send('GET', `/api/reports/${created.body.id}`)
    expect(anonymous.status).toBe(200)
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    expect(anonymous.headers.get('x-content-type-options')).toBe('nosniff')
    expect(anonymous.body.properties.text).toBeNull()
    expect(anonymous.body.properties).toMatchObject({ category: 'dumping', status: 'received' })
    const seen = await client.send('GET', `/api/reports/${created.body.id}`, undefined, staff)
    expect(seen.body.properties.text).toBe(TEXT)
    const { rows } = await t.db.query<{ body: string }>('SELECT body FROM reports WHERE id = $1', [
      created.body.id,
    ])
    expect(rows[0].body).toBe(TEXT)
    const revoked = await client.send('GET', `/api/reports/${created.body.id}`, undefined, {
      authorization: 'Bearer rcgis_nope',
    })
    expect(revoked.status).toBe(401)
  })

  it('answers 400 naming the field for a bad category, text, point or CRS', async () => {
    const cases: [unknown, RegExp, string?][] = [
      [{ ...valid, category: 'noise' }, /category/],
      [{ ...valid, category: undefined }, /category/],
      [{ ...valid, text: undefined }, /text/],
      [{ ...valid, text: '   ' }, /text must not be blank/],
      [{ ...valid, text: '长'.repeat(41) }, /text is at most 40 characters/],
      [{ ...valid, text: 'a\u0000b' }, /text holds a NUL/],
      [{ ...valid, point: [1] }, /point/],
      [{ ...valid, point: { type: 'LineString', coordinates: [gk(1, 1), gk(2, 2)] } }, /point/],
      [{ ...valid, point: [200, 25] }, /outside the valid range/, 'coordinates_out_of_range'],
      [{ ...valid, crs: 'EPSG:99999' }, /unknown or unsupported CRS/, 'unknown_crs'],
      ['[1, 2', /not valid JSON/],
    ]
    for (const [body, message, code] of cases) {
      const reply = await post(body)
      expect(reply.status, JSON.stringify(body)).toBe(400)
      expect(reply.body.error.message, JSON.stringify(body)).toMatch(message)
      if (code) expect(reply.body.error.code).toBe(code)
    }
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reports WHERE category = 'noise'`,
    )
    expect(rows[0].n).toBe(0)
  })

  it('moves a report only one step forward, by staff, keeping every change in the history', async () => {
    const { body: created } = await post({ ...valid, category: 'outfall' })
    const path = `/api/reports/${created.id}`
    expect((await client.send('PATCH', path, { status: 'assigned' })).status).toBe(401)
    const skip = await client.send('PATCH', path, { status: 'resolved' }, staff)
    expect(skip.status).toBe(409)
    expect(skip.body.error.details).toEqual({ current: 'received', requested: 'resolved' })
    const back = await client.send('PATCH', path, { status: 'received' }, staff)
    expect(back.status).toBe(400)
    const assigned = await client.send('PATCH', path, { status: 'assigned', note: '交乙一村' }, staff)
    expect(assigned.status).toBe(200)
    expect(assigned.body).toMatchObject({ id: created.id, status: 'assigned' })
    expect((await client.send('PATCH', path, { status: 'assigned' }, staff)).status).toBe(409)
    const resolved = await client.send('PATCH', path, { status: 'resolved', note: '已清理' }, staff)
    expect(resolved.status).toBe(200)
    expect((await client.send('PATCH', path, { status: 'assigned' }, staff)).status).toBe(409)
    expect((await client.send('PATCH', '/api/reports/999999', { status: 'assigned' }, staff)).status).toBe(
      404,
    )
    const { body } = await client.send('GET', path)
    expect(body.properties.status).toBe('resolved')
    expect(
      body.properties.history.map((h: { status: string; actor: string; note: string | null }) => [
        h.status,
        h.actor,
        h.note,
      ]),
    ).toEqual([
      ['received', 'public', null],
      ['assigned', 'token:desk', '交乙一村'],
      ['resolved', 'token:desk', '已清理'],
    ])
    const times = body.properties.history.map((h: { at: string }) => Date.parse(h.at))
    expect(times[0]).toBe(Date.parse(created.reported_at))
    expect(times[1]).toBeGreaterThanOrEqual(times[0])
    expect(times[2]).toBeGreaterThanOrEqual(times[1])
  })

  it('lists reports as GeoJSON by box, status and Kunming day, newest first', async () => {
    const east = (await post({ ...valid, point: gk(10.5, 1) })).body
    const west = (await post({ ...valid, point: gk(1.5, 5.4) })).body
    const ids = (reply: { body: { features: { id: number }[] } }) => reply.body.features.map((f) => f.id)
    // The box [9,12]×[0,3] km holds the east report only.
    const [w, s] = gk(9, 0)
    const [e, n] = gk(12, 3)
    const boxed = await client.send('GET', `/api/reports?bbox=${w},${s},${e},${n}`)
    expect(boxed.status).toBe(200)
    expect(boxed.body.type).toBe('FeatureCollection')
    expect(ids(boxed)).toEqual([east.id])
    expect(boxed.body.features[0].properties).toMatchObject({
      chief: { id: 'TB2', name: '午书记', position: '乙二镇党委书记', level: 'township' },
      office: { code: 'city', name: '市河长制办公室' },
      oversight: { name: '政协督察组' },
      text: null,
    })
    const all = await client.send('GET', '/api/reports', undefined, staff)
    expect(ids(all).slice(0, 2)).toEqual([west.id, east.id])
    expect(all.body.features[0].properties.text).toBe(TEXT)
    const resolved = await client.send('GET', '/api/reports?status=resolved')
    expect(
      resolved.body.features.every(
        (f: { properties: { status: string } }) => f.properties.status === 'resolved',
      ),
    ).toBe(true)
    expect(ids(resolved)).not.toContain(east.id)
    const today = todayInKunming()
    expect(ids(await client.send('GET', `/api/reports?from=${today}&to=${today}`))).toContain(east.id)
    expect(ids(await client.send('GET', `/api/reports?to=${dayBefore(today)}`))).toEqual([])
    for (const bad of ['bbox=1,2,3', 'status=open', 'from=2024-02-30', 'limit=0'])
      expect((await client.send('GET', `/api/reports?${bad}`)).status, bad).toBe(400)
    // A period that ends before it starts is a mistake to name, not an empty list.
    const reversed = await client.send('GET', '/api/reports?from=2023-12-01&to=2023-10-01')
    expect(reversed.status).toBe(400)
    expect(reversed.body.error.message).toContain('from 2023-12-01 is after to 2023-10-01')
  })

  it('answers 413 for a body over REPORT_MAX_BYTES, and 429 with Retry-After past REPORT_RATE_LIMIT', async () => {
    const tight = await startReportClient(t.db, {
      REPORT_RATE_LIMIT: '3',
      REPORT_RATE_WINDOW_S: '600',
      REPORT_MAX_BYTES: '512',
    })
    try {
      const big = await tight.send('POST', '/api/reports', { ...valid, text: 'x'.repeat(600) })
      expect(big.status).toBe(413)
      expect(big.body.error.code).toBe('payload_too_large')
      // The 413 counted as the first request of the window; two more pass, the fourth is refused.
      expect((await tight.send('POST', '/api/reports', valid)).status).toBe(201)
      expect((await tight.send('POST', '/api/reports', valid)).status).toBe(201)
      const limited = await tight.send('POST', '/api/reports', valid)
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('too_many_requests')
      const retry = Number(limited.headers.get('retry-after'))
      expect(retry).toBeGreaterThan(0)
      expect(retry).toBeLessThanOrEqual(600)
      // Reading is not limited.
      expect((await tight.send('GET', '/api/reports')).status).toBe(200)
      // Without TRUST_PROXY a forwarded address is anyone's to forge: the socket's address counts.
      const forged = await tight.send('POST', '/api/reports', valid, { 'x-forwarded-for': '203.0.113.9' })
      expect(forged.status).toBe(429)
    } finally {
      await tight.close()
    }
  })

  it('behind a trusted proxy, counts each address the proxy saw (the last X-Forwarded-For entry)', async () => {
    const proxied = await startReportClient(t.db, { REPORT_RATE_LIMIT: '1', TRUST_PROXY: '1' })
    const from = (header: string) =>
      proxied.send('POST', '/api/reports', valid, { 'x-forwarded-for': header })
    try {
      expect((await from('198.51.100.1, 203.0.113.1')).status).toBe(201)
      // The first entry is the client's own claim: changing it does not make a new client.
      expect((await from('198.51.100.2, 203.0.113.1')).status).toBe(429)
      expect((await from('203.0.113.2')).status).toBe(201)
      expect((await from('203.0.113.2')).status).toBe(429)
    } finally {
      await proxied.close()
    }
  })
})
