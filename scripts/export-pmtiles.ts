// npm run export:pmtiles -- --out FILE.pmtiles [--layers a,b] [--minzoom 0] [--maxzoom 14]
//   [--bbox west,south,east,north] [--name NAME]
// Writes the layers' vector tiles to a PMTiles v3 archive (tiles/pmtiles/), from the store the
// configuration names (DATABASE_URL, else the embedded store in DATA_DIR). Serve it by putting it
// in TILES_DIR: GET /pmtiles/{name}.pmtiles, /pmtiles/{name}.json, /pmtiles/{name}/{z}/{x}/{y}.mvt.
import { mkdirSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/config.ts'
import { isLayerId, LAYER_IDS, type LayerId } from '../server/layers/registry.ts'
import { exportLayers } from '../tiles/pmtiles/export-layers.ts'
import { exportProgressBar, openStore, runCli, UsageError } from './cli-run.ts'

const USAGE = `usage: npm run export:pmtiles -- --out <file>.pmtiles [--layers a,b] [--minzoom 0] [--maxzoom 14]
                              [--bbox west,south,east,north] [--name <name>]`
// Layers end at z14 (registry); deeper tiles repeat them. The reader stops at z26.
const MAX_ZOOM = 22

function zoom(option: string, value: string): number {
  if (!/^\d{1,2}$/.test(value) || Number(value) > MAX_ZOOM)
    throw new UsageError(`--${option} must be an integer 0…${MAX_ZOOM}, got ${value}`)
  return Number(value)
}

function parseBbox(value: string): [number, number, number, number] {
  const parts = value.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v)))
  const [w, s, e, n] = parts
  if (parts.length !== 4 || !parts.every(Number.isFinite))
    throw new UsageError(`--bbox must be four numbers west,south,east,north, got ${value}`)
  if (!(w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n))
    throw new UsageError(
      `--bbox ${value}: need -180 ≤ west < east ≤ 180 and -90 ≤ south < north ≤ 90 (degrees)`,
    )
  return [w, s, e, n]
}

function parseLayers(value: string | undefined): LayerId[] {
  if (value === undefined) return [...LAYER_IDS]
  const ids = value.split(',').map((id) => id.trim())
  for (const id of ids) {
    if (!isLayerId(id)) throw new UsageError(`unknown layer ${id}; the layers are ${LAYER_IDS.join(', ')}`)
  }
  if (new Set(ids).size !== ids.length) throw new UsageError(`--layers names a layer twice: ${value}`)
  return ids as LayerId[]
}

function parseOptions() {
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }> }>>
  try {
    parsed = parseArgs({
      options: {
        out: { type: 'string' },
        layers: { type: 'string' },
        minzoom: { type: 'string' },
        maxzoom: { type: 'string' },
        bbox: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const values = parsed.values as Record<string, string | undefined>
  if (values.help) return null
  const out = values.out
  if (!out) throw new UsageError('--out <file>.pmtiles is required')
  if (!out.endsWith('.pmtiles')) throw new UsageError(`--out must end in .pmtiles, got ${out}`)
  const minZoom = zoom('minzoom', values.minzoom ?? '0')
  const maxZoom = zoom('maxzoom', values.maxzoom ?? '14')
  if (minZoom > maxZoom) throw new UsageError(`--minzoom ${minZoom} is above --maxzoom ${maxZoom}`)
  return {
    out: resolve(out),
    layers: parseLayers(values.layers),
    minZoom,
    maxZoom,
    bbox: values.bbox === undefined ? undefined : parseBbox(values.bbox),
    name: values.name ?? basename(out, '.pmtiles'),
  }
}

async function main(): Promise<number> {
  const options = parseOptions()
  if (!options) {
    console.log(USAGE)
    return 0
  }
  const config = loadConfig()
  const opened = await openStore(config, 'Stop it to export from the embedded store, or set DATABASE_URL')
  const { db, lock } = opened
  const bar = exportProgressBar(
    'z{zoom} [{bar}] {percentage}% | {value}/{total} tiles | {eta_formatted} left',
    {
      etaBuffer: 200,
    },
  )
  const started = performance.now()
  try {
    mkdirSync(dirname(options.out), { recursive: true })
    bar.start(1, 0, { zoom: options.minZoom })
    const summary = await exportLayers(db, options.out, {
      ...options,
      onProgress: (done, total, zoom) => {
        if (bar.getTotal() !== total) bar.setTotal(total)
        bar.update(done, { zoom })
      },
    })
    bar.stop()
    const seconds = (performance.now() - started) / 1000
    console.log(
      `wrote ${options.out}: ${summary.requestedTiles} tiles z${options.minZoom}–${options.maxZoom} ` +
        `(${summary.emptyTiles} empty, left out), ${summary.tileEntries} entries, ` +
        `${summary.tileContents} distinct tiles, ${summary.leafDirectories} leaf directories, ` +
        `${(summary.bytes / 1024 / 1024).toFixed(2)} MiB in ${seconds.toFixed(1)} s`,
    )
    return 0
  } finally {
    bar.stop()
    await db.close()
    lock?.release()
  }
}

runCli(main, USAGE)
