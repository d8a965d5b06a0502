// The one place that reads a database driver's error: is the database unreachable (answer 503
// and retry later), or did it refuse a value (SQLSTATE class 22 or 23: the caller's input)?
// Both engines raise PostgreSQL's ErrorResponse fields (code, message, detail, column,
// constraint, where); node-postgres reports a lost socket in words only, without a code.

/** The fields of PostgreSQL's ErrorResponse that pg and PGlite copy onto their errors. */
export interface DatabaseErrorFields {
  code?: unknown
  message?: unknown
  detail?: unknown
  where?: unknown
  column?: unknown
  constraint?: unknown
  table?: unknown
}

// SQLSTATEs of an unreachable database (PostgreSQL manual, Appendix A): class 08 connection
// exception; 57P01 admin_shutdown (pg_terminate_backend, smart shutdown); 57P02 crash_shutdown;
// 57P03 cannot_connect_now (starting up, recovering); 3D000 invalid_catalog_name (the database
// is gone); 53300 too_many_connections.
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123]|3D000|53300)$/

// Socket errors of Node's net and dns modules when the server cannot be reached at all.
const UNREACHABLE_SYSCALL = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
])

// node-postgres's own words for a lost or never-made connection, and both engines' words for a
// database closed while the server shuts down.
const UNREACHABLE_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed)/

/** SQLSTATE of a database error, or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as DatabaseErrorFields | null)?.code
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined
}

/**
 * True when `error` says the database cannot be reached now (refused or lost connection,
 * terminated backend, missing database, a closed store) rather than that a statement failed.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false
  const { code, message } = error as DatabaseErrorFields
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_SYSCALL.has(code))) {
    return true
  }
  if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as one AggregateError.
  const errors = (error as { errors?: unknown }).errors
  return Array.isArray(errors) && errors.length > 0 && errors.every(isDatabaseUnreachable)
}

/** SQLSTATE class 22, data exception: a value the database cannot take (range, syntax, NUL). */
export function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith('22') ?? false
}

/** SQLSTATE class 23, integrity constraint violation: NOT NULL, UNIQUE, CHECK, foreign key. */
export function isIntegrityViolation(error: unknown): boolean {
  return sqlState(error)?.startsWith('23') ?? false
}

// Our words for the data exceptions a request or an import can cause (Appendix A names).
const DATA_EXCEPTION_REASONS: Record<string, string> = {
  '22001': 'the value is too long',
  '22003': 'the number is out of range',
  '22007': 'the date or time is malformed',
  '22008': 'the date or time is out of range',
  '22021': 'the value is not valid text (a NUL or an invalid character)',
  '22P02': 'the value is malformed for its type',
  '22P05': 'the value holds a character that cannot be stored',
  '22023': 'the value is out of the accepted range',
}

/** Why the database refused a value, in our words; never PostgreSQL's message. */
export function dataExceptionReason(error: unknown): string {
  const code = sqlState(error)
  return (code && DATA_EXCEPTION_REASONS[code]) ?? 'the database cannot take the value'
}
