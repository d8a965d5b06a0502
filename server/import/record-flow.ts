// The middle of the pipeline: source records in, layer records out. Null and empty shapes are
// skipped, unusable ones rejected, parts the layer cannot hold dropped and listed, coordinates
// reprojected, values made storable, attributes mapped; everything that happens to a record is
// counted here with its record number, so read = inserted + skipped + rejected.

import type { Feature } from 'geojson'
import { type FlatGeometry, vertexCount } from '../load/flat-geometry.ts'
import type { LayerRecord, RejectedRecord } from '../load/layer-record.ts'
import type { AttributeMapper, ConversionProblem } from './attribute-mapping.ts'
import { geojsonFromFlat } from './geojson-from-flat.ts'
import { fitGeometry } from './geometry-fit.ts'
import { type ImportLimits, tooManyFeatures } from './import-limits.ts'
import { MAX_LISTED, SAMPLE_FEATURES, SAMPLE_ROWS, SAMPLE_VERTICES, type SampleRow } from './import-report.ts'
import type { Reprojector } from './reproject.ts'
import type { SourceRecord } from './source-record.ts'
import { storableValue } from './value-conversion.ts'

const MAX_NOTES = 50

export class RecordFlow {
  read = 0
  readonly skipped: { recordNo: number; reason: string }[] = []
  skippedCount = 0
  /** Filled while streaming; loadLayer reads it once every record is staged. */
  readonly rejected: RejectedRecord[] = []
  readonly conversionProblems: ConversionProblem[] = []
  conversionProblemCount = 0
  readonly notes: string[] = []
  /** Parts of records that were loaded without them: rings, line parts, collection members. */
  readonly dropped: { recordNo: number; part: string }[] = []
  droppedCount = 0
  /** The first records as they will be stored (decoded, mapped): the dry run shows them. */
  readonly sampleRows: SampleRow[] = []
  /** The first features in EPSG:4490 lon/lat, so a wrong CRS shows as data in the wrong place. */
  readonly sampleFeatures: Feature[] = []
  private sampleVertices = 0

  constructor(
    private readonly mapper: AttributeMapper,
    private readonly reproject: () => Reprojector,
    private readonly limits: ImportLimits,
    private readonly hooks: {
      /** Called every thousand records. */
      progress?: () => void
      /** Awaited after the last record, before the consumer learns the source has ended. */
      beforeEnd?: () => Promise<void>
    } = {},
  ) {}

  private note(text: string) {
    if (this.notes.length < MAX_NOTES) this.notes.push(text)
    else if (this.notes.length === MAX_NOTES) this.notes.push('… (more notes not listed)')
  }

  private skip(recordNo: number, reason: string) {
    this.skippedCount++
    if (this.skipped.length < MAX_LISTED) this.skipped.push({ recordNo, reason })
  }

  private drop(recordNo: number, part: string) {
    this.droppedCount++
    if (this.dropped.length < MAX_LISTED) this.dropped.push({ recordNo, part })
  }

  private problem(p: ConversionProblem) {
    this.conversionProblemCount++
    if (this.conversionProblems.length < MAX_LISTED) this.conversionProblems.push(p)
  }

  /** Batches in, batches out: the records that can be loaded, in source order. */
  async *layerRecords(source: AsyncIterable<SourceRecord[]>): AsyncGenerator<LayerRecord[]> {
    let reproject: Reprojector | null = null
    for await (const batch of source) {
      this.hooks.progress?.()
      const out: LayerRecord[] = []
      for (const record of batch) {
        reproject = this.take(record, reproject, out)
      }
      if (out.length > 0) yield out
    }
    if (reproject?.clamped)
      this.note(`${reproject.clamped} vertices a hair beyond ±180°/±90° were moved onto the limit`)
    await this.hooks.beforeEnd?.()
  }

  /** Counts, checks and maps one record, adding it to `out` if it can be loaded. */
  private take(record: SourceRecord, current: Reprojector | null, out: LayerRecord[]): Reprojector | null {
    let reproject = current
    this.read++
    if (this.read > this.limits.maxFeatures) throw tooManyFeatures(this.limits)
    const { recordNo } = record
    for (const part of record.dropped ?? []) this.drop(recordNo, part)
    if (record.problem) {
      this.rejected.push({ recordNo, reason: record.problem })
      return reproject
    }
    if (!record.geometry) {
      this.skip(recordNo, record.skipReason ?? 'null shape')
      return reproject
    }
    const fit = fitGeometry(record.geometry, this.mapper.layer.geometry)
    if ('empty' in fit) {
      this.skip(recordNo, fit.empty)
      return reproject
    }
    for (const part of fit.dropped) this.drop(recordNo, part)
    if ('problem' in fit) {
      this.rejected.push({ recordNo, reason: fit.problem })
      return reproject
    }
    reproject ??= this.reproject() // resolved at the first shape: a GeoJSON crs member precedes it
    const misplaced = reproject(fit.geometry)
    if (misplaced) {
      this.rejected.push({ recordNo, reason: misplaced })
      return reproject
    }
    for (const text of record.decodingProblems ?? [])
      this.problem({ recordNo, field: text.split(':')[0], attribute: '', value: null, problem: text })
    const fields = this.storable(recordNo, 'field names', record.fields) as readonly string[]
    const values = record.values.map((v, i) => this.storable(recordNo, fields[i], v))
    const mapped = this.mapper.map(recordNo, fields, values)
    for (const p of mapped.problems) this.problem(p)
    if (mapped.missing) {
      this.rejected.push({ recordNo, reason: mapped.missing })
      return reproject
    }
    out.push({ recordNo, geometry: fit.geometry, attributes: mapped.attributes, extra: mapped.extra })
    this.keepSample(out[out.length - 1])
    return reproject
  }

  private keepSample(record: LayerRecord) {
    const { recordNo, attributes, extra = {} } = record
    if (this.sampleRows.length < SAMPLE_ROWS) this.sampleRows.push({ recordNo, attributes, extra })
    if (this.sampleFeatures.length >= SAMPLE_FEATURES || this.sampleVertices >= SAMPLE_VERTICES) return
    const geometry = record.geometry as FlatGeometry // the pipeline's records are flat
    this.sampleVertices += vertexCount(geometry)
    this.sampleFeatures.push({
      type: 'Feature',
      geometry: geojsonFromFlat(geometry),
      properties: { recordNo, ...attributes },
    })
  }

  /** A value PostgreSQL can store; what had to change is reported under its field. */
  private storable(recordNo: number, field: string, value: unknown): unknown {
    const { value: clean, changes } = storableValue(value)
    for (const problem of changes) this.problem({ recordNo, field, attribute: '', value: null, problem })
    return clean
  }
}
