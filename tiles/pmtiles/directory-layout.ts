// Splits the entries of an archive into a root directory and leaf directories so that the header
// and the compressed root fit in the first 16 KiB, which readers fetch in one request
// (spec/v3/spec.md, "Directory Hierarchy"). One level of leaves; the leaf size grows until the
// root fits, as go-pmtiles' optimizeDirectories does.
import { gzipSync } from 'node:zlib'
import { type DirectoryEntry, serializeDirectory } from './directory.ts'
import { HEADER_BYTES } from './header.ts'

/** The header plus the root directory must be under this many bytes (spec v3). */
export const ROOT_LIMIT_BYTES = 16_384

export interface DirectoryLayout {
  /** The gzip-compressed root directory. */
  root: Uint8Array
  /** The gzip-compressed leaf directories, concatenated (empty when the root holds every entry). */
  leaves: Uint8Array
  /** How many leaf directories `leaves` holds. */
  leafCount: number
}

// Leaves of at least this many entries: fewer means more round trips for a reader.
const FIRST_LEAF_SIZE = 4096
const LEAF_GROWTH = 1.2

function withLeaves(entries: readonly DirectoryEntry[], leafSize: number): DirectoryLayout {
  const rootEntries: DirectoryEntry[] = []
  const leaves: Uint8Array[] = []
  let offset = 0
  for (let start = 0; start < entries.length; start += leafSize) {
    const leaf = gzipSync(serializeDirectory(entries.slice(start, start + leafSize)))
    rootEntries.push({ tileId: entries[start].tileId, offset, length: leaf.length, runLength: 0 })
    leaves.push(leaf)
    offset += leaf.length
  }
  return {
    root: gzipSync(serializeDirectory(rootEntries)),
    leaves: Buffer.concat(leaves),
    leafCount: leaves.length,
  }
}

/**
 * The root and leaf directories of `entries`, all gzip-compressed.
 * @param entries tile entries (runLength > 0), ascending by tileId, at least one.
 * @param rootLimit bytes the header plus root must stay under (default the spec's 16 KiB).
 */
export function layoutDirectories(
  entries: readonly DirectoryEntry[],
  rootLimit = ROOT_LIMIT_BYTES,
): DirectoryLayout {
  const root = gzipSync(serializeDirectory(entries))
  if (HEADER_BYTES + root.length < rootLimit) return { root, leaves: new Uint8Array(0), leafCount: 0 }
  let leafSize = FIRST_LEAF_SIZE
  for (;;) {
    const layout = withLeaves(entries, leafSize)
    if (HEADER_BYTES + layout.root.length < rootLimit) return layout
    leafSize = Math.ceil(leafSize * LEAF_GROWTH)
  }
}
