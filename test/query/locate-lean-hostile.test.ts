// The lean path of GET /api/locate (server/http/locate-lean.ts) under hostile requests: whatever a
// client sends, the app served through listen.ts answers exactly as the Express route does (status,
// body bytes, Content-Type, Content-Length, ETag), the route being reached by the same request plus
// a non-matching If-None-Match (which the lean path never takes). Also: requests racing an import,
// clients that leave mid-request, and pipelined requests on one socket.
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { type AddressInfo, connect } from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { leanLocate } from '../../server/http/locate-lean.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { todayInKunming } from '../../server/query/kunming-date.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type LocateApp, type RawReply, serveLocate } from './locate-index-app.ts'

const COMPARED = ['content-type', 'content-length', 'etag'] as const
/** Makes the lean path decline, so that the Express route answers; matches no ETag. */
const TO_ROUTE = 'If-None-Match: "x"\r\n'

type Fate = 'declined' | 'handed-on' | 'answered'

/** What the lean path alone does with a request: declines it, hands it on, or answers it. */
function fateOf(
  app: LocateApp,
  path: string,
  method = 'GET',
  headers = {},
  onBody: (text: string) => void = () => {},
): Promise<Fate> {
  const lean = leanLocate(loadConfig({ DEMO: '0' }), app.kept)
  return new Promise<Fate>((resolve) => {
    const req = { method, url: path, headers } as IncomingMessage
    const res = {
      writeHead: () => res,
      end: (body: Buffer) => {
        onBody(body.toString('utf8'))
        resolve('answered')
      },
    } as unknown as ServerResponse
    if (!lean(req, res, () => resolve('handed-on'))) resolve('declined')
  })
}

const summary = (r: RawReply) => ({
  status: r.status,
  text: r.text,
  ...Object.fromEntries(COMPARED.map((h) => [h, r.headers[h]])),
})

