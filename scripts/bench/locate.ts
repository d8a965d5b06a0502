// Query API benchmark: GET /api/locate and POST /api/intrusion under autocannon on loopback, with
// the demo city at --scale, on the server engine and on the embedded engine. In the same run it
// measures the floor: the same SQL, with the same parameters, sent straight to the engine (a pg
// pool of the same size, or PGlite itself) by the same number of concurrent callers. It prints
// requests/s, p50 and p99 of each, the ratio server/floor, and the goals.
// Issue 14: locate from the in-process index (the default) against the HTTP floors measured in
// the same run, in turns with it, an Express route sending a fixed ~2.4 KB JSON body and a bare
// node:http server;
// `?engine=sql` keeps the SQL figures; a batch of 10 000 points end to end; the index's build
// time and the heap it holds.
//
//   npx tsx scripts/bench/locate.ts [--scale 1] [--engine both|server|embedded] [--duration 10]
//                                   [--connections 8] [--url postgres://…] [--fresh]
// The server store is database rcgis_bench_s<scale> at --url (default TEST_DATABASE_URL or
// DATABASE_URL); the embedded store is .cache/bench-locate/s<scale>. Both are built on first use.
// Each engine runs in a child process, so the load generator never shares its event loop.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import express from 'express'
import pg from 'pg'
import seedrandom from 'seedrandom'
import { loadConfig } from '../../server/config.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { intrusionStatement } from '../../server/query/intrusion.ts'
import { locateStatement } from '../../server/query/locate.ts'
import { KeptLocateIndex } from '../../server/query/locate-index/kept-index.ts'
import { DataVersions } from '../../tiles/data-versions.ts'
import { demoStore, type Engine, type Extent } from './demo-store.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    engine: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    url: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    // Internal: the child process role and the workload's extent (the child regenerates it).
    role: { type: 'string' },
    extent: { type: 'string' },
  },
})
const scale = Number(args.scale)
const duration = Number(args.duration)
const connections = Number(args.connections)
const baseUrl = args.url ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
const DATE = '2018-06-01'
const NEAR_M = loadConfig({}).LOCATE_NEAR_M
const POOL = connections // "the same pool size" as the server's DB_POOL_SIZE below

const store = demoStore(scale, POOL, baseUrl)

interface Workload {
  points: [number, number][]
  polygons: { type: 'Polygon'; coordinates: number[][][] }[]
}

/** Random points over the city's extent, and 200-vertex polygons (~300 m across) around some. */
function workload(extent: Extent): Workload {
  const random = seedrandom('rcgis-bench-locate')
  const points = Array.from({ length: 1000 }, (): [number, number] => [
    extent.xmin + random() * (extent.xmax - extent.xmin),
    extent.ymin + random() * (extent.ymax - extent.ymin),
  ])
  const polygons = points.slice(0, 100).map(([x, y]) => {
    const ring = Array.from({ length: 199 }, (_, k) => {
      const a = (2 * Math.PI * k) / 199
      const r = 0.0015 * (0.8 + 0.2 * Math.sin(5 * a))
      return [x + r * Math.cos(a), y + r * Math.sin(a)]
    })
    ring.push(ring[0])
    return { type: 'Polygon' as const, coordinates: [ring] }
  })
  return { points, polygons }
}

