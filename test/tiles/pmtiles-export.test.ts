// Exporting the demo city to PMTiles and reading it back through the `pmtiles` reader: every
// tile of the range is compared with the live tile source's tile of the same address, decoded
// with @mapbox/vector-tile (same layers, feature ids and properties); the server then serves the
// archive. On both engines. A small box at z10–12 keeps it quick; the full z0–12 export of the
// demo is measured by the CLI (README).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer, LAYER_IDS, type LayerId } from '../../server/layers/registry.ts'
import { createTileSource } from '../../tiles/create-tile-source.ts'
import { exportLayers } from '../../tiles/pmtiles/export-layers.ts'
import { PmtilesTileSource } from '../../tiles/pmtiles/pmtiles-tile-source.ts'
import type { TileSource } from '../../tiles/tile-source.ts'
import { serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// Around Dianchi's north shore, where every kind of layer has features in the demo city.
const BBOX = [102.62, 24.92, 102.82, 25.1] as const
const MIN_ZOOM = 10
const MAX_ZOOM = 12

/** Slippy-map tile of (lon, lat) at z (OSM wiki formulas, written apart from tiles/pmtiles). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  ]
}

/** Every address of the box over the zooms. */
function addresses(): { z: number; x: number; y: number }[] {
  const out: { z: number; x: number; y: number }[] = []
  for (let z = MIN_ZOOM; z <= MAX_ZOOM; z++) {
    const [x0, y0] = tileOf(BBOX[0], BBOX[3], z)
    const [x1, y1] = tileOf(BBOX[2], BBOX[1], z)
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push({ z, x, y })
  }
  return out
}

/** Layer name → [feature id, properties] in tile order. */
function decode(bytes: Uint8Array | null): Record<string, [number | undefined, Record<string, unknown>][]> {
  if (!bytes) return {}
  const tile = new VectorTile(new PbfReader(bytes))
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => [
      name,
      Array.from({ length: layer.length }, (_, i) => {
        const feature = layer.feature(i)
        return [feature.id, { ...feature.properties }] as [number | undefined, Record<string, unknown>]
      }),
    ]),
  )
}

describe.each(ENGINES)('PMTiles export of the demo city (%s engine)', (engine) => {
  let store: TestDatabase
  let dir: string
  let archive: PmtilesTileSource
  let live: TileSource
  const layers: LayerId[] = [...LAYER_IDS]

  beforeAll(async () => {
    store = await openTestDatabase(engine, 'demo')
    dir = mkdtempSync(join(tmpdir(), 'rcgis-pmtiles-export-'))
    await exportLayers(store.db, join(dir, 'demo.pmtiles'), {
      layers,
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      bbox: BBOX,
      name: 'demo',
    })
    archive = await PmtilesTileSource.open(join(dir, 'demo.pmtiles'))
    live = createTileSource(store.db, layers)
  })
  afterAll(async () => {
    await archive?.close()
    await store?.dispose()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reads back every tile of the range with the live source’s layers, feature ids and properties', async () => {
    const all = addresses()
    let present = 0
    let features = 0
    const layersSeen = new Set<string>()
    for (const address of all) {
      const [stored, expected] = await Promise.all([archive.getTile(address), live.getTile(address)])
      const where = `${address.z}/${address.x}/${address.y}`
      expect(stored === null, `${where} present in one only`).toBe(expected === null)
      const decoded = decode(stored)
      expect(decoded, where).toEqual(decode(expected))
      if (stored) present++
      for (const [name, list] of Object.entries(decoded)) {
        layersSeen.add(name)
        features += list.length
        for (const [id] of list) expect(Number.isInteger(id), `${where} ${name} feature id`).toBe(true)
      }
    }
    const header = await archive.archive.getHeader()
    expect(header.numAddressedTiles).toBe(present)
    expect(present).toBeGreaterThan(10)
    expect(features).toBeGreaterThan(100)
    // The box was chosen to hold rivers, reaches, zones and points: a real composite.
    for (const id of ['reaches', 'water_resource_zones', 'monitoring_sections', 'chief_areas']) {
      expect(layersSeen, id).toContain(id)
    }
  })

  it('states gzip MVT, the zooms, the box and vector_layers whose fields cover every property', async () => {
    const header = await archive.archive.getHeader()
    expect(header).toMatchObject({ tileType: 1, tileCompression: 2, internalCompression: 2, clustered: true })
    expect([header.minZoom, header.maxZoom]).toEqual([MIN_ZOOM, MAX_ZOOM])
    // 1e-7 degree resolution of the header.
    expect([header.minLon, header.minLat, header.maxLon, header.maxLat]).toEqual([...BBOX])
    const metadata = (await archive.archive.getMetadata()) as {
      vector_layers: { id: string; fields: Record<string, string>; minzoom: number; maxzoom: number }[]
    }
    expect(metadata).toMatchObject({ minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, bounds: [...BBOX] })
    const expectedLayers = layers.filter((id) => getLayer(id).tiles.minzoom <= MAX_ZOOM)
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(expectedLayers)
    for (const address of addresses()) {
      for (const [name, list] of Object.entries(decode(await archive.getTile(address)))) {
        const declared = metadata.vector_layers.find((l) => l.id === name)!
        expect(address.z).toBeGreaterThanOrEqual(declared.minzoom)
        for (const [, properties] of list) {
          for (const key of Object.keys(properties))
            expect(Object.keys(declared.fields), `${name}.${key}`).toContain(key)
        }
      }
    }
  })

  it('is served from TILES_DIR: tiles, TileJSON and the file', async () => {
    const tilesDir = join(dir, 'served')
    mkdirSync(tilesDir)
    copyFileSync(join(dir, 'demo.pmtiles'), join(tilesDir, 'kunming.pmtiles'))
    const app = await serveApp(store.db, { TILES_DIR: tilesDir })
    try {
      const [x, y] = tileOf(102.72, 25.0, MAX_ZOOM)
      const reply = await fetch(`${app.url}/pmtiles/kunming/${MAX_ZOOM}/${x}/${y}.mvt`)
      expect(reply.status).toBe(200)
      const expected = await live.getTile({ z: MAX_ZOOM, x, y })
      expect(decode(new Uint8Array(await reply.arrayBuffer()))).toEqual(decode(expected))
      const tilejson = await (await fetch(`${app.url}/pmtiles/kunming.json`)).json()
      expect(tilejson.tiles).toEqual([`${app.url}/pmtiles/kunming/{z}/{x}/{y}.mvt`])
      const file = await fetch(`${app.url}/pmtiles/kunming.pmtiles`)
      expect(
        Buffer.from(await file.arrayBuffer()).equals(readFileSync(join(tilesDir, 'kunming.pmtiles'))),
      ).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('leaves an existing archive as it was when the export fails (every tile empty)', async () => {
    const path = join(dir, 'kept.pmtiles')
    writeFileSync(path, 'the previous archive')
    // Open sea south of Hainan: no feature of the demo city.
    await expect(
      exportLayers(store.db, path, {
        layers,
        minZoom: 12,
        maxZoom: 12,
        bbox: [111, 15, 111.05, 15.05],
        name: 'sea',
      }),
    ).rejects.toThrow(/no tile/)
    expect(readFileSync(path, 'utf8')).toBe('the previous archive')
  })
})
