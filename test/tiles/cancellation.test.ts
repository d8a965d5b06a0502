// A slow tile whose client leaves stops its database work (issue 9 item 7): the route aborts the
// source's signal and the pg engine sends PostgreSQL a cancel request on a socket of its own, so
// it gets through even while every pooled connection is busy with a slow tile. A tile that runs
// past TILE_STATEMENT_TIMEOUT_MS is cancelled the same way and answered 503.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TileSource } from '../../tiles/tile-source.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { rawGet, serveTiles, type TileApp } from './tile-app.ts'

const MARKER = 'rcgis-slow-tile'
// A tile that takes 30 s in the database; the marker finds it in pg_stat_activity.
const SLOW_SQL = `SELECT pg_sleep(30) /* ${MARKER} */`
// The marker is a parameter here, so this statement's own text does not match itself.
const ACTIVE_SQL = `SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE state = 'active' AND datname = current_database() AND query LIKE '%' || $1 || '%'`

const POOL_SIZE = 4 // openTestDatabase's pool on the server engine

if (!ENGINES.includes('server'))
  console.log(
    'cancellation.test.ts: skipped, it needs a server engine (TEST_DATABASE_URL): WASM PGlite cannot interrupt a statement',
  )

describe.runIf(ENGINES.includes('server'))('server engine', () => {
  let t: TestDatabase
  let app: TileApp
  let slowApp: TileApp
  /** Watches pg_stat_activity from outside the pool, which the slow tiles fill. */
  let observer: pg.Client

  const active = async () => (await observer.query<{ n: number }>(ACTIVE_SQL, [MARKER])).rows[0].n
  async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
    const start = performance.now()
    while (!(await check())) {
      if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`)
      await new Promise((r) => setTimeout(r, 10))
    }
    return performance.now() - start
  }

  beforeAll(async () => {
    t = await openTestDatabase('server', 'empty')
    observer = new pg.Client({ connectionString: t.url })
    await observer.connect()
    const sleepy: TileSource = {
      layers: ['reaches'],
      async getTile(_address, signal) {
        await t.db.query(SLOW_SQL, [], { signal })
        return null
      },
    }
    app = await serveTiles(t.db, t.url, {}, { sourceFor: () => sleepy })
    slowApp = await serveTiles(t.db, t.url, { TILE_STATEMENT_TIMEOUT_MS: '300' }, { sourceFor: () => sleepy })
  })
  afterAll(async () => {
    await app?.close()
    await slowApp?.close()
    await observer?.end()
    await t?.dispose()
  })

  it('cancels the queries of clients that leave within a second, even with the pool exhausted', async () => {
    const clients = Array.from({ length: POOL_SIZE }, () => new AbortController())
    const requests = clients.map((c, i) =>
      rawGet(`${app.url}/tiles/reaches/14/${13000 + i}/7000.mvt`, {}, c.signal).catch(
        (error: Error) => error,
      ),
    )
    await until(async () => (await active()) === POOL_SIZE, 5000)
    for (const c of clients) c.abort()
    const took = await until(async () => (await active()) === 0, 1000)
    expect(took).toBeLessThan(1000)
    for (const outcome of await Promise.all(requests)) expect(outcome).toBeInstanceOf(Error)
    // The cancelled connections went back to the pool in working order.
    const again = await Promise.all(
      Array.from({ length: POOL_SIZE }, () => t.db.query<{ one: number }>('SELECT 1 AS one')),
    )
    expect(again.map((r) => r.rows[0].one)).toEqual(Array(POOL_SIZE).fill(1))
  })

  it('cancels a tile that runs past TILE_STATEMENT_TIMEOUT_MS and answers 503', async () => {
    const started = performance.now()
    const reply = await slowApp.get('/tiles/reaches/14/13000/7000.mvt')
    expect(performance.now() - started).toBeLessThan(5000)
    expect(reply.status).toBe(503)
    const body = JSON.parse(reply.body.toString())
    expect(body.error.code).toBe('unavailable')
    expect(body.error.message).toMatch(/300 ms/)
    await until(async () => (await active()) === 0, 1000)
  })
})
