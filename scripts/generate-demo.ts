// Writes the demo dataset as files: one <layer_id>.geojson per layer plus chiefs.json,
// assignments.json and measurements.json.
//   npx tsx scripts/generate-demo.ts [--seed S] [--scale N] [--out DIR] [--verbose]
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { generateDemo } from '../server/demo/generate.ts'
import { LAYER_IDS } from '../server/layers/registry.ts'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'kunming' },
    scale: { type: 'string', default: '1' },
    out: { type: 'string', default: '.data/demo-out' },
    verbose: { type: 'boolean', default: false },
  },
})
const scale = Number(values.scale)
if (!(scale > 0)) {
  console.error(`--scale must be a positive number, got ${values.scale}`)
  process.exit(2)
}
const out = path.resolve(values.out)
const t0 = performance.now()
const cpu0 = process.cpuUsage()
const data = generateDemo({
  seed: values.seed,
  scale,
  onStep: values.verbose
    ? (p, step, ms, cpu) =>
        console.error(`  ${p} ${step} ${(ms / 1000).toFixed(2)} s (cpu ${(cpu / 1000).toFixed(2)} s)`)
    : undefined,
})
const genS = (performance.now() - t0) / 1000
const cpu = process.cpuUsage(cpu0)
const cpuS = (cpu.user + cpu.system) / 1e6

fs.mkdirSync(out, { recursive: true })
// One feature per line: diffable, and large layers stay below V8's string limit.
const writeCollection = (file: string, features: unknown[]) => {
  const fd = fs.openSync(path.join(out, file), 'w')
  fs.writeSync(fd, '{"type":"FeatureCollection","features":[\n')
  features.forEach((f, i) => {
    fs.writeSync(fd, `${JSON.stringify(f)}${i < features.length - 1 ? ',' : ''}\n`)
  })
  fs.writeSync(fd, ']}\n')
  fs.closeSync(fd)
}
const writeArray = (file: string, rows: unknown[]) => {
  const fd = fs.openSync(path.join(out, file), 'w')
  fs.writeSync(fd, '[\n')
  rows.forEach((r, i) => {
    fs.writeSync(fd, `${JSON.stringify(r)}${i < rows.length - 1 ? ',' : ''}\n`)
  })
  fs.writeSync(fd, ']\n')
  fs.closeSync(fd)
}
for (const id of LAYER_IDS) writeCollection(`${id}.geojson`, data.layers[id])
writeArray('chiefs.json', data.chiefs)
writeArray('assignments.json', data.assignments)
writeArray('measurements.json', data.measurements)

const width = Math.max(...LAYER_IDS.map((id) => id.length))
console.log(
  `seed ${values.seed}, scale ${scale}: generated in ${genS.toFixed(1)} s (CPU ${cpuS.toFixed(1)} s) → ${out}`,
)
for (const id of LAYER_IDS) console.log(`  ${id.padEnd(width)} ${String(data.layers[id].length).padStart(7)}`)
console.log(`  ${'chiefs'.padEnd(width)} ${String(data.chiefs.length).padStart(7)}`)
console.log(`  ${'assignments'.padEnd(width)} ${String(data.assignments.length).padStart(7)}`)
console.log(`  ${'measurements'.padEnd(width)} ${String(data.measurements.length).padStart(7)}`)
