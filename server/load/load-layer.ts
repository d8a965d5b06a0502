// Loads records into a layer, all or nothing, without holding the database for the length of
// the import (issue 7 item 4). Batches are staged, repaired and normalised, each in a short
// transaction of its own, into a table private to the import (import-tables.ts): a shadow of
// the layer for a replace, a plain staging table for an append. Then one short transaction
// puts the result in place (the shadow swapped in by rename, layer-swap.ts; or the staged rows
// inserted) and writes the import_log row. A failure at any point before it leaves the layer and
// the log as they were; one failure row records it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../db/database.ts'
import { BadRequest } from '../errors.ts'
import { getLayer, type LayerId, type LayerSpec } from '../layers/registry.ts'
import { dataErrorToBadRequest, isDataError } from './data-errors.ts'
import { claimImportTable, dropImportTable, dropLeftoverImportTables } from './import-tables.ts'
import { layerChanged } from './layer-events.ts'
import type { LoadOptions, LoadResult, RejectedRecord } from './layer-record.ts'
import { createShadow, swapLayer } from './layer-swap.ts'
import { loadBatches } from './load-batches.ts'
import { appendSql, createAppendStagingSql } from './load-sql.ts'
import type { RecordSource } from './staging-chunks.ts'

const IMPORT_ID_SQL = readFileSync(join(import.meta.dirname, 'import-id.sql'), 'utf8')
const LOG_OK_SQL = readFileSync(join(import.meta.dirname, 'import-log-ok.sql'), 'utf8')

/** Enough record numbers to act on, without making a report of a million lines. */
const MAX_LISTED = 1000

export class ImportRejected extends BadRequest {
  constructor(
    layer: LayerSpec,
    readonly rejected: RejectedRecord[],
  ) {
    const listed = rejected.slice(0, 20).map((r) => `#${r.recordNo} (${r.reason})`)
    super(
      `${rejected.length} record(s) cannot be stored in layer ${layer.id} (${layer.geometry}): ${listed.join(', ')}` +
        (rejected.length > 20 ? ', …' : ''),
      { rejected: rejected.slice(0, MAX_LISTED) },
      'records_rejected',
    )
  }
}

/** Carries a dry run's result out of the transaction it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: LoadResult) {
    super('dry run')
  }
}

const LOG_COLUMNS = `layer, mode, actor, status, file_name, sha256, crs, encoding, encoding_reason`

function logValues(layer: LayerSpec, options: LoadOptions, status: 'ok' | 'failed') {
  const s = options.source ?? {}
  return [
    layer.id,
    options.mode,
    options.actor,
    status,
    s.fileName,
    s.sha256,
    s.crs,
    s.encoding,
    s.encodingReason,
  ]
}

/** Records a failed import; also for failures before loading started (a refused .prj). */
export async function logImportFailure(db: Database, layerId: LayerId, options: LoadOptions, error: unknown) {
  await logFailure(db, getLayer(layerId), options, error)
}

async function logFailure(db: Database, layer: LayerSpec, options: LoadOptions, error: unknown) {
  try {
    await db.query(
      `INSERT INTO import_log (${LOG_COLUMNS}, finished_at, message, skipped_count, rejected_count, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10, $11, $12, $13)`,
      [
        ...logValues(layer, options, 'failed'),
        (error as Error).message,
        options.skipped ?? 0,
        (error as ImportRejected).rejected?.length ?? 0,
        options.report ?? {},
      ],
    )
  } catch {
    // The database itself may be what failed; the caller still gets the original error.
  }
}

/**
 * The final step, in one short transaction: the shadow swapped in (replace) or the staged rows
 * inserted (append), and the log row. Nothing else is done inside it; a dry run rolls it back.
 */
