// Every text parameter of every route, walked with values the database would refuse (NUL, year 0)
// or that no one should send (10,000 characters, an unpaired surrogate, 10,000 digits): each is a
// 4xx with the API's error body naming the parameter, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

interface Hostile {
  label: string
  /** As it goes into a query string or path, percent-encoded by hand. */
  url: string
  /** As it goes into a JSON body or a multipart field. */
  value: string
  /** Year 0 is hostile only to dates; any other text may legitimately look like a date. */
  onlyDates?: boolean
}

const HOSTILE: Hostile[] = [
  { label: 'a NUL', url: '%00', value: '\u0000' },
  { label: 'a NUL inside text', url: 'a%00b', value: 'a\u0000b' },
  { label: 'year 0', url: '0000-01-01', value: '0000-01-01', onlyDates: true },
  { label: '10,000 characters', url: 'x'.repeat(10_000), value: 'x'.repeat(10_000) },
  { label: '10,000 digits', url: '9'.repeat(10_000), value: '9'.repeat(10_000) },
  // Query strings decode invalid UTF-8 to U+FFFD, which is text; paths and JSON keep it invalid.
  { label: 'an unpaired surrogate', url: '%ED%A0%80', value: '\uD800' },
]

/** A GET route, a request it answers, and the parameters it reads from the query string. */
const GET_ROUTES: { path: string; base: Record<string, string>; params: string[] }[] = [
  { path: '/api/locate', base: { lon: '102.7', lat: '25' }, params: ['lon', 'lat', 'crs', 'date'] },
  { path: '/api/network/upstream', base: { section: 'DM-1' }, params: ['section', 'crs', 'date'] },
  { path: '/api/network/upstream', base: { lon: '102.7', lat: '25' }, params: ['lon', 'lat'] },
  { path: '/api/network/downstream', base: { section: 'DM-1' }, params: ['section', 'crs', 'date'] },
  { path: '/api/network/downstream', base: { lon: '102.7', lat: '25' }, params: ['lon', 'lat'] },
  { path: '/api/chiefs', base: {}, params: ['q', 'level', 'date', 'limit', 'offset'] },
  { path: '/api/chiefs/C1', base: {}, params: ['date'] },
]

const POST_ROUTES: { path: string; base: Record<string, unknown>; fields: string[] }[] = [
  { path: '/api/locate', base: { points: [[102.7, 25]] }, fields: ['crs', 'date', 'points'] },
  {
    path: '/api/intrusion',
    base: { geometry: { type: 'Point', coordinates: [102.7, 25] } },
    fields: ['geometry', 'crs', 'date', 'buffer_m'],
  },
]

const IMPORT_FIELDS = ['layer', 'mode', 'crs', 'encoding', 'dryRun', 'onReject', 'mapping']

