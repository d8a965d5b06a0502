// What every reader yields: one record of the source, before reprojection and mapping.
import type { FlatGeometry } from '../load/flat-geometry.ts'

export interface SourceRecord {
  /** 1-based position in the source. */
  recordNo: number
  /** null: a null shape (skipped), or an unusable one when `problem` says why (rejected). */
  geometry: FlatGeometry | null
  problem?: string
  /** Why a null geometry is skipped rather than a plain null shape (e.g. a deleted .dbf row). */
  skipReason?: string
  /** Parts left out of the geometry (a ring of two points, a line of one), for the report. */
  dropped?: string[]
  fields: readonly string[]
  values: readonly unknown[]
  /** Text the encoding could not decode. */
  decodingProblems?: string[]
}
