// The tile stage behind HTTP (design.md § Data flow → Tiles): the ETag from the data versions of
// what the tile reads, the cache keyed by (layers, z/x/y) and valid for that ETag only, and on a
// miss the TileSource, bounded in time and cancelled with its client.
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { Unavailable } from '../server/errors.ts'
import type { LayerId } from '../server/layers/registry.ts'
import type { CachedTile, TileCache } from './cache.ts'
import type { DataVersions, VersionSnapshot } from './data-versions.ts'
import { tileEtag, versionStamp } from './etag.ts'
import { tileTables } from './tile-fields.ts'
import type { TileAddress, TileSource } from './tile-source.ts'

const gzipAsync = promisify(gzip)

/** What is known of a tile before making it. */
export interface TileLookup {
  readonly layers: readonly LayerId[]
  readonly address: TileAddress
  /** The cache key: layers and address. */
  readonly key: string
  /** The ETag of the tile as the data is now (tiles/etag.ts). */
  readonly etag: string
  /** The tables it reads. */
  readonly tables: readonly string[]
  /** The cached tile, when one made under this ETag is held. */
  readonly cached?: CachedTile
}

export interface CachedTilesOptions {
  versions: DataVersions
  cache: TileCache
  /** The source of the tiles of one set of layers (createTileSource in the app). */
  sourceFor(layers: readonly LayerId[]): TileSource
  /** Longest a tile may take to make (ms): then its database work is cancelled and 503 answered. */
  timeoutMs: number
}

/** What is kept per set of layers: composites are any combination of ids, so their number is capped. */
interface LayerSet {
  tables: readonly string[]
  source?: TileSource
}
const MAX_LAYER_SETS = 256

export class CachedTiles {
  private readonly layerSets = new Map<string, LayerSet>()
  private readonly unsubscribe: () => void

  constructor(private readonly options: CachedTilesOptions) {
    // The ETag already keeps a changed tile from being served; this frees its memory.
    this.unsubscribe = options.versions.onChange((table) => options.cache.dropTable(table))
  }

  /**
   * The lookup of the tile of `layers` (registry ids, in MVT layer order) at `address`, with no
   * round trip while the data versions are known (the listener is up); null otherwise.
   */
  lookupKnown(layers: readonly LayerId[], address: TileAddress): TileLookup | null {
    const snapshot = this.options.versions.known()
    return snapshot ? this.lookupIn(snapshot, layers, address) : null
  }

  /** As lookupKnown, reading the data versions from the database when they are not known. */
  async lookup(layers: readonly LayerId[], address: TileAddress): Promise<TileLookup> {
    return (
      this.lookupKnown(layers, address) ?? this.lookupIn(await this.options.versions.read(), layers, address)
    )
  }

  /**
   * Makes the tile of `lookup` (uncompressed and gzip), caches it under its ETag and returns it.
   * Made from data at least as new as the versions in its ETag (they were read first), so it is
   * never older than its ETag says.
   * @throws the signal's reason when `signal` aborts (the client left); Unavailable (503) when the
   *   tile takes over `timeoutMs`; whatever the source throws otherwise.
   */
  async make(lookup: TileLookup, signal?: AbortSignal): Promise<CachedTile> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs)
    let mvt: Uint8Array | null
    try {
      mvt = await this.source(lookup.layers).getTile(
        lookup.address,
        signal ? AbortSignal.any([signal, timeout]) : timeout,
      )
    } catch (error) {
      if (timeout.aborted && !signal?.aborted)
        throw new Unavailable(`the tile took over ${this.options.timeoutMs} ms to make and was cancelled`)
      throw error
    }
    // A tile of a few hundred bytes comes out of gzip larger (header, trailer, incompressible varints).
    const zipped = mvt ? new Uint8Array(await gzipAsync(mvt)) : null
    const tile: CachedTile = {
      etag: lookup.etag,
      mvt,
      gzip: mvt && zipped && zipped.byteLength < mvt.byteLength ? zipped : null,
      tables: lookup.tables,
    }
    this.options.cache.set(lookup.key, tile)
    return tile
  }

  close(): void {
    this.unsubscribe()
  }

  private lookupIn(snapshot: VersionSnapshot, layers: readonly LayerId[], address: TileAddress): TileLookup {
    const { tables } = this.layerSet(layers)
    const key = `${layers.join(',')}/${address.z}/${address.x}/${address.y}`
    const etag = tileEtag(layers, address, versionStamp(snapshot, tables))
    return { layers, address, key, etag, tables, cached: this.options.cache.get(key, etag) }
  }

  private layerSet(layers: readonly LayerId[]): LayerSet {
    const names = layers.join(',')
    let set = this.layerSets.get(names)
    if (!set) {
      if (this.layerSets.size >= MAX_LAYER_SETS) this.layerSets.clear()
      set = { tables: tileTables(layers) }
      this.layerSets.set(names, set)
    }
    return set
  }

  private source(layers: readonly LayerId[]): TileSource {
    const set = this.layerSet(layers)
    set.source ??= this.options.sourceFor(layers)
    return set.source
  }
}
