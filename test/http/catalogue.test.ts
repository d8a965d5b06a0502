// /api/health and /api/layers over real HTTP, on every engine, against the demo city.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAYERS } from '../../server/layers/registry.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe.each(ENGINES)('catalogue on the %s engine', (engine) => {
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

  it('reports health with the engine and the PostGIS version', async () => {
    const res = await fetch(`${app.url}/api/health`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ status: 'ok', engine })
    expect(body.postgis).toMatch(/^3\.\d+\.\d+/)
  })

  it('lists every registry layer with titles, a non-zero count and a bbox inside Yunnan', async () => {
    const res = await fetch(`${app.url}/api/layers`)
    expect(res.status).toBe(200)
    const { layers } = await res.json()
    expect(layers.map((l: { id: string }) => l.id)).toEqual(LAYERS.map((l) => l.id))
    for (const layer of layers) {
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int8 AS n FROM ${layer.id}`, // checked against the registry just above
      )
      expect(layer.count, layer.id).toBe(rows[0].n)
      expect(layer.count, layer.id).toBeGreaterThan(0)
      expect(layer.title.zh.length).toBeGreaterThan(0)
      const [w, s, e, n] = layer.bbox
      expect(w).toBeGreaterThanOrEqual(97.5)
      expect(e).toBeLessThanOrEqual(106.2)
      expect(s).toBeGreaterThanOrEqual(21)
      expect(n).toBeLessThanOrEqual(29.3)
      expect(w).toBeLessThan(e)
    }
  })

  it('answers an unknown API path with a JSON 404 and malformed JSON with a 400, never a stack', async () => {
    const missing = await fetch(`${app.url}/api/nope`)
    expect(missing.status).toBe(404)
    expect((await missing.json()).error.code).toBe('not_found')
    const bad = await fetch(`${app.url}/api/layers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    })
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/)
    expect(JSON.parse(text).error.message).toMatch(/not valid JSON/)
  })
})
