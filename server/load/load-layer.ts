// Loads records into a layer, all or nothing: batches are COPYed into a staging table, invalid
// shapes repaired there, then normalised and inserted, all inside one transaction. A failure at
// any point rolls back, so the layer is exactly as before; either way one import_log row
// records it.
import type { Database, Queryable } from '../db/database.ts'
import { quoteIdent } from '../db/quote-ident.ts'
import { BadRequest } from '../errors.ts'
import { getLayer, type LayerId, type LayerSpec } from '../layers/registry.ts'
import { ChunkQueue, turn } from './chunk-queue.ts'
import { dataErrorToBadRequest, isDataError } from './data-errors.ts'
import { layerChanged } from './layer-events.ts'
import type { LoadOptions, LoadResult, RejectedRecord } from './layer-record.ts'
import {
  CLEAR_STAGING_SQL,
  createStagingSql,
  insertSql,
  misfitsSql,
  REPAIR_SQL,
  STAGING,
  stagingColumns,
} from './load-sql.ts'
import { type RecordSource, type StagingChunk, stagingChunks } from './staging-chunks.ts'

/** Enough record numbers to act on, without making a report of a million lines. */
const MAX_LISTED = 1000
/**
 * CSV per batch. The embedded engine buffers a whole COPY in memory, so a 1 GB source goes
 * through in many batches; on the server engine the next batch is encoded while PostgreSQL
 * repairs and inserts the previous one, so JavaScript and SQL work overlap.
 */
const BATCH_CHARS = 8 << 20

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

interface Outcome {
  staged: number
  inserted: number
  repaired: number[]
  misfits: RejectedRecord[]
}

/** Repairs, normalises and inserts one staged batch, then empties the staging table. */
async function settleBatch(
  tx: Queryable,
  layer: LayerSpec,
  batch: { rows: number; unproven: number },
  importId: number,
  out: Outcome,
) {
  const kind = layer.geometry.toUpperCase()
  const repaired = batch.unproven > 0 ? (await tx.query<{ record_no: number }>(REPAIR_SQL)).rows : []
  for (const r of repaired) out.repaired.push(r.record_no)
  const inserted = (await tx.query(insertSql(layer, repaired.length > 0), [kind, importId])).rowCount
  out.inserted += inserted
  if (inserted < batch.rows) {
    const misfits = await tx.query<{ record_no: number; source_type: string | null }>(misfitsSql(layer), [
      kind,
    ])
    for (const row of misfits.rows)
      out.misfits.push({
        recordNo: row.record_no,
        reason: `${row.source_type ?? 'no geometry'} is not ${layer.geometry}`,
      })
  }
  await tx.query(CLEAR_STAGING_SQL)
}

/**
 * Stages and settles batch after batch, keeping both sides busy: the encoder runs ahead on its
 * own, yielding to the event loop after each chunk, while the connection COPYs one batch (so
 * PostgreSQL parses while JavaScript encodes) and then repairs and inserts it.
 */
async function loadBatches(
  tx: Queryable,
  layer: LayerSpec,
  records: RecordSource,
  importId: number,
  unreadable: RejectedRecord[],
): Promise<Outcome> {
  const out: Outcome = { staged: 0, inserted: 0, repaired: [], misfits: [] }
  const columns = stagingColumns(layer)
  const queue = new ChunkQueue()
  const encoding = (async () => {
    try {
      for await (const chunk of stagingChunks(layer, records, unreadable, BATCH_CHARS)) {
        if (queue.stopped) break
        queue.give(chunk)
        await queue.room()
        await turn()
      }
      queue.end()
    } catch (error) {
      queue.end({ error })
    }
  })()
  try {
    for (;;) {
      const first = await queue.take()
      if (!first) break
      const batch = { rows: 0, unproven: 0 }
      const stream = async function* () {
        let chunk: StagingChunk | null = first
        while (chunk) {
          batch.rows += chunk.rows
          batch.unproven += chunk.unproven
          yield chunk.text
          chunk = chunk.endsBatch ? null : await queue.take()
        }
      }
      await tx.copyCsv(STAGING, columns, stream())
      out.staged += batch.rows
      await settleBatch(tx, layer, batch, importId, out)
    }
  } finally {
    // The source must not be read after a failure, nor after the transaction has ended.
    queue.stop()
    await encoding
  }
  return out
}

