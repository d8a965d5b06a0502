// S_DWITHIN through the CQL2 translator (with its index box, server/ogc/cql2/dwithin-envelope.ts)
// against the same distance test written without the box (as the translator wrote it before the
// box), on a server store built
// by scripts/bench/locate.ts (rcgis_bench_s<scale>). Both run the same points, one after the
// other, through one pg client; the script prints the median and p95 of each and their ratio.
//
//   npx tsx scripts/bench/cql2-dwithin.ts [--scale 10] [--layer signboards] [--metres 2000]
//                                         [--runs 200] [--url postgres://…]
import { parseArgs } from 'node:util'
import pg from 'pg'
import seedrandom from 'seedrandom'
import { getLayer, isLayerId } from '../../server/layers/registry.ts'
import { translateFilter } from '../../server/ogc/cql2/index.ts'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    layer: { type: 'string', default: 'signboards' },
    metres: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '200' },
    url: { type: 'string', default: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL },
  },
})
if (!args.url || !isLayerId(args.layer)) throw new Error('give --url (or TEST_DATABASE_URL) and a layer id')
const url = new URL(args.url)
url.pathname = `/rcgis_bench_s${args.scale}`
const client = new pg.Client({ connectionString: url.toString() })
await client.connect()

const layer = getLayer(args.layer)
const metres = Number(args.metres)
const runs = Number(args.runs)
const random = seedrandom('cql2-dwithin')
const { rows } = await client.query(`SELECT ST_XMin(e) w, ST_YMin(e) s, ST_XMax(e) e, ST_YMax(e) n
  FROM (SELECT ST_Extent(geom)::geometry e FROM ${layer.id}) x`)
const [{ w, s, e, n }] = rows
const points = Array.from({ length: runs }, () => [w + (e - w) * random(), s + (n - s) * random()])

async function time(sqlFor: (x: number, y: number) => { sql: string; params: unknown[] }) {
  const ms: number[] = []
  let matched = 0
  for (const [x, y] of points) {
    const { sql, params } = sqlFor(x, y)
    const t0 = performance.now()
    const r = await client.query(`SELECT count(*)::int AS c FROM ${layer.id} f WHERE ${sql}`, params)
    ms.push(performance.now() - t0)
    matched += r.rows[0].c
  }
  ms.sort((a, b) => a - b)
  return { p50: ms[Math.floor(runs / 2)], p95: ms[Math.floor(runs * 0.95)], matched }
}

const filter = await time((x, y) =>
  translateFilter(
    { filter: `S_DWITHIN(geometry, POINT(${x} ${y}), ${metres})`, lang: 'cql2-text' },
    layer,
    1,
  ),
)
const bare = await time((x, y) => ({
  sql: 'ST_DWithin(f.geom::geography, ST_SetSRID(ST_Point($1, $2), 4490)::geography, $3)',
  params: [x, y, metres],
}))
await client.end()
if (filter.matched !== bare.matched) throw new Error(`answers differ: ${filter.matched} vs ${bare.matched}`)
const f = (v: number) => v.toFixed(2)
console.log(
  `${layer.id} at scale ${args.scale}, ${metres} m, ${runs} points, ${filter.matched} matches in all`,
)
console.log(`CQL2 S_DWITHIN (index box): p50 ${f(filter.p50)} ms, p95 ${f(filter.p95)} ms`)
console.log(`without the box           : p50 ${f(bare.p50)} ms, p95 ${f(bare.p95)} ms`)
console.log(`p50 without the box / with it: ${f(bare.p50 / filter.p50)}×`)
