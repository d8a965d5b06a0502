// Which tile source serves a set of layers: the one place that knows both kinds.
import type { Database } from '../server/db/database.ts'
import type { LayerId } from '../server/layers/registry.ts'
import { GeojsonVtSource } from './geojson-vt-source.ts'
import { PostgisMvtSource } from './postgis-mvt.ts'
import type { TileSource } from './tile-source.ts'

/**
 * A source of tiles holding `layers` (registry ids; one id for a layer's tiles, several for a
 * composite tile, in MVT layer order): ST_AsMVT where the database has it (capabilities.asMvt,
 * probed at open), else geojson-vt over the same feature SQL (the embedded engine, whose WASM
 * PostGIS is built without protobuf). Both give the same features (test/tiles/parity.test.ts).
 */
export function createTileSource(db: Database, layers: readonly LayerId[]): TileSource {
  return db.capabilities.asMvt ? new PostgisMvtSource(db, layers) : new GeojsonVtSource(db, layers)
}
