// What the loader accepts: records already decoded, reprojected to EPSG:4490 and mapped onto the
// layer's attribute names. Reading files is the import pipeline's job; storing them is this one's.
import type { Geometry } from 'geojson'
import type { FlatGeometry } from './flat-geometry.ts'

export type AttributeValue = string | number | boolean | null

export interface LayerRecord {
  /** 1-based position in the source, so every report can point at the record. */
  recordNo: number
  /**
   * lon/lat in EPSG:4490; single or multi, the loader normalises to the layer's kind. GeoJSON,
   * or the flat form the import pipeline reads shapes into (see flat-geometry.ts).
   */
  geometry: Geometry | FlatGeometry
  attributes: Record<string, AttributeValue>
  /** Source fields that map onto no attribute: kept, never dropped. */
  extra?: Record<string, unknown>
}

export type LoadMode = 'append' | 'replace'

export interface SourceDescription {
  fileName?: string
  sha256?: string
  /** The CRS the source was read in, e.g. 'EPSG:4543' */
  crs?: string
  encoding?: string
  /** Why that encoding: '--encoding', '.cpg', 'DBF language driver 0x4D', 'valid UTF-8', … */
  encodingReason?: string
}

export interface LoadOptions {
  mode: LoadMode
  /** Who loads: a token label, 'cli:<user>' or 'demo'. */
  actor: string
  source?: SourceDescription
  /** Counted by the reader (null shapes), reported in the log. */
  skipped?: number
  /** Everything else the reader wants recorded in the log's report column. */
  report?: Record<string, unknown>
  /**
   * Records whose geometry cannot become the layer's type: 'fail' refuses the whole import
   * (the default: nothing half-done), 'skip' loads the rest and lists them.
   */
  onReject?: 'fail' | 'skip'
  /**
   * Records the caller refused before loading (unreadable shapes, missing required values). The
   * array may still be filling while the records stream in; it is read once they are all staged.
   */
  rejected?: RejectedRecord[]
  /** Do everything, then roll back: the layer and the import log stay as they were. */
  dryRun?: boolean
}

export interface RejectedRecord {
  recordNo: number
  reason: string
}

export interface LoadResult {
  /** The import_log row; null for a dry run, which leaves no row. */
  importId: number | null
  layer: string
  mode: LoadMode
  /** Every record of the source: inserted + skipped + rejected. */
  read: number
  inserted: number
  /** Record numbers whose geometry ST_MakeValid repaired. */
  repaired: number[]
  skipped: number
  rejected: RejectedRecord[]
}
