// A TileSource over a PMTiles archive on disk, read with the `pmtiles` package's reader (header,
// root and leaf directories cached by it); no database involved.
import { gunzipSync } from 'node:zlib'
import { Compression, type DecompressFunc, PMTiles, SharedPromiseCache, TileType } from 'pmtiles'
import type { TileAddress, TileSource } from '../tile-source.ts'
import { FileRangeSource } from './file-range-source.ts'

// zlib instead of the reader's default (a web DecompressionStream per tile): reading the 507
// tiles of the z0–12 demo archive took 88–106 ms with zlib against 174–283 ms in Node 20.
const decompress: DecompressFunc = async (data, compression) => {
  if (compression === Compression.None) return data
  if (compression !== Compression.Gzip) throw new Error(`compression ${compression} is not read here`)
  const out = gunzipSync(data)
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer
}

// The tile as stored: the reader applies its decompress function to tiles and metadata only
// (directories go through the cache's own), so identity here yields the stored bytes.
const asStored: DecompressFunc = async (data) => data

/** A tile as the archive stores it, with the compression the header states for all tiles. */
export interface StoredTile {
  data: Uint8Array
  compression: Compression
}

export class PmtilesTileSource implements TileSource {
  private readonly file: FileRangeSource
  readonly archive: PMTiles
  private readonly stored: PMTiles
  private vectorLayers: readonly string[] = []

  /** @param etag a version of the file (size and mtime), so cached directories never outlive it. */
  private constructor(path: string, etag: string | undefined) {
    this.file = new FileRangeSource(path, etag)
    const cache = new SharedPromiseCache(100, true, decompress)
    this.archive = new PMTiles(this.file, cache, decompress)
    this.stored = new PMTiles(this.file, cache, asStored)
  }

  /** The MVT layer names in the archive: the ids of its metadata's `vector_layers`. */
  get layers(): readonly string[] {
    return this.vectorLayers
  }

  /**
   * Opens the archive at `path` and reads its header and metadata.
   * @throws Error when the file is not a PMTiles v3 archive of gzip or uncompressed MVT tiles.
   */
  static async open(path: string, etag?: string): Promise<PmtilesTileSource> {
    const source = new PmtilesTileSource(path, etag)
    try {
      const header = await source.archive.getHeader()
      if (header.tileType !== TileType.Mvt) throw new Error(`${path} does not hold MVT tiles`)
      if (header.tileCompression !== Compression.Gzip && header.tileCompression !== Compression.None) {
        throw new Error(`${path}: tile compression ${header.tileCompression} is not read here`)
      }
      const metadata = (await source.archive.getMetadata()) as { vector_layers?: { id: string }[] } | null
      source.vectorLayers = (metadata?.vector_layers ?? []).map((layer) => layer.id)
      return source
    } catch (error) {
      await source.close()
      throw error
    }
  }

  /** The uncompressed MVT at `address`, or null when the archive has no tile there. */
  async getTile({ z, x, y }: TileAddress, signal?: AbortSignal): Promise<Uint8Array | null> {
    const tile = await this.archive.getZxy(z, x, y, signal)
    signal?.throwIfAborted()
    return tile ? new Uint8Array(tile.data) : null
  }

  /**
   * The tile at `address` as stored (gzip for our exports), or null when the archive has none:
   * a server sends it as it is to clients that accept that encoding, with no work per request.
   */
  async getStoredTile({ z, x, y }: TileAddress): Promise<StoredTile | null> {
    const tile = await this.stored.getZxy(z, x, y)
    if (!tile) return null
    return { data: new Uint8Array(tile.data), compression: (await this.stored.getHeader()).tileCompression }
  }

  /** Releases the file handle. */
  close(): Promise<void> {
    return this.file.close()
  }
}
