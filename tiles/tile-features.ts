// The first stage of every tile, shared by both sources: which rows of a layer a tile holds, with
// which properties, and their geometry generalised for the zoom, in Web Mercator (EPSG:3857). The
// ST_AsMVT source (postgis-mvt.ts) and the geojson-vt source (geojson-vt-source.ts) differ only
// in the stage after it, clipping to the buffered tile and encoding, which the parity test
// (test/tiles/parity.test.ts) proves equal.
//
// The rules (issue 9 item 2), in tile-features.sql:
// - A tile holds the rows whose box meets the tile grown by BUFFER units on each side, in `id`
//   order, so identical data gives identical bytes; the MVT feature id is the row's `id`.
// - Only the part of a line or polygon within an eighth of a tile around the tile is generalised
//   (ST_ClipByBox2D), so a county's whole outline is not simplified again for every tile it
//   touches; the margin is far beyond the buffer, so the cut never shows.
// - Simplification is Douglas–Peucker keeping topology (ST_SimplifyPreserveTopology) with a
//   tolerance of one pixel, PIXEL units of the 4096 extent (MapLibre draws a vector tile 512 px
//   wide: 4096/512), then snap rounding to the tile's unit grid (ST_ReducePrecision, whose grid
//   is the tiles' own: the Web Mercator origin is a tile corner at every zoom), after making an
//   invalid polygon valid. Snap rounding here and not only at encoding, because ST_AsMVTGeom
//   snap-rounds (wagyu) and geojson-vt merely rounds: a sliver or spike thinner than a unit would
//   be removed by one and kept by the other. Polygon parts under one square pixel are dropped.
// - Small features do not vanish: a line or polygon whose whole box is under one pixel in both
//   width and height at this zoom, or that has nothing left after the step above (a sliver), is
//   drawn as a one-pixel mark at its box's centre: a horizontal
//   segment one pixel long for a line, a square one pixel wide for a polygon. Without it,
//   ST_AsMVTGeom drops anything under half a unit, geojson-vt anything under its tolerance, and a
//   pond or a short reach disappears from the overview. A feature reaching beyond the generalised
//   part has only its fringe cut there, and when that fringe has nothing left it is absent rather
//   than marked at a centre far away. Points are never generalised.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { quoteIdent } from '../server/db/quote-ident.ts'
import type { GeometryKind, LayerSpec } from '../server/layers/registry.ts'
import { fillSql } from '../server/query/registry-sql.ts'
import { type TileField, tileFields } from './tile-fields.ts'

/** Units across a tile (MVT extent); 4096 is what MapLibre, QGIS and both sources expect. */
export const EXTENT = 4096
/** Units kept beyond each tile edge so that lines, outlines and labels do not break at it. */
export const BUFFER = 64
/** One pixel of a tile drawn 512 px wide, in units of EXTENT: the simplification tolerance. */
export const PIXEL = EXTENT / 512

const read = (name: string) => readFileSync(join(import.meta.dirname, name), 'utf8')

/** The `tile` CTE body: envelope and clip_box (3857), search_box (4490, buffer included), unit and pixel (m); binds $1..$3 = z, x, y. */
export const TILE_CTE_SQL = fillSql(read('tile-envelope.sql'), {
  margin: String(BUFFER / EXTENT),
  extent: String(EXTENT),
  pixels: String(EXTENT / PIXEL),
})

const FEATURES_SQL = read('tile-features.sql')

const DIMENSION: Record<GeometryKind, number> = {
  Point: 0,
  LineString: 1,
  MultiLineString: 1,
  MultiPolygon: 2,
}

export interface LayerFeatures {
  /** A SELECT of (id, one column per field, geom in EPSG:3857) that reads the `tile` CTE. */
  sql: string
  fields: TileField[]
}

/**
 * The shared feature stage for one layer: its SQL (to nest under `WITH tile AS (TILE_CTE_SQL)`) and
 * its fields. With `repair`, invalid polygons are made valid before snap rounding: ST_IsValid on
 * every polygon is most of the cost of a z6 tile, so a source runs without it and retries with it
 * when snap rounding fails (isInvalidGeometryError), which only a hand-edited invalid row causes.
 */
export function layerFeatures(layer: LayerSpec, repair = false): LayerFeatures {
  const fields = tileFields(layer)
  const properties = fields.map((field) => `${field.sql} AS ${quoteIdent(field.name)}`).join(',\n       ')
  const sql = fillSql(FEATURES_SQL, {
    properties,
    dimension: String(DIMENSION[layer.geometry]),
    repair: String(repair),
    table: quoteIdent(layer.id),
  })
  return { sql, fields }
}

/** `f.id, f."a", f."b"`: the id and property columns of a layerFeatures row aliased `f`. */
export const featureColumns = (fields: readonly TileField[]) =>
  ['f.id', ...fields.map((field) => `f.${quoteIdent(field.name)}`)].join(', ')

/** A GEOS failure on an invalid geometry (snap rounding's TopologyException): retry with `repair`. */
export const isInvalidGeometryError = (error: unknown) =>
  error instanceof Error && /TopologyException|GEOS/i.test(error.message)
