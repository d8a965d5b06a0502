// The JSON metadata of an exported archive: for MVT, `vector_layers` as TileJSON 3.0.0 defines
// them (spec v3 "Metadata"), so a viewer knows the layers, their fields and zooms without the
// server; plus the conventional name, description, type and version keys (all strings).
import { getLayer, type LayerId } from '../../server/layers/registry.ts'
import { tileFields } from '../tile-fields.ts'

/** One entry of TileJSON 3.0.0 `vector_layers`. */
export interface VectorLayer {
  id: string
  description: string
  /** Property name → what it holds. */
  fields: Record<string, string>
  minzoom: number
  maxzoom: number
}

/**
 * The `vector_layers` of `layers` within zooms minZoom…maxZoom: each layer's registry tile
 * fields (personal fields of restricted layers left out, as every tile does) and its zoom range
 * clipped to the export's; layers with no zoom in the range are left out.
 */
export function archiveVectorLayers(
  layers: readonly LayerId[],
  minZoom: number,
  maxZoom: number,
): VectorLayer[] {
  return layers.flatMap((id) => {
    const layer = getLayer(id)
    const minzoom = Math.max(layer.tiles.minzoom, minZoom)
    const maxzoom = Math.min(layer.tiles.maxzoom, maxZoom)
    if (minzoom > maxzoom) return []
    const fields = Object.fromEntries(tileFields(layer).map((f) => [f.name, `${f.title.zh} (${f.title.en})`]))
    return [{ id, description: `${layer.title.zh} (${layer.title.en})`, fields, minzoom, maxzoom }]
  })
}

/**
 * The metadata object of an archive of `layers` (JSON-serialisable; no clock, so the same data
 * gives the same bytes): TileJSON's name, description, attribution, zooms, bounds [w, s, e, n]
 * and center [lon, lat, zoom] (the header's values again, for clients that read only the JSON),
 * and vector_layers.
 */
export function archiveMetadata(options: {
  name: string
  layers: readonly LayerId[]
  minZoom: number
  maxZoom: number
  bounds: readonly [number, number, number, number]
  center: readonly [number, number, number]
}): Record<string, unknown> {
  return {
    name: options.name,
    description: '河长制 GIS: river chief system layers (Mapbox Vector Tiles, EPSG:3857; data in CGCS2000)',
    attribution: '河长制 GIS',
    type: 'overlay',
    version: '1.0.0',
    minzoom: options.minZoom,
    maxzoom: options.maxZoom,
    bounds: options.bounds,
    center: options.center,
    vector_layers: archiveVectorLayers(options.layers, options.minZoom, options.maxZoom),
  }
}
