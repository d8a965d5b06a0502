// Loads records into a layer, all or nothing: COPY into a staging table, repair and normalise
// geometry there, then append or replace inside the same transaction. A failure at any point
// rolls back, so the layer is exactly as before; either way one import_log row records it.
import wkx from 'wkx'
import type { Database, Queryable } from '../db/database.ts'
import { BadRequest } from '../errors.ts'
import {
  type AttributeType,
  type GeometryKind,
  getLayer,
  type LayerId,
  type LayerSpec,
} from '../layers/registry.ts'
import { csvRow } from './csv.ts'
import { layerChanged } from './layer-events.ts'
import type { LayerRecord, LoadOptions, LoadResult, RejectedRecord } from './layer-record.ts'

const STORAGE_SRID = 4490
const STAGING = 'import_staging'
/** Enough record numbers to act on, without making a report of a million lines. */
const MAX_LISTED = 1000

const SQL_TYPES: Record<AttributeType, string> = {
  text: 'text',
  integer: 'integer',
  number: 'double precision',
  date: 'date',
  timestamp: 'timestamptz',
}

// How each layer kind is reached from whatever the source held. CollectionExtract drops parts
// of other dimensions (ST_MakeValid can turn a bow-tie into polygons plus a line) and yields
// EMPTY when nothing of the kind is left, which is then rejected.
const NORMALISE: Record<GeometryKind, string> = {
  MultiPolygon: 'ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_Force2D(geom), 3)))',
  MultiLineString: 'ST_Multi(ST_CollectionExtract(ST_Force2D(geom), 2))',
  LineString: 'ST_LineMerge(ST_Multi(ST_CollectionExtract(ST_Force2D(geom), 2)))',
  Point: `CASE WHEN ST_NumGeometries(ST_CollectionExtract(ST_Force2D(geom), 1)) = 1
            THEN ST_GeometryN(ST_Multi(ST_CollectionExtract(ST_Force2D(geom), 1)), 1) END`,
}

export class ImportRejected extends BadRequest {
  constructor(
    layer: LayerSpec,
    readonly rejected: RejectedRecord[],
  ) {
    const listed = rejected.slice(0, 20).map((r) => `#${r.recordNo} (${r.reason})`)
    super(
      `${rejected.length} record(s) cannot be stored as ${layer.geometry} in layer ${layer.id}: ${listed.join(', ')}` +
        (rejected.length > 20 ? ', …' : ''),
      { rejected: rejected.slice(0, MAX_LISTED) },
      'geometry_rejected',
    )
  }
}

function toEwkbHex(record: LayerRecord): string {
  try {
    const geometry = wkx.Geometry.parseGeoJSON(record.geometry)
    geometry.srid = STORAGE_SRID
    return geometry.toEwkb().toString('hex')
  } catch (error) {
    throw new BadRequest(`record #${record.recordNo}: unreadable geometry (${(error as Error).message})`)
  }
}

async function* stagingCsv(
  layer: LayerSpec,
  records: Iterable<LayerRecord> | AsyncIterable<LayerRecord>,
  counter: { read: number },
): AsyncGenerator<string> {
  let batch = ''
  for await (const record of records) {
    counter.read++
    const values: unknown[] = [record.recordNo, toEwkbHex(record)]
    for (const attribute of layer.attributes) values.push(record.attributes[attribute.name] ?? null)
    values.push(record.extra && Object.keys(record.extra).length > 0 ? record.extra : {})
    batch += csvRow(values)
    // Hand COPY chunks of ~1 MB: large enough to be cheap, small enough to stream.
    if (batch.length > 1 << 20) {
      yield batch
      batch = ''
    }
  }
  if (batch) yield batch
}

async function stageRecords(
  tx: Queryable,
  layer: LayerSpec,
  records: Iterable<LayerRecord> | AsyncIterable<LayerRecord>,
): Promise<number> {
  const attributeColumns = layer.attributes.map((a) => `"${a.name}" ${SQL_TYPES[a.type]}`)
  await tx.query(
    `CREATE TEMP TABLE ${STAGING} (record_no integer NOT NULL, geom geometry, ${attributeColumns.join(', ')},
       extra jsonb NOT NULL, source_type text) ON COMMIT DROP`,
  )
  const counter = { read: 0 }
  const columns = ['record_no', 'geom', ...layer.attributes.map((a) => `"${a.name}"`), 'extra']
  await tx.copyCsv(STAGING, columns, stagingCsv(layer, records, counter))
  return counter.read
}

