// The fixed 127-byte PMTiles v3 header (spec/v3/spec.md, "Header Design"): little-endian
// integers, positions as signed 32-bit 1e-7 degrees.

/** Header size in bytes (spec v3). */
export const HEADER_BYTES = 127

/** Compression enum of the header (spec v3: 0 unknown, 1 none, 2 gzip, 3 brotli, 4 zstd). */
export const COMPRESSION_GZIP = 2
/** Tile type enum of the header (spec v3: 1 = MVT). */
export const TILE_TYPE_MVT = 1

/** Everything the header states, in bytes from the start of the file for offsets. */
export interface ArchiveHeader {
  rootDirectoryOffset: number
  rootDirectoryLength: number
  jsonMetadataOffset: number
  jsonMetadataLength: number
  leafDirectoryOffset: number
  leafDirectoryLength: number
  tileDataOffset: number
  tileDataLength: number
  /** Sum of run lengths (spec: tiles before run-length encoding). */
  numAddressedTiles: number
  /** Entries with runLength > 0 across all directories. */
  numTileEntries: number
  /** Distinct tile blobs in the data section. */
  numTileContents: number
  /** Blobs in the data section are in tile-id order (new blobs appended in order; repeats point back). */
  clustered: boolean
  internalCompression: number
  tileCompression: number
  tileType: number
  minZoom: number
  maxZoom: number
  /** [west, south, east, north], degrees (WGS 84 ≈ CGCS2000). */
  bounds: readonly [number, number, number, number]
  /** [lon, lat, zoom]. */
  center: readonly [number, number, number]
}

const e7 = (degrees: number) => Math.round(degrees * 1e7)

/**
 * The 127 header bytes.
 * @throws RangeError when a zoom is outside 0…255 or a position outside ±180/±90 degrees.
 */
export function encodeHeader(header: ArchiveHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES)
  const view = new DataView(bytes.buffer)
  bytes.set(new TextEncoder().encode('PMTiles'), 0)
  view.setUint8(7, 3)
  const u64 = [
    header.rootDirectoryOffset,
    header.rootDirectoryLength,
    header.jsonMetadataOffset,
    header.jsonMetadataLength,
    header.leafDirectoryOffset,
    header.leafDirectoryLength,
    header.tileDataOffset,
    header.tileDataLength,
    header.numAddressedTiles,
    header.numTileEntries,
    header.numTileContents,
  ]
  for (const [i, value] of u64.entries()) view.setBigUint64(8 + 8 * i, BigInt(value), true)
  const [west, south, east, north] = header.bounds
  const [centerLon, centerLat, centerZoom] = header.center
  for (const zoom of [header.minZoom, header.maxZoom, centerZoom]) {
    if (!Number.isInteger(zoom) || zoom < 0 || zoom > 255) throw new RangeError(`zoom ${zoom} is not 0…255`)
  }
  for (const lon of [west, east, centerLon]) {
    if (!(Math.abs(lon) <= 180)) throw new RangeError(`longitude ${lon} is outside ±180`)
  }
  for (const lat of [south, north, centerLat]) {
    if (!(Math.abs(lat) <= 90)) throw new RangeError(`latitude ${lat} is outside ±90`)
  }
  view.setUint8(96, header.clustered ? 1 : 0)
  view.setUint8(97, header.internalCompression)
  view.setUint8(98, header.tileCompression)
  view.setUint8(99, header.tileType)
  view.setUint8(100, header.minZoom)
  view.setUint8(101, header.maxZoom)
  view.setInt32(102, e7(west), true)
  view.setInt32(106, e7(south), true)
  view.setInt32(110, e7(east), true)
  view.setInt32(114, e7(north), true)
  view.setUint8(118, centerZoom)
  view.setInt32(119, e7(centerLon), true)
  view.setInt32(123, e7(centerLat), true)
  return bytes
}
