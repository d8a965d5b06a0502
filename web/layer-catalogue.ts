// The layer catalogue as GET /api/layers gives it (server/http/routes/catalogue.ts): the titles
// the layer panel, the legend and the zone lists show.

export interface CatalogueLayer {
  id: string
  title: { zh: string; en: string }
  geometryType: string
  count: number
  /** [west, south, east, north] degrees; null for an empty layer. */
  bbox: [number, number, number, number] | null
}