async function repairAndNormalise(tx: Queryable, layer: LayerSpec) {
  const repaired = await tx.query<{ record_no: number }>(
    `UPDATE ${STAGING} SET geom = ST_MakeValid(geom) WHERE NOT ST_IsValid(geom) RETURNING record_no`,
  )
  await tx.query(
    `UPDATE ${STAGING} SET source_type = GeometryType(geom), geom = ${NORMALISE[layer.geometry]}`,
  )
  const rejected = await tx.query<{ record_no: number; source_type: string }>(
    `SELECT record_no, source_type FROM ${STAGING}
      WHERE geom IS NULL OR ST_IsEmpty(geom) OR GeometryType(geom) <> $1 ORDER BY record_no`,
    [layer.geometry.toUpperCase()],
  )
  return {
    repaired: repaired.rows.map((r) => r.record_no).sort((a, b) => a - b),
    rejected: rejected.rows.map((r) => ({
      recordNo: r.record_no,
      reason: `${r.source_type ?? 'no geometry'} is not ${layer.geometry}`,
    })),
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

async function logFailure(db: Database, layer: LayerSpec, options: LoadOptions, error: unknown) {
  try {
    await db.query(
      `INSERT INTO import_log (${LOG_COLUMNS}, finished_at, message, skipped_count, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), $10, $11, $12)`,
      [
        ...logValues(layer, options, 'failed'),
        (error as Error).message,
        options.skipped ?? 0,
        options.report ?? {},
      ],
    )
  } catch {
    // The database itself may be what failed; the caller still gets the original error.
  }
}

export async function loadLayer(
  db: Database,
  layerId: LayerId,
  records: Iterable<LayerRecord> | AsyncIterable<LayerRecord>,
  options: LoadOptions,
): Promise<LoadResult> {
  const layer = getLayer(layerId)
  let result: LoadResult
  try {
    result = await db.transaction(async (tx) => {
      const read = await stageRecords(tx, layer, records)
      const { repaired, rejected } = await repairAndNormalise(tx, layer)
      if (rejected.length > 0 && options.onReject !== 'skip') throw new ImportRejected(layer, rejected)

      // DELETE rather than TRUNCATE: readers keep seeing the old rows until commit instead of
      // queueing behind an exclusive lock.
      if (options.mode === 'replace') await tx.query(`DELETE FROM ${layer.table}`)
      const log = await tx.query<{ id: number }>(
        `INSERT INTO import_log (${LOG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        logValues(layer, options, 'ok'),
      )
      const importId = log.rows[0].id
      const columns = layer.attributes.map((a) => `"${a.name}"`).join(', ')
      const inserted = await tx.query(
        `INSERT INTO ${layer.table} (${columns}, extra, import_id, geom)
         SELECT ${columns}, extra, $1, geom FROM ${STAGING}
          WHERE NOT (geom IS NULL OR ST_IsEmpty(geom) OR GeometryType(geom) <> $2)
          ORDER BY record_no`,
        [importId, layer.geometry.toUpperCase()],
      )
      const loadResult: LoadResult = {
        importId,
        layer: layer.id,
        mode: options.mode,
        read,
        inserted: inserted.rowCount,
        repaired,
        skipped: options.skipped ?? 0,
        rejected,
      }
      await tx.query(
        `UPDATE import_log SET finished_at = now(), read_count = $2, inserted_count = $3, repaired_count = $4,
                skipped_count = $5, rejected_count = $6, report = $7 WHERE id = $1`,
        [
          importId,
          read,
          loadResult.inserted,
          repaired.length,
          loadResult.skipped,
          rejected.length,
          {
            ...options.report,
            repaired: repaired.slice(0, MAX_LISTED),
            rejected: rejected.slice(0, MAX_LISTED),
          },
        ],
      )
      return loadResult
    })
  } catch (error) {
    await logFailure(db, layer, options, error)
    throw error
  }
  layerChanged(layer.id)
  return result
}
