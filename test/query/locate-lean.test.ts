// The lean path of GET /api/locate (server/http/locate-lean.ts): it answers the plain case from
// the index before Express, with the bytes and headers the Express route sends for the same
// request, and hands every other case to the route: a refused query, ?engine=sql, an
// If-None-Match, and an index the data has moved past.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import { leanLocate } from '../../server/http/locate-lean.ts'
import { LocateIndex } from '../../server/query/locate-index/locate-index.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type LocateApp, serveLocate } from './locate-index-app.ts'

/** Status codes no route gives: the lean path declined (false) or handed the request on (next). */
const DECLINED = 598
const HANDED_ON = 599

/** A server with the lean path alone, to see which requests it takes. */
async function leanOnly(app: LocateApp): Promise<{
  server: Server
  get(path: string, h?: object): Promise<number>
  reply(path: string): Promise<{ status: number; text: string }>
}> {
  const lean = leanLocate(loadConfig({ DEMO: '0' }), app.kept)
  const server = createServer((req, res) => {
    const handOn = () => {
      res.writeHead(HANDED_ON).end()
    }
    if (!lean(req, res, handOn)) res.writeHead(DECLINED).end()
  }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const port = (server.address() as AddressInfo).port
  const reply = (path: string, headers = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
      })
        .on('error', reject)
        .end()
    })
  return { server, reply, get: (path, headers) => reply(path, headers).then((r) => r.status) }
}

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: LocateApp
  let lean: Awaited<ReturnType<typeof leanOnly>>
  let url: string
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveLocate(t.db, t.url)
    lean = await leanOnly(app)
    // A point on a reach, so the answer has chiefs, a distance and a nearest reach.
    const { rows } = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) AS p FROM reaches ORDER BY id LIMIT 1) s`,
    )
    url = `/api/locate?lon=${rows[0].lon}&lat=${rows[0].lat}&date=2018-06-01`
  }, 120_000)
  afterAll(async () => {
    await new Promise((resolve) => lean?.server.close(resolve))
    await app?.close()
    await t?.dispose()
  })

  it('takes a plain locate and answers it as the Express route does, byte for byte', async () => {
    expect(await lean.get(url)).toBe(200)
    const fast = await app.get(url)
    // A non-matching If-None-Match: the lean path declines, the route answers in full.
    const routed = await app.get(url, { 'if-none-match': '"not-this"' })
    expect(await lean.get(url, { 'if-none-match': '"not-this"' })).toBe(DECLINED)
    expect(fast.status).toBe(200)
    expect(routed.status).toBe(200)
    expect(fast.text).toBe(routed.text)
    for (const header of ['content-type', 'content-length', 'etag'])
      expect([header, fast.headers[header]]).toEqual([header, routed.headers[header]])
    expect(JSON.parse(fast.text).chiefs.length).toBeGreaterThan(0)
    // The ETag it gave revalidates through the route: 304, no body.
    const again = await app.get(url, { 'if-none-match': String(fast.headers.etag) })
    expect([again.status, again.text]).toEqual([304, ''])
    // The SQL, the oracle, gives the same bytes.
    expect(fast.text).toBe((await app.get(`${url}&engine=sql`)).text)
  })

  it('defaults the date to today in Kunming, as the route does', async () => {
    const noDate = url.replace('&date=2018-06-01', '')
    expect(await lean.get(noDate)).toBe(200)
    const answer = JSON.parse((await app.get(noDate)).text)
    // Kunming is UTC+8 all year (no daylight saving): today there, worked out without the server's code.
    expect(answer.date).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10))
  })

  it('leaves refused queries, ?engine=sql and other paths to the route', async () => {
    for (const path of [
      '/api/locate?lon=abc&lat=25',
      '/api/locate?lat=25',
      '/api/locate?lon=102.7&lat=25&crs=EPSG:9999999',
      '/api/locate?lon=102.7&lat=25&date=2023-02-30',
      '/api/locate?lon=102.7&lon=102.8&lat=25',
      `${url}&engine=sql`,
      '/api/locate/?lon=102.7&lat=25',
      '/api/locates?lon=102.7&lat=25',
    ])
      expect([path, await lean.get(path)]).toEqual([path, DECLINED])
    // The route gives its 400, naming the parameter.
    const refused = await app.get('/api/locate?lon=abc&lat=25')
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.text).error.message).toMatch(/lon/)
  })

  it('never answers from an index the data has moved past', async () => {
    expect(await lean.get(url)).toBe(200)
    const chief = JSON.parse((await app.get(url)).text).chiefs[0]
    const nameIn = (text: string) =>
      JSON.parse(text).chiefs.find((c: { id: string }) => c.id === chief.id).name
    await t.db.query('UPDATE chiefs SET name = $1 WHERE id = $2', ['换届河长', chief.id])
    // Asked at once: the lean path declines (embedded: the versions in memory show the change) or
    // hands the request on after its version read (server engine), unless the rebuild the change
    // started is already done; whenever it answers, it is with the new name.
    // (The server engine declines once its listener has heard the change and the rebuild has let
    // the old index go; before that, its version read shows the change and it hands on.)
    const first = await lean.reply(url)
    expect([DECLINED, HANDED_ON, 200]).toContain(first.status)
    if (first.status === 200) expect(nameIn(first.text)).toBe('换届河长')
    else if (engine === 'embedded') expect(first.status).toBe(DECLINED)
    expect(nameIn((await app.get(url)).text)).toBe('换届河长')
    // Once rebuilt, the lean path answers again, with the new data.
    await app.kept.ready()
    const rebuilt = await lean.reply(url)
    expect(rebuilt.status).toBe(200)
    expect(nameIn(rebuilt.text)).toBe('换届河长')
    expect(rebuilt.text).toBe((await app.get(`${url}&engine=sql`)).text)
  }, 60_000)

  it('declines every locate while the index is stale (its rebuild held back)', async () => {
    // With the build held back, the index stays stale: the lean path must decline every time.
    const chief = JSON.parse((await app.get(url)).text).chiefs[0]
    const build = app.kept.rebuild.bind(app.kept)
    app.kept.rebuild = () => {}
    try {
      await t.db.query('UPDATE chiefs SET name = $1 WHERE id = $2', ['再换河长', chief.id])
      for (let i = 0; i < 5; i++) {
        const status = await lean.get(url)
        if (engine === 'embedded') expect(status).toBe(DECLINED)
        else expect([DECLINED, HANDED_ON]).toContain(status)
      }
    } finally {
      app.kept.rebuild = build
    }
    app.kept.rebuild()
    await app.kept.ready()
    expect(await lean.get(url)).toBe(200)
  }, 60_000)

  it('answers a failure inside the index with the API error body, and keeps serving', async () => {
    // Injected into every index, since a late notification may have any index rebuilt meanwhile.
    const locateRow = LocateIndex.prototype.locateRow
    LocateIndex.prototype.locateRow = () => {
      throw new Error('a fault injected into the index')
    }
    const statuses: number[] = []
    try {
      // Asked while the index is current (else SQL answers, rightly, with a 200).
      for (let i = 0; i < 20 && !statuses.includes(500); i++) {
        await app.kept.ready()
        if (!(await app.kept.fresh())) continue
        const failed = await app.get(url)
        statuses.push(failed.status)
        if (failed.status !== 500) continue
        const body = JSON.parse(failed.text)
        expect(body.error.code).toBeTypeOf('string')
        expect(failed.text).not.toMatch(/injected|at .*\.ts:\d+/)
      }
    } finally {
      LocateIndex.prototype.locateRow = locateRow
    }
    expect(statuses).toContain(500)
    expect((await app.get(url)).status).toBe(200)
  })
})
