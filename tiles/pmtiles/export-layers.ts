// Exports layers of the store to a PMTiles archive: the box defaults to the layers' extent, the
// tiles come from the same TileSource the live /tiles route uses (createTileSource), and the
// metadata is the live TileJSON's (archive-metadata.ts). The CLI (scripts/export-pmtiles.ts) is a thin shell over this.
import type { Database } from '../../server/db/database.ts'
import type { LayerId } from '../../server/layers/registry.ts'
import { createTileSource } from '../create-tile-source.ts'
import { layersExtent } from '../tilejson.ts'
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
  const metadata = archiveMetadata({ name, layers, minZoom, maxZoom, bounds: bbox })
  return exportArchive(createTileSource(db, layers), path, {
    minZoom,
    maxZoom,
    bounds: bbox,
    center: metadata.center,
    metadata,
    // The server engine's pool answers tiles in parallel; the embedded engine runs one at a time.
    concurrency: db.engine === 'server' ? 6 : 2,
    onProgress: options.onProgress,
  })
}
