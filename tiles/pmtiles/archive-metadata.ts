// The JSON metadata of an exported archive (spec v3 "Metadata"): the live TileJSON of the same
// layers (tiles/tilejson.ts) less its tile URL, with the export's zooms and box, plus the
// conventional `type` and `version` keys.
import type { LayerId } from '../../server/layers/registry.ts'
import { tileJson } from '../tilejson.ts'
import { vectorLayers } from '../vector-layers.ts'

export interface ArchiveMetadata {
  name: string
  description: string
  attribution: string
  type: 'overlay'
  version: string
  minzoom: number
  maxzoom: number
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number]
  /** [lon, lat, zoom]: the live TileJSON's center, its zoom within the export's. */
  center: [number, number, number]
  vector_layers: ReturnType<typeof vectorLayers>
}

/**
 * The metadata of an archive of `layers` over `bounds` and minZoom…maxZoom (no clock in it, so
 * the same data gives the same bytes); the header repeats its zooms, bounds and center.
 */
export function archiveMetadata(options: {
  name: string
  layers: readonly LayerId[]
  minZoom: number
  maxZoom: number
  bounds: readonly [number, number, number, number]
}): ArchiveMetadata {
  const { name, layers, minZoom, maxZoom, bounds } = options
  const live = tileJson(layers, '', [...bounds])
  const [lon, lat, zoom] = live.center
  return {
    name,
    description: live.description,
    attribution: live.attribution,
    type: 'overlay',
    version: '1.0.0',
    minzoom: minZoom,
    maxzoom: maxZoom,
    bounds: live.bounds,
    center: [lon, lat, Math.min(maxZoom, Math.max(minZoom, zoom))],
    vector_layers: vectorLayers(layers, minZoom, maxZoom),
  }
}