/** The replies, in order, to `raw` written at once on one socket (HEAD replies have no body). */
function rawExchange(port: number, raw: string, methods: string[]): Promise<RawReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let buffer = Buffer.alloc(0)
    const replies: RawReply[] = []
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) break
        const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n')
        const headers: Record<string, string> = {}
        for (const line of lines) {
          const colon = line.indexOf(':')
          headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
        }
        const status = Number(statusLine.split(' ')[1])
        if (status === 100) {
          buffer = buffer.subarray(end + 4) // an interim '100 Continue': the reply follows
          continue
        }
        const noBody = methods[replies.length] === 'HEAD' || status === 304
        const length = noBody ? 0 : Number(headers['content-length'] ?? 0)
        if (buffer.length < end + 4 + length) break
        replies.push({ status, headers, text: buffer.subarray(end + 4, end + 4 + length).toString('utf8') })
        buffer = buffer.subarray(end + 4 + length)
        if (replies.length === methods.length) {
          socket.end()
          resolve(replies)
          return
        }
      }
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(replies))
    socket.write(raw)
  })
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: t\r\n${extra}\r\n`

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: LocateApp
  let server: Server
  let port: number
  let lon: number
  let lat: number
  let url: string
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveLocate(t.db, t.url)
    // A second server over the same index, as main.ts serves it, whose port raw sockets can reach.
    server = listen(
      createApp({ db: t.db, config: loadConfig({ DEMO: '0' }), locateIndex: app.kept }),
      0,
      '127.0.0.1',
    )
    await new Promise((resolve) => server.once('listening', resolve))
    port = (server.address() as AddressInfo).port
    const { rows } = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) AS p FROM reaches ORDER BY id LIMIT 1) s`,
    )
    ;({ lon, lat } = rows[0])
    url = `/api/locate?lon=${lon}&lat=${lat}&date=2018-06-01`
  }, 120_000)
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await app?.close()
    await t?.dispose()
  })

  /** One GET on a socket of its own; `headers`: extra header lines. */
  const ask = async (path: string, headers = '') => (await rawExchange(port, get(path, headers), ['GET']))[0]

  /** The lean-served answer to `path` and the route's answer to it, side by side. */
  async function bothWays(path: string) {
    const lean = await ask(path)
    const routed = await ask(path, TO_ROUTE)
    return { lean: summary(lean), routed: summary(routed) }
  }

  it('answers odd query strings exactly as the route does', async () => {
    const p = `lon=${lon}&lat=${lat}`
    // [query, does the lean path take it?]
    const cases: [string, boolean][] = [
      [`${p}&date=2018-06-01`, true],
      [`lon=${encodeURIComponent(String(lon))}&lat=%32${String(lat).slice(1)}&date=2018%2D06%2D01`, true],
      [`lon=+${lon}&lat=${lat}+&date=2018-06-01`, true],
      [`lon=%20${lon}%09&lat=${lat}`, true],
      [`${p}&unknown=1&x=&&=&date=2018-06-01`, true],
      [`${p}&Lon=5&LAT=5`, true],
      [`${p}&__proto__=1&constructor=2&toString=3&hasOwnProperty=4&__proto__[lon]=5`, true],
      [`${p}&crs=gcj02&date=2018-06-01`, true],
      [`${p}&crs=bd09&date=2018-06-01`, true],
      [`${p}&crs=EPSG%3A4326`, true],
      [`${p}&crs=epsg:4490`, true],
      ['lon=570000&lat=2770000&crs=EPSG:4543&date=2018-06-01', true],
      [`${p}&date=2024-02-29`, true],
      [`${p}&date=9999-12-31`, true],
      [`${p}&date=0001-01-01`, true],
      [`lon=${lon}e0&lat=${lat}`, true],
      [`lon=-0&lat=0`, true],
      [`lon=0&lat=-0&crs=gcj02`, true],
      [`${p}&engine=index`, true],
      [`${p}&date=`, false],
      [`${p}&date=2023-02-29`, false],
      [`${p}&date=10000-01-01`, false],
      [`${p}&date=0000-01-01`, false],
      [`${p}&date=2018-06-01&date=2018-06-01`, false],
      [`${p}&engine=INDEX`, false],
      [`${p}&engine=sql`, false],
      [`${p}&engine=`, false],
      [`${p}&crs=`, false],
      [`${p}&crs=gcj%00`, false],
      [`${p}&crs=${'x'.repeat(5000)}`, false],
      [`${p}&crs=${encodeURIComponent('河长坐标系')}`, false],
      [`${p}&crs=%E6%B2%B3%ZZ`, false],
      [`${p}&crs=%ED%A0%80`, false],
      ['lon=&lat=', false],
      ['lon=1e400&lat=25', false],
      ['lon=-1e400&lat=25', false],
      ['lon=0x10&lat=25', false],
      ['lon=1_0&lat=25', false],
      ['lon=Infinity&lat=25', false],
      ['lon=NaN&lat=25', false],
      ['lon=102.7.1&lat=25', false],
      ['lon=%EF%BC%91%EF%BC%90%EF%BC%92&lat=25', false], // full-width digits
      ['lon=102.7&lat=91', false],
      ['lon=181&lat=25', false],
      ['lon=1e-400&lat=1e-400', true],
      [`lon=${lon}&lon=${lon}&lat=${lat}`, false],
      [`lon[]=${lon}&lat=${lat}`, false],
      [`lon=${lon}&lat=${lat}&lat`, false],
      [`lon=${'1'.repeat(4000)}&lat=25`, false],
      [`lon=${lon}${'0'.repeat(4000)}&lat=${lat}`, true],
      ['lon=570000&lat=2770000&crs=EPSG:4490', false],
    ]
    const wrong: unknown[] = []
    for (const [query, taken] of cases) {
      const path = `/api/locate?${query}`
      const fate = await fateOf(app, path)
      const { lean, routed } = await bothWays(path)
      // Taken: the route's own answer is a 200; declined: the route refuses it, or SQL answers.
      const status = taken || query.endsWith('engine=sql') ? 200 : 400
      const stack = /at .*\.ts:\d+/.test(lean.text)
      if (fate !== (taken ? 'answered' : 'declined') || lean.status !== status || stack)
        wrong.push({ query, fate, status: lean.status, stack })
      if (JSON.stringify(lean) !== JSON.stringify(routed)) wrong.push({ query, lean, routed })
    }
    expect(wrong).toEqual([])
    // Sanity: a taken query's answer is the located one, not an empty one.
    const located = JSON.parse((await ask(`/api/locate?${p}&date=2018-06-01`)).text)
    expect(located.nearest_reach).toBeTruthy()
  }, 120_000)

  it('defaults the date alike, in Kunming, with no date given', async () => {
    const path = `/api/locate?lon=${lon}&lat=${lat}`
    expect(await fateOf(app, path)).toBe('answered')
    const { lean, routed } = await bothWays(path)
    expect(lean).toEqual(routed)
    expect(JSON.parse(lean.text).date).toBe(todayInKunming())
  })

  it('leaves other methods and paths to Express, which answers them as before', async () => {
    const q = `lon=${lon}&lat=${lat}&date=2018-06-01`
    for (const method of ['HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'get'])
      expect([method, await fateOf(app, `/api/locate?${q}`, method)]).toEqual([method, 'declined'])
    for (const path of [
      '/api/locate?',
      '/api/locate',
      `/API/locate?${q}`,
      `//api/locate?${q}`,
      `/api/locate/?${q}`,
      `/api/%6Cocate?${q}`,
      `/api/locate;x?${q}`,
      `http://t/api/locate?${q}`,
    ])
      expect([path, await fateOf(app, path)]).toEqual([path, 'declined'])
    const [getReply, head, options, post, bare, upper, doubled] = await rawExchange(
      port,
      [
        get(`/api/locate?${q}`),
        `HEAD /api/locate?${q} HTTP/1.1\r\nHost: t\r\n\r\n`,
        `OPTIONS /api/locate?${q} HTTP/1.1\r\nHost: t\r\n\r\n`,
        `POST /api/locate?${q} HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n`,
        get('/api/locate?'),
        get(`/API/locate?${q}`),
        get(`//api/locate?${q}`),
      ].join(''),
      ['GET', 'HEAD', 'OPTIONS', 'POST', 'GET', 'GET', 'GET'],
    )
    expect(getReply.status).toBe(200)
    // HEAD: the GET's headers, no body.
    expect([head.status, head.headers['content-length'], head.headers.etag, head.text]).toEqual([
      200,
      getReply.headers['content-length'],
      getReply.headers.etag,
      '',
    ])
    expect(options.status).toBeLessThan(500)
    expect(post.status).toBe(400)
    expect(JSON.parse(post.text).error.code).toBeTypeOf('string')
    expect(bare.status).toBe(400)
    expect(JSON.parse(bare.text).error.message).toMatch(/lon/)
    // Express matches paths case-insensitively: the route answers, the same bytes.
    expect([upper.status, upper.text]).toEqual([200, getReply.text])
    // '//api/locate' is no API path: Express gives it to the viewer's fallback, not to locate; that
    // answers the page (200) once web/dist is built, else 503 (a clean clone before the viewer tests).
    expect([200, 503]).toContain(doubled.status)
    expect(doubled.text).not.toBe(getReply.text)
    for (const r of [options, post, bare, doubled]) expect(r.text).not.toMatch(/at .*\.ts:\d+/)
  })

  it('ignores a fragment as the route does, rather than reading parameters from it', async () => {
    // Node passes a request-target's '#fragment' on in req.url; Express (parseurl) drops it. A
    // fragment that looks like more parameters must not change the answer.
    const p = `lon=${lon}&lat=${lat}`
    const differing: string[] = []
    for (const query of [`${p}&#&date=2018-06-01`, `${p}&x=#&crs=gcj02`, `${p}#&date=2018-06-01`, `${p}#`]) {
      const [lean, routed] = await rawExchange(
        port,
        get(`/api/locate?${query}`) + get(`/api/locate?${query}`, TO_ROUTE),
        ['GET', 'GET'],
      )
      expect(routed.status).toBe(200)
      if (JSON.stringify(summary(lean)) !== JSON.stringify(summary(routed))) differing.push(query)
    }
    expect(differing).toEqual([])
  })

  /** The lean-served and the routed reply to GET `url` sent with `headers` and `body`. */
  async function withBody(headers: string, body: string) {
    const extra = `${headers}Content-Length: ${Buffer.byteLength(body)}\r\n`
    const [lean, routed] = await rawExchange(
      port,
      `${get(url, extra)}${body}${get(url, `${extra}${TO_ROUTE}`)}${body}`,
      ['GET', 'GET'],
    )
    return { lean: summary(lean), routed: summary(routed) }
  }

  it('answers a GET with a body Express reads and accepts as the route does', async () => {
    for (const [headers, body] of [
      ['Content-Type: application/json\r\n', '{"points": []}'],
      ['Content-Type: text/plain\r\n', '{"points": ['],
      ['', 'anything'],
    ]) {
      const { lean, routed } = await withBody(headers, body)
      expect([headers, body, lean.status]).toEqual([headers, body, 200])
      expect(lean).toEqual(routed)
    }
  })

  it('answers a GET with a JSON body Express refuses as Express does', async () => {
    // express.json() runs before the route and refuses, GET or not, a body it cannot parse (400),
    // in a charset it does not read (415) or an encoding it does not know (415).
    const differing: unknown[] = []
    for (const [headers, body] of [
      ['Content-Type: application/json\r\n', '{"points": ['],
      ['Content-Type: application/json; charset=latin1\r\n', '{}'],
      ['Content-Type: application/json\r\nContent-Encoding: x-unknown\r\n', '{}'],
      ['Content-Type: application/json\r\nContent-Encoding: gzip\r\n', 'not gzip'],
    ]) {
      const { lean, routed } = await withBody(headers, body)
      expect(routed.status).toBeGreaterThanOrEqual(400)
      if (JSON.stringify(lean) !== JSON.stringify(routed)) differing.push({ headers, routed: routed.status })
    }
    expect(differing).toEqual([])
  })

  it('answers pipelined requests on one keep-alive socket, all of them, in order', async () => {
    const at = (date: string) => `/api/locate?lon=${lon}&lat=${lat}&date=${date}`
    const dates = ['2018-06-01', '2019-06-01', '2020-06-01', '2021-06-01', '2022-06-01', '2023-06-01']
    const body = '{"a":1}'
    const replies = await rawExchange(
      port,
      [
        get(at(dates[0])),
        get(at(dates[1])),
        get(at(dates[2]), 'If-None-Match: "x"\r\n'), // the route
        get('/api/locate?lon=abc&lat=25'), // the route's 400
        get(at(dates[3]), `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n`) + body,
        get(at(dates[4])),
        get(`${at(dates[5])}&engine=sql`), // SQL, slower than what follows
        get(at(dates[0])),
      ].join(''),
      Array(8).fill('GET'),
    )
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 400, 200, 200, 200, 200])
    const datesSeen = replies.filter((r) => r.status === 200).map((r) => JSON.parse(r.text).date)
    expect(datesSeen).toEqual([...dates, dates[0]])
    expect(replies[7].text).toBe(replies[0].text)
    // Sixty at once, a third of them routed, their version reads shared on the server engine.
    const many = Array.from({ length: 60 }, (_, i) => `${2010 + (i % 15)}-0${1 + (i % 9)}-15`)
    const manyReplies = await rawExchange(
      port,
      many.map((date, i) => get(at(date), i % 3 === 2 ? TO_ROUTE : '')).join(''),
      many.map(() => 'GET'),
    )
    expect(manyReplies.map((r) => JSON.parse(r.text).date)).toEqual(many)
  }, 60_000)

  it('keeps serving after clients leave mid-request', async () => {
    const target = port
    // Leaves straight after sending, and half-way through the request line.
    for (const raw of [get(url), get(url).slice(0, 20), get(url, 'If-None-Match: "x"\r\n')]) {
      await new Promise<void>((resolve) => {
        const socket = connect(target, '127.0.0.1', () => {
          socket.write(raw)
          socket.destroy()
          resolve()
        })
      })
    }
    let blocker: pg.Client | undefined
    if (engine === 'server') {
      // Hold the version read (it reads data_versions) behind a lock, leave while it waits, then
      // let it go: the answer is written to a closed socket.
      blocker = new pg.Client({ connectionString: t.url })
      await blocker.connect()
      try {
        await blocker.query('BEGIN; LOCK TABLE data_versions IN ACCESS EXCLUSIVE MODE')
        // A statement of the server's own makes the next locate read the versions (kept-index.ts).
        await t.db.query('SELECT 1')
        const socket = connect(target, '127.0.0.1')
        socket.write(get(url))
        let waiting = false
        for (let i = 0; i < 500 && !waiting; i++) {
          const { rows } = await blocker.query(
            `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'data_versions'::regclass`,
          )
          waiting = rows[0].n > 0
          if (!waiting) await new Promise((r) => setTimeout(r, 10))
        }
        expect(waiting).toBe(true) // the lean path's version read waits behind the lock
        socket.destroy()
        await new Promise((r) => setTimeout(r, 50))
      } finally {
        // Let go whatever happened, or every later test would wait behind the lock.
        await blocker.query('COMMIT')
        await blocker.end()
      }
    }
    const after = await ask(url)
    expect(after.status).toBe(200)
    expect(after.text).toBe((await ask(url, TO_ROUTE)).text)
  }, 60_000)

  it('gives no old data to a request sent after an import commits, however many run', async () => {
    const { rows: zones } = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT ST_PointOnSurface(geom) AS p FROM water_resource_zones ORDER BY id LIMIT 1) s`,
    )
    const z = zones[0]
    const path = `/api/locate?lon=${z.lon}&lat=${z.lat}&date=2018-06-01`
    const zoneIds = (text: string) =>
      (JSON.parse(text).zones.water_resource as { id: number }[]).map((x) => x.id)
    const before = zoneIds((await ask(path)).text)
    expect(await fateOf(app, path)).toBe('answered')
    const d = 0.0005
    const square = {
      type: 'MultiPolygon' as const,
      coordinates: [
        [
          [
            [z.lon, z.lat],
            [z.lon + d, z.lat],
            [z.lon + d, z.lat + d],
            [z.lon, z.lat + d],
            [z.lon, z.lat],
          ],
        ],
      ],
    }
    let committed = false
    let stop = false
    const seen: { afterCommit: boolean; ids: number[] }[] = []
    const worker = async () => {
      while (!stop) {
        const afterCommit = committed
        const reply = await ask(path)
        expect(reply.status).toBe(200)
        seen.push({ afterCommit, ids: zoneIds(reply.text) })
      }
    }
    const workers = Array.from({ length: 8 }, worker)
    await new Promise((r) => setTimeout(r, 30))
    await loadLayer(
      t.db,
      'water_resource_zones',
      [{ recordNo: 1, geometry: square, attributes: { name: '新区', colour: 'red' } }],
      {
        mode: 'replace',
        actor: 'test',
      },
    )
    committed = true
    // Asked straight after the commit, before any other turn of the event loop: the lean path
    // declines, hands on, or answers with the new zones.
    let text: string | undefined
    const fate = await fateOf(app, path, 'GET', {}, (body) => {
      text = body
    })
    if (text !== undefined) expect(zoneIds(text)).not.toEqual(before)
    else expect(fate).not.toBe('answered')
    // Keep asking until the index has been rebuilt, so its answers are among those checked.
    await app.kept.ready()
    const settled = seen.length
    while (seen.length < settled + 16) await new Promise((r) => setTimeout(r, 5))
    stop = true
    await Promise.all(workers)
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM water_resource_zones ORDER BY id')
    const now = rows.map((r) => r.id)
    expect(now).not.toEqual(before)
    const late = seen.filter((s) => s.afterCommit)
    expect(late.length).toBeGreaterThanOrEqual(16)
    for (const s of late) expect(s.ids).toEqual(now)
    expect(seen.filter((s) => !s.afterCommit).length).toBeGreaterThan(0)
    expect(await fateOf(app, path)).toBe('answered')
  }, 120_000)

  it('answers as the route does whatever else the request asks for in its headers', async () => {
    for (const header of [
      'If-Modified-Since: Tue, 01 Dec 2099 00:00:00 GMT',
      'If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT',
      'If-Match: "x"',
      'If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT',
      'Cache-Control: no-cache',
      'Range: bytes=0-9',
      'Accept: text/html',
      'Accept-Encoding: gzip, br',
      'Accept-Charset: latin1',
      'Connection: close',
      'Expect: 100-continue',
    ]) {
      const [lean] = await rawExchange(port, get(url, `${header}\r\n`), ['GET'])
      const [routed] = await rawExchange(port, get(url, `${header}\r\n${TO_ROUTE}`), ['GET'])
      expect([header, lean.status]).toEqual([header, 200])
      expect([header, summary(lean)]).toEqual([header, summary(routed)])
    }
  })

  it('answers HTTP/1.0 requests as the route does', async () => {
    const raw = (extra: string) => `GET ${url} HTTP/1.0\r\n${extra}\r\n`
    const [lean] = await rawExchange(port, raw(''), ['GET'])
    const [routed] = await rawExchange(port, raw(TO_ROUTE), ['GET'])
    expect(lean.status).toBe(200)
    expect(summary(lean)).toEqual(summary(routed))
  })

  it('never answers from an index that missed a change to basin_rules', async () => {
    // The index reads basin_rules (the regimes' authority, office and oversight: migration 007);
    // its data version (migration 017) makes an edit to a regime reach the index.
    const before = JSON.parse((await ask(url)).text).basin
    expect(before.governance).toBe('other')
    await t.db.query("UPDATE basin_rules SET oversight = '测试督察组' WHERE governance = 'other'")
    try {
      await app.kept.ready()
      const sql = JSON.parse((await ask(`${url}&engine=sql`)).text).basin
      expect(sql.oversight).toBe('测试督察组')
      expect(JSON.parse((await ask(url)).text).basin.oversight).toBe('测试督察组')
    } finally {
      await t.db.query(`UPDATE basin_rules SET oversight = $1 WHERE governance = 'other'`, [before.oversight])
    }
  })

  it('never answers from an index that missed a change to chief_ranks', async () => {
    // chief_ranks orders the chiefs on duty (migration 007); its data version (migration 017)
    // makes a change of order reach the index. City and county swap places here.
    const levels = (text: string) => (JSON.parse(text).chiefs as { level: string }[]).map((c) => c.level)
    const before = levels((await ask(url)).text)
    expect(before.indexOf('city')).toBeLessThan(before.indexOf('county'))
    const swap = `UPDATE chief_ranks SET rank = 3 - rank WHERE kind = 'level' AND value IN ('city', 'county')`
    await t.db.query(swap)
    try {
      await app.kept.ready()
      const sql = (await ask(`${url}&engine=sql`)).text
      expect(levels(sql).indexOf('county')).toBeLessThan(levels(sql).indexOf('city'))
      expect((await ask(url)).text).toBe(sql)
    } finally {
      await t.db.query(swap)
    }
  })
})