interface Figures {
  rps: number
  p50: number
  p99: number
  errors: number
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

/** The floor: `connections` callers sending the statements back to back for `duration` s. */
async function floor(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  statements: { sql: string; params: unknown[] }[],
): Promise<Figures> {
  const latencies: number[] = []
  let next = 0
  let errors = 0
  const end = performance.now() + duration * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const { sql, params } = statements[next++ % statements.length]
        const t0 = performance.now()
        try {
          await db.query(sql, params)
        } catch {
          errors++
        }
        latencies.push(performance.now() - t0)
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  return {
    rps: latencies.length / duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
  }
}

const statements = (w: Workload) => ({
  locate: w.points.map(([lon, lat]) => locateStatement(lon, lat, { date: DATE, nearM: NEAR_M })),
  intrusion: w.polygons.map((g) => intrusionStatement(g, { bufferM: 50, date: DATE, nearM: NEAR_M })),
})

async function load(
  port: number,
  w: Workload,
  endpoint: 'locate' | 'locate-sql' | 'intrusion' | 'floor',
  clients = connections,
  seconds = duration,
): Promise<Figures> {
  let i = 0
  const request =
    endpoint === 'floor'
      ? { method: 'GET' as const, path: '/floor' }
      : endpoint !== 'intrusion'
        ? {
            method: 'GET' as const,
            setupRequest: (req: { path: string }) => {
              const [lon, lat] = w.points[i++ % w.points.length]
              req.path = `/api/locate?lon=${lon}&lat=${lat}&date=${DATE}${endpoint === 'locate-sql' ? '&engine=sql' : ''}`
              return req
            },
          }
        : {
            method: 'POST' as const,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req: { body?: string; path: string }) => {
              req.path = '/api/intrusion'
              req.body = JSON.stringify({
                geometry: w.polygons[i++ % w.polygons.length],
                buffer_m: 50,
                date: DATE,
              })
              return req
            },
          }
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: clients,
    duration: seconds,
    requests: [request as autocannon.Request],
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  }
}

/** Child roles: serve the app, or measure the floor where the store lives (PGlite is in-process). */
async function child(role: string, engine: Engine) {
  if (role === 'floors') return serveFloors()
  const [xmin, ymin, xmax, ymax] = args.extent!.split(',').map(Number)
  const w = workload({ xmin, ymin, xmax, ymax })
  const db = await store.open(engine)
  if (role === 'serve') {
    const versions = await DataVersions.listen(db, {
      listenUrl: engine === 'server' ? store.serverUrl() : undefined,
    })
    // Heap before and after the build, after a full GC each time (node --expose-gc).
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    const locateIndex = new KeptLocateIndex(db, versions)
    locateIndex.rebuild()
    const index = await locateIndex.ready()
    gc?.()
    const indexMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20
    const app = createApp({ db, config: loadConfig({ DEMO: '0', DB_POOL_SIZE: String(POOL) }), locateIndex })
    // Served as main.ts serves it (listen.ts: the lean paths before Express).
    const server = listen(app, 0, '127.0.0.1')
    server.once('listening', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      console.log(
        JSON.stringify({ port, buildMs: index?.stats.buildMs, features: index?.stats.features, indexMb }),
      )
    })
    process.on('SIGTERM', () => server.close(() => db.close().then(() => process.exit(0))))
    return
  }
  const s = statements(w)
  await floor(db, s.locate.slice(0, 50)) // warm up: plans, caches, PROJ
  const figures = { locate: await floor(db, s.locate), intrusion: await floor(db, s.intrusion) }
  console.log(JSON.stringify(figures))
  await db.close()
}

/** A fixed JSON body the size of a locate answer (~2.4 KB). */
const FLOOR_BODY = JSON.stringify({ filler: 'x'.repeat(2400) })

/** The HTTP floors: an Express route and a bare node:http server, each answering FLOOR_BODY. */
function serveFloors() {
  const app = express()
  app.get('/floor', (_req, res) => {
    res.type('application/json').send(FLOOR_BODY)
  })
  const expressServer = app.listen(0, '127.0.0.1')
  const bare = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(FLOOR_BODY),
    })
    res.end(FLOOR_BODY)
  }).listen(0, '127.0.0.1')
  const port = (s: { address(): unknown }) => (s.address() as { port: number }).port
  Promise.all([expressServer, bare].map((s) => new Promise((r) => s.once('listening', r)))).then(() =>
    console.log(JSON.stringify({ express: port(expressServer), bare: port(bare) })),
  )
  process.on('SIGTERM', () => process.exit(0))
}

