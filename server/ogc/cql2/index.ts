// CQL2 filtering for OGC API – Features Part 3: the `filter`, `filter-lang` and `filter-crs`
// parameters of /items become one SQL condition. The pipeline, one stage per file:
// cql2-text.ts (peggy grammar) or cql2-json.ts → the CQL2 JSON tree → to-sql.ts (with
// geometry-literal.ts and instant.ts for literals) → {sql, params}.
import type { LayerSpec } from '../../layers/registry.ts'
import { ogcCrs } from '../crs-uri.ts'
import { parseCql2Json } from './cql2-json.ts'
import { parseCql2Text } from './cql2-text.ts'
import { filterTreeToSql } from './to-sql.ts'

export { conformanceClasses } from './conformance.ts'

export interface FilterInput {
  /** The `filter` parameter as sent. */
  filter: string
  /** `filter-lang`; cql2-text is the default of Part 3 for GET. */
  lang: 'cql2-text' | 'cql2-json'
  /** `filter-crs`: a URI (or EPSG:n, CRS84) among the offered systems; CRS84 by default. */
  filterCrs?: string
}

/** The MAX_VERTICES default (server/config.ts): most vertices in a filter's geometry literals. */
const DEFAULT_MAX_VERTICES = 100_000

/**
 * A CQL2 filter on `layer` as a boolean SQL expression over the layer's table aliased `f`.
 * Input: the filter text in either encoding; `layer` as the reader may see it (its queryables,
 * server/ogc/queryables.ts, are the only identifiers the SQL names); `firstParam` numbers the
 * first bind parameter. Output: `{sql, params}` with `params[i]` bound as `$(firstParam + i)`.
 * Geometry literals are read in filter-crs's axis order and compared in storage EPSG:4490;
 * S_DWITHIN distances are metres on the ellipsoid.
 * @throws BadRequest (400, code `invalid_filter` or `unknown_crs`) for a syntax error, a name that
 *   is not a queryable, an operator not offered, operands of the wrong type, a bad literal, a
 *   filter-crs not offered, or a temporal function on a layer without time.
 */
export function translateFilter(
  input: FilterInput,
  layer: LayerSpec,
  firstParam: number,
  options: { maxVertices?: number } = {},
): { sql: string; params: unknown[] } {
  const crs = ogcCrs(input.filterCrs, 'filter-crs')
  const tree = input.lang === 'cql2-json' ? parseCql2Json(input.filter) : parseCql2Text(input.filter)
  return filterTreeToSql(tree, layer, firstParam, {
    crs,
    maxVertices: options.maxVertices ?? DEFAULT_MAX_VERTICES,
  })
}
