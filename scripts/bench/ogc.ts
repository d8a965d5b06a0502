// OGC API – Features benchmark (issue 10 "Benchmark"): autocannon against
// /ogc/collections/{reaches,admin_areas}/items?bbox=<0.1° box>&limit=100 and against
// /ogc/collections/reaches/items/{id}, with the demo city at --scale. The floor, in the same run,
// is the same SQL (the count and the page of a first page; the feature of an item) sent through
// `pg` as named prepared statements by as many concurrent callers. It also times the count alone
// against the page alone, which is what carrying the count in next links saves on later pages.
//
//   npx tsx scripts/bench/ogc.ts [--scale 10] [--duration 10] [--connections 8] [--url postgres://…]
// The store is database rcgis_bench_s<scale> at --url (default TEST_DATABASE_URL or DATABASE_URL),
// shared with scripts/bench/locate.ts and loaded on first use. Server engine only: the embedded
// engine's floor would share PGlite's one connection with the server under test.
import { type ChildProcess, spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import pg from 'pg'
import seedrandom from 'seedrandom'
import { loadConfig } from '../../server/config.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { generateDemo } from '../../server/demo/generate.ts'
import { demoNeeded, loadDemo } from '../../server/demo/load-demo.ts'
import { createApp } from '../../server/http/app.ts'
import { getLayer, type LayerId } from '../../server/layers/registry.ts'
import { parseItemsParams } from '../../server/ogc/items-params.ts'
import { countSql, featureSelect, itemsSql } from '../../server/ogc/items-sql.ts'
import { subPageStatement } from '../../server/ogc/items-stream.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    url: { type: 'string' },
    serve: { type: 'boolean', default: false },
  },
})
const scale = Number(args.scale)
const duration = Number(args.duration)
const connections = Number(args.connections)
const baseUrl = args.url ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
if (!baseUrl) throw new Error('needs --url or TEST_DATABASE_URL / DATABASE_URL')
const storeUrl = (() => {
  const u = new URL(baseUrl)
  u.pathname = `/rcgis_bench_s${scale}`
  return u.toString()
})()
// The planner setting the server engine's pool uses (server/db/pg-engine.ts), for a fair floor.
const POOL_OPTIONS = '-c plan_cache_mode=force_generic_plan'
const BOX_DEG = 0.1
const LIMIT = 100

interface Statement {
  sql: string
  params: unknown[]
}

interface Figures {
  rps: number
  p50: number
  p99: number
  errors: number
}

