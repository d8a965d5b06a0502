// What an import did, in one object: returned by POST /api/import, printed by the CLI (or as
// JSON with --json), and kept in the import_log row's report column.
import type { FeatureCollection } from 'geojson'
import type { AttributeValue, RejectedRecord } from '../load/layer-record.ts'
import type { ConversionProblem } from './attribute-mapping.ts'

/** Lists are capped so a million bad records do not make a million-line report. */
export const MAX_LISTED = 1000
/** Rows a dry run shows decoded as they will be stored (issue 12 item 6: "the first 20"). */
export const SAMPLE_ROWS = 20
/** The sample GeoJSON stops at whichever comes first: enough to see where the data lands. */
export const SAMPLE_FEATURES = 500

export const SAMPLE_VERTICES = 50_000

/** One record as it will be stored: layer attributes and the source fields kept in extra. */
export interface SampleRow {
  recordNo: number
  attributes: Record<string, AttributeValue>
  extra: Record<string, unknown>
}

export interface ImportReport {
  layer: string
  mode: 'append' | 'replace'
  fileName: string
  /** SHA-256 of the file named (the zip, or the .shp / .geojson). */
  sha256: string
  /** Every file read, with its own hash. */
  files: { name: string; bytes: number; sha256: string }[]
  format: 'shapefile' | 'geojson'
  /** datumShift: the source's own shift, when it states one (a .prj's TOWGS84), which was used. */
  crs: { used: string; name: string; reason: string; datumShift?: { towgs84: number[]; source: string } }
  encoding: { used: string; reason: string }
  counts: { read: number; inserted: number; repaired: number; skipped: number; rejected: number }
  /** Record numbers whose geometry ST_MakeValid repaired. */
  repaired: number[]
  rejected: RejectedRecord[]
  /** Record numbers skipped: null and empty geometries, deleted .dbf rows. */
  skipped: { recordNo: number; reason: string }[]
  /**
   * Parts of inserted records left out of their geometry, each with its record number: rings of
   * fewer than 3 points, lines of one point, collection members the layer cannot hold.
   */
  dropped: { recordNo: number; part: string }[]
  droppedCount: number
  conversionProblems: ConversionProblem[]
  conversionProblemCount: number
  /** Source fields kept in each row's extra JSON. */
  unmappedFields: string[]
  /** Source field → layer attribute. */
  mapping: Record<string, string>
  warnings: string[]
  importId: number | null
  dryRun: boolean
  /**
   * Dry runs only: the first SAMPLE_ROWS records decoded and mapped as they will be stored, and
   * the first features (up to SAMPLE_FEATURES / SAMPLE_VERTICES) in EPSG:4490 lon/lat.
   */
  sample?: { rows: SampleRow[]; features: FeatureCollection }
  durationMs: number
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function listed(numbers: number[]): string {
  const shown = numbers.slice(0, 30).map((n) => `#${n}`)
  return shown.join(', ') + (numbers.length > 30 ? `, … (${numbers.length} in all)` : '')
}

/** The report as a person reads it at a terminal. */
export function formatReport(r: ImportReport): string {
  const lines: string[] = []
  const verb = r.dryRun ? 'would import' : 'imported'
  lines.push(
    `${r.dryRun ? 'DRY RUN: nothing was changed. ' : ''}${verb} ${r.fileName} into ${r.layer} (${r.mode})` +
      (r.importId !== null ? `, import #${r.importId}` : '') +
      ` in ${(r.durationMs / 1000).toFixed(1)} s`,
  )
  lines.push(`  sha256    ${r.sha256}`)
  lines.push(
    `  crs       ${r.crs.used} ${r.crs.name !== r.crs.used ? `(${r.crs.name}) ` : ''}— ${r.crs.reason}`,
  )
  lines.push(`  encoding  ${r.encoding.used} — ${r.encoding.reason}`)
  const c = r.counts
  lines.push(
    `  records   ${c.read} read, ${c.inserted} ${r.dryRun ? 'to insert' : 'inserted'}, ${c.repaired} repaired, ${c.skipped} skipped, ${c.rejected} rejected`,
  )
  if (Object.keys(r.mapping).length > 0)
    lines.push(
      `  mapping   ${Object.entries(r.mapping)
        .map(([field, attribute]) => `${field} → ${attribute}`)
        .join(', ')}`,
    )
  if (r.unmappedFields.length > 0) lines.push(`  kept in extra: ${r.unmappedFields.join(', ')}`)
  if (r.repaired.length > 0) lines.push(`  repaired (ST_MakeValid): ${listed(r.repaired)}`)
  if (r.skipped.length > 0)
    lines.push(
      `  skipped: ${r.skipped
        .slice(0, 10)
        .map((s) => `#${s.recordNo} ${s.reason}`)
        .join('; ')}${r.skipped.length > 10 ? '; …' : ''}`,
    )
  if (r.droppedCount > 0) {
    lines.push(`  ${plural(r.droppedCount, 'part')} dropped from the records' geometry:`)
    for (const d of r.dropped.slice(0, 20)) lines.push(`    #${d.recordNo} ${d.part}`)
    if (r.droppedCount > 20) lines.push(`    …`)
  }
  for (const x of r.rejected.slice(0, 20)) lines.push(`  rejected #${x.recordNo}: ${x.reason}`)
  if (r.rejected.length > 20) lines.push(`  … ${plural(r.rejected.length - 20, 'more rejected record')}`)
  if (r.conversionProblemCount > 0) {
    lines.push(`  ${plural(r.conversionProblemCount, 'value')} could not be converted (kept in extra):`)
    for (const p of r.conversionProblems.slice(0, 20))
      lines.push(`    #${p.recordNo} ${p.field} → ${p.attribute}: ${p.problem}`)
    if (r.conversionProblemCount > 20) lines.push(`    …`)
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`)
  if (r.sample && r.sample.rows.length > 0) {
    lines.push(`  first ${plural(r.sample.rows.length, 'row')} as they will be stored:`)
    for (const row of r.sample.rows) {
      const values = Object.entries({ ...row.attributes, ...row.extra }).filter(
        ([, v]) => v !== null && v !== '',
      )
      lines.push(
        `    #${row.recordNo} ${values.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`,
      )
    }
  }
  return lines.join('\n')
}
