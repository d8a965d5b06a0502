// A PMTiles v3 directory: its entries and their serialisation (spec/v3/spec.md, "Directory
// Serialization"). Gzip is applied by the caller, as the header's internal compression says.

/**
 * One directory entry (spec v3 "Entries"). `runLength` > 0: the tile at `offset`/`length` of the
 * tile data section is the tile of ids tileId … tileId + runLength − 1. `runLength` = 0: the
 * entry points at a leaf directory (offset within the leaf section) whose first id is `tileId`.
 */
export interface DirectoryEntry {
  tileId: number
  offset: number
  length: number
  runLength: number
}

/** Appends `value` (a non-negative safe integer, up to 2^53) as an unsigned LEB128 varint. */
function pushVarint(out: number[], value: number): void {
  // Arithmetic, not bit operators: those truncate to 32 bits and tile ids pass 2^32 beyond z15.
  let rest = value
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
}

/**
 * The uncompressed bytes of a directory: the entry count, then the columns tile-id deltas, run
 * lengths, lengths and offsets, each a varint; an offset is 0 when the entry's data follows the
 * previous entry's directly, else offset + 1 (spec v3 steps 1–5).
 * @param entries ascending by tileId, at least one (the spec forbids an empty directory), every
 *   length > 0.
 * @throws RangeError on an empty list, unordered ids or a zero length, which readers reject.
 */
export function serializeDirectory(entries: readonly DirectoryEntry[]): Uint8Array {
  if (entries.length === 0) throw new RangeError('a PMTiles directory must hold at least one entry')
  const out: number[] = []
  pushVarint(out, entries.length)
  let lastId = 0
  for (const [i, entry] of entries.entries()) {
    if (i > 0 && entry.tileId <= lastId)
      throw new RangeError(`tile ids must ascend: ${entry.tileId} after ${lastId}`)
    pushVarint(out, entry.tileId - lastId)
    lastId = entry.tileId
  }
  for (const entry of entries) pushVarint(out, entry.runLength)
  for (const entry of entries) {
    if (entry.length <= 0) throw new RangeError(`entry ${entry.tileId} has length 0`)
    pushVarint(out, entry.length)
  }
  for (const [i, entry] of entries.entries()) {
    const previous = entries[i - 1]
    const follows = previous !== undefined && entry.offset === previous.offset + previous.length
    pushVarint(out, follows ? 0 : entry.offset + 1)
  }
  return Uint8Array.from(out)
}
