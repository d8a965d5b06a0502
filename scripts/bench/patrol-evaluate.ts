// Patrol evaluation benchmark (issue 13 part 1): evaluatePatrols(db, { stale: true }) over every
// patrol of the demo city at --scale, on one engine, after marking them all stale. The floor,
// measured in the same run on the same rows: one set-based pass that only measures each track's
// geodesic length (UPDATE patrols SET length_m = ST_Length(geom::geography)). Prints both, the
// ratio, and the time per patrol.
//
//   npx tsx scripts/bench/patrol-evaluate.ts [--scale 1] [--engine server|embedded] [--runs 3] [--url postgres://…]
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { evaluatePatrols } from '../../server/patrols/evaluate.ts'
import { demoStore, type Engine } from './demo-store.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    engine: { type: 'string', default: 'server' },
    runs: { type: 'string', default: '3' },
    url: { type: 'string' },
  },
})
const engine = args.engine as Engine
const runs = Number(args.runs)
const store = demoStore(
  Number(args.scale),
  2,
  args.url ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL,
)
await store.prepare(engine)
const db = await store.open(engine)
const RULES = { minMinutes: 30, minKmLocal: 2, maxKmh: 150, nearM: 150 }

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

try {
  const { rows } = await db.query<{ n: number; fixes: number }>(
    'SELECT count(*)::int AS n, coalesce(sum(ST_NPoints(geom)), 0)::int AS fixes FROM patrols',
  )
  const [{ n, fixes }] = rows
  const evaluations: number[] = []
  const floors: number[] = []
  for (let i = 0; i < runs; i++) {
    await db.query('UPDATE patrols SET evaluated_with = NULL')
    evaluations.push(
      await timed(async () => {
        if ((await evaluatePatrols(db, { stale: true, rules: RULES })) !== n)
          throw new Error('not every patrol evaluated')
      }),
    )
    floors.push(await timed(() => db.query('UPDATE patrols SET length_m = ST_Length(geom::geography)')))
  }
  // Leave the store evaluated as the server would.
  await db.query('UPDATE patrols SET evaluated_with = NULL')
  await evaluatePatrols(db, { stale: true })
  const none = await timed(() => evaluatePatrols(db, { stale: true }))
  const [evaluation, floor] = [median(evaluations), median(floors)]
  console.log(
    `${engine}, scale ${args.scale}: ${n} patrols, ${fixes} fixes; load average ${loadavg()[0].toFixed(1)}`,
  )
  console.log(
    `evaluate all (median of ${runs}): ${(evaluation / 1000).toFixed(2)} s, ${(evaluation / n).toFixed(1)} ms per patrol`,
  )
  console.log(`floor (length only, one pass):    ${(floor / 1000).toFixed(2)} s`)
  console.log(`ratio evaluate / floor:           ${(evaluation / floor).toFixed(1)}×`)
  console.log(`nothing stale:                    ${none.toFixed(0)} ms`)
} finally {
  await db.close()
}
