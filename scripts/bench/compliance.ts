// Patrol compliance benchmark (issue 13): GET /api/patrols/compliance for one quarter on the demo
// at --scale (10 ≈ a province), on the server engine, with at least --min-tracks patrol tracks
// stored and evaluated. The floor, measured in the same run: the same statement with the same
// parameters sent straight through `pg` (complianceStatement). Prints the medians, the ratio
// HTTP/floor and the goals (whole quarter < 10 s, within 1.5x the floor).
//
//   npx tsx scripts/bench/compliance.ts [--scale 10] [--min-tracks 100000] [--runs 5] [--url postgres://…] [--fresh]
//
// The store is database rcgis_bench_compliance_s<scale> beside --url (default TEST_DATABASE_URL or
// DATABASE_URL), built on first use: the demo city (its tracks are the demo's last quarter, 2023
// Q4), then its tracks copied back 13, 26, … weeks (same weekday and hour, same chiefs) until
// there are --min-tracks, all evaluated as the server does.
import type { AddressInfo } from 'node:net'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { generateDemo } from '../../server/demo/generate.ts'
import { demoNeeded, loadDemo } from '../../server/demo/load-demo.ts'
import { PATROL_PERIOD } from '../../server/demo/patrols.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { complianceStatement } from '../../server/patrols/compliance.ts'
import { evaluatePatrols } from '../../server/patrols/evaluate.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    'min-tracks': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    url: { type: 'string' },
    fresh: { type: 'boolean', default: false },
  },
})
const scale = Number(args.scale)
const minTracks = Number(args['min-tracks'])
const runs = Number(args.runs)
const baseUrl = args.url ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL
if (!baseUrl) throw new Error('the server engine needs --url or TEST_DATABASE_URL / DATABASE_URL')
const dbName = `rcgis_bench_compliance_s${scale}`
const storeUrl = (() => {
  const u = new URL(baseUrl)
  u.pathname = `/${dbName}`
  return u.toString()
})()
const QUARTER = { from: PATROL_PERIOD.from, to: PATROL_PERIOD.to }

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function prepare(): Promise<Database> {
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  if (args.fresh) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${dbName}`)
  await admin.end()
  const { db } = await openDatabase({ ...loadConfig({ DEMO: '0' }), DATABASE_URL: storeUrl })
  if (await demoNeeded(db)) {
    const t0 = Date.now()
    await loadDemo(db, generateDemo({ scale }))
    console.error(`loaded and evaluated the demo at scale ${scale} in ${seconds(Date.now() - t0)}`)
  }
  // More tracks: the demo quarter's, again 13, 26, … weeks earlier, until there are enough.
  for (let weeks = 13; ; weeks += 13) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM patrols')
    if (rows[0].n >= minTracks) break
    const t0 = Date.now()
    const copied = await db.query(
      `INSERT INTO patrols (chief_id, started_at, ended_at, times, geom)
       SELECT p.chief_id, p.started_at - make_interval(weeks => $1), p.ended_at - make_interval(weeks => $1),
              ARRAY(SELECT t - make_interval(weeks => $1) FROM unnest(p.times) t), p.geom
         FROM patrols p
        WHERE p.started_at >= $2::date::timestamp AT TIME ZONE 'Asia/Shanghai'
          AND p.started_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
      [weeks, QUARTER.from, QUARTER.to],
    )
    const evaluated = await evaluatePatrols(db, { stale: true })
    console.error(
      `copied ${copied.rowCount} tracks ${weeks} weeks back and evaluated ${evaluated} in ${seconds(Date.now() - t0)}`,
    )
  }
  return db
}

async function main() {
  const db = await prepare()
  const { rows: counts } = await db.query<{ tracks: number; in_quarter: number; chiefs: number }>(
    `SELECT count(*)::int AS tracks,
            count(*) FILTER (WHERE started_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
                               AND started_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::int AS in_quarter,
            (SELECT count(*) FROM chiefs)::int AS chiefs
       FROM patrols`,
    [QUARTER.from, QUARTER.to],
  )
  const app = createApp({ db, config: loadConfig({ DEMO: '0' }) })
  const server = listen(app, 0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/patrols/compliance?from=${QUARTER.from}&to=${QUARTER.to}`
  // The floor speaks to the server as the app does: its connection options (pg-engine.ts), a
  // prepared statement, and the statement's transaction-local settings.
  const floor = new pg.Client({
    connectionString: storeUrl,
    options: '-c plan_cache_mode=force_generic_plan',
  })
  await floor.connect()
  const { settings, sql, params } = complianceStatement(QUARTER)

  let bytes = 0
  let listed = 0
  const viaHttp = async () => {
    const t0 = performance.now()
    const res = await fetch(url)
    const body = await res.text()
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${body.slice(0, 300)}`)
    bytes = body.length
    return performance.now() - t0
  }
  const viaPg = async () => {
    const t0 = performance.now()
    await floor.query('BEGIN')
    await floor.query(settings)
    const { rows } = await floor.query({ name: 'compliance', text: sql, values: params })
    await floor.query('COMMIT')
    listed = rows.length
    return performance.now() - t0
  }
  // One of each to warm caches and plans, then alternate so both see the same machine.
  await viaHttp()
  await viaPg()
  const http: number[] = []
  const sqlOnly: number[] = []
  for (let i = 0; i < runs; i++) {
    http.push(await viaHttp())
    sqlOnly.push(await viaPg())
  }
  const h = median(http)
  const f = median(sqlOnly)
  console.log(
    [
      `patrol compliance, scale ${scale}, server engine (${(await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version})`,
      `tracks stored ${counts[0].tracks} (${counts[0].in_quarter} in ${QUARTER.from}..${QUARTER.to}), chiefs ${counts[0].chiefs}, listed ${listed}, body ${(bytes / 1e6).toFixed(1)} MB`,
      `HTTP (evaluate stale + SQL + JSON) median ${seconds(h)}  runs ${http.map((x) => Math.round(x)).join(' ')} ms`,
      `floor (the same SQL through pg) median ${seconds(f)}  runs ${sqlOnly.map((x) => Math.round(x)).join(' ')} ms`,
      `ratio HTTP/floor ${(h / f).toFixed(2)}  goals: quarter < 10 s ${h < 10_000 ? 'met' : 'MISSED'}, ratio <= 1.5 ${h / f <= 1.5 ? 'met' : 'MISSED'}`,
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (the machine is shared)`,
    ].join('\n'),
  )
  await floor.end()
  server.closeAllConnections()
  server.close()
  await db.close()
}

await main()
