// The PMTiles v3 writer, read back with the `pmtiles` npm reader (an independent implementation of
// the spec): header fields, run-length entries, dedup of identical tiles, gzip directories, leaf
// directories once the root would pass 16 KiB, and an archive that never half-exists.
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { type Entry, PMTiles, tileIdToZxy, zxyToTileId } from 'pmtiles'
import { afterAll, describe, expect, it } from 'vitest'
import { ArchiveWriter } from '../../tiles/pmtiles/archive-writer.ts'
import { serializeDirectory } from '../../tiles/pmtiles/directory.ts'
import { exportArchive } from '../../tiles/pmtiles/export-archive.ts'
import { FileRangeSource } from '../../tiles/pmtiles/file-range-source.ts'
import type { TileSource } from '../../tiles/tile-source.ts'

const dir = mkdtempSync(join(tmpdir(), 'rcgis-pmtiles-'))
const opened: FileRangeSource[] = []
afterAll(async () => {
  await Promise.all(opened.map((source) => source.close()))
  rmSync(dir, { recursive: true, force: true })
})

const bytes = (text: string) => new TextEncoder().encode(text)
const description = {
  minZoom: 0,
  maxZoom: 2,
  bounds: [102.1, 24.3, 103.7, 26.5] as const,
  center: [102.7, 25.04, 1] as const,
  metadata: { name: 'test', vector_layers: [{ id: 'reaches', fields: {} }] },
}

/** Writes `tiles` ([tileId, content]) and opens the result with the reader. */
async function writeArchive(name: string, tiles: [number, Uint8Array][], maxZoom = description.maxZoom) {
  const path = join(dir, `${name}.pmtiles`)
  const writer = await ArchiveWriter.create(path)
  for (const [id, tile] of tiles) await writer.addTile(id, tile)
  const summary = await writer.finish({ ...description, maxZoom })
  const source = new FileRangeSource(path)
  opened.push(source)
  return { path, summary, source, reader: new PMTiles(source) }
}

/** The entries of a directory as the reader decodes them. */
async function directory(reader: PMTiles, offset: number, length: number): Promise<Entry[]> {
  return reader.cache.getDirectory(reader.source, offset, length, await reader.getHeader())
}

describe('PMTiles directory serialisation (spec v3)', () => {
  it('writes count, id deltas, run lengths, lengths, then offsets (0 = follows the previous)', () => {
    // Worked by hand from the spec's five steps.
    const serialized = serializeDirectory([
      { tileId: 1, offset: 0, length: 10, runLength: 1 },
      { tileId: 3, offset: 10, length: 5, runLength: 2 },
      { tileId: 6, offset: 0, length: 10, runLength: 1 },
    ])
    expect([...serialized]).toEqual([3, 1, 2, 3, 1, 2, 1, 10, 5, 10, 1, 0, 1])
  })

  it('writes numbers past 127 and past 2^32 as LEB128 varints', () => {
    const serialized = serializeDirectory([{ tileId: 300, offset: 2 ** 32, length: 1, runLength: 1 }])
    // 300 = 0b10_0101100 → 0xac 0x02; 2^32 + 1 → 0x81 0x80 0x80 0x80 0x10.
    expect([...serialized]).toEqual([1, 0xac, 0x02, 1, 1, 0x81, 0x80, 0x80, 0x80, 0x10])
  })

  it('refuses an empty directory, unordered ids and zero lengths', () => {
    expect(() => serializeDirectory([])).toThrow(/at least one/)
    expect(() =>
      serializeDirectory([
        { tileId: 2, offset: 0, length: 1, runLength: 1 },
        { tileId: 2, offset: 1, length: 1, runLength: 1 },
      ]),
    ).toThrow(/ascend/)
    expect(() => serializeDirectory([{ tileId: 0, offset: 0, length: 0, runLength: 1 }])).toThrow(/length 0/)
  })
})

describe('Hilbert tile ids', () => {
  it('number z0 then z1 along the Hilbert curve: (0,0), (0,1), (1,1), (1,0)', () => {
    // spec v3 "Entries": ids are cumulative over zooms; z1's four tiles follow the U of the curve.
    expect(zxyToTileId(0, 0, 0)).toBe(0)
    expect([zxyToTileId(1, 0, 0), zxyToTileId(1, 0, 1), zxyToTileId(1, 1, 1), zxyToTileId(1, 1, 0)]).toEqual([
      1, 2, 3, 4,
    ])
    expect(zxyToTileId(2, 0, 0)).toBe(5)
  })
})

