// Tile benchmark (issue 9): GET /tiles/… under autocannon on loopback over a fixed address set —
// every tile covering the demo city at z8, z10, z12 and z14 (a seeded sample of at most 2,000 per
// zoom) for one polygon layer, one line layer and the composite of all layers — with the cache
// off (cold: every request makes its tile) and warm (every address made once beforehand), on the
// server engine and on the embedded engine. Floors in the same run: the same ST_AsMVT SQL sent
// straight through `pg` as a prepared statement with the same pool size, a trivial Express
// route, and a bare node:http server answering a cached 12 KB buffer. Prints tiles/s, p50, p99,
// the ratios and the goals; for the embedded engine also its resident memory after touching
// every z12 tile of the demo.
//
//   npx tsx scripts/bench/tiles.ts [--scale 1] [--engine both|server|embedded] [--duration 10]
//                                  [--connections 8] [--per-zoom 2000] [--url postgres://…]
// The stores are those of scripts/bench/locate.ts (database rcgis_bench_s<scale>, or
// .cache/bench-locate/s<scale>), built on first use. Every server runs in a child process, so the
// load generator never shares its event loop.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
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
import { LAYER_IDS, type LayerId } from '../../server/layers/registry.ts'
import { DataVersions } from '../../tiles/data-versions.ts'
import { postgisTileSql } from '../../tiles/postgis-mvt.ts'
import { layersAtZoom } from '../../tiles/tile-fields.ts'
import { demoStore, type Engine, type Extent } from './demo-store.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    engine: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    'per-zoom': { type: 'string', default: '2000' },
    url: { type: 'string' },
    // Internal: the child process role and its settings.
    role: { type: 'string' },
    cache: { type: 'string' },
  },
})
const scale = Number(args.scale)
const duration = Number(args.duration)
const connections = Number(args.connections)
const baseUrl = args.url ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
const POOL = connections // the server's DB_POOL_SIZE and the SQL floor's pool alike
const ZOOMS = [8, 10, 12, 14]
const PER_ZOOM = Number(args['per-zoom'])
/** One polygon layer, one line layer, every layer in one tile. */
const LAYER_SETS: readonly (readonly LayerId[])[] = [['water_resource_zones'], ['reaches'], LAYER_IDS]

const store = demoStore(scale, POOL, baseUrl)

// Slippy-map tile numbers (OSM wiki, "Slippy map tilenames").
const tileX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z)
const tileY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)
}

interface Address {
  layers: readonly LayerId[]
  z: number
  x: number
  y: number
}

/** Every tile covering `e` at `z`, a seeded sample of at most PER_ZOOM of them. */
function tilesCovering(e: Extent, z: number): [number, number][] {
  const all: [number, number][] = []
  for (let x = tileX(e.xmin, z); x <= tileX(e.xmax, z); x++)
    for (let y = tileY(e.ymax, z); y <= tileY(e.ymin, z); y++) all.push([x, y])
  const random = seedrandom(`rcgis-bench-tiles-${z}`)
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[all[i], all[j]] = [all[j], all[i]]
  }
  return all.slice(0, PER_ZOOM)
}

function addresses(e: Extent): Address[] {
  const out: Address[] = []
  for (const z of ZOOMS)
    for (const [x, y] of tilesCovering(e, z)) for (const layers of LAYER_SETS) out.push({ layers, z, x, y })
  return out
}

const tilePath = (a: Address) => `/tiles/${a.layers.join(',')}/${a.z}/${a.x}/${a.y}.mvt`

interface Figures {
  rps: number
  p50: number
  p99: number
  errors: number
  /** Mean bytes per answer, body and headers (autocannon's throughput / requests). */
  bytes?: number
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]

