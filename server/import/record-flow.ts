// The middle of the pipeline: source records in, layer records out. Null shapes are skipped,
// unusable ones rejected, coordinates reprojected, attributes mapped; everything that happens
// to a record is counted here with its record number.
import type { LayerRecord, RejectedRecord } from '../load/layer-record.ts'
import type { AttributeMapper, ConversionProblem } from './attribute-mapping.ts'
import { type ImportLimits, tooManyFeatures } from './import-limits.ts'
import { MAX_LISTED } from './import-report.ts'
import type { Reprojector } from './reproject.ts'
import type { SourceRecord } from './source-record.ts'

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
    if (record.note) this.note(`record #${recordNo}: ${record.note}`)
    if (record.problem) {
      this.rejected.push({ recordNo, reason: record.problem })
      return reproject
    }
    if (!record.geometry) {
      this.skippedCount++
      if (this.skipped.length < MAX_LISTED)
        this.skipped.push({ recordNo, reason: record.skipReason ?? 'null shape' })
      return reproject
    }
    reproject ??= this.reproject() // resolved at the first shape: a GeoJSON crs member precedes it
    const misplaced = reproject(record.geometry)
    if (misplaced) {
      this.rejected.push({ recordNo, reason: misplaced })
      return reproject
    }
    for (const text of record.decodingProblems ?? [])
      this.problem({ recordNo, field: text.split(':')[0], attribute: '', value: null, problem: text })
    const mapped = this.mapper.map(recordNo, record.fields, record.values)
    for (const p of mapped.problems) this.problem(p)
    if (mapped.missing) {
      this.rejected.push({ recordNo, reason: mapped.missing })
      return reproject
    }
    out.push({ recordNo, geometry: record.geometry, attributes: mapped.attributes, extra: mapped.extra })
    return reproject
  }
}
