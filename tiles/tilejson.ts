// TileJSON 3.0.0 (github.com/mapbox/tilejson-spec, 3.0.0/README.md) of the live tiles of one
// layer or of several: what MapLibre, QGIS and any XYZ client read first to find the tile URL,
// the zooms, the extent and each layer's fields.
import type { Queryable } from '../server/db/database.ts'
import { quoteIdent } from '../server/db/quote-ident.ts'
import { getLayer, type LayerId } from '../server/layers/registry.ts'
import { type VectorLayer, vectorLayers } from './vector-layers.ts'

export interface TileJson {
  tilejson: '3.0.0'
  name: string
  description: string
  attribution: string
  scheme: 'xyz'
  tiles: string[]
  minzoom: number
  maxzoom: number
  /** [west, south, east, north] in degrees (EPSG:4490, which TileJSON's WGS 84 matches to centimetres). */
  bounds: [number, number, number, number]
  /** [longitude, latitude, zoom]: where a viewer opens. */
  center: [number, number, number]
  vector_layers: VectorLayer[]
}

/** TileJSON's default bounds (the spec's): the whole Web Mercator world. */
const WORLD: [number, number, number, number] = [-180, -85.05112877980659, 180, 85.05112877980659]

/**
 * The extent of the rows of `layers`, [west, south, east, north] in degrees, or null when they
 * are all empty. One statement; table names come from the registry through quoteIdent.
 */
export async function layersExtent(
  db: Queryable,
  layers: readonly LayerId[],
): Promise<[number, number, number, number] | null> {
  const union = layers.map((id) => `SELECT geom FROM ${quoteIdent(id)}`).join(' UNION ALL ')
  const { rows } = await db.query<{ w: number | null; s: number; e: number; n: number }>(
    `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
       FROM (SELECT ST_Extent(geom) AS x FROM (${union}) u) b`,
  )
  const row = rows[0]
  return row && row.w !== null ? [row.w, row.s, row.e, row.n] : null
}

/**
 * TileJSON 3.0.0 of the tiles of `layers` (registry ids, MVT layer order).
 * @param baseUrl the server's public base URL without a trailing slash (publicBaseUrl), since
 *   `tiles` must be absolute for clients that load TileJSON from elsewhere.
 * @param extent the layers' data extent in degrees (layersExtent), null for no data: then the
 *   bounds are the whole world and the centre is 0, 0.
 * @returns bounds from the data; center at the middle of the bounds and the highest zoom (within
 *   the layers' minzoom…maxzoom) at which the bounds fit one 512 px tile; vector_layers with each
 *   layer's fields (their titles, zh and en) and zooms from the registry (tiles declaration).
 */
export function tileJson(
  layers: readonly LayerId[],
  baseUrl: string,
  extent: [number, number, number, number] | null,
): TileJson {
  const specs = layers.map(getLayer)
  const minzoom = Math.min(...specs.map((s) => s.tiles.minzoom))
  const maxzoom = Math.max(...specs.map((s) => s.tiles.maxzoom))
  const bounds = extent ?? WORLD
  const span = Math.max(bounds[2] - bounds[0], 1e-9)
  const fit = Math.floor(Math.log2(360 / span))
  return {
    tilejson: '3.0.0',
    name: specs.map((s) => s.title.zh).join('、'),
    description: specs.map((s) => `${s.title.zh} (${s.title.en})`).join('; '),
    attribution: '河长制 GIS',
    scheme: 'xyz',
    tiles: [`${baseUrl}/tiles/${layers.join(',')}/{z}/{x}/{y}.mvt`],
    minzoom,
    maxzoom,
    bounds,
    center: [
      (bounds[0] + bounds[2]) / 2,
      (bounds[1] + bounds[3]) / 2,
      Math.min(maxzoom, Math.max(minzoom, fit)),
    ],
    vector_layers: vectorLayers(layers, minzoom, maxzoom),
  }
}
