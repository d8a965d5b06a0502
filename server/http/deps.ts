// What the HTTP app needs from the outside world, injected so tests build it in-process.

import type { TileCache } from '../../tiles/cache.ts'
import type { DataVersions } from '../../tiles/data-versions.ts'
import type { TileSource } from '../../tiles/tile-source.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import type { LayerId } from '../layers/registry.ts'
import type { KeptLocateIndex } from '../query/locate-index/kept-index.ts'

export interface AppDeps {
  db: Database
  config: Config
  /** The embedded store's secret (auth/store-secret.ts) that opens /api/tokens; absent: refused. */
  storeSecret?: string
  /** The in-process locate index (main.ts builds it); absent: locate always answers from SQL. */
  locateIndex?: KeptLocateIndex
  /**
   * The tile stage's parts; each defaults (routes/tiles.ts): versions read per request (no
   * LISTEN), a cache of TILE_CACHE_MB, createTileSource. main.ts passes listening versions.
   */
  tiles?: {
    versions?: DataVersions
    cache?: TileCache
    sourceFor?: (layers: readonly LayerId[]) => TileSource
  }
}
