// The batches of a load: records are encoded to CSV a batch at a time, and each batch is COPYed
// into a temporary staging table, repaired and normalised there, and settled into the import's
// own table, all in one short transaction of its own. Between batches other queries run: on the
// embedded engine, whose one connection a transaction holds, a long import no longer stalls
// every reader for its whole length (issue 7 item 4).
import type { Database, Queryable } from '../db/database.ts'
import type { LayerSpec } from '../layers/registry.ts'
import { ChunkQueue, turn } from './chunk-queue.ts'
import type { RejectedRecord } from './layer-record.ts'
import { createStagingSql, misfitsSql, REPAIR_SQL, STAGING, settleSql, stagingColumns } from './load-sql.ts'
import { type RecordSource, type StagingChunk, stagingChunks } from './staging-chunks.ts'

/**
 * CSV per batch. The embedded engine buffers a whole COPY in memory and is held by a batch's
 * transaction for its length, so its batches are small: 2 MB is ~2 800 polygons of 20 vertices,
 * ~0.3 s of PGlite inserting into a GiST-indexed shadow. On the server engine readers are never
 * held, and the next batch is encoded while PostgreSQL settles the previous one, so JavaScript
 * and SQL work overlap.
 */
export const BATCH_CHARS = { embedded: 2 << 20, server: 8 << 20 } as const

export interface BatchOutcome {
  staged: number
  inserted: number
  /** Record numbers whose shape ST_MakeValid repaired. */
  repaired: number[]
  /** Records whose shape is not of the layer's kind even after repair. */
  misfits: RejectedRecord[]
}

/** Settles one COPYed batch: repairs, normalises and inserts it into `target`. */
async function settleBatch(
  tx: Queryable,
  layer: LayerSpec,
  batch: { rows: number; unproven: number },
  target: string,
  importId: number,
  out: BatchOutcome,
) {
  const kind = layer.geometry.toUpperCase()
  const repaired = batch.unproven > 0 ? (await tx.query<{ record_no: number }>(REPAIR_SQL)).rows : []
  for (const r of repaired) out.repaired.push(r.record_no)
  const inserted = (await tx.query(settleSql(layer, target, repaired.length > 0), [kind, importId])).rowCount
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
}

async function settleInTransaction(
  db: Database,
  layer: LayerSpec,
  batch: { text: string; rows: number; unproven: number },
  target: string,
  importId: number,
  out: BatchOutcome,
) {
  await db.transaction(async (tx) => {
    // ST_IsValid reports each invalid shape as a NOTICE; the repaired list already says it.
    await tx.query(`SET LOCAL client_min_messages = warning`)
    // PostGIS declares its functions costly, so a repair over a batch plans above jit_above_cost
    // and spends ~200 ms compiling an expression that then runs for a few milliseconds.
    await tx.query(`SET LOCAL jit = off`)
    // A batch is sorted back into record order after repairs moved rows: ~10 MB, in memory
    // rather than an external merge on disk.
    await tx.query(`SET LOCAL work_mem = '64MB'`)
    // A batch's commit need not wait for its WAL to reach disk: if the server crashes, the
    // import has failed anyway (its final transaction, which does wait, never ran). Without
    // this each of the ten batches of 100k polygons waits on an fsync of its own.
    await tx.query(`SET LOCAL synchronous_commit = off`)
    await tx.query(createStagingSql(layer))
    await tx.copyCsv(STAGING, stagingColumns(layer), batch.text)
    await settleBatch(tx, layer, batch, target, importId, out)
  })
}

/**
 * Stages `records` batch after batch into the import's table `target`, each batch in its own
 * short transaction. The encoder runs ahead on its own, yielding to the event loop after each
 * chunk, while the connection settles the previous batch; a batch's CSV is gathered before its
 * transaction opens, so no transaction waits on JavaScript. Records whose shape cannot be
 * encoded are listed in `unreadable`. Throws whatever the source or the database throws.
 */
export async function loadBatches(
  db: Database,
  layer: LayerSpec,
  records: RecordSource,
  target: string,
  importId: number,
  unreadable: RejectedRecord[],
): Promise<BatchOutcome> {
  const out: BatchOutcome = { staged: 0, inserted: 0, repaired: [], misfits: [] }
  const queue = new ChunkQueue()
  const encoding = (async () => {
    try {
      for await (const chunk of stagingChunks(layer, records, unreadable, BATCH_CHARS[db.engine])) {
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
      let chunk: StagingChunk | null = await queue.take()
      if (!chunk) break
      const texts: string[] = []
      const batch = { text: '', rows: 0, unproven: 0 }
      while (chunk) {
        texts.push(chunk.text)
        batch.rows += chunk.rows
        batch.unproven += chunk.unproven
        chunk = chunk.endsBatch ? null : await queue.take()
      }
      batch.text = texts.join('')
      await settleInTransaction(db, layer, batch, target, importId, out)
      out.staged += batch.rows
    }
  } finally {
    // The source must not be read after a failure.
    queue.stop()
    await encoding
  }
  return out
}
