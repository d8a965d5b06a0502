// The locate index's cost (issue 14 §3): the time LocateIndex.build takes and the heap it holds,
// with the demo city at --scale on one engine. The store is the locate benchmark's
// (scripts/bench/demo-store.ts), built on first use; loading a large scale takes long, so the
// load time is printed too. Heap is measured after a full GC before and after the build, so run
// it with --expose-gc (the script re-executes itself with it when missing).
//
//   npx tsx scripts/bench/locate-build.ts [--scale 1] [--engine server|embedded] [--builds 3]
//                                         [--url postgres://…]
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import type { Queryable } from '../../server/db/database.ts'
import { LocateIndex } from '../../server/query/locate-index/locate-index.ts'
import { demoStore, type Engine } from './demo-store.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    engine: { type: 'string', default: 'server' },
    builds: { type: 'string', default: '3' },
    url: { type: 'string' },
  },
})

const gc = (globalThis as { gc?: () => void }).gc
if (!gc) {
  const run = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  })
  process.exit(run.status ?? 1)
}

const scale = Number(args.scale)
const engine = args.engine as Engine
const store = demoStore(scale, 2, args.url ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL)
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

/** JS heap plus array buffers (Flatbush keeps its trees in ArrayBuffers, outside heapUsed). */
const heap = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

async function buildInto(holder: { index: LocateIndex | null }, db: Queryable) {
  holder.index = await LocateIndex.build(db)
}

async function main() {
  console.log(`locate index build: demo scale ${scale}, ${engine} engine, load average ${load()}`)
  const t0 = performance.now()
  await store.prepare(engine)
  console.log(`store ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  const db = await store.open(engine)
  try {
    for (let i = 0; i < Number(args.builds); i++) {
      gc!()
      const before = heap()
      // Built in a frame of its own and dropped before the next: a suspended async frame that
      // awaited the build itself would keep the last index alive and hide the next one's heap.
      const holder: { index: LocateIndex | null } = { index: null }
      await buildInto(holder, db)
      gc!()
      const heapMb = (heap() - before) / 2 ** 20
      const { stats } = holder.index!
      holder.index = null
      console.log(
        `build ${i + 1}: ${stats.buildMs.toFixed(0)} ms, ${stats.features} features, heap ${heapMb.toFixed(0)} MB (JS heap and array buffers), rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, load ${load()}`,
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