/** Our error body, with a code that goes with the status, and no trace of PostgreSQL or a stack. */
function expectRefusal(status: number, text: string, name: string, where: string) {
  expect(status, `${where}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400)
  expect(status, `${where}: ${text.slice(0, 300)}`).toBeLessThan(500)
  const body = JSON.parse(text)
  expect(Object.keys(body), where).toEqual(['error'])
  expect(typeof body.error.code, where).toBe('string')
  expect(body.error.code, where).not.toMatch(/^(internal|unavailable)$/)
  expect(typeof body.error.message, where).toBe('string')
  expect(body.error.message.toLowerCase(), where).toContain(name.toLowerCase())
  expect(text, where).not.toMatch(/invalid byte sequence|out of range: "|SQLSTATE|\bat .*\.(ts|js):\d+/)
}

describe.each(ENGINES)('hostile input on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let staff: string
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    staff = (await createToken(t.db, 'staff', 'hostile-input test')).token
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('the three requests of the issue are 400s naming the parameter', async () => {
    for (const [url, name] of [
      ['/api/locate?lon=102.7&lat=25&date=0000-01-01', 'date'],
      ['/api/chiefs?q=a%00b', 'q'],
      ['/api/network/upstream?section=%00', 'section'],
    ]) {
      const res = await fetch(app.url + url)
      expect(res.status, url).toBe(400)
      expectRefusal(res.status, await res.text(), name, url)
    }
  })

  it('refuses every hostile value in every query parameter of every GET route', async () => {
    for (const route of GET_ROUTES) {
      for (const param of route.params) {
        for (const hostile of HOSTILE) {
          if (hostile.onlyDates && param !== 'date') continue
          const query = Object.entries({ ...route.base })
            .filter(([k]) => k !== param)
            .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
          query.push(`${param}=${hostile.url}`)
          const url = `${route.path}?${query.join('&')}`
          const res = await fetch(app.url + url)
          const text = await res.text()
          // U+FFFD is text: a search for it is a fair question with an empty answer.
          if (hostile.label === 'an unpaired surrogate' && res.status === 200 && param === 'q') continue
          // An unknown section is a 404, and says so; the decoded U+FFFD is a fair code to look up.
          if (hostile.label === 'an unpaired surrogate' && param === 'section' && res.status === 404) continue
          expectRefusal(res.status, text, param, `${hostile.label} in ${route.path} ${param}`)
        }
      }
    }
  })

  it('refuses every hostile value as a path parameter', async () => {
    for (const hostile of HOSTILE.filter((h) => !h.onlyDates)) {
      const res = await fetch(`${app.url}/api/chiefs/${hostile.url}`)
      const text = await res.text()
      // The router cannot decode the surrogate at all; it is refused before the route names it.
      const name = hostile.label === 'an unpaired surrogate' ? 'path' : 'id'
      expectRefusal(res.status, text, name, `${hostile.label} as a chief id`)
    }
  })

  it('refuses every hostile value in every field of every JSON body', async () => {
    for (const route of POST_ROUTES) {
      for (const field of route.fields) {
        for (const hostile of HOSTILE) {
          if (hostile.onlyDates && field !== 'date') continue
          const res = await fetch(app.url + route.path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...route.base, [field]: hostile.value }),
          })
          expectRefusal(res.status, await res.text(), field, `${hostile.label} in ${route.path} ${field}`)
        }
      }
    }
  })

  it('refuses hostile values inside coordinates and numbers of JSON bodies', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/locate', { points: [['\u0000', 25]] }, 'points'],
      ['/api/locate', { points: [[1e308, -1e308]] }, 'points'],
      ['/api/intrusion', { geometry: { type: 'Point', coordinates: [1e308, 25] } }, 'geometry'],
      ['/api/intrusion', { geometry: { type: '\uD800', coordinates: [102.7, 25] } }, 'geometry'],
      [
        '/api/intrusion',
        { geometry: { type: 'Point', coordinates: [102.7, 25] }, buffer_m: 1e308 },
        'buffer_m',
      ],
    ]
    for (const [path, body, name] of cases) {
      const res = await fetch(app.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      expectRefusal(res.status, await res.text(), name, `${path} ${JSON.stringify(body).slice(0, 80)}`)
    }
  })

  it('refuses every hostile value in every field of an import upload', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '甲湖' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [102.7, 25],
                [102.71, 25],
                [102.71, 25.01],
                [102.7, 25],
              ],
            ],
          },
        },
      ],
    })
    for (const field of IMPORT_FIELDS) {
      // FormData sends text as UTF-8, turning an unpaired surrogate into U+FFFD: it cannot be sent.
      for (const hostile of HOSTILE.filter((h) => !h.onlyDates && h.label !== 'an unpaired surrogate')) {
        const form = new FormData()
        const fields: Record<string, string> = { layer: 'lakes', dryRun: 'true', [field]: hostile.value }
        for (const [k, v] of Object.entries(fields)) form.set(k, v)
        form.append('files', new Blob([geojson]), 'lakes.geojson')
        const res = await fetch(`${app.url}/api/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${staff}` },
          body: form,
        })
        expectRefusal(res.status, await res.text(), field, `${hostile.label} in import field ${field}`)
      }
    }
  })
})
