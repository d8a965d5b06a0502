// The table an import builds its result in: a replace's shadow of the layer, or an append's
// staging of normalised rows. Both are regular tables in public, not temporary ones: a shadow
// must become the layer, and each batch is its own short transaction, which on the server
// engine may run on any connection of the pool. The unique name keeps the table private to its
// import; the loader drops it when the import ends either way, and an import that dies before
// that (a killed process) leaves one behind that the next import drops.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../db/database.ts'
import { quoteIdent } from '../db/quote-ident.ts'
import type { LayerSpec } from '../layers/registry.ts'

const LEFTOVERS_SQL = readFileSync(join(import.meta.dirname, 'leftover-import-tables.sql'), 'utf8')

/**
 * On the server engine another process may be importing right now, so only a table older than
 * any import runs is taken for a leftover. The embedded store has one owner process (the store
 * lock), so there every table this process is not using is a leftover.
 */
const SERVER_LEFTOVER_AGE_MS = 24 * 3600 * 1000

/** Names in use by imports of this process. */
const inUse = new Set<string>()

/** A fresh name, `<layer>__import_<epoch ms>_<6 hex>` (≤ 49 characters: under NAMEDATALEN). */
export function claimImportTable(layer: LayerSpec): string {
  const name = `${layer.id}__import_${Date.now()}_${randomBytes(3).toString('hex')}`
  inUse.add(name)
  return name
}

/** Drops the import's table if it still exists (a swap renamed it away) and frees its name. */
export async function dropImportTable(db: Database, name: string): Promise<void> {
  try {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`)
  } finally {
    inUse.delete(name)
  }
}

/** Drops import tables left behind by imports that died; returns their names. */
export async function dropLeftoverImportTables(db: Database, now = Date.now()): Promise<string[]> {
  const { rows } = await db.query<{ name: string; created_ms: number }>(LEFTOVERS_SQL)
  const leftovers = rows.filter(
    (r) =>
      !inUse.has(r.name) && (db.engine === 'embedded' || now - Number(r.created_ms) > SERVER_LEFTOVER_AGE_MS),
  )
  for (const { name } of leftovers) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`)
  return leftovers.map((r) => r.name)
}
