// Writes a PMTiles v3 archive (spec/v3/spec.md) from tiles given in ascending Hilbert tile id:
// tile blobs go to a spool file as they come, so memory holds only the entries and one hash per
// distinct tile; finish() lays out header, root directory, metadata, leaf directories and tile
// data, in the spec's recommended order, and renames the file into place.
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { type FileHandle, open, rename, rm } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { gzipSync } from 'node:zlib'
import type { DirectoryEntry } from './directory.ts'
import { layoutDirectories } from './directory-layout.ts'
import { COMPRESSION_GZIP, encodeHeader, HEADER_BYTES, TILE_TYPE_MVT } from './header.ts'

/** What the header and metadata say about the tiles, given when the archive is finished. */
export interface ArchiveDescription {
  minZoom: number
  maxZoom: number
  /** [west, south, east, north], degrees. */
  bounds: readonly [number, number, number, number]
  /** [lon, lat, zoom]. */
  center: readonly [number, number, number]
  /** The JSON metadata (for MVT, a TileJSON-like object with vector_layers; spec v3 "Metadata"). */
  metadata: object
}

/** Counts of the finished archive, as its header states them. */
export interface ArchiveSummary {
  bytes: number
  addressedTiles: number
  tileEntries: number
  tileContents: number
  leafDirectories: number
  rootDirectoryBytes: number
}

interface StoredBlob {
  offset: number
  length: number
}

/**
 * A PMTiles v3 archive being written to `path`. Tiles are gzip-compressed MVT; identical tiles
 * are stored once, and a run of consecutive ids with identical content is one entry
 * (run-length); directories are gzip-compressed, with leaf directories when the root would
 * pass 16 KiB. Nothing appears at `path` until finish() succeeds.
 */
export class ArchiveWriter {
  private readonly entries: DirectoryEntry[] = []
  private readonly blobs = new Map<string, StoredBlob>()
  private lastHash = ''
  private dataBytes = 0
  private addressed = 0

  private constructor(
    readonly path: string,
    private readonly spoolPath: string,
    private readonly spool: FileHandle,
  ) {}

  /** Opens a writer; the tile data is spooled beside `path` until finish() or abort(). */
  static async create(path: string): Promise<ArchiveWriter> {
    const spoolPath = `${path}.${process.pid}.tiles.tmp`
    return new ArchiveWriter(path, spoolPath, await open(spoolPath, 'w'))
  }

  /**
   * Adds the tile of Hilbert id `tileId` (zxyToTileId of the pmtiles package, spec v3).
   * @param mvt the uncompressed tile, non-empty (an absent tile is simply not added).
   * @throws RangeError when ids do not strictly ascend (the archive is clustered) or the tile is empty.
   */
  async addTile(tileId: number, mvt: Uint8Array): Promise<void> {
    const last = this.entries.at(-1)
    if (last && tileId < last.tileId + last.runLength) {
      throw new RangeError(`tile ids must ascend: ${tileId} after ${last.tileId + last.runLength - 1}`)
    }
    if (mvt.length === 0) throw new RangeError(`tile ${tileId} is empty; leave absent tiles out`)
    const hash = createHash('sha256').update(mvt).digest('base64')
    this.addressed++
    if (last && hash === this.lastHash && tileId === last.tileId + last.runLength) {
      last.runLength++
      return
    }
    this.lastHash = hash
    let blob = this.blobs.get(hash)
    if (!blob) {
      const gzipped = gzipSync(mvt)
      await this.spool.write(gzipped)
      blob = { offset: this.dataBytes, length: gzipped.length }
      this.dataBytes += gzipped.length
      this.blobs.set(hash, blob)
    }
    this.entries.push({ tileId, offset: blob.offset, length: blob.length, runLength: 1 })
  }

  /** Tiles added so far (before run-length encoding). */
  get tileCount(): number {
    return this.addressed
  }

  /**
   * Writes the archive to `path` (atomically: a temporary file renamed into place).
   * @throws RangeError when no tile was added: the spec forbids an empty directory.
   */
  async finish(description: ArchiveDescription): Promise<ArchiveSummary> {
    await this.spool.close()
    try {
      if (this.entries.length === 0) throw new RangeError('no tile to write: every tile in range was empty')
      const { root, leaves, leafCount } = layoutDirectories(this.entries)
      const metadata = gzipSync(JSON.stringify(description.metadata))
      const rootOffset = HEADER_BYTES
      const metadataOffset = rootOffset + root.length
      const leafOffset = metadataOffset + metadata.length
      const dataOffset = leafOffset + leaves.length
      const header = encodeHeader({
        rootDirectoryOffset: rootOffset,
        rootDirectoryLength: root.length,
        jsonMetadataOffset: metadataOffset,
        jsonMetadataLength: metadata.length,
        leafDirectoryOffset: leafOffset,
        leafDirectoryLength: leaves.length,
        tileDataOffset: dataOffset,
        tileDataLength: this.dataBytes,
        numAddressedTiles: this.addressed,
        numTileEntries: this.entries.length,
        numTileContents: this.blobs.size,
        clustered: true,
        internalCompression: COMPRESSION_GZIP,
        tileCompression: COMPRESSION_GZIP,
        tileType: TILE_TYPE_MVT,
        minZoom: description.minZoom,
        maxZoom: description.maxZoom,
        bounds: description.bounds,
        center: description.center,
      })
      const partial = `${this.path}.${process.pid}.partial`
      const out = createWriteStream(partial)
      try {
        for (const part of [header, root, metadata, leaves]) out.write(part)
        await pipeline(createReadStream(this.spoolPath), out)
        await rename(partial, this.path)
      } catch (error) {
        await rm(partial, { force: true })
        throw error
      }
      return {
        bytes: dataOffset + this.dataBytes,
        addressedTiles: this.addressed,
        tileEntries: this.entries.length,
        tileContents: this.blobs.size,
        leafDirectories: leafCount,
        rootDirectoryBytes: root.length,
      }
    } finally {
      await rm(this.spoolPath, { force: true })
    }
  }

  /** Drops the spooled tiles; `path` is left as it was. */
  async abort(): Promise<void> {
    await this.spool.close().catch(() => {})
    await rm(this.spoolPath, { force: true })
  }
}