async function prepareStore() {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  const name = new URL(storeUrl).pathname.slice(1)
  if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount)
    await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const { db } = await openDatabase({ ...loadConfig({ DEMO: '0' }), DATABASE_URL: storeUrl })
  try {
    if (await demoNeeded(db)) {
      const t0 = Date.now()
      await loadDemo(db, generateDemo({ scale }))
      console.error(`loaded the demo city at scale ${scale} in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
    }
  } finally {
    await db.close()
  }
}

/** 200 boxes of BOX_DEG inside the city's extent, and 500 reach ids, from a fixed seed. */
async function workload(pool: pg.Pool) {
  const random = seedrandom('rcgis-bench-ogc')
  const { rows } = await pool.query(
    'SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom) e FROM admin_areas) s',
  )
  const { x0, y0, x1, y1 } = rows[0]
  const boxes = Array.from({ length: 200 }, () => {
    const x = x0 + random() * (x1 - x0 - BOX_DEG)
    const y = y0 + random() * (y1 - y0 - BOX_DEG)
    return [x, y, x + BOX_DEG, y + BOX_DEG].map((n) => n.toFixed(5)).join(',')
  })
  const ids = (await pool.query('SELECT id FROM reaches ORDER BY random() LIMIT 500')).rows.map((r) =>
    String(r.id),
  )
  const sizes = await pool.query(
    'SELECT (SELECT count(*) FROM reaches) AS reaches, (SELECT count(*) FROM admin_areas) AS admin_areas',
  )
  return { boxes, ids, sizes: sizes.rows[0] }
}

/** The statements the server sends for the first page of a bbox request. */
async function bboxStatements(layerId: LayerId, bbox: string) {
  const layer = getLayer(layerId)
  const p = parseItemsParams({ bbox, limit: String(LIMIT) }, layer)
  const s = await itemsSql(layer, p)
  return { count: { sql: countSql(s), params: s.params }, page: subPageStatement(s, LIMIT, 0) }
}

const itemStatement = (id: string): Statement => ({
  sql: `SELECT ${featureSelect(getLayer('reaches').attributes)} FROM "reaches" f WHERE f.id = $1::int8`,
  params: [id],
})

// One name per statement text for the whole run: pg refuses a name reused for another text.
const names = new Map<string, string>()
const name = (sql: string) => {
  if (!names.has(sql)) names.set(sql, `bench_${names.size}`)
  return names.get(sql)!
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

/** `connections` callers running each request's statements back to back, prepared by name. */
async function floor(pool: pg.Pool, requests: Statement[][]): Promise<Figures> {
  const latencies: number[] = []
  let next = 0
  let errors = 0
  const end = performance.now() + duration * 1000
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const statements = requests[next++ % requests.length]
        const t0 = performance.now()
        try {
          for (const { sql, params } of statements)
            await pool.query({ name: name(sql), text: sql, values: params })
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

async function load(port: number, paths: string[]): Promise<Figures> {
  let i = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length]
          return req
        },
      },
    ],
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  }
}

/** The server in a child process, so autocannon never shares its event loop. */
function serve(): { proc: ChildProcess; port: Promise<number> } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--serve', '--scale', String(scale), '--url', baseUrl!],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const port = new Promise<number>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => resolve(Number(line)))
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return { proc, port }
}

async function childServer() {
  const config = loadConfig({ DEMO: '0', DB_POOL_SIZE: String(connections) })
  const { db } = await openDatabase({ ...config, DATABASE_URL: storeUrl })
  const server = createApp({ db, config }).listen(0, '127.0.0.1', () => {
    const address = server.address()
    console.log(typeof address === 'object' && address ? address.port : 0)
  })
  process.on('SIGTERM', () => server.close(() => db.close().then(() => process.exit(0))))
}

const fmt = (f: Figures) =>
  `${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `  errors ${f.errors}` : ''}`

async function main() {
  if (args.serve) return childServer()
  await prepareStore()
  const pool = new pg.Pool({ connectionString: storeUrl, max: connections, options: POOL_OPTIONS })
  const w = await workload(pool)
  console.log(
    `OGC API benchmark: demo scale ${scale} (reaches ${w.sizes.reaches}, admin_areas ${w.sizes.admin_areas}), ${connections} connections, ${duration} s per run, ${BOX_DEG}° boxes, limit ${LIMIT}`,
  )
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  const server = serve()
  const port = await server.port
  try {
    const cases: [string, string[], Statement[][]][] = []
    for (const layer of ['reaches', 'admin_areas'] as const) {
      const statements = await Promise.all(w.boxes.map((b) => bboxStatements(layer, b)))
      cases.push([
        `${layer} bbox`,
        w.boxes.map((b) => `/ogc/collections/${layer}/items?bbox=${b}&limit=${LIMIT}`),
        statements.map((s) => [s.count, s.page]),
      ])
      // The bbox must reach the features through the GiST index on geom, not a scan of the layer.
      const plan = await pool.query(
        `EXPLAIN (FORMAT JSON) ${statements[0].page.sql}`,
        statements[0].page.params,
      )
      const indexes = [...JSON.stringify(plan.rows[0]).matchAll(/"Index Name":\s*"(\w+)"/g)].map((m) => m[1])
      console.log(`${layer.padEnd(12)} page plan uses ${indexes.join(', ') || 'NO INDEX'}`)
      // What the count costs: the count alone and the page alone (a next page runs only the page).
      const count = await floor(
        pool,
        statements.map((s) => [s.count]),
      )
      const page = await floor(
        pool,
        statements.map((s) => [s.page]),
      )
      console.log(`${layer.padEnd(12)} count alone ${fmt(count)}`)
      console.log(`${''.padEnd(12)} page alone  ${fmt(page)}`)
    }
    cases.push([
      'reaches item',
      w.ids.map((id) => `/ogc/collections/reaches/items/${id}`),
      w.ids.map((id) => [itemStatement(id)]),
    ])
    // The HTTP reference: a trivial route through the same app, server and connections. On a
    // shared machine the floor's work runs in PostgreSQL's backends while the server's runs in
    // one Node process too, so this says how much of any gap is HTTP itself.
    await load(port, ['/api/health'])
    console.log(`${'/api/health'.padEnd(14)} server ${fmt(await load(port, ['/api/health']))}`)
    for (const [label, paths, statements] of cases) {
      await load(port, paths.slice(0, 20)) // warm up: plans and prepared statements
      const api = await load(port, paths)
      const base = await floor(pool, statements)
      console.log(`${label.padEnd(14)} server ${fmt(api)}`)
      console.log(`${''.padEnd(14)} floor  ${fmt(base)}`)
      const ratio = api.rps / base.rps
      console.log(
        `${''.padEnd(14)} ratio ${ratio.toFixed(2)}; goal ≥ 0.60 ${ratio >= 0.6 ? 'met' : 'MISSED'}, p99 < 30 ms ${api.p99 < 30 ? 'met' : 'MISSED'}`,
      )
    }
  } finally {
    server.proc.kill('SIGTERM')
    await pool.end()
  }
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
