// Replace mode's two steps around the batches: the shadow the new content is built in, and the
// swap that puts it in the layer's place inside the import's short final transaction.
//
// Why a swap and not DELETE + INSERT in the final transaction (issue 7 item 4, measured on the
// embedded engine with 100k 20-vertex polygons in lakes): the DELETE + INSERT holds PGlite's one
// connection for 6.2–6.7 s, so every map click waits that long; the rename takes ~20 ms. What
// the swap must keep is handled in layer-swap.sql: indexes, constraints and the identity
// sequence keep their names, ids go on increasing, and the layer's triggers are recreated on
// the new table. Views or foreign keys naming the layer fall back to a copy (slow, correct).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database, Queryable } from '../db/database.ts'
import { quoteIdent } from '../db/quote-ident.ts'
import type { LayerSpec } from '../layers/registry.ts'

const FUNCTIONS_SQL = readFileSync(join(import.meta.dirname, 'layer-swap.sql'), 'utf8')

/** Creates `shadow`: the layer's table without its rows (see rcgis_create_shadow). */
export async function createShadow(db: Database, layer: LayerSpec, shadow: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.exec(FUNCTIONS_SQL)
    await tx.query('SELECT pg_temp.rcgis_create_shadow($1::regclass, $2)', [quoteIdent(layer.id), shadow])
  })
}

/**
 * Puts `shadow` in the layer's place, within the caller's transaction `tx`; the old rows are
 * gone with the old table. Resolves to 'swapped', or 'copied' when something outside the table
 * names it (see layer-swap.sql).
 */
export async function swapLayer(
  tx: Queryable,
  layer: LayerSpec,
  shadow: string,
): Promise<'swapped' | 'copied'> {
  await tx.exec(FUNCTIONS_SQL)
  const { rows } = await tx.query<{ how: 'swapped' | 'copied' }>(
    'SELECT pg_temp.rcgis_swap_layer($1::regclass, $2::regclass) AS how',
    [quoteIdent(layer.id), quoteIdent(shadow)],
  )
  return rows[0].how
}
