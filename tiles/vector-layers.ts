// TileJSON 3.0.0 `vector_layers` (github.com/mapbox/tilejson-spec, 3.0.0 §3.17) from the
// registry: what the live TileJSON and a PMTiles archive's metadata (spec v3 "Metadata") both
// declare about each MVT layer.
import { getLayer, type LayerId } from '../server/layers/registry.ts'
import { tileFields } from './tile-fields.ts'

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
 * clipped to minZoom…maxZoom; layers with no zoom in the range are left out.
 */
export function vectorLayers(layers: readonly LayerId[], minZoom: number, maxZoom: number): VectorLayer[] {
  return layers.flatMap((id) => {
    const layer = getLayer(id)
    const minzoom = Math.max(layer.tiles.minzoom, minZoom)
    const maxzoom = Math.min(layer.tiles.maxzoom, maxZoom)
    if (minzoom > maxzoom) return []
    const fields = Object.fromEntries(tileFields(layer).map((f) => [f.name, `${f.title.zh} (${f.title.en})`]))
    return [{ id, description: `${layer.title.zh} (${layer.title.en})`, fields, minzoom, maxzoom }]
  })
}
