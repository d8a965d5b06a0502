// One feature, /collections/{id}/items/{featureId} (Part 1 §7.16): by the table's id, the
// identifier every items answer gives.
import type { Queryable } from '../db/database.ts'
import { quoteIdent } from '../db/quote-ident.ts'
import type { LayerSpec } from '../layers/registry.ts'
import { featureSelect } from './items-sql.ts'
import type { FeatureRow } from './items-stream.ts'

/**
 * The row of feature `featureId` of `layer` (as the reader sees it), or undefined when there is
 * none. `featureId` is the decimal id as the path gave it; anything else is no feature.
 */
export async function featureRow(
  db: Queryable,
  layer: LayerSpec,
  featureId: string,
): Promise<FeatureRow | undefined> {
  // Beyond int8 or not a number at all: no such feature (404), not a malformed request.
  if (!/^\d{1,18}$/.test(featureId)) return undefined
  const sql = `SELECT ${featureSelect(layer.attributes)} FROM ${quoteIdent(layer.id)} f WHERE f.id = $1::int8`
  const { rows } = await db.query<FeatureRow>(sql, [featureId])
  return rows[0]
}