/** POST /api/locate with `points`, end to end (request sent to last byte read), in ms. */
async function batch(port: number, points: [number, number][]): Promise<number> {
  const t0 = performance.now()
  const response = await fetch(`http://127.0.0.1:${port}/api/locate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ points, date: DATE }),
  })
  const body = (await response.json()) as { count: number }
  if (body.count !== points.length) throw new Error(`batch answered ${body.count} of ${points.length}`)
  return performance.now() - t0
}

function spawnChild(role: string, engine: Engine, e: Extent): { proc: ChildProcess; line: Promise<string> } {
  const proc = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      import.meta.filename,
      '--role',
      role,
      '--engine',
      engine,
      '--scale',
      String(scale),
      '--duration',
      String(duration),
      '--connections',
      String(connections),
      '--extent',
      [e.xmin, e.ymin, e.xmax, e.ymax].join(','),
      ...(baseUrl ? ['--url', baseUrl] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const line = new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve)
    proc.once('exit', (code) => reject(new Error(`${role} child exited with ${code}`)))
  })
  return { proc, line }
}

async function measureFloor(engine: Engine, extent: Extent, w: Workload) {
  if (engine === 'embedded') {
    const { line } = spawnChild('floor', engine, extent)
    return JSON.parse(await line) as Record<'locate' | 'intrusion', Figures>
  }
  const pool = new pg.Pool({ connectionString: store.serverUrl(), max: POOL })
  const s = statements(w)
  await floor(pool, s.locate.slice(0, 50))
  const figures = { locate: await floor(pool, s.locate), intrusion: await floor(pool, s.intrusion) }
  await pool.end()
  return figures
}

/** Slices per interleaved measure: the floors and the index take turns, so drift hits all alike. */
const ROUNDS = 4

/**
 * Locate from the index and the two HTTP floors, measured in turns: ROUNDS times each of Express,
 * the index and node:http for duration/ROUNDS s (at least 2 s). On these shared machines a floor
 * measured a minute apart from the server moved by a quarter; in turns, both see the same
 * machine. Requests/s is the mean over the slices (all of one length), p50 their median, p99 the
 * worst slice's; the ratio of each slice is kept to print.
 */
async function measureInTurns(port: number, floors: { express: number; bare: number }, w: Workload) {
  const seconds = Math.max(2, duration / ROUNDS)
  const slices = { locate: [] as Figures[], express: [] as Figures[], bare: [] as Figures[] }
  for (let round = 0; round < ROUNDS; round++) {
    slices.express.push(await load(floors.express, w, 'floor', connections, seconds))
    slices.locate.push(await load(port, w, 'locate', connections, seconds))
    slices.bare.push(await load(floors.bare, w, 'floor', connections, seconds))
  }
  const combine = (f: Figures[]): Figures => ({
    rps: f.reduce((sum, x) => sum + x.rps, 0) / f.length,
    p50: percentile(
      f.map((x) => x.p50).sort((a, b) => a - b),
      0.5,
    ),
    p99: Math.max(...f.map((x) => x.p99)),
    errors: f.reduce((sum, x) => sum + x.errors, 0),
  })
  return {
    locate: combine(slices.locate),
    express: combine(slices.express),
    bare: combine(slices.bare),
    ratios: slices.locate.map((l, i) => l.rps / slices.express[i].rps),
  }
}

async function measureServer(engine: Engine, extent: Extent, w: Workload) {
  const floors = spawnChild('floors', 'embedded', extent)
  const floorPorts = JSON.parse(await floors.line) as { express: number; bare: number }
  try {
    await load(floorPorts.express, w, 'floor') // warm up
    return await measureApp(engine, extent, w, floorPorts)
  } finally {
    floors.proc.kill('SIGTERM')
    await new Promise((resolve) => floors.proc.once('exit', resolve))
  }
}

async function measureApp(
  engine: Engine,
  extent: Extent,
  w: Workload,
  floors: { express: number; bare: number },
) {
  const { proc, line } = spawnChild('serve', engine, extent)
  const started = JSON.parse(await line) as {
    port: number
    buildMs: number
    features: number
    indexMb: number
  }
  const { port } = started
  try {
    await load(port, { ...w, points: w.points.slice(0, 50) }, 'locate') // warm up
    const random = seedrandom('rcgis-bench-batch')
    const batchPoints = Array.from({ length: 10_000 }, (): [number, number] => [
      extent.xmin + random() * (extent.xmax - extent.xmin),
      extent.ymin + random() * (extent.ymax - extent.ymin),
    ])
    return {
      index: started,
      batchMs: await batch(port, batchPoints),
      locateSql: await load(port, w, 'locate-sql'),
      inTurns: await measureInTurns(port, floors, w),
      intrusion: await load(port, w, 'intrusion'),
      // The latency of one review on its own, as a planner waiting for the answer sees it.
      intrusionAlone: await load(port, w, 'intrusion', 1),
    }
  } finally {
    proc.kill('SIGTERM')
    await new Promise((resolve) => proc.once('exit', resolve))
  }
}

const fmt = (f: Figures) =>
  `${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `  errors ${f.errors}` : ''}`

async function main() {
  if (args.role) return child(args.role, args.engine as Engine)
  const engines: Engine[] = args.engine === 'both' ? ['server', 'embedded'] : [args.engine as Engine]
  console.log(
    `locate/intrusion benchmark: demo scale ${scale}, ${connections} connections, ${duration} s per run, date ${DATE}`,
  )
  // Other work on the machine shares its cores with the server and the floor alike.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')
  console.log(`load average at start: ${load()}`)
  for (const engine of engines) {
    const extent = await store.prepare(engine, args.fresh)
    const w = workload(extent)
    const base = await measureFloor(engine, extent, w)
    const api = await measureServer(engine, extent, w)
    const http = api.inTurns
    console.log(
      `${engine.padEnd(8)} index     built in ${api.index.buildMs.toFixed(0)} ms, ${api.index.features} features, heap ${api.index.indexMb.toFixed(0)} MB`,
    )
    console.log(`${engine.padEnd(8)} batch     10 000 points end to end ${api.batchMs.toFixed(0)} ms`)
    console.log(`${engine.padEnd(8)} locate    index  ${fmt(http.locate)}`)
    console.log(`${''.padEnd(8)} floors    express ${fmt(http.express)}`)
    console.log(`${''.padEnd(8)}           node:http ${fmt(http.bare)}`)
    console.log(
      `${''.padEnd(8)}           ratio index/express ${(http.locate.rps / http.express.rps).toFixed(2)}, index/node:http ${(http.locate.rps / http.bare.rps).toFixed(2)}`,
    )
    console.log(
      `${''.padEnd(8)}           in turns of ${Math.max(2, duration / ROUNDS)} s, index/express per turn ${http.ratios.map((r) => r.toFixed(2)).join(' ')}`,
    )
    const indexGoals = [
      ['locate from the index ≥ 80 % of the Express floor', http.locate.rps / http.express.rps >= 0.8],
      [`locate from the index p99 < 10 ms at ${connections} connections`, http.locate.p99 < 10],
      ['batch of 10 000 points < 1 s end to end', api.batchMs < 1000],
      ['index heap < 500 MB', api.index.indexMb < 500],
      ['stretch: locate ≥ 30 % of the node:http floor', http.locate.rps / http.bare.rps >= 0.3],
    ] as const
    for (const [goal, met] of indexGoals)
      console.log(`${engine.padEnd(8)} goal ${met ? 'met   ' : 'MISSED'} ${goal}`)
    for (const endpoint of ['locate', 'intrusion'] as const) {
      const [s, f] = [endpoint === 'locate' ? api.locateSql : api[endpoint], base[endpoint]]
      console.log(`${engine.padEnd(8)} ${endpoint.padEnd(9)} server ${fmt(s)}`)
      console.log(`${''.padEnd(8)} ${''.padEnd(9)} floor  ${fmt(f)}`)
      console.log(
        `${''.padEnd(8)} ${''.padEnd(9)} ratio server/floor throughput ${(s.rps / f.rps).toFixed(2)}`,
      )
    }
    console.log(`${''.padEnd(8)} intrusion server ${fmt(api.intrusionAlone)}  (1 connection)`)
    const goals = [
      [`locate (SQL) ≥ 50 % of floor throughput`, api.locateSql.rps / base.locate.rps >= 0.5],
      [`locate (SQL) p99 < 20 ms at ${connections} connections`, api.locateSql.p99 < 20],
      ['intrusion (200-vertex polygon) p50 < 50 ms, 1 connection', api.intrusionAlone.p50 < 50],
      [`intrusion (200-vertex polygon) p50 < 50 ms, ${connections} connections`, api.intrusion.p50 < 50],
    ] as const
    for (const [goal, met] of goals)
      console.log(`${engine.padEnd(8)} goal ${met ? 'met   ' : 'MISSED'} ${goal}`)
  }
  console.log(`load average at end: ${load()}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
