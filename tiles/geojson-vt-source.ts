// The embedded engine's tile source (its PostGIS has no ST_AsMVT): each tile is cut from a bbox
// query over the shared feature stage (tile-features.ts) with geojson-vt, and encoded with
// @maplibre/vt-pbf.
//
// Why a per-tile cut and not a per-layer geojson-vt index (issue 9 item 3), measured with
// scripts/bench/geojson-vt-index.ts on this 2-core machine (shared, load average 15-25):
// - index over the demo GeoJSON: at --scale 1, 18 layers build in 2.9 s and take 56 MB, and
//   250 MB once every z12 tile (504) has been cut, since the index keeps each tile it cuts; at
//   --scale 10, 36 s and 390 MB, 954 MB after every z12 tile (6972). Memory grows with every tile
//   asked until the next rebuild, and each import means a rebuild of 3-36 s during which tiles
//   are either stale or late.
// - per-tile cut on the embedded store (--scale 1): a z12 composite tile of all layers in 760 ms
//   at p50 and 1.1 s at p90 under that load, and +60 MB after 42 tiles; memory is one tile's rows
//   whatever the scale, the tile reads the rows as committed so no import can leave it stale, and
//   the tile cache (tiles/cache.ts) pays the cut once per data version.
// Chosen: the per-tile cut (bounded memory and never stale by construction).
// The simplification and the small-feature rule are applied by the shared SQL, so geojson-vt runs
// with tolerance 0 and only clips, quantizes and keeps the buffer.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import GeoJSONVT, { type LegacyFeature, type LegacyTile } from 'geojson-vt'
import type { Queryable } from '../server/db/database.ts'
import { getLayer, type LayerId } from '../server/layers/registry.ts'
import { fillSql } from '../server/query/registry-sql.ts'
import { dropDegenerateParts } from './degenerate-parts.ts'
import { BUFFER, EXTENT, featureColumns, layerFeatures, TILE_CTE_SQL } from './tile-features.ts'
import { layersAtZoom } from './tile-fields.ts'
import type { TileAddress, TileSource } from './tile-source.ts'

const LAYER_SQL = readFileSync(join(import.meta.dirname, 'geojson-vt-features.sql'), 'utf8')

/** The statement reading one layer's features in a tile as GeoJSON rows (binds $1..$3 = z, x, y). */
function layerSql(id: LayerId, repair: boolean): { sql: string; names: string[] } {
  const { sql, fields } = layerFeatures(getLayer(id), repair)
  return {
    sql: fillSql(LAYER_SQL, { tile: TILE_CTE_SQL, columns: featureColumns(fields), features: sql }),
    names: fields.map((field) => field.name),
  }
}

type Row = Record<string, unknown> & { id: number; geometry: string }

/** geojson-vt's cut of one tile of one layer's rows, degenerate parts removed as ST_AsMVTGeom removes them. */
export function cutTile(
  rows: readonly Row[],
  names: readonly string[],
  { z, x, y }: TileAddress,
): LegacyTile {
  const features: Feature[] = rows.map((row) => {
    const properties: Record<string, unknown> = {}
    for (const name of names) if (row[name] != null) properties[name] = row[name]
    return { type: 'Feature', id: Number(row.id), properties, geometry: JSON.parse(row.geometry) as Geometry }
  })
  const collection: FeatureCollection = { type: 'FeatureCollection', features }
  // indexMaxZoom 0: cut only the path from z0 down to the one tile asked for. Half a unit more
  // buffer, because geojson-vt clips before it rounds and ST_AsMVTGeom after it snaps.
  const index = new GeoJSONVT(collection, {
    maxZoom: z,
    indexMaxZoom: 0,
    tolerance: 0,
    extent: EXTENT,
    buffer: BUFFER + 0.5,
  })
  const tile = index.getTile(z, x, y)
  const kept: LegacyFeature[] = []
  for (const feature of tile?.features ?? []) {
    const cleaned = dropDegenerateParts(feature, EXTENT, BUFFER)
    if (cleaned) kept.push(cleaned)
  }
  return { features: kept }
}

/** geojson-vt tiles of `layers` (registry ids, in MVT layer order) from any engine. */
export class GeojsonVtSource implements TileSource {
  readonly layers: readonly LayerId[]
  readonly #db: Queryable
  readonly #statements = new Map<LayerId, { sql: string; names: string[] }>()

  constructor(db: Queryable, layers: readonly LayerId[]) {
    this.#db = db
    this.layers = layers
  }

  #statement(id: LayerId) {
    let statement = this.#statements.get(id)
    if (!statement) {
      // Invalid polygons are always repaired here: the embedded engine's GEOS does not throw on one
      // in snap rounding but loses the feature, so there is no error to retry on (layerFeatures).
      statement = layerSql(id, true)
      this.#statements.set(id, statement)
    }
    return statement
  }

  async getTile(address: TileAddress, signal?: AbortSignal): Promise<Uint8Array | null> {
    const layers: Record<string, LegacyTile> = {}
    for (const id of layersAtZoom(this.layers, address.z)) {
      signal?.throwIfAborted()
      const { sql, names } = this.#statement(id)
      const { rows } = await this.#db.query<Row>(sql, [address.z, address.x, address.y], { signal })
      if (rows.length === 0) continue
      const tile = cutTile(rows, names, address)
      if (tile.features.length > 0) layers[id] = tile
    }
    signal?.throwIfAborted()
    if (Object.keys(layers).length === 0) return null
    // vt-pbf's types name @maplibre/geojson-vt's tile; geojson-vt's legacy tile is the same shape.
    return fromGeojsonVt(layers as unknown as Parameters<typeof fromGeojsonVt>[0], {
      version: 2,
      extent: EXTENT,
    })
  }
}
