// The in-memory tile cache: least recently used tiles go first once a byte limit is reached
// (TILE_CACHE_MB). A tile is kept with the ETag of the data it was made from and served only to
// a request whose ETag is the same, so a change of any table it reads makes it unreachable at
// once; `dropTable` then frees what that change made useless (issue 9 §6).
import { LRUCache } from 'lru-cache'

/** One made tile: the MVT and its gzip (compressed once, when made), or an empty tile (204). */
export interface CachedTile {
  /** The ETag the tile was made under (tiles/etag.ts). */
  readonly etag: string
  /** Uncompressed MVT; null for a tile with no feature. */
  readonly mvt: Uint8Array | null
  /** The same, gzip-compressed (RFC 1952); null with `mvt`, or when gzip would not be smaller. */
  readonly gzip: Uint8Array | null
  /** The tables the tile read: a write to one of them makes the tile useless. */
  readonly tables: readonly string[]
}

// Map entry, key and bookkeeping, so a cache of empty tiles is bounded too.
const ENTRY_OVERHEAD_BYTES = 200

export class TileCache {
  private readonly lru: LRUCache<string, CachedTile>

  /** `maxBytes`: the most the cached tiles (both encodings) may take; 0 disables the cache. */
  constructor(readonly maxBytes: number) {
    this.lru = new LRUCache<string, CachedTile>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (tile, key) =>
        ENTRY_OVERHEAD_BYTES + key.length * 2 + (tile.mvt?.byteLength ?? 0) + (tile.gzip?.byteLength ?? 0),
    })
  }

  /** The tile cached at `key` if it was made under `etag`; one made under another is dropped. */
  get(key: string, etag: string): CachedTile | undefined {
    const tile = this.lru.get(key)
    if (!tile) return undefined
    if (tile.etag === etag) return tile
    this.lru.delete(key)
    return undefined
  }

  set(key: string, tile: CachedTile): void {
    if (this.maxBytes > 0) this.lru.set(key, tile)
  }

  /** Drops every tile that read `table` (its data changed). */
  dropTable(table: string): void {
    const stale: string[] = []
    for (const [key, tile] of this.lru.entries()) if (tile.tables.includes(table)) stale.push(key)
    for (const key of stale) this.lru.delete(key)
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.lru.calculatedSize
  }

  get size(): number {
    return this.lru.size
  }
}