describe('ArchiveWriter', () => {
  it('writes a header the reader accepts: magic, version, gzip, MVT, clustered, zooms, bounds, center', async () => {
    const { reader, path, summary } = await writeArchive('header', [[0, bytes('world')]])
    const raw = readFileSync(path)
    expect(raw.subarray(0, 7).toString('latin1')).toBe('PMTiles')
    expect(raw[7]).toBe(3)
    const h = await reader.getHeader()
    expect(h).toMatchObject({
      specVersion: 3,
      rootDirectoryOffset: 127,
      internalCompression: 2,
      tileCompression: 2,
      tileType: 1,
      clustered: true,
      minZoom: 0,
      maxZoom: 2,
      minLon: 102.1,
      minLat: 24.3,
      maxLon: 103.7,
      maxLat: 26.5,
      centerLon: 102.7,
      centerLat: 25.04,
      centerZoom: 1,
      numAddressedTiles: 1,
      numTileEntries: 1,
      numTileContents: 1,
      leafDirectoryLength: 0,
    })
    // Sections in the spec's order, ending with the tile data at the end of the file.
    expect(h.jsonMetadataOffset).toBe(h.rootDirectoryOffset + h.rootDirectoryLength)
    expect(h.tileDataOffset + h.tileDataLength!).toBe(statSync(path).size)
    expect(summary.bytes).toBe(statSync(path).size)
    expect(await reader.getMetadata()).toEqual(description.metadata)
    // Tiles and directories are gzip: the stored tile is the gzip of the input.
    const stored = raw.subarray(h.tileDataOffset, h.tileDataOffset + h.tileDataLength!)
    expect(gunzipSync(stored).toString()).toBe('world')
    expect(gunzipSync(raw.subarray(h.rootDirectoryOffset, h.jsonMetadataOffset)).length).toBeGreaterThan(0)
    expect(new TextDecoder().decode((await reader.getZxy(0, 0, 0))!.data)).toBe('world')
  })

  it('stores a run of identical consecutive tiles as one run-length entry', async () => {
    const sea = bytes('sea')
    // z1 in Hilbert order: ids 1, 2, 3 identical, 4 different; then z2 ids 5, 6 identical.
    const tiles: [number, Uint8Array][] = [
      [1, sea],
      [2, sea],
      [3, sea],
      [4, bytes('land')],
      [5, sea],
      [6, sea],
    ]
    const { reader } = await writeArchive('run-length', tiles)
    const h = await reader.getHeader()
    expect(h.numAddressedTiles).toBe(6)
    expect(h.numTileEntries).toBe(3)
    expect(h.numTileContents).toBe(2)
    const entries = await directory(reader, h.rootDirectoryOffset, h.rootDirectoryLength)
    expect(entries.map((e) => [e.tileId, e.runLength])).toEqual([
      [1, 3],
      [4, 1],
      [5, 2],
    ])
    // The second run of `sea` points back at the first blob: stored once.
    expect(entries[2].offset).toBe(entries[0].offset)
    for (const [z, x, y, text] of [
      [1, 0, 0, 'sea'],
      [1, 0, 1, 'sea'],
      [1, 1, 1, 'sea'],
      [1, 1, 0, 'land'],
      [...tileIdToZxy(5), 'sea'],
      [...tileIdToZxy(6), 'sea'],
    ] as const) {
      expect(new TextDecoder().decode((await reader.getZxy(z, x, y))!.data), `${z}/${x}/${y}`).toBe(text)
    }
    // Id 7 was never added: absent, not the neighbour's run.
    expect(await reader.getZxy(...tileIdToZxy(7))).toBeUndefined()
  })

  it('stores identical tiles that are not neighbours once, with entries pointing at one blob', async () => {
    const a = bytes('A'.repeat(500))
    const b = bytes('B'.repeat(500))
    const { reader, path } = await writeArchive('dedup', [
      [1, a],
      [3, b],
      [5, a],
      [8, b],
    ])
    const h = await reader.getHeader()
    expect(h.numTileEntries).toBe(4)
    expect(h.numTileContents).toBe(2)
    const entries = await directory(reader, h.rootDirectoryOffset, h.rootDirectoryLength)
    expect(entries[2].offset).toBe(entries[0].offset)
    expect(entries[3].offset).toBe(entries[1].offset)
    // The data section holds exactly the two gzip blobs.
    const raw = readFileSync(path)
    expect(h.tileDataLength).toBe(entries[0].length + entries[1].length)
    expect(h.tileDataOffset + h.tileDataLength!).toBe(raw.length)
    const [z, x, y] = tileIdToZxy(8)
    expect(new TextDecoder().decode((await reader.getZxy(z, x, y))!.data)).toBe('B'.repeat(500))
  })

  it('moves entries into gzip leaf directories when the root would pass 16 KiB, and every tile reads back', async () => {
    // Distinct tiles of varied length at scattered ids: a directory that compresses badly (20,000
    // such entries gzip to about 23 KB, so one root cannot hold them).
    const tiles: [number, Uint8Array][] = []
    let id = 0
    for (let i = 0; i < 20_000; i++) {
      const digest = createHash('sha256').update(String(i)).digest()
      id += 1 + (digest[0] % 7)
      tiles.push([id, digest.subarray(0, 1 + (digest[1] % 32))])
    }
    const { reader, summary } = await writeArchive('leaves', tiles, tileIdToZxy(id)[0])
    const h = await reader.getHeader()
    expect(summary.leafDirectories).toBeGreaterThan(1)
    expect(h.leafDirectoryLength).toBeGreaterThan(0)
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThan(16_384)
    const root = await directory(reader, h.rootDirectoryOffset, h.rootDirectoryLength)
    expect(root.length).toBe(summary.leafDirectories)
    expect(root.every((e) => e.runLength === 0)).toBe(true)
    // Leaves cover the tiles in order: each root entry names its leaf's first id.
    let count = 0
    for (const entry of root) {
      const leaf = await directory(reader, h.leafDirectoryOffset + entry.offset, entry.length)
      expect(leaf[0].tileId).toBe(entry.tileId)
      count += leaf.length
    }
    expect(count).toBe(tiles.length)
    expect(h.numAddressedTiles).toBe(tiles.length)
    for (const [tileId, content] of tiles) {
      const [z, x, y] = tileIdToZxy(tileId)
      const got = await reader.getZxy(z, x, y)
      expect(got && Buffer.from(got.data).equals(Buffer.from(content)), `tile ${tileId}`).toBe(true)
    }
  })

  it('refuses ids out of order and empty tiles', async () => {
    const writer = await ArchiveWriter.create(join(dir, 'order.pmtiles'))
    await writer.addTile(5, bytes('x'))
    await expect(writer.addTile(5, bytes('y'))).rejects.toThrow(/ascend/)
    await expect(writer.addTile(4, bytes('y'))).rejects.toThrow(/ascend/)
    await expect(writer.addTile(6, new Uint8Array(0))).rejects.toThrow(/empty/)
    await writer.abort()
  })

  it('leaves an existing file and the folder as they were when no tile was written or the export is aborted', async () => {
    const path = join(dir, 'kept.pmtiles')
    writeFileSync(path, 'previous archive')
    const before = readdirSync(dir).sort()
    const empty = await ArchiveWriter.create(path)
    await expect(empty.finish(description)).rejects.toThrow(/no tile/)
    const aborted = await ArchiveWriter.create(path)
    await aborted.addTile(0, bytes('half'))
    await aborted.abort()
    expect(readFileSync(path, 'utf8')).toBe('previous archive')
    expect(readdirSync(dir).sort()).toEqual(before)
  })
})

