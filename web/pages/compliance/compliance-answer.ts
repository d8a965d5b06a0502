// GET /api/patrols/compliance as the page reads it (contract of issue 13, helper P2): one row per
// chief with the patrols owed and done in the period, and with format=geojson one feature per
// (chief, scope) carrying `pass`.
import { apiUrl } from '../../api-client.ts'

export interface ComplianceChief {
  chief_id: number | string
  name: string
  position: string | null
  level: string
  role: string
  required: number
  done: number
  /** null for village-group specialists, who have no frequency unless one is configured. */
  pass: boolean | null
  uncovered: { scope_kind: string; code: string; name: string }[]
}

export interface ComplianceAnswer {
  from: string
  to: string
  chiefs: ComplianceChief[]
}

export interface ComplianceQuery {
  from: string
  to: string
  county: string
  level?: string
}

/** The compliance URL of `q` in `format` (JSON when undefined): the table, the CSV link and the map's. */
export function complianceUrl(q: ComplianceQuery, format?: 'csv' | 'geojson'): string {
  return apiUrl('/api/patrols/compliance', {
    from: q.from,
    to: q.to,
    county: q.county,
    level: q.level,
    format,
  })
}
