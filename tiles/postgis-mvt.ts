// The server engine's tile source: one statement per tile, ST_AsMVT per layer over the shared
// feature stage (tile-features.ts), the layers' bytes concatenated. z/x/y and the layer names are
// bind parameters; table and column names come from the registry through quoteIdent.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../server/db/database.ts'
import { getLayer, type LayerId } from '../server/layers/registry.ts'
import { fillSql } from '../server/query/registry-sql.ts'
import {
  BUFFER,
  EXTENT,
  featureColumns,
  isInvalidGeometryError,
  layerFeatures,
  TILE_CTE_SQL,
} from './tile-features.ts'
import { layersAtZoom } from './tile-fields.ts'
import type { TileAddress, TileSource } from './tile-source.ts'

const read = (name: string) => readFileSync(join(import.meta.dirname, name), 'utf8')
const TILE_SQL = read('postgis-mvt.sql')
const LAYER_SQL = read('postgis-mvt-layer.sql')

/**
 * The statement cutting a tile of `layers` (all present at the zoom asked): binds $1..$3 = z, x, y
 * and $4.. = the layer names, answers one row `{mvt: bytea}` (empty when no feature falls in);
 * `repair` makes invalid polygons valid first (layerFeatures).
 * Exported so that the benchmark's SQL floor sends exactly this through `pg`.
 */
export function postgisTileSql(layers: readonly LayerId[], repair = false): string {
  const parts = layers.map((id, i) => {
    const { sql, fields } = layerFeatures(getLayer(id), repair)
    return fillSql(LAYER_SQL, {
      name: `$${i + 4}::text`,
      extent: String(EXTENT),
      buffer: String(BUFFER),
      columns: featureColumns(fields),
      features: sql,
    })
  })
  return fillSql(TILE_SQL, { tile: TILE_CTE_SQL, layers: parts.join('\n  || ') })
}

/** ST_AsMVT tiles of `layers` (registry ids, in MVT layer order) from `db`, which must have capabilities.asMvt. */
export class PostgisMvtSource implements TileSource {
  readonly layers: readonly LayerId[]
  readonly #db: Queryable
  /** One statement per set of layers present at a zoom: few distinct sets, each prepared once by the pg engine. */
  readonly #statements = new Map<string, string>()

  constructor(db: Queryable, layers: readonly LayerId[]) {
    this.#db = db
    this.layers = layers
  }

  #statement(present: readonly LayerId[], repair: boolean): string {
    const key = `${present.join(',')}${repair ? '+repair' : ''}`
    let sql = this.#statements.get(key)
    if (!sql) {
      sql = postgisTileSql(present, repair)
      this.#statements.set(key, sql)
    }
    return sql
  }

  async getTile({ z, x, y }: TileAddress, signal?: AbortSignal): Promise<Uint8Array | null> {
    signal?.throwIfAborted()
    const present = layersAtZoom(this.layers, z)
    if (present.length === 0) return null
    const params = [z, x, y, ...present]
    let result: { rows: { mvt: Uint8Array | null }[] }
    try {
      result = await this.#db.query(this.#statement(present, false), params, { signal })
    } catch (error) {
      if (!isInvalidGeometryError(error)) throw error
      result = await this.#db.query(this.#statement(present, true), params, { signal })
    }
    const { rows } = result
    signal?.throwIfAborted()
    const mvt = rows[0]?.mvt
    return mvt && mvt.length > 0 ? new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength) : null
  }
}
