// Exports layers of the store to a PMTiles archive: the box defaults to the layers' extent, the
// tiles come from the same TileSource the live /tiles route uses (createTileSource), and the
// metadata from the registry. The CLI (scripts/export-pmtiles.ts) is a thin shell over this.
import type { Database } from '../../server/db/database.ts'
import { layerCatalogue } from '../../server/layers/layer-catalogue.ts'
import type { LayerId } from '../../server/layers/registry.ts'
import { createTileSource } from '../create-tile-source.ts'
import { archiveMetadata } from './archive-metadata.ts'
import { type ExportSummary, exportArchive } from './export-archive.ts'

export interface LayerExportOptions {
  layers: readonly LayerId[]
  minZoom: number
  maxZoom: number
  /** [west, south, east, north], degrees; default the extent of the layers' features. */
  bbox?: readonly [number, number, number, number]
  /** The archive's metadata name; default the file name. */
  name: string
  onProgress?: (done: number, total: number, zoom: number) => void
}

/** The zoom at which `bbox` spans about one 256-pixel tile across, within minZoom…maxZoom. */
function centerZoom(
  bbox: readonly [number, number, number, number],
  minZoom: number,
  maxZoom: number,
): number {
  const span = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1], 1e-9)
  return Math.min(maxZoom, Math.max(minZoom, Math.floor(Math.log2(360 / span))))
}

/** The union of the extents of `layers`, or null when none holds a feature. */
export async function layersExtent(
  db: Database,
  layers: readonly LayerId[],
): Promise<[number, number, number, number] | null> {
  const boxes = (await layerCatalogue(db))
    .filter((layer) => layers.includes(layer.id as LayerId) && layer.bbox)
    .map((layer) => layer.bbox!)
  if (boxes.length === 0) return null
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ]
}

/**
 * Writes the tiles of `layers` (one composite MVT per address, layer ids as MVT layer names) to
 * the PMTiles v3 archive `path`.
 * @throws Error when the layers hold no feature (and no bbox was given) or every tile is empty;
 *   the database's errors as they come. `path` is only ever replaced by a complete archive.
 */
export async function exportLayers(
  db: Database,
  path: string,
  options: LayerExportOptions,
): Promise<ExportSummary> {
  const bbox = options.bbox ?? (await layersExtent(db, options.layers))
  if (!bbox) throw new Error(`the layers ${options.layers.join(', ')} hold no feature: nothing to export`)
  const { minZoom, maxZoom, name, layers } = options
  const center = [
    (bbox[0] + bbox[2]) / 2,
    (bbox[1] + bbox[3]) / 2,
    centerZoom(bbox, minZoom, maxZoom),
  ] as const
  return exportArchive(createTileSource(db, layers), path, {
    minZoom,
    maxZoom,
    bounds: bbox,
    center,
    metadata: archiveMetadata({ name, layers, minZoom, maxZoom, bounds: bbox, center }),
    // The server engine's pool answers tiles in parallel; the embedded engine runs one at a time.
    concurrency: db.engine === 'server' ? 6 : 2,
    onProgress: options.onProgress,
  })
}
