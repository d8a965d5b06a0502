// The extent of every layer for /collections: spatial (CRS84 box) and, on layers with time, the
// first and last instant. One statement for all layers; table and column names come from the
// registry, never from a request.
import type { Queryable } from '../db/database.ts'
import { quoteIdent } from '../db/quote-ident.ts'
import { LAYERS, type LayerSpec } from '../layers/registry.ts'

export interface CollectionExtent {
  /** [west, south, east, north] in lon/lat; null for an empty layer. */
  bbox: [number, number, number, number] | null
  /** [first, last] RFC 3339 instants in UTC; null ends are open (Part 1 §7.14.5). */
  interval: [string | null, string | null] | null
}

const utc = (expression: string) => `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`

function extentSql(layer: LayerSpec, i: number): string {
  const t = layer.temporal
  const start = t ? quoteIdent(t.start) : 'NULL'
  const end = t?.end ? `coalesce(${quoteIdent(t.end)}, ${start})` : start
  const time = t ? `${utc(`min(${start})`)} AS t0, ${utc(`max(${end})`)} AS t1` : 'NULL AS t0, NULL AS t1'
  return `SELECT ${i} AS i, ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax, t0, t1
    FROM (SELECT ST_Extent(geom) AS e, ${time} FROM ${quoteIdent(layer.id)}) s`
}

const EXTENTS_SQL = LAYERS.map(extentSql).join('\nUNION ALL\n')

interface ExtentRow {
  i: number
  xmin: number | null
  ymin: number
  xmax: number
  ymax: number
  t0: string | null
  t1: string | null
}

/** The extent of every registry layer, by layer id. */
export async function collectionExtents(db: Queryable): Promise<Map<string, CollectionExtent>> {
  const { rows } = await db.query<ExtentRow>(EXTENTS_SQL)
  const extents = new Map<string, CollectionExtent>()
  for (const r of rows) {
    const layer = LAYERS[Number(r.i)]
    extents.set(layer.id, {
      bbox: r.xmin === null ? null : [r.xmin, r.ymin, r.xmax, r.ymax],
      interval: layer.temporal ? [r.t0, r.t1] : null,
    })
  }
  return extents
}