/** The SQL floor: the tile statement of each address through a pg pool, `connections` callers. */
async function sqlFloor(all: Address[]): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: store.serverUrl(), max: POOL })
  const statements = all.flatMap((a) => {
    const present = layersAtZoom(a.layers, a.z)
    if (present.length === 0) return []
    const text = postgisTileSql(present)
    // Named: prepared once per connection, as the pg engine does.
    const name = `bench_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    return [{ name, text, values: [a.z, a.x, a.y, ...present] }]
  })
  const latencies: number[] = []
  let next = 0
  let errors = 0
  const run = async (ms: number, record: boolean) => {
    const end = performance.now() + ms
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const statement = statements[next++ % statements.length]
          const t0 = performance.now()
          try {
            await pool.query(statement)
          } catch {
            errors++
          }
          if (record) latencies.push(performance.now() - t0)
        }
      }),
    )
  }
  await run(1000, false) // prepare on every connection
  next = 0
  await run(duration * 1000, true)
  await pool.end()
  latencies.sort((a, b) => a - b)
  return {
    rps: latencies.length / duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
  }
}

async function load(port: number, paths: string[], seconds = duration): Promise<Figures> {
  let i = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    headers: { 'accept-encoding': 'gzip' },
    requests: [
      {
        method: 'GET',
        setupRequest: (req: { path: string }) => {
          req.path = paths[i++ % paths.length]
          return req
        },
      } as autocannon.Request,
    ],
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // 204 is a tile's answer too.
    errors: result.errors + result.timeouts + result.non2xx,
    bytes: result.throughput.average / Math.max(1, result.requests.average),
  }
}

/** Each path once, `connections` at a time; the tiles per second. */
async function touch(port: number, paths: string[]): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < paths.length) {
        const path = paths[next++]
        // A keep-alive socket the server closed while idle fails once: ask again.
        for (let attempt = 0; ; attempt++) {
          try {
            await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer()
            break
          } catch (error) {
            if (attempt === 2) throw error
          }
        }
      }
    }),
  )
  return paths.length / ((performance.now() - start) / 1000)
}

/** Child roles: the tile server (cache MB from --cache), a trivial Express route, bare node:http. */
async function child(role: string) {
  const announce = (server: import('node:http').Server) =>
    server.once('listening', () => {
      const address = server.address()
      console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
    })
  if (role === 'express') {
    const app = express()
    app.get('/x', (_req, res) => {
      res.send('ok')
    })
    announce(app.listen(0, '127.0.0.1'))
    return
  }
  if (role === 'bare') {
    const body = Buffer.alloc(12 * 1024, 7)
    const server = createServer((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/vnd.mapbox-vector-tile',
        'content-length': body.length,
      })
      res.end(body)
    })
    announce(server.listen(0, '127.0.0.1'))
    return
  }
  const engine = args.engine as Engine
  const db = await store.open(engine)
  const config = loadConfig({ DEMO: '0', DB_POOL_SIZE: String(POOL), TILE_CACHE_MB: args.cache ?? '128' })
  const versions = await DataVersions.listen(db, {
    listenUrl: engine === 'server' ? store.serverUrl() : undefined,
  })
  const server = listen(createApp({ db, config, tiles: { versions } }), 0, '127.0.0.1')
  announce(server)
  process.on('message', (message) => {
    if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss })
  })
  // The benchmark that started this child has gone (failed or killed): do not outlive it.
  process.on('disconnect', () => process.exit(1))
  process.on('SIGTERM', () =>
    server.close(() =>
      versions
        .close()
        .then(() => db.close())
        .then(() => process.exit(0)),
    ),
  )
}

interface Child {
  proc: ChildProcess
  port: number
  rss(): Promise<number>
  stop(): Promise<void>
}

async function spawnChild(role: string, extra: string[] = []): Promise<Child> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--role', role, '--scale', String(scale), ...extra],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  )
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', resolve)
    proc.once('exit', (code) => reject(new Error(`${role} child exited with ${code}`)))
  })
  const { port } = JSON.parse(line) as { port: number }
  return {
    proc,
    port,
    rss: () =>
      new Promise((resolve) => {
        proc.once('message', (m) => resolve((m as { rss: number }).rss))
        proc.send('rss')
      }),
    async stop() {
      proc.kill('SIGTERM')
      await new Promise((resolve) => proc.once('exit', resolve))
    },
  }
}

const tileServer = (engine: Engine, cacheMb: number) =>
  spawnChild('serve', [
    '--engine',
    engine,
    '--cache',
    String(cacheMb),
    ...(baseUrl ? ['--url', baseUrl] : []),
  ])

const fmt = (f: Figures) =>
  `${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms` +
  `${f.bytes ? `  ${(f.bytes / 1024).toFixed(1)} KB/answer` : ''}${f.errors ? `  non-2xx/errors ${f.errors}` : ''}`

/** The two HTTP floors, each in a child of its own. */
async function httpFloors(): Promise<{ express: Figures; bare: Figures }> {
  const expressChild = await spawnChild('express')
  const express = await load(expressChild.port, ['/x'])
  await expressChild.stop()
  const bareChild = await spawnChild('bare')
  const bare = await load(bareChild.port, ['/x'])
  await bareChild.stop()
  return { express, bare }
}

async function main() {
  if (args.role) return child(args.role)
  const engines: Engine[] = args.engine === 'both' ? ['server', 'embedded'] : [args.engine as Engine]
  console.log(
    `tile benchmark: demo scale ${scale}, ${connections} connections, ${duration} s per run, zooms ${ZOOMS.join(', ')}, layer sets: ${LAYER_SETS.map((s) => (s.length > 2 ? `all ${s.length}` : s.join(','))).join(' | ')}`,
  )
  const loadAvg = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')
  console.log(`load average at start: ${loadAvg()}`)

  for (const engine of engines) {
    const extent = await store.prepare(engine)
    const all = addresses(extent)
    const paths = all.map(tilePath)
    console.log(`${engine}: ${all.length} addresses`)
    const sql = engine === 'server' ? await sqlFloor(all) : undefined
    if (sql) console.log(`${engine.padEnd(8)} SQL floor (pg, prepared) ${fmt(sql)}`)

    // The embedded engine makes one tile at a time (one PGlite connection), seconds for a z8
    // composite: a run of a few seconds under load would finish next to nothing.
    let coldFigures: Figures | undefined
    if (engine === 'server') {
      const cold = await tileServer(engine, 0)
      coldFigures = await load(cold.port, paths)
      await cold.stop()
      console.log(`${engine.padEnd(8)} cold (cache off)        ${fmt(coldFigures)}`)
    }

    const warm = await tileServer(engine, 512)
    // Cold as a map opening sees it: every address once, each made by the source.
    const coldOnce = await touch(warm.port, paths)
    console.log(`${engine.padEnd(8)} cold, each address once ${coldOnce.toFixed(1).padStart(6)} tiles/s`)
    // The floors right beside the warm run: other work on the machine drifts over minutes.
    const { express: expressFloor, bare: bareFloor } = await httpFloors()
    const warmFigures = await load(warm.port, paths)
    console.log(`${engine.padEnd(8)} floor: trivial Express  ${fmt(expressFloor)}`)
    console.log(`${engine.padEnd(8)} floor: node:http, 12 KB ${fmt(bareFloor)}`)
    console.log(`${engine.padEnd(8)} warm (all cached)       ${fmt(warmFigures)}`)
    if (engine === 'embedded') {
      const z12 = paths.filter(
        (p) => /\/12\/\d+\/\d+\.mvt$/.test(p) && p.startsWith(`/tiles/${LAYER_IDS.join(',')}/`),
      )
      console.log(
        `${engine.padEnd(8)} resident memory after every z12 tile (cached): ${((await warm.rss()) / 2 ** 20).toFixed(0)} MiB`,
      )
      await warm.stop()
      const bare = await tileServer(engine, 0)
      await touch(bare.port, z12)
      console.log(
        `${engine.padEnd(8)} resident memory after every z12 tile (cache off): ${((await bare.rss()) / 2 ** 20).toFixed(0)} MiB`,
      )
      await bare.stop()
    } else {
      await warm.stop()
    }

    const ratio = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} %`
    if (sql && coldFigures)
      console.log(
        `${engine.padEnd(8)} cold / SQL floor         ${ratio(coldFigures.rps, sql.rps)}  (goal ≥ 70 %)`,
      )
    console.log(
      `${engine.padEnd(8)} warm / Express floor     ${ratio(warmFigures.rps, expressFloor.rps)}  (goal ≥ 90 %, p99 < 10 ms)`,
    )
    console.log(
      `${engine.padEnd(8)} warm / node:http floor   ${ratio(warmFigures.rps, bareFloor.rps)}  (stretch ≥ 50 %)`,
    )
  }
  console.log(`load average at end: ${loadAvg()}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
