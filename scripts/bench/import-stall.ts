// Import stall benchmark (issue 7 item 4): on the embedded engine, whose one connection a
// transaction holds, imports 100 000 polygons into lakes (replace, then append) while a loop
// asks locate for one point after another, as a viewer clicking the map would. Prints the
// import time and the longest wait locate saw, against floors measured in the same run: the
// same locate loop with no import running, and the same import with no locate loop.
//
//   npx tsx scripts/bench/import-stall.ts [--features 100000] [--floor-seconds 5]
import { parseArgs } from 'node:util'
import seedrandom from 'seedrandom'
import type { Database } from '../../server/db/database.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { generateDemo } from '../../server/demo/generate.ts'
import { loadDemo } from '../../server/demo/load-demo.ts'
import { DEFAULT_LIMITS } from '../../server/import/import-limits.ts'
import { runImport } from '../../server/import/import-pipeline.ts'
import type { LoadMode } from '../../server/load/layer-record.ts'
import { locatePoints } from '../../server/query/locate.ts'
import { benchPolygons } from './bench-polygons.ts'

const { values: args } = parseArgs({
  options: {
    features: { type: 'string', default: '100000' },
    'floor-seconds': { type: 'string', default: '5' },
  },
})
const featureCount = Number(args.features)
const LOCATE = { date: '2018-06-01', nearM: 200 }
const ms = (x: number) => `${x.toFixed(0)} ms`
const s = (x: number) => `${(x / 1000).toFixed(2)} s`

/** Clicks over the demo city, one after another, until `stop()` says so: each click's latency. */
async function clicks(db: Database, stop: () => boolean): Promise<number[]> {
  const random = seedrandom('rcgis-stall')
  const latencies: number[] = []
  while (!stop()) {
    const point: [number, number] = [102.5 + random() * 0.5, 24.8 + random() * 0.4]
    const t0 = performance.now()
    await locatePoints(db, [point], LOCATE)
    latencies.push(performance.now() - t0)
    // Clicks arrive as I/O events: without a turn of the event loop this loop of microtasks
    // would starve the import's encoder, which yields between chunks.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return latencies
}

const quantile = (list: number[], q: number) =>
  [...list].sort((a, b) => a - b)[Math.floor(q * (list.length - 1))]

async function importOnce(db: Database, shp: string, mode: LoadMode) {
  const t0 = performance.now()
  const report = await runImport(db, {
    paths: [shp],
    layer: 'lakes',
    mode,
    actor: 'bench',
    limits: { ...DEFAULT_LIMITS, maxFeatures: Math.max(featureCount, DEFAULT_LIMITS.maxFeatures) },
  })
  return { ms: performance.now() - t0, inserted: report.counts.inserted }
}

async function main() {
  const shp = benchPolygons(featureCount)
  const { db } = await openDatabase(
    { DATABASE_URL: undefined, DATA_DIR: '', DB_POOL_SIZE: 1 },
    { inMemory: true },
  )
  try {
    console.log('loading the demo city (embedded, in memory)…')
    await loadDemo(db, generateDemo({ scale: 1 }))

    const floorEnd = performance.now() + Number(args['floor-seconds']) * 1000
    const floor = await clicks(db, () => performance.now() > floorEnd)
    const floorP50 = quantile(floor, 0.5)
    const floorMax = Math.max(...floor)
    console.log(
      `floor: locate with no import, ${floor.length} clicks: p50 ${ms(floorP50)}, max ${ms(floorMax)}`,
    )

    for (const mode of ['replace', 'append'] as const) {
      const alone = await importOnce(db, shp, mode)
      let done = false
      const during = clicks(db, () => done)
      const busy = await importOnce(db, shp, mode).finally(() => {
        done = true
      })
      const latencies = await during
      const stall = Math.max(...latencies)
      console.log(
        `${mode.padEnd(7)}: ${busy.inserted} polygons in ${s(busy.ms)} with clicks (${s(alone.ms)} alone, ` +
          `ratio ${(busy.ms / alone.ms).toFixed(2)}); ${latencies.length} clicks, p50 ${ms(quantile(latencies, 0.5))}, ` +
          `longest stall ${ms(stall)} = ${(stall / floorMax).toFixed(1)} × floor max, ${(stall / floorP50).toFixed(0)} × floor p50` +
          (mode === 'replace' ? ` (goal < 1000 ms: ${stall < 1000 ? 'met' : 'NOT met'})` : ''),
      )
    }
  } finally {
    await db.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
