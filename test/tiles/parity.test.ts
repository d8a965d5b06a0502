// Both tile sources over the same data (issue 9 item 3): on the server engine, the geojson-vt
// source is fed from the same PostGIS as ST_AsMVT, so any difference is the sources'. About 50
// non-empty composite tiles (every layer) per zoom at z6, z9, z12 and z14, decoded with
// @mapbox/vector-tile: the same layers, feature ids and properties, polygon exteriors wound as MVT
// says, and geometries within a Hausdorff distance of 2 units of 4096 inside the tile. Features
// under a pixel are kept by both or dropped by both: that is the id check, and the sample is
// checked to hold such features. Distances are measured in test/tiles/hausdorff.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer, LAYER_IDS } from '../../server/layers/registry.ts'
import { GeojsonVtSource } from '../../tiles/geojson-vt-source.ts'
import { PostgisMvtSource } from '../../tiles/postgis-mvt.ts'
import type { TileAddress } from '../../tiles/tile-source.ts'
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type DecodedFeature, decodeTile, doubleSignedArea } from './decoded-tile.ts'
import { hausdorffInTile } from './hausdorff.ts'
import { tileAt } from './tile-math.ts'

const SERVER = Boolean(process.env.TEST_DATABASE_URL)
const SKIP_REASON =
  'parity needs ST_AsMVT, which the embedded PostGIS (WASM, no protobuf) lacks: set TEST_DATABASE_URL'
if (!SERVER) console.info(`test/tiles/parity.test.ts skipped: ${SKIP_REASON}`)

const ZOOMS = [6, 9, 12, 14]
const PER_ZOOM = 50
const MAX_HAUSDORFF = 2
const EXTENT = 4096

/**
 * Up to PER_ZOOM tiles of zoom z that hold something: the tiles of points on the surface of each
 * layer's features, taken in turn from every layer so that each layer is in the sample.
 */
async function sampleTiles(t: TestDatabase, z: number): Promise<TileAddress[]> {
  const perLayer: TileAddress[][] = []
  for (const id of LAYER_IDS) {
    const { rows } = await t.db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT ST_PointOnSurface(geom) AS p FROM ${id} ORDER BY id) s`,
    )
    // Every k-th row, so that the tiles spread over the city rather than its first rows' corner.
    const step = Math.max(1, Math.floor(rows.length / PER_ZOOM))
    perLayer.push(rows.filter((_, i) => i % step === 0).map((r) => tileAt(r.lon, r.lat, z)))
  }
  const chosen = new Map<string, TileAddress>()
  for (let i = 0; chosen.size < PER_ZOOM && perLayer.some((tiles) => i < tiles.length); i++)
    for (const tiles of perLayer) {
      const tile = tiles[i]
      if (tile && chosen.size < PER_ZOOM) chosen.set(`${tile.x}/${tile.y}`, tile)
    }
  return [...chosen.values()]
}

/** A feature drawn as the one-pixel mark of tile-features.ts: a box at most 8 units across. */
const isPixelMark = (f: DecodedFeature) => {
  if (f.type === 1) return false
  const xs = f.parts.flat().map((p) => p[0])
  const ys = f.parts.flat().map((p) => p[1])
  return Math.max(...xs) - Math.min(...xs) <= 8 && Math.max(...ys) - Math.min(...ys) <= 8
}

describe.skipIf(!SERVER)(
  `ST_AsMVT and geojson-vt tiles of the same PostGIS data${SERVER ? '' : ` (${SKIP_REASON})`}`,
  () => {
    let t: TestDatabase
    let mvt: PostgisMvtSource
    let vt: GeojsonVtSource
    const pixelMarks = new Map<number, number>()
    beforeAll(async () => {
      t = await openTestDatabase('server', 'demo')
      mvt = new PostgisMvtSource(t.db, LAYER_IDS)
      vt = new GeojsonVtSource(t.db, LAYER_IDS)
    })
    afterAll(async () => {
      await t?.dispose()
    })

    it.each(ZOOMS)(
      'z%i: same layers, ids, properties and winding; geometries within 2 units',
      async (z) => {
        const tiles = await sampleTiles(t, z)
        expect(tiles.length).toBeGreaterThan(0)
        let worst = { d: 0, where: '' }
        const layersSeen = new Set<string>()
        let features = 0
        let tileMs = 0
        let compareMs = 0
        for (const address of tiles) {
          const where = `${z}/${address.x}/${address.y}`
          const started = performance.now()
          const a = decodeTile(await mvt.getTile(address))
          const b = decodeTile(await vt.getTile(address))
          const cut = performance.now()
          tileMs += cut - started
          expect(a.size, `${where} is empty`).toBeGreaterThan(0)
          expect([...b.keys()], where).toEqual([...a.keys()])
          for (const [name, layerA] of a) {
            layersSeen.add(name)
            const layerB = b.get(name)!
            expect(layerB.extent).toBe(EXTENT)
            expect(layerA.extent).toBe(EXTENT)
            expect(
              layerB.features.map((f) => f.id),
              `${where} ${name} ids`,
            ).toEqual(layerA.features.map((f) => f.id))
            layerA.features.forEach((fa, i) => {
              const fb = layerB.features[i]
              const at = `${where} ${name} #${fa.id}`
              expect(fb.properties, at).toEqual(fa.properties)
              expect(fb.type, at).toBe(fa.type)
              // MVT spec 4.3.4.4: a polygon starts with an exterior ring, of positive area in tile units.
              if (fa.type === 3) {
                expect(doubleSignedArea(fa.parts[0]), at).toBeGreaterThan(0)
                expect(doubleSignedArea(fb.parts[0]), at).toBeGreaterThan(0)
              }
              if (isPixelMark(fa)) pixelMarks.set(z, (pixelMarks.get(z) ?? 0) + 1)
              const d = hausdorffInTile(fa.parts, fb.parts, fa.type === 1, EXTENT)
              if (d > worst.d) worst = { d, where: at }
            })
            features += layerA.features.length
          }
          compareMs += performance.now() - cut
        }
        console.info(
          `z${z}: ${tiles.length} tiles, ${features} features, worst Hausdorff ${worst.d.toFixed(2)} (${worst.where}); tiles cut in ${(tileMs / 1000).toFixed(1)} s, compared in ${(compareMs / 1000).toFixed(1)} s`,
        )
        expect(worst.d, worst.where).toBeLessThanOrEqual(MAX_HAUSDORFF)
        expect(features).toBeGreaterThan(tiles.length)
        // Every layer present at this zoom appears in the sample.
        const expected = LAYER_IDS.filter(
          (id) => z >= getLayer(id).tiles.minzoom && z <= getLayer(id).tiles.maxzoom,
        )
        expect([...layersSeen].sort()).toEqual([...expected].sort())
      },
      600_000,
    )

    it('the sample holds features under a pixel, drawn as one-pixel marks by both sources', () => {
      expect(pixelMarks.get(6) ?? 0).toBeGreaterThan(0)
    })
  },
)