async function putInPlace(
  db: Database,
  layer: LayerSpec,
  table: string,
  options: LoadOptions,
  result: LoadResult & { importId: number },
  startedAt: Date,
) {
  const s = options.source ?? {}
  const repaired = result.repaired
  await db.transaction(async (tx) => {
    if (options.mode === 'replace') await swapLayer(tx, layer, table)
    else await tx.query(appendSql(layer, table))
    await tx.query(LOG_OK_SQL, [
      result.importId,
      layer.id,
      options.mode,
      options.actor,
      s.fileName,
      s.sha256,
      s.crs,
      s.encoding,
      s.encodingReason,
      startedAt,
      result.read,
      result.inserted,
      repaired.length,
      result.skipped,
      result.rejected.length,
      {
        ...options.report,
        repaired: repaired.slice(0, MAX_LISTED),
        rejected: result.rejected.slice(0, MAX_LISTED),
      },
    ])
    if (options.dryRun) throw new DryRunRollback(result)
  })
}

async function load(
  db: Database,
  layer: LayerSpec,
  table: string,
  records: RecordSource,
  options: LoadOptions,
): Promise<LoadResult> {
  const startedAt = new Date()
  const importId = Number((await db.query<{ id: number }>(IMPORT_ID_SQL)).rows[0].id)
  if (options.mode === 'replace') await createShadow(db, layer, table)
  else await db.exec(createAppendStagingSql(layer, table))
  const unreadable: RejectedRecord[] = []
  const out = await loadBatches(db, layer, records, table, importId, unreadable)

  // Read now, not before: the caller fills these while the records stream.
  const rejected = [...(options.rejected ?? []), ...unreadable, ...out.misfits].sort(
    (a, b) => a.recordNo - b.recordNo,
  )
  if (rejected.length > 0 && options.onReject !== 'skip') throw new ImportRejected(layer, rejected)
  const skipped = options.skipped ?? 0
  const result = {
    importId,
    layer: layer.id,
    mode: options.mode,
    read: out.staged + unreadable.length + (options.rejected?.length ?? 0) + skipped,
    inserted: out.inserted,
    repaired: out.repaired.sort((a, b) => a - b),
    skipped,
    rejected,
  }
  // A replace's dry run has already met every constraint in the shadow: no swap to roll back.
  if (options.dryRun && options.mode === 'replace') throw new DryRunRollback(result)
  await putInPlace(db, layer, table, options, result, startedAt)
  return result
}

/**
 * Loads `records` (decoded, in EPSG:4490, attributes named as in the registry) into layer
 * `layerId`, all or nothing: 'append' adds them, 'replace' puts them in place of the layer's
 * rows. Shapes are repaired with ST_MakeValid and normalised to the layer's geometry kind;
 * ids follow record order. Writes one import_log row either way (none for a dry run).
 * Resolves to the counts, repaired and rejected record numbers; importId is null for a dry run.
 * @throws ImportRejected (400) when records cannot be stored and onReject is not 'skip';
 *   BadRequest (400) when PostgreSQL refuses a value (data-errors.ts); anything the source or
 *   the database throws otherwise. The layer is then exactly as before.
 */
export async function loadLayer(
  db: Database,
  layerId: LayerId,
  records: RecordSource,
  options: LoadOptions,
): Promise<LoadResult> {
  const layer = getLayer(layerId)
  let result: LoadResult
  const table = claimImportTable(layer)
  try {
    await dropLeftoverImportTables(db)
    result = await load(db, layer, table, records, options)
  } catch (error) {
    if (error instanceof DryRunRollback) return { ...error.result, importId: null }
    const reported = isDataError(error) ? dataErrorToBadRequest(error, layer.id) : error
    // A dry run that would fail says so, but like any dry run it leaves no trace in the log.
    if (!options.dryRun) await logFailure(db, layer, options, reported)
    throw reported
  } finally {
    await dropImportTable(db, table).catch(() => {
      // The connection may be what failed; the next import drops the table (import-tables.ts).
    })
  }
  layerChanged(layer.id)
  return result
}
