// One fix's time as sent: an ISO 8601 string with a zone, or a number of epoch seconds or
// milliseconds (a phone app's 4th coordinate). Zone-less strings are refused: a track's times
// decide its duration and the patrol date, and a guessed zone would shift both.
import { BadRequest } from '../errors.ts'

/** Numbers at or above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MILLISECONDS_FROM = 1e11
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i

/**
 * Epoch milliseconds of one fix's time.
 * @throws BadRequest 'bad_times' naming `label` when the value is no zoned ISO 8601 instant or
 *   finite number.
 */
export function fixTime(value: unknown, label: string): number {
  if (typeof value === 'number' && Number.isFinite(value))
    return value >= MILLISECONDS_FROM ? value : value * 1000
  if (typeof value === 'string' && ZONED_ISO.test(value.trim())) {
    const ms = Date.parse(value.trim())
    if (Number.isFinite(ms)) return ms
  }
  throw new BadRequest(
    `${label}: a time is an ISO 8601 instant with its zone (2026-05-01T08:30:00+08:00) or epoch seconds or milliseconds, got ${JSON.stringify(value)}`,
    undefined,
    'bad_times',
  )
}
