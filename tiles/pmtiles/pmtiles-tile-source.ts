// A TileSource over a PMTiles archive on disk, read with the `pmtiles` package's reader (header,
// root and leaf directories cached by it); no database involved.
import { gunzipSync } from 'node:zlib'
import { Compression, type DecompressFunc, PMTiles, TileType } from 'pmtiles'
import type { TileAddress, TileSource } from '../tile-source.ts'
import { FileRangeSource } from './file-range-source.ts'

// zlib instead of the reader's default (a web DecompressionStream per tile), which is several
// times slower in Node for small tiles.
const decompress: DecompressFunc = async (data, compression) => {
  if (compression === Compression.None) return data
  if (compression !== Compression.Gzip) throw new Error(`compression ${compression} is not read here`)
  const out = gunzipSync(data)
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer
}

export class PmtilesTileSource implements TileSource {
  private readonly file: FileRangeSource
  readonly archive: PMTiles
  private vectorLayers: readonly string[] = []

  /** @param etag a version of the file (size and mtime), so cached directories never outlive it. */
  private constructor(path: string, etag: string | undefined) {
    this.file = new FileRangeSource(path, etag)
    this.archive = new PMTiles(this.file, undefined, decompress)
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

  /** Releases the file handle. */
  close(): Promise<void> {
    return this.file.close()
  }
}
