// One fix's time as sent: an ISO 8601 string with a zone, or a number of epoch seconds or
// milliseconds (a phone app's 4th coordinate). Zone-less strings are refused: a track's times
// decide its duration and the patrol date, and a guessed zone would shift both.
import { isCalendarDate } from '../calendar-date.ts'
import { BadRequest } from '../errors.ts'

/** Numbers at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MILLISECONDS_FROM = 1e11
const ZONED_ISO = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i
/** The instants a time may name: years 1 to 9999, what four ISO 8601 digits and timestamptz both hold. */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00Z')
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * Epoch milliseconds of one fix's time.
 * @throws BadRequest 'bad_times' naming `label` when the value is no zoned ISO 8601 instant on a
 *   real calendar day or finite number, or names an instant outside years 1–9999.
 */
export function fixTime(value: unknown, label: string): number {
  let ms = Number.NaN
  if (typeof value === 'number' && Number.isFinite(value))
    ms = value >= MILLISECONDS_FROM ? value : value * 1000
  else if (typeof value === 'string') {
    const match = ZONED_ISO.exec(value.trim())
    // Date.parse reads 30 February as 2 March: the day must exist (years 0000 fall below EARLIEST_MS).
    if (match && isCalendarDate(match[1])) ms = Date.parse(value.trim())
  }
  if (ms >= EARLIEST_MS && ms <= LATEST_MS) return ms
  throw new BadRequest(
    `${label}: a time is an ISO 8601 instant with its zone (2026-05-01T08:30:00+08:00) on a real day of years 1–9999, or epoch seconds or milliseconds, got ${JSON.stringify(value)}`,
    undefined,
    'bad_times',
  )
}
