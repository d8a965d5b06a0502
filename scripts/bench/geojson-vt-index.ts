// The measurement behind the embedded engine's tile source (tiles/geojson-vt-source.ts): a
// per-layer geojson-vt index (built once, rebuilt after each change) against cutting each tile
// from a bbox query. For the index: build time and resident memory over a demo dataset written by
// `npm run generate-demo -- --scale N --out DIR`, then after cutting every z12 tile of its extent.
// For the per-tile cut (with --store): the time per z12 composite tile and the resident memory on
// an embedded store holding the same demo.
//
//   node --expose-gc --import tsx scripts/bench/geojson-vt-index.ts --demo DIR [--store DIR] [--tiles 200]
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { FeatureCollection } from 'geojson'
import GeoJSONVT from 'geojson-vt'
import { detectCapabilities } from '../../server/db/capabilities.ts'
import { PgliteDatabase } from '../../server/db/pglite-engine.ts'
import { LAYER_IDS } from '../../server/layers/registry.ts'
import { GeojsonVtSource } from '../../tiles/geojson-vt-source.ts'

const { values: args } = parseArgs({
  options: { demo: { type: 'string' }, store: { type: 'string' }, tiles: { type: 'string', default: '200' } },
})

const mb = () => {
  ;(globalThis as { gc?: () => void }).gc?.()
  return Math.round(process.memoryUsage().rss / 1e6)
}

/** The z12 tiles covering [w, s, e, n] (slippy-map formulas). */
function tilesOf([w, s, e, n]: number[], z: number) {
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * 2 ** z)
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z)
  }
  const out: { z: number; x: number; y: number }[] = []
  for (let x = tx(w); x <= tx(e); x++) for (let y = ty(n); y <= ty(s); y++) out.push({ z, x, y })
  return out
}

if (args.demo) {
  const before = mb()
  const started = performance.now()
  const indexes: GeoJSONVT[] = []
  const bbox = [180, 90, -180, -90]
  for (const file of readdirSync(args.demo).filter((f) => f.endsWith('.geojson'))) {
    const data = JSON.parse(readFileSync(join(args.demo, file), 'utf8')) as FeatureCollection
    for (const f of data.features) {
      const walk = (c: unknown): void => {
        if (typeof (c as number[])[0] === 'number') {
          const [x, y] = c as number[]
          bbox[0] = Math.min(bbox[0], x)
          bbox[1] = Math.min(bbox[1], y)
          bbox[2] = Math.max(bbox[2], x)
          bbox[3] = Math.max(bbox[3], y)
        } else for (const p of c as unknown[]) walk(p)
      }
      if (f.geometry && 'coordinates' in f.geometry) walk(f.geometry.coordinates)
    }
    indexes.push(new GeoJSONVT(data, { maxZoom: 14, tolerance: 3, extent: 4096, buffer: 64 }))
  }
  const built = mb()
  console.log(
    `index: ${indexes.length} layers built in ${((performance.now() - started) / 1000).toFixed(1)} s, rss ${before} → ${built} MB`,
  )
  const tiles = tilesOf(bbox, 12)
  const cutStart = performance.now()
  for (const t of tiles) for (const index of indexes) index.getTile(t.z, t.x, t.y)
  console.log(
    `index: every z12 tile (${tiles.length}) cut in ${((performance.now() - cutStart) / 1000).toFixed(1)} s, rss ${mb()} MB`,
  )
}

if (args.store) {
  const db = await PgliteDatabase.open(args.store)
  db.capabilities = await detectCapabilities(db)
  const { rows } = await db.query<{ w: number; s: number; e: number; n: number }>(
    'SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom) AS x FROM admin_areas) b',
  )
  const all = tilesOf([rows[0].w, rows[0].s, rows[0].e, rows[0].n], 12)
  const step = Math.max(1, Math.floor(all.length / Number(args.tiles)))
  const sample = all.filter((_, i) => i % step === 0)
  // A store built before a layer was added lacks its table: bench the layers it has.
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
  )
  const present = new Set(tables.rows.map((r) => r.name))
  const source = new GeojsonVtSource(
    db,
    LAYER_IDS.filter((id) => present.has(id)),
  )
  const before = mb()
  const times: number[] = []
  for (const t of sample) {
    const t0 = performance.now()
    await source.getTile(t)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0)
  console.log(
    `per-tile cut: ${sample.length} of ${all.length} z12 composite tiles, p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms; rss ${before} → ${mb()} MB`,
  )
  await db.close()
}