describe('exportArchive', () => {
  const bounds = [102.6, 24.9, 102.9, 25.2] as const
  const options = { minZoom: 8, maxZoom: 11, bounds, center: [102.75, 25.05, 9] as const, metadata: {} }
  // Tiles answer out of order (later ones sooner); each tile's content is its own address.
  const addressSource = (fail?: string): TileSource => ({
    layers: ['test'],
    async getTile({ z, x, y }) {
      await new Promise((resolve) => setTimeout(resolve, (x * 7 + y * 3) % 5))
      if (`${z}/${x}/${y}` === fail) throw new Error(`tile ${fail} failed`)
      return (x + y) % 3 === 0 ? null : bytes(`${z}/${x}/${y}`)
    },
  })

  it('writes every non-empty tile of the box at its own address, whatever order the source answers in', async () => {
    const path = join(dir, 'export.pmtiles')
    const summary = await exportArchive(addressSource(), path, { ...options, concurrency: 5 })
    const source = new FileRangeSource(path)
    opened.push(source)
    const reader = new PMTiles(source)
    let present = 0
    let requested = 0
    for (let z = options.minZoom; z <= options.maxZoom; z++) {
      // The slippy-map cover of the box, computed here apart from bbox-tiles.ts.
      const n = 2 ** z
      const column = (lon: number) => Math.floor(((lon + 180) / 360) * n)
      const row = (lat: number) => {
        const rad = (lat * Math.PI) / 180
        return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
      }
      for (let x = column(bounds[0]); x <= column(bounds[2]); x++) {
        for (let y = row(bounds[3]); y <= row(bounds[1]); y++) {
          requested++
          const tile = await reader.getZxy(z, x, y)
          if ((x + y) % 3 === 0) expect(tile, `${z}/${x}/${y}`).toBeUndefined()
          else {
            present++
            expect(new TextDecoder().decode(tile!.data)).toBe(`${z}/${x}/${y}`)
          }
        }
      }
    }
    expect(summary.requestedTiles).toBe(requested)
    expect(summary.emptyTiles).toBe(requested - present)
    expect((await reader.getHeader()).numAddressedTiles).toBe(present)
  })

  it('stops at a failing tile and leaves the previous archive and no temporary file', async () => {
    const path = join(dir, 'export-kept.pmtiles')
    writeFileSync(path, 'previous archive')
    const before = readdirSync(dir).sort()
    await expect(exportArchive(addressSource('10/804/438'), path, options)).rejects.toThrow(
      /10\/804\/438 failed/,
    )
    expect(readFileSync(path, 'utf8')).toBe('previous archive')
    expect(readdirSync(dir).sort()).toEqual(before)
  })
})
