// The properties a layer's tiles carry, resolved from the registry's tile declaration: the
// layer's own attributes and the derived ones read from other tables (tiles/derived/*.sql). Both
// tile sources, TileJSON and the cache key (the tables a tile reads) take them from here.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { quoteIdent } from '../server/db/quote-ident.ts'
import { getLayer, type LayerId, type LayerSpec } from '../server/layers/registry.ts'

export type TileFieldType = 'text' | 'integer' | 'number'

export interface TileField {
  name: string
  /** How the value is encoded in the MVT: string, integer or double. */
  type: TileFieldType
  title: { zh: string; en: string }
  /** SQL expression over the layer's row aliased `f`, typed so that both sources encode it alike. */
  sql: string
}

const DERIVED_DIR = join(import.meta.dirname, 'derived')

// Instants are written as ISO 8601 UTC text: ST_AsMVT would otherwise print a timestamptz in the
// session's time zone, and the two engines' sessions need not agree.
function attributeSql(type: string, column: string): { type: TileFieldType; sql: string } {
  switch (type) {
    case 'integer':
      return { type: 'integer', sql: `${column}::int` }
    case 'number':
    case 'double precision':
      return { type: 'number', sql: `${column}::float8` }
    // 'true' or 'false' (absent while not computed), as the viewer's patrol style reads it.
    case 'boolean':
      return { type: 'text', sql: `${column}::text` }
    case 'date':
      return { type: 'text', sql: `to_char(${column}, 'YYYY-MM-DD')` }
    case 'timestamp':
      return { type: 'text', sql: `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` }
    default:
      return { type: 'text', sql: `${column}::text` }
  }
}

/**
 * The tile properties of `layer`, in declaration order: its `tiles.fields` (attributes or computed
 * columns, less its `personalFields`: restricted layers are tiled for the public, issue 9 item 5),
 * then its `tiles.derived`.
 * @throws Error when a declared field is not an attribute of the layer or a derived field has no
 *   tiles/derived/<layer>.<name>.sql — a registry mistake, caught by test/tiles/tile-fields.test.ts.
 */
export function tileFields(layer: LayerSpec): TileField[] {
  const personal = new Set(layer.personalFields ?? [])
  const own = layer.tiles.fields
    .filter((name) => !personal.has(name))
    .map((name) => {
      const attribute =
        layer.attributes.find((a) => a.name === name) ?? layer.computed?.find((c) => c.name === name)
      if (!attribute) throw new Error(`tile field ${layer.id}.${name} is not an attribute of the layer`)
      return { name, title: attribute.title, ...attributeSql(attribute.type, `f.${quoteIdent(name)}`) }
    })
  const derived = (layer.tiles.derived ?? []).map((field) => {
    const file = join(DERIVED_DIR, `${layer.id}.${field.name}.sql`)
    if (!existsSync(file)) throw new Error(`derived tile field ${layer.id}.${field.name} has no ${file}`)
    return {
      name: field.name,
      type: field.type,
      title: field.title,
      sql: `(${readFileSync(file, 'utf8').trim()}\n)`,
    }
  })
  return [...own, ...derived]
}

/**
 * Every table the tiles of `layers` read, sorted: each layer's own table and the tables its
 * derived fields read. A cached tile is valid while the data versions of exactly these tables are
 * unchanged (issue 9 item 6).
 */
export function tileTables(layers: readonly LayerId[]): string[] {
  const tables = new Set<string>()
  for (const id of layers) {
    tables.add(id)
    for (const field of getLayer(id).tiles.derived ?? []) for (const table of field.reads) tables.add(table)
  }
  return [...tables].sort()
}

/** The layers among `layers` whose tiles exist at zoom `z` (registry minzoom ≤ z ≤ maxzoom), in order. */
export const layersAtZoom = (layers: readonly LayerId[], z: number): LayerId[] =>
  layers.filter((id) => {
    const { minzoom, maxzoom } = getLayer(id).tiles
    return z >= minzoom && z <= maxzoom
  })
