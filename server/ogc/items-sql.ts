// The SQL of an items request: one WHERE clause (bbox, datetime, equalities, CQL2 filter) shared by
// the count and the pages, over the layer's table aliased `f`. Identifiers come from the registry
// (quoteIdent); every value a request carries is a bind parameter. The statement text depends
// only on which parameters are present, so the server engine prepares a bounded set of them.
import { quoteIdent } from '../db/quote-ident.ts'
import type { AttributeSpec, AttributeType, LayerSpec } from '../layers/registry.ts'
import { filterSql } from './filter-adapter.ts'
import type { ItemsParams, SortKey } from './items-params.ts'

/** The SQL type of each attribute type, as the migrations declare the columns. */
export const SQL_TYPE: Record<AttributeType, string> = {
  text: 'text',
  integer: 'integer',
  number: 'double precision',
  date: 'date',
  timestamp: 'timestamptz',
}

export interface ItemsSql {
  /** `FROM … WHERE …` (always with WHERE, `true` when nothing filters), shared by count and pages. */
  from: string
  params: unknown[]
  /** The select list of a feature: id, properties (JSON text), geometry (GeoJSON text). */
  select: string
  /** The order, ending with id; the keys are selected as k0, k1, … (text) for keyset paging. */
  order: SortKey[]
  /** SQL type of each order key, for binding its text back. */
  orderTypes: string[]
}

const column = (name: string) => `f.${quoteIdent(name)}`

/**
 * `json_build_object` over the attributes served: JSON text, so the server never parses it.
 * Geometry as GeoJSON with 9 decimals (≈ 0.1 mm) and no `crs` member (option 0: PostGIS would
 * otherwise name EPSG:4490, which RFC 7946 readers reject).
 */
export function featureSelect(attributes: readonly AttributeSpec[]): string {
  const props = attributes.map((a) => `'${a.name}', ${column(a.name)}`).join(', ')
  return `f.id, json_build_object(${props})::text AS properties, ST_AsGeoJSON(f.geom, 9, 0) AS geometry`
}

/** The attributes an items request returns: `properties=` or every attribute the reader sees. */
export function servedAttributes(layer: LayerSpec, properties: readonly string[] | undefined) {
  return properties ? layer.attributes.filter((a) => properties.includes(a.name)) : layer.attributes
}

/**
 * The WHERE clause and select list of `p` on `layer` (as the reader sees it).
 * - bbox: `ST_Intersects` with each envelope (GiST index on geom), or with a projected box's
 *   outline in storage coordinates;
 * - datetime: the feature's [start, end] (end = start for instants) meets the interval (Part 1
 *   §7.15.4: "intersects");
 * - `<attribute>=<value>`: equality, the value cast to the column's type;
 * - filter: Part 3's translator (filter-adapter.ts), ANDed.
 * @throws BadRequest from the filter translator.
 */
export async function itemsSql(layer: LayerSpec, p: ItemsParams): Promise<ItemsSql> {
  const params: unknown[] = []
  const bind = (value: unknown, type?: string) => {
    params.push(value)
    return type ? `$${params.length}::${type}` : `$${params.length}`
  }
  const where: string[] = []
  if (p.bbox?.kind === 'envelopes') {
    const boxes = p.bbox.envelopes.map(
      (e) => `ST_Intersects(f.geom, ST_MakeEnvelope(${e.map((n) => bind(n, 'float8')).join(', ')}, 4490))`,
    )
    where.push(boxes.length === 1 ? boxes[0] : `(${boxes.join(' OR ')})`)
  } else if (p.bbox?.kind === 'polygon') {
    where.push(`ST_Intersects(f.geom, ST_GeomFromText(${bind(p.bbox.wkt, 'text')}, 4490))`)
  }
  if (p.datetime && layer.temporal) {
    const start = column(layer.temporal.start)
    const end = layer.temporal.end ? `coalesce(${column(layer.temporal.end)}, ${start})` : start
    if (p.datetime.end) where.push(`${start} <= ${bind(p.datetime.end, 'timestamptz')}`)
    if (p.datetime.start) where.push(`${end} >= ${bind(p.datetime.start, 'timestamptz')}`)
  }
  for (const { attribute, value } of p.equals)
    where.push(`${column(attribute.name)} = ${bind(value, SQL_TYPE[attribute.type])}`)
  if (p.filter) {
    const filter = await filterSql(p.filter, layer, params.length + 1)
    params.push(...filter.params)
    where.push(`(${filter.sql})`)
  }
  const orderTypes = p.sortby.map((k) => {
    const a = layer.attributes.find((x) => x.name === k.name)
    return a ? SQL_TYPE[a.type] : 'int8'
  })
  const keys = p.sortby.map((k, i) => `${column(k.name)}::text AS k${i}`)
  return {
    from: `FROM ${quoteIdent(layer.id)} f WHERE ${where.length ? where.join(' AND ') : 'true'}`,
    params,
    select: `${featureSelect(servedAttributes(layer, p.properties))}, ${keys.join(', ')}`,
    order: p.sortby,
    orderTypes,
  }
}

/** `SELECT count(*)` of the matched set. */
export function countSql(s: ItemsSql): string {
  return `SELECT count(*)::int8 AS n ${s.from}`
}

/** ORDER BY of `order`: PostgreSQL's defaults, NULLS LAST ascending and NULLS FIRST descending. */
export function orderBy(order: readonly SortKey[]): string {
  return order.map((k) => `${column(k.name)}${k.descending ? ' DESC' : ''}`).join(', ')
}
