// The catalogue of layers as served by /api/layers: the registry plus live counts and extents.
import type { Queryable } from '../db/database.ts'
import { quoteIdent } from '../db/quote-ident.ts'
import { LAYERS, type LayerSpec } from './registry.ts'

export interface LayerSummary {
  id: string
  title: { zh: string; en: string }
  geometryType: string
  count: number
  /** [west, south, east, north] in EPSG:4490 degrees, null for an empty layer */
  bbox: [number, number, number, number] | null
  attributes: { name: string; type: string; title: { zh: string; en: string }; values?: readonly string[] }[]
}

// One statement for all layers: table names come from the registry, never from a request.
const statsSql = LAYERS.map(
  (l, i) =>
    `SELECT ${i} AS i, n AS count, ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
       FROM (SELECT count(*)::int8 AS n, ST_Extent(geom) AS e FROM ${quoteIdent(l.id)}) s`,
).join('\nUNION ALL\n')

interface StatsRow {
  i: number
  count: number
  xmin: number | null
  ymin: number | null
  xmax: number | null
  ymax: number | null
}

function summarise(layer: LayerSpec, row: StatsRow): LayerSummary {
  return {
    id: layer.id,
    title: layer.title,
    geometryType: layer.geometry,
    count: Number(row.count),
    bbox: row.xmin === null ? null : [row.xmin, row.ymin!, row.xmax!, row.ymax!],
    attributes: layer.attributes.map(({ name, type, title, values }) => ({ name, type, title, values })),
  }
}

export async function layerCatalogue(db: Queryable): Promise<LayerSummary[]> {
  const { rows } = await db.query<StatsRow>(statsSql)
  const byIndex = new Map(rows.map((r) => [Number(r.i), r]))
  return LAYERS.map((layer, i) => summarise(layer, byIndex.get(i)!))
}
