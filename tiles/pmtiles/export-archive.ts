// The export stage: asks a TileSource for every tile covering a box over a zoom range, in Hilbert
// order, and writes the non-empty ones to a PMTiles archive. A few tiles are in flight at once
// (the server engine's pool answers them in parallel) but they are written in order.
import { tileIdToZxy } from 'pmtiles'
import type { TileSource } from '../tile-source.ts'
import { type ArchiveDescription, type ArchiveSummary, ArchiveWriter } from './archive-writer.ts'
import { bboxTileIds, countBboxTiles } from './bbox-tiles.ts'

/** The archive's description; its `bounds` are also the box whose tiles are exported. */
export interface ExportOptions extends ArchiveDescription {
  /** Tiles requested at once (default 4). */
  concurrency?: number
  /** Called after each tile with tiles done, the total and the zoom being exported. */
  onProgress?: (done: number, total: number, zoom: number) => void
}

export interface ExportSummary extends ArchiveSummary {
  /** Tiles asked for: every tile of the box at every zoom. */
  requestedTiles: number
  /** Of those, tiles the source had nothing for (left out of the archive). */
  emptyTiles: number
}

/** Tiles covering `bbox` from minZoom to maxZoom: the export's total work. */
export function countExportTiles(bbox: ExportOptions['bounds'], minZoom: number, maxZoom: number): number {
  let total = 0
  for (let z = minZoom; z <= maxZoom; z++) total += countBboxTiles(bbox, z)
  return total
}

/**
 * Writes the PMTiles v3 archive of `source` over `options.bounds` and its zooms to `path`.
 * @returns counts of the archive and of empty tiles.
 * @throws whatever the source throws (the export stops, no file appears at `path` and an existing
 *   one is kept), or RangeError when every tile was empty.
 */
export async function exportArchive(
  source: TileSource,
  path: string,
  options: ExportOptions,
): Promise<ExportSummary> {
  const { minZoom, maxZoom, bounds: bbox } = options
  const total = countExportTiles(bbox, minZoom, maxZoom)
  const concurrency = options.concurrency ?? 4
  const writer = await ArchiveWriter.create(path)
  const stop = new AbortController()
  let done = 0
  let empty = 0
  try {
    for (let z = minZoom; z <= maxZoom; z++) {
      const ids = bboxTileIds(bbox, z)
      const inFlight: Promise<Uint8Array | null>[] = []
      const request = (id: number) => {
        const [, x, y] = tileIdToZxy(id)
        const tile = source.getTile({ z, x, y }, stop.signal)
        tile.catch(() => {}) // awaited in order below; this keeps a later failure from going unhandled
        inFlight.push(tile)
      }
      for (let next = 0; next < Math.min(concurrency, ids.length); next++) request(ids[next])
      for (let i = 0; i < ids.length; i++) {
        const tile = await inFlight.shift()!
        if (i + concurrency < ids.length) request(ids[i + concurrency])
        if (tile && tile.length > 0) await writer.addTile(ids[i], tile)
        else empty++
        options.onProgress?.(++done, total, z)
      }
    }
    const summary = await writer.finish(options)
    return { ...summary, requestedTiles: total, emptyTiles: empty }
  } catch (error) {
    stop.abort(error)
    await writer.abort()
    throw error
  }
}
