// A public report's status moves one way only: received → assigned → resolved (migration 015),
// each step by staff and kept in report_history.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../db/database.ts'
import { Conflict, NotFound } from '../errors.ts'
import { REPORT_STATUSES } from '../layers/registry.ts'
import { getReport } from './list-reports.ts'

const MOVE_SQL = readFileSync(join(import.meta.dirname, 'report-status.sql'), 'utf8')

export type ReportStatus = (typeof REPORT_STATUSES)[number]
/** The statuses staff may set: every one but the first, which a report is filed with. */
export const SETTABLE_STATUSES = REPORT_STATUSES.slice(1) as ['assigned', 'resolved']

/**
 * Moves report `id` to `status` (assigned or resolved) from the status just before it, and logs
 * the change with `actor` ('token:<label>') and `note`, in one statement: both or neither, and
 * of two concurrent requests for the same step only one succeeds.
 * Returns the new status and the instant of the change.
 * @throws NotFound (404) for no such report; Conflict (409), naming the current status, for any
 * other move (backwards, a skipped step, or to the status it already has).
 */
export async function moveReport(
  db: Queryable,
  id: number,
  status: ReportStatus,
  actor: string,
  note: string | null,
): Promise<{ id: number; status: ReportStatus; at: string }> {
  const from = REPORT_STATUSES[REPORT_STATUSES.indexOf(status) - 1]
  if (from) {
    const { rows } = await db.query<{ id: string | number; status: ReportStatus; at: Date | string }>(
      MOVE_SQL,
      [id, status, from, actor, note],
    )
    if (rows[0])
      return { id: Number(rows[0].id), status: rows[0].status, at: new Date(rows[0].at).toISOString() }
  }
  const report = await getReport(db, id, false)
  if (!report) throw new NotFound(`no report ${id}`)
  const current = report.properties.status
  throw new Conflict(
    `report ${id} is ${current}: it can move only ${REPORT_STATUSES.join(' → ')}, one step at a time`,
    { current, requested: status },
  )
}
