// Shared by the import integration tests: run an import, read back what it stored, and check
// that a refusal is a clean one (a typed 4xx error with a message, never a crash).
import type { Database } from '../../server/db/database.ts'
import { AppError } from '../../server/errors.ts'
import { DEFAULT_LIMITS } from '../../server/import/import-limits.ts'
import { type ImportRequest, runImport } from '../../server/import/import-pipeline.ts'
import type { ImportReport } from '../../server/import/import-report.ts'
import { getLayer, type LayerId } from '../../server/layers/registry.ts'

export type ImportTestOptions = Partial<Omit<ImportRequest, 'paths' | 'layer' | 'mapping'>> & {
  mapping?: unknown
}

export function importFile(
  db: Database,
  paths: string | string[],
  layer: LayerId,
  options: ImportTestOptions = {},
) {
  const { mapping, ...rest } = options
  return runImport(db, {
    paths: Array.isArray(paths) ? paths : [paths],
    layer,
    mode: 'replace',
    actor: 'test',
    limits: DEFAULT_LIMITS,
    ...rest,
    mapping: mapping === undefined ? undefined : { text: JSON.stringify(mapping), fileName: 'mapping.json' },
  })
}

/** The outcome of an import: its report, or the refusal (which must be a typed 4xx error). */
export async function attempt(
  run: () => Promise<ImportReport>,
): Promise<{ report: ImportReport; error?: undefined } | { error: AppError; report?: undefined }> {
  try {
    return { report: await run() }
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500)
      throw new Error(`not a clean refusal: ${(error as Error)?.stack ?? error}`)
    if (!error.message || error.message.length < 10)
      throw new Error(`refusal without a clear message: ${error.message}`)
    return { error }
  }
}

export interface StoredRow {
  id: number
  attributes: Record<string, unknown>
  extra: Record<string, unknown>
  geojson: { type: string; coordinates: unknown }
  wkt: string
}

export async function storedRows(db: Database, layer: LayerId, importId: number): Promise<StoredRow[]> {
  const spec = getLayer(layer)
  const columns = spec.attributes.map((a) => `"${a.name}"`).join(', ')
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT id, ${columns}, extra, ST_AsGeoJSON(geom, 9)::json AS geojson, ST_AsText(geom) AS wkt
       FROM ${spec.id} WHERE import_id = $1 ORDER BY id`,
    [importId],
  )
  return rows.map((r) => ({
    id: Number(r.id),
    attributes: Object.fromEntries(spec.attributes.map((a) => [a.name, r[a.name]])),
    extra: r.extra as Record<string, unknown>,
    geojson: r.geojson as StoredRow['geojson'],
    wkt: r.wkt as string,
  }))
}

/**
 * The source record numbers of the stored rows, in id order: ids follow record order, and the
 * report lists every record that was not inserted.
 */
export function insertedRecordNumbers(report: ImportReport): number[] {
  const gone = new Set([...report.skipped.map((s) => s.recordNo), ...report.rejected.map((r) => r.recordNo)])
  const out: number[] = []
  for (let n = 1; n <= report.counts.read; n++) if (!gone.has(n)) out.push(n)
  return out
}

/** The source fields of a stored row: extra, plus mapped attributes under their field names. */
export function sourceValues(row: StoredRow, report: ImportReport): Record<string, unknown> {
  const values: Record<string, unknown> = { ...row.extra }
  for (const [field, attribute] of Object.entries(report.mapping))
    if (!(field in values) && field !== '$record') values[field] = row.attributes[attribute]
  return values
}

/** A fingerprint of a layer's content and of the import log, for "exactly as before" checks. */
export async function snapshot(db: Database, layer: LayerId) {
  const table = getLayer(layer).id
  const content = await db.query<{ n: number; digest: string | null }>(
    `SELECT count(*)::int8 AS n, md5(string_agg(t::text, '|' ORDER BY id)) AS digest FROM ${table} t`,
  )
  const log = await db.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int8 AS n FROM import_log GROUP BY status ORDER BY status`,
  )
  return {
    rows: content.rows[0].n,
    digest: content.rows[0].digest,
    log: Object.fromEntries(log.rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
  }
}
