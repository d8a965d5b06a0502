// Import benchmark: 100 000 polygons of 20 vertices with GBK attributes (≈ 39 MB of .shp),
// imported by runImport (validation, repair, mapping, import log included), and loaded into the
// same database by the two reference tools, shp2pgsql -D (COPY) and ogr2ogr (COPY). Prints the
// times and the ratio to the faster reference. Runs in a scratch database it creates and drops.
//
//   npx tsx scripts/bench/import.ts [--url postgres://…] [--runs 3] [--features 100000] [--keep]
import { execFileSync, spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { openDatabase } from '../../server/db/open-database.ts'
import { DEFAULT_LIMITS } from '../../server/import/import-limits.ts'
import { runImport } from '../../server/import/import-pipeline.ts'
import { benchPolygons } from './bench-polygons.ts'

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    runs: { type: 'string', default: '3' },
    features: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
})
const url = args.url ?? process.env.DATABASE_URL
if (!url) {
  console.error(
    'error: pass --url postgres://… or set DATABASE_URL (the bench creates and drops a scratch database there)',
  )
  process.exit(2)
}
const runs = Number(args.runs)
const featureCount = Number(args.features)
function dbUrl(base: string, database: string) {
  const u = new URL(base)
  u.pathname = `/${database}`
  return u.toString()
}

function timed(label: string, fn: () => void): number {
  const t0 = performance.now()
  fn()
  const ms = performance.now() - t0
  console.log(`  ${label.padEnd(10)} ${(ms / 1000).toFixed(2)} s`)
  return ms
}

function ogrConnection(u: string) {
  const p = new URL(u)
  return `PG:host=${p.hostname} port=${p.port || 5432} dbname=${p.pathname.slice(1)} user=${decodeURIComponent(p.username)}${p.password ? ` password=${decodeURIComponent(p.password)}` : ''}`
}

async function main() {
  const shp = benchPolygons(featureCount)
  console.log(
    `${featureCount} polygons, .shp ${(statSync(shp).size / 1e6).toFixed(1)} MB, .dbf ${(statSync(shp.replace(/shp$/, 'dbf')).size / 1e6).toFixed(1)} MB`,
  )

  const scratch = `rcgis_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${scratch}`)
  const benchUrl = dbUrl(url!, scratch)
  const { db } = await openDatabase({ DATABASE_URL: benchUrl, DATA_DIR: '', DB_POOL_SIZE: 4 })
  const times = { ours: [] as number[], shp2pgsql: [] as number[], ogr2ogr: [] as number[] }
  try {
    for (let run = 1; run <= runs; run++) {
      console.log(`run ${run}/${runs}`)
      // Into an empty layer, as the reference tools load into fresh tables (not timed).
      await db.query('TRUNCATE lakes')
      const t0 = performance.now()
      const report = await runImport(db, {
        paths: [shp],
        layer: 'lakes',
        mode: 'replace',
        actor: 'bench',
        limits: { ...DEFAULT_LIMITS, maxFeatures: Math.max(featureCount, DEFAULT_LIMITS.maxFeatures) },
      })
      const ms = performance.now() - t0
      times.ours.push(ms)
      console.log(
        `  ${'runImport'.padEnd(10)} ${(ms / 1000).toFixed(2)} s  (${report.counts.inserted} inserted, ${report.counts.repaired} repaired, encoding ${report.encoding.used}, crs ${report.crs.used})`,
      )
      await db.query('DROP TABLE IF EXISTS bench_shp2pgsql')
      times.shp2pgsql.push(
        timed('shp2pgsql', () => {
          const sql = spawnSync(
            'shp2pgsql',
            ['-D', '-s', '4490', '-W', 'GBK', '-I', shp, 'bench_shp2pgsql'],
            {
              maxBuffer: 1 << 30,
            },
          )
          if (sql.status !== 0) throw new Error(`shp2pgsql failed: ${sql.stderr}`)
          execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', benchUrl], {
            input: sql.stdout,
            stdio: ['pipe', 'ignore', 'inherit'],
          })
        }),
      )
      times.ogr2ogr.push(
        timed('ogr2ogr', () => {
          execFileSync(
            'ogr2ogr',
            [
              '-f',
              'PostgreSQL',
              ogrConnection(benchUrl),
              shp,
              '-nln',
              'bench_ogr2ogr',
              '-overwrite',
              '-lco',
              'GEOMETRY_NAME=geom',
              '-a_srs',
              'EPSG:4490',
              '-nlt',
              'PROMOTE_TO_MULTI',
            ],
            { stdio: ['ignore', 'ignore', 'inherit'] },
          )
        }),
      )
    }
  } finally {
    await db.close()
    if (!args.keep) await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`)
    else console.log(`kept database ${scratch}`)
    await admin.end()
  }
  const best = (list: number[]) => Math.min(...list)
  const ours = best(times.ours)
  const shp2pgsql = best(times.shp2pgsql)
  const ogr = best(times.ogr2ogr)
  const floor = Math.min(shp2pgsql, ogr)
  console.log('\nbest of', runs)
  console.log(`  runImport  ${(ours / 1000).toFixed(2)} s`)
  console.log(`  shp2pgsql  ${(shp2pgsql / 1000).toFixed(2)} s  (-D -s 4490 -W GBK -I | psql)`)
  console.log(`  ogr2ogr    ${(ogr / 1000).toFixed(2)} s  (-f PostgreSQL, COPY)`)
  console.log(`  ratio runImport / faster reference = ${(ours / floor).toFixed(2)} (goal ≤ 2)`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
