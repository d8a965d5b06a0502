// PostgreSQL refusing the data (a CHECK, a UNIQUE code, a value COPY cannot parse) is the user's
// file being wrong, not the server failing: it becomes a 400 that names the layer, the attribute
// and the record where they are known, in our words. PostgreSQL's own message is logged, never
// passed on (it names staging tables and internal types the user never sees).
import {
  type DatabaseErrorFields,
  dataExceptionReason,
  isDataException,
  isIntegrityViolation,
} from '../db/db-errors.ts'
import { BadRequest } from '../errors.ts'

/** SQLSTATE class 22 (data exception) and 23 (integrity constraint violation). */
export function isDataError(error: unknown): boolean {
  return isDataException(error) || isIntegrityViolation(error)
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

/**
 * The attribute a refusal is about: the error's column field (NOT NULL), the key of a UNIQUE
 * violation's detail ("Key (code)=(R1) already exists."), the column COPY names in its context
 * ("COPY import_staging, line 3, column code: …"), or a CHECK constraint named
 * <table>_<column>_check by PostgreSQL's default naming.
 */
function refusedAttribute(e: DatabaseErrorFields, layerId: string): string | undefined {
  const column = str(e.column)
  if (column) return column
  const key = /^Key \(([^)]+)\)=/.exec(str(e.detail) ?? '')
  if (key) return key[1]
  const copy = /\bcolumn (\w+)/.exec(str(e.where) ?? '')
  if (copy) return copy[1]
  const check = new RegExp(`^${layerId}_(\\w+)_check$`).exec(str(e.constraint) ?? '')
  return check?.[1]
}

/** Why the layer refused the data, by SQLSTATE (PostgreSQL manual, Appendix A), in our words. */
function refusalReason(e: DatabaseErrorFields, attribute: string | undefined): string {
  const what = attribute ? `attribute ${attribute}` : 'a value'
  switch (e.code) {
    case '23505': {
      // The duplicated value is the user's own data: name it so they can find it in their file.
      const value = /^Key \([^)]+\)=\((.*)\) already exists/.exec(str(e.detail) ?? '')?.[1]
      return `${what} must be unique in the layer${value === undefined ? '' : `, and ${value} occurs more than once (in the file or already in the layer)`}`
    }
    case '23502':
      return `${what} is required and is missing`
    case '23514':
      return `${what} is outside the values the layer allows${str(e.constraint) ? ` (rule ${e.constraint})` : ''}`
    case '23503':
      return `${what} refers to something that does not exist`
    default:
      return `${what} was refused: ${dataExceptionReason(e)}`
  }
}

/**
 * The 400 for a refusal by PostgreSQL while loading `layerId` (class 22 or 23; see isDataError):
 * "layer L refused the data: attribute A …, at the Nth record loaded". Logs PostgreSQL's own
 * message, detail and context to the server log.
 */
export function dataErrorToBadRequest(error: unknown, layerId: string): BadRequest {
  const e = (error ?? {}) as DatabaseErrorFields
  console.error(`layer ${layerId}: PostgreSQL refused the data:`, {
    code: e.code,
    message: e.message,
    detail: e.detail,
    where: e.where,
    constraint: e.constraint,
  })
  const attribute = refusedAttribute(e, layerId)
  const parts = [`layer ${layerId} refused the data: ${refusalReason(e, attribute)}`]
  // COPY says which staging line failed; staging lines are records in source order.
  const line = /\bline (\d+)/.exec(str(e.where) ?? '')
  if (line) parts.push(`at the ${ordinal(Number(line[1]))} record loaded`)
  return new BadRequest(parts.join(', '), undefined, 'data_rejected')
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}
