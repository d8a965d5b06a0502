// GeoJSON streaming benchmark: why json-feature-scanner.ts is ours rather than a kept streaming
// parser (issue 7 item 11). A FeatureCollection of polygons (21 vertices, Chinese properties) is
// cut into feature objects by the scanner (+ JSON.parse per feature) and by the streaming
// parsers, if installed; JSON.parse of the whole file, which does not stream, is the floor.
// Prints the best of --runs per reader and its ratio to the floor.
//
//   npm install --no-save stream-json@3 @streamparser/json   # the contenders, not dependencies
//   npx tsx scripts/bench/geojson-scan.ts [--features 50000] [--runs 3]
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { JsonFeatureScanner } from '../../server/import/json-feature-scanner.ts'

const { values: args } = parseArgs({
  options: { features: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' } },
})
const features = Number(args.features)
const runs = Number(args.runs)
const dir = join(import.meta.dirname, '..', '..', '.cache', 'bench-geojson')
const file = join(dir, `polygons_${features}.geojson`)

async function writeCollection() {
  mkdirSync(dir, { recursive: true })
  const out = createWriteStream(file)
  out.write(
    '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4490"}},"features":[\n',
  )
  for (let i = 0; i < features; i++) {
    const ring = []
    for (let k = 0; k <= 20; k++) {
      const a = (2 * Math.PI * (k % 20)) / 20
      ring.push([+(102.7 + 0.01 * Math.cos(a) + i * 1e-5).toFixed(7), +(25 + 0.01 * Math.sin(a)).toFixed(7)])
    }
    const properties = { code: `Z${i}`, name: `禁采区${i}`, kind: 'restricted', note: 'a "quoted" } ]' }
    const feature = { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } }
    if (!out.write(`${i ? ',\n' : ''}${JSON.stringify(feature)}`))
      await new Promise<void>((r) => out.once('drain', () => r()))
  }
  out.end('\n]}\n')
  await finished(out)
}

const chunks = () => createReadStream(file, { highWaterMark: 1 << 20 })

async function scanner(): Promise<number> {
  const scan = new JsonFeatureScanner('bench.geojson')
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let n = 0
  for await (const chunk of chunks())
    for (const text of scan.push(decoder.decode(chunk as Buffer, { stream: true }))) {
      JSON.parse(text)
      n++
    }
  scan.finish()
  return n
}

/** Optional packages, loaded by a name TypeScript does not resolve: they are not dependencies. */
async function optional(name: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(name)) as Record<string, unknown>
  } catch {
    return null
  }
}

type Reader = () => Promise<number>

async function contenders(): Promise<[string, Reader][]> {
  const out: [string, Reader][] = []
  const streamJson = await optional('stream-json')
  const pick = await optional('stream-json/filters/pick.js')
  const streamArray = await optional('stream-json/streamers/stream-array.js')
  const chain = await optional('stream-chain')
  if (streamJson && pick && streamArray && chain)
    out.push([
      'stream-json pick + streamArray',
      () =>
        new Promise((resolve, reject) => {
          let n = 0
          const make = chain.default as (stages: unknown[]) => NodeJS.ReadWriteStream
          const pipeline = make([
            chunks(),
            (streamJson.parser as () => unknown)(),
            (pick.pick as (o: object) => unknown)({ filter: 'features' }),
            (streamArray.streamArray as () => unknown)(),
          ])
          pipeline.on('data', () => n++)
          pipeline.on('end', () => resolve(n))
          pipeline.on('error', reject)
        }),
    ])
  const streamparser = await optional('@streamparser/json')
  if (streamparser)
    out.push([
      '@streamparser/json',
      async () => {
        const Parser = streamparser.JSONParser as new (
          o: object,
        ) => { write(b: Buffer): void; onValue: unknown }
        const parser = new Parser({ paths: ['$.features.*'], keepStack: false })
        let n = 0
        parser.onValue = () => n++
        for await (const chunk of chunks()) parser.write(chunk as Buffer)
        return n
      },
    ])
  return out
}

async function best(read: Reader): Promise<{ ms: number; n: number }> {
  let ms = Number.POSITIVE_INFINITY
  let n = 0
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    n = await read()
    ms = Math.min(ms, performance.now() - started)
  }
  return { ms, n }
}

await writeCollection()
const floor = await best(async () => JSON.parse(await readFile(file, 'utf8')).features.length)
console.log(
  `${features} features, best of ${runs}; floor: JSON.parse of the whole file ${floor.ms.toFixed(0)} ms`,
)
const readers: [string, Reader][] = [['json-feature-scanner + JSON.parse', scanner], ...(await contenders())]
for (const [name, read] of readers) {
  const { ms, n } = await best(read)
  if (n !== features) throw new Error(`${name} read ${n} features, not ${features}`)
  console.log(`${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / floor.ms).toFixed(2)}× floor`)
}
