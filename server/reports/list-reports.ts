// Reading public reports back: a filtered list as GeoJSON, and one report with its history.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { Queryable } from '../db/database.ts'
import type { Envelope } from '../ogc/bbox.ts'
import type { ReportStatus } from './report-status.ts'

const sql = (name: string) => readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8')
const LIST_SQL = sql('list-reports')
const HISTORY_SQL = sql('report-history')

export interface ReportFilter {
  /** Storage lon/lat boxes the point must lie in (any of them); absent: anywhere. */
  envelopes?: Envelope[]
  status?: ReportStatus
  /** Instants: reported_at >= from and < to. */
  from?: Date
  to?: Date
  limit: number
}

export interface HistoryEntry {
  status: ReportStatus
  /** ISO 8601, UTC. */
  at: string
  actor: string
  note: string | null
}

async function features(
  db: Queryable,
  filter: ReportFilter,
  staff: boolean,
  id: number | null,
): Promise<Feature<Point>[]> {
  const boxes = filter.envelopes
  const column = (i: number) => (boxes ? boxes.map((b) => b[i]) : null)
  const { rows } = await db.query<{ feature: Feature<Point> }>(LIST_SQL, [
    column(0),
    column(1),
    column(2),
    column(3),
    filter.status ?? null,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    staff,
    filter.limit,
    id,
  ])
  return rows.map((r) => r.feature)
}

/**
 * The reports matching `filter`, newest first, at most `filter.limit`, as a GeoJSON
 * FeatureCollection (EPSG:4490 lon/lat). Each feature's properties: id, category, status,
 * reported_at (ISO 8601 UTC), chief {id, name, position, level, scope} as routed, office
 * {code, name}, oversight {name}, and `text`: the report's words for `staff`, else null (the
 * complainant's words are personal: registry personalFields). Throws what the database throws.
 */
export async function listReports(
  db: Queryable,
  filter: ReportFilter,
  staff: boolean,
): Promise<FeatureCollection<Point>> {
  return { type: 'FeatureCollection', features: await features(db, filter, staff, null) }
}

/**
 * Report `id` as a feature of listReports whose properties also hold `history`: every status it
 * has taken, oldest first. Null when there is no such report.
 */
export async function getReport(
  db: Queryable,
  id: number,
  staff: boolean,
): Promise<(Feature<Point> & { properties: { history: HistoryEntry[] } }) | null> {
  const [feature] = await features(db, { limit: 1 }, staff, id)
  if (!feature) return null
  const { rows } = await db.query<HistoryEntry>(HISTORY_SQL, [id])
  return { ...feature, properties: { ...feature.properties, history: rows } }
}
