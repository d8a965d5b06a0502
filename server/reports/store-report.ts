// Stores a routed public report (seed §6(五)) with the first entry of its history.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../db/database.ts'
import type { ChiefOnDuty } from '../query/common-schemas.ts'
import type { ReportCategory } from './categories.ts'
import type { Routing } from './route-report.ts'

const STORE_SQL = readFileSync(join(import.meta.dirname, 'store-report.sql'), 'utf8')

export interface NewReport {
  /** [lon, lat] in EPSG:4490 degrees. */
  point: [number, number]
  category: ReportCategory
  /** Stored exactly as given; whoever renders it as HTML escapes it (README, Public reports). */
  text: string
  /** The instant it was made (its Kunming date is the Routing's). */
  at: Date
  /** Who filed it, for the history: 'public' for POST /api/reports. */
  actor: string
}

export interface StoredReport {
  id: number
  status: 'received'
  reported_at: string
  routed: {
    chief: Pick<ChiefOnDuty, 'id' | 'name' | 'position' | 'level' | 'role' | 'scope'> | null
    office: { code: string; name: string }
    oversight: { name: string }
  }
}

/**
 * Inserts `report` as routed by `routing` (status 'received') and its first history entry
 * (received, at the report's instant, by `report.actor`), in one statement: both or neither.
 * Returns the stored report as POST /api/reports answers it. Throws whatever the database throws.
 */
export async function storeReport(db: Queryable, report: NewReport, routing: Routing): Promise<StoredReport> {
  const { chief, governance } = routing
  const { rows } = await db.query<{
    id: string | number
    reported_at: Date | string
    office: string
    office_code: string
    oversight: string
  }>(STORE_SQL, [
    report.text,
    report.category,
    report.at.toISOString(),
    chief?.id ?? null,
    chief?.level ?? null,
    chief?.scope.kind ?? null,
    chief?.scope.code ?? null,
    report.actor,
    governance.governance,
    report.point[0],
    report.point[1],
  ])
  const row = rows[0]
  if (!row) throw new Error(`basin_rules has no row for the regime '${governance.governance}'`)
  return {
    id: Number(row.id),
    status: 'received',
    reported_at: new Date(row.reported_at).toISOString(),
    routed: {
      chief: chief && {
        id: chief.id,
        name: chief.name,
        position: chief.position,
        level: chief.level,
        role: chief.role,
        scope: chief.scope,
      },
      office: { code: row.office_code, name: row.office },
      oversight: { name: row.oversight },
    },
  }
}
