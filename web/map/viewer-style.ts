// What the map draws: the server's /style.json, built from the layer registry (tiles/style.ts:
// one vector source over our own tiles, no glyphs or sprite), and the layer catalogue.
import type { StyleSpecification } from 'maplibre-gl'
import { getJson } from '../api-client.ts'
import type { CatalogueLayer } from '../layer-catalogue.ts'

export interface ViewerStyle {
  style: StyleSpecification
  layers: CatalogueLayer[]
}

/** Reads /api/layers and /style.json together. @throws ApiError when either fails. */
export async function loadViewerStyle(): Promise<ViewerStyle> {
  const [{ layers }, style] = await Promise.all([
    getJson<{ layers: CatalogueLayer[] }>('/api/layers'),
    getJson<StyleSpecification>('/style.json'),
  ])
  return { style, layers }
}
