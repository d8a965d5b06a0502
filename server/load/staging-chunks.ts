// Turns records into staging CSV, a batch at a time: each record's shape is encoded as hex
// EWKB (the text form PostGIS reads), flagged when its validity is proven (validity-proof.ts),
// and its attributes and extra written as CSV fields in the staging table's column order.
import type { LayerSpec } from '../layers/registry.ts'
import { csvField } from './csv.ts'
import { flatFromGeoJSON, flatToEwkbHex, GeometryEncodingError, isFlat } from './flat-geometry.ts'
import type { LayerRecord, RejectedRecord } from './layer-record.ts'
import { provenValid } from './validity-proof.ts'

export const STORAGE_SRID = 4490
/** CSV handed to the engine per write: large enough to be cheap, small enough to stream. */
const CHUNK_CHARS = 1 << 20

export interface StagingChunk {
  text: string
  rows: number
  /** Rows whose validity was not proven: ST_IsValid must look at them. */
  unproven: number
  /** The last chunk of a batch: about `batchChars` of CSV go into one COPY. */
  endsBatch: boolean
}

export type RecordSource =
  | Iterable<LayerRecord>
  | AsyncIterable<LayerRecord>
  /** Readers may hand records over in arrays, sparing a promise per record. */
  | AsyncIterable<LayerRecord[]>

function stagingLine(layer: LayerSpec, record: LayerRecord, geometryHex: string, valid: boolean): string {
  let line = `${record.recordNo},${geometryHex},${valid ? 't' : ''}`
  const attributes = record.attributes
  for (const attribute of layer.attributes) line += `,${csvField(attributes[attribute.name] ?? null)}`
  const extra = record.extra
  let hasExtra = false
  for (const _ in extra) {
    hasExtra = true
    break
  }
  return `${line},${hasExtra ? csvField(extra) : '{}'}\n`
}

/**
 * CSV chunks of about a megabyte, grouped into batches of about `batchChars`. Records whose
 * shape cannot be encoded at all (a ring of strings, a NaN) are not staged but listed in
 * `unreadable`.
 */
export async function* stagingChunks(
  layer: LayerSpec,
  records: RecordSource,
  unreadable: RejectedRecord[],
  batchChars: number,
): AsyncGenerator<StagingChunk> {
  let chunk: StagingChunk = { text: '', rows: 0, unproven: 0, endsBatch: false }
  let size = 0
  for await (const item of records as AsyncIterable<LayerRecord | LayerRecord[]>) {
    const list = Array.isArray(item) ? item : [item]
    for (const record of list) {
      let line: string
      try {
        const flat = isFlat(record.geometry) ? record.geometry : flatFromGeoJSON(record.geometry)
        const valid = provenValid(flat)
        line = stagingLine(layer, record, flatToEwkbHex(flat, STORAGE_SRID), valid)
        if (!valid) chunk.unproven++
      } catch (error) {
        if (!(error instanceof GeometryEncodingError)) throw error
        unreadable.push({ recordNo: record.recordNo, reason: `unreadable geometry: ${error.message}` })
        continue
      }
      chunk.text += line
      chunk.rows++
      if (chunk.text.length >= CHUNK_CHARS) {
        size += chunk.text.length
        chunk.endsBatch = size >= batchChars
        if (chunk.endsBatch) size = 0
        yield chunk
        chunk = { text: '', rows: 0, unproven: 0, endsBatch: false }
      }
    }
  }
  if (chunk.rows > 0) yield { ...chunk, endsBatch: true }
}
