// PostgreSQL refusing the data (a CHECK, a UNIQUE code, a value COPY cannot parse) is the
// user's file being wrong, not the server failing: it becomes a 400 with the database's own words.
import { BadRequest } from '../errors.ts'

interface PgError {
  code?: unknown
  message?: unknown
  detail?: unknown
  where?: unknown
  constraint?: unknown
}

/** SQLSTATE class 22 (data exception) and 23 (integrity constraint violation). */
export function isDataError(error: unknown): boolean {
  const code = (error as PgError | null)?.code
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'))
}

export function dataErrorToBadRequest(error: unknown, layerId: string): BadRequest {
  const e = error as PgError
  const parts = [`layer ${layerId} refused the data: ${String(e.message)}`]
  if (typeof e.detail === 'string' && e.detail) parts.push(e.detail)
  // COPY says which staging line failed; staging lines are records in source order.
  const line = typeof e.where === 'string' ? /line (\d+)/.exec(e.where) : null
  if (line) parts.push(`at the ${ordinal(Number(line[1]))} record loaded`)
  return new BadRequest(parts.join('; '), undefined, 'data_rejected')
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}