async function loadInTransaction(
  tx: Queryable,
  layer: LayerSpec,
  records: RecordSource,
  options: LoadOptions,
): Promise<LoadResult> {
  // ST_IsValid reports each invalid shape as a NOTICE; the repaired list already says it.
  await tx.query(`SET LOCAL client_min_messages = warning`)
  // PostGIS declares its functions costly, so a repair over a batch plans above jit_above_cost
  // and spends ~200 ms compiling an expression that then runs for a few milliseconds.
  await tx.query(`SET LOCAL jit = off`)
  // A batch is sorted back into record order after repairs moved rows: ~10 MB, in memory
  // rather than an external merge on disk.
  await tx.query(`SET LOCAL work_mem = '64MB'`)
  await tx.query(createStagingSql(layer))
  // DELETE rather than TRUNCATE: readers keep seeing the old rows until commit instead of
  // queueing behind an exclusive lock.
  if (options.mode === 'replace') await tx.query(`DELETE FROM ${quoteIdent(layer.id)}`)
  const log = await tx.query<{ id: number }>(
    `INSERT INTO import_log (${LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    logValues(layer, options, 'ok'),
  )
  const importId = log.rows[0].id
  const unreadable: RejectedRecord[] = []
  const out = await loadBatches(tx, layer, records, importId, unreadable)

  // Read now, not before: the caller fills these while the records stream.
  const rejected = [...(options.rejected ?? []), ...unreadable, ...out.misfits].sort(
    (a, b) => a.recordNo - b.recordNo,
  )
  if (rejected.length > 0 && options.onReject !== 'skip') throw new ImportRejected(layer, rejected)
  const repaired = out.repaired.sort((a, b) => a - b)
  const skipped = options.skipped ?? 0
  const result: LoadResult = {
    importId: options.dryRun ? null : importId,
    layer: layer.id,
    mode: options.mode,
    read: out.staged + unreadable.length + (options.rejected?.length ?? 0) + skipped,
    inserted: out.inserted,
    repaired,
    skipped,
    rejected,
  }
  const s = options.source ?? {}
  await tx.query(
    `UPDATE import_log SET finished_at = now(), read_count = $2, inserted_count = $3, repaired_count = $4,
            skipped_count = $5, rejected_count = $6, report = $7,
            file_name = $8, sha256 = $9, crs = $10, encoding = $11, encoding_reason = $12
      WHERE id = $1`,
    [
      importId,
      result.read,
      result.inserted,
      repaired.length,
      skipped,
      rejected.length,
      { ...options.report, repaired: repaired.slice(0, MAX_LISTED), rejected: rejected.slice(0, MAX_LISTED) },
      s.fileName,
      s.sha256,
      s.crs,
      s.encoding,
      s.encodingReason,
    ],
  )
  if (options.dryRun) throw new DryRunRollback(result)
  return result
}

export async function loadLayer(
  db: Database,
  layerId: LayerId,
  records: RecordSource,
  options: LoadOptions,
): Promise<LoadResult> {
  const layer = getLayer(layerId)
  let result: LoadResult
  try {
    result = await db.transaction((tx) => loadInTransaction(tx, layer, records, options))
  } catch (error) {
    if (error instanceof DryRunRollback) return error.result
    const reported = isDataError(error) ? dataErrorToBadRequest(error, layer.id) : error
    // A dry run that would fail says so, but like any dry run it leaves no trace in the log.
    if (!options.dryRun) await logFailure(db, layer, options, reported)
    throw reported
  }
  layerChanged(layer.id)
  return result
}
