// GET /api/search on the demo city, every engine: what it finds and its order are checked against
// the tables read directly and ranked here by hand (exact, prefix, contains).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

interface Hit {
  kind: string
  id: string
  name: string
  match: string
  bbox: [number, number, number, number] | null
  point: { lon: number; lat: number } | null
}

describe.each(ENGINES)('search on the %s engine', (engine) => {
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

  const ask = async (q: string, limit = 50) => {
    const res = await fetch(`${app.url}/api/search?${new URLSearchParams({ q, limit: String(limit) })}`)
    expect(res.status).toBe(200)
    return (await res.json()).results as Hit[]
  }

  it('finds a river by its exact name first, with a bbox holding a point that lies on it', async () => {
    const { rows } = await t.db.query<{ id: number; name: string; w: number; e: number }>(
      'SELECT id, name, ST_XMin(geom) AS w, ST_XMax(geom) AS e FROM rivers ORDER BY id LIMIT 1',
    )
    const river = rows[0]
    const hits = await ask(river.name)
    expect(hits[0]).toMatchObject({ kind: 'river', id: String(river.id), name: river.name, match: 'exact' })
    expect(hits[0].bbox?.[0]).toBeCloseTo(river.w, 6)
    expect(hits[0].bbox?.[2]).toBeCloseTo(river.e, 6)
    const { lon, lat } = hits[0].point as { lon: number; lat: number }
    const on = await t.db.query<{ d: number }>(
      'SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4490)::geography) AS d FROM rivers WHERE id = $3',
      [lon, lat, river.id],
    )
    expect(Number(on.rows[0].d)).toBeLessThan(1)
  })

  it('finds a chief by name, placed where their scopes lie', async () => {
    const { rows } = await t.db.query<{ id: string; name: string }>(
      `SELECT ch.id, ch.name FROM chiefs ch JOIN assignments a ON a.chief_id = ch.id AND a.scope_kind = 'reach'
        WHERE a.valid_to IS NULL ORDER BY ch.id LIMIT 1`,
    )
    const hits = await ask(rows[0].name)
    const hit = hits.find((h) => h.kind === 'chief' && h.id === rows[0].id)
    expect(hit?.match).toBe('exact')
    expect(hit?.bbox).not.toBeNull()
  })

  it('ranks exact, then prefix, then contains, over every kind, as the tables say', async () => {
    const q = '河'
    const { rows } = await t.db.query<{ kind: string; name: string }>(
      `SELECT 'river' AS kind, name FROM rivers UNION ALL SELECT 'reach', name FROM reaches
       UNION ALL SELECT 'lake', name FROM lakes UNION ALL SELECT 'place', name FROM admin_areas
       UNION ALL SELECT 'chief', name FROM chiefs`,
    )
    const rank = (name: string) => (name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : 3)
    const matching = rows.filter((r) => rank(r.name) < 3)
    expect(matching.length).toBeGreaterThan(3)
    const hits = await ask(q, 50)
    expect(hits.length).toBe(Math.min(50, matching.length))
    const ranks = hits.map((h) => rank(h.name))
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(ranks.every((r) => r < 3)).toBe(true)
    const best = Math.min(...matching.map((r) => rank(r.name)))
    expect(ranks[0]).toBe(best)
  })

  it('treats % and _ as text, and refuses an empty q or a bad limit with a 400', async () => {
    expect(await ask('%')).toEqual([])
    expect(await ask('_')).toEqual([])
    for (const query of ['q=', 'q=a&limit=0', 'q=a&limit=x', '']) {
      const res = await fetch(`${app.url}/api/search?${query}`)
      expect(res.status, query).toBe(400)
      expect((await res.json()).error.code).toBe('bad_request')
    }
  })
})
