// CQL2 temporal literals (OGC 21-065r2 §6.4.4: DATE('yyyy-mm-dd'), TIMESTAMP('…Z'), INTERVAL with
// '..' for an open end) checked here, so that PostgreSQL never sees a value it would refuse and a
// wrong date is a 400 that names it, not a database error.
import { BadRequest } from '../../errors.ts'
import { KUNMING_OFFSET } from '../datetime.ts'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// RFC 3339 §5.6 date-time; 21-065r2 asks for UTC ('Z'), an explicit offset is read too.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/

const bad = (what: string, value: string, form: string) =>
  new BadRequest(`filter: ${what} '${value}' is not a valid ${form}`, undefined, 'invalid_filter')

/** A day of the proleptic Gregorian calendar, year 1–9999, that exists (no 30 February). */
function validDay(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const day = new Date(Date.UTC(2000, mo - 1, d))
  day.setUTCFullYear(y)
  return y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d
}

/**
 * A CQL2 date ('2017-06-10') checked, returned as the instants its day spans: `[start, end)` as
 * RFC 3339 strings, end exclusive (the next midnight). The day is Kunming's (UTC+8), as the
 * `datetime` parameter reads a bare date (server/ogc/datetime.ts): a report "on 2018-03-01"
 * means that day where the river chiefs work, so a filter and `datetime` agree on it.
 * @throws BadRequest 'invalid_filter' for anything but an existing yyyy-mm-dd day.
 */
export function dateSpan(text: string): { start: string; end: string } {
  if (!validDay(text)) throw bad('date', text, 'date (yyyy-mm-dd)')
  const start = new Date(`${text}T00:00:00${KUNMING_OFFSET}`)
  return {
    start: `${text}T00:00:00${KUNMING_OFFSET}`,
    end: new Date(start.getTime() + 86_400_000).toISOString(),
  }
}

/**
 * A CQL2 timestamp ('2017-06-10T07:30:00Z') checked and returned as given (PostgreSQL reads RFC 3339).
 * @throws BadRequest 'invalid_filter' for anything but an RFC 3339 date-time with a zone, on a day
 *   that exists, with hours ≤ 23, minutes and seconds ≤ 59.
 */
export function checkedTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text)
  const ok = m && validDay(m[1]) && Number(m[2]) <= 23 && Number(m[3]) <= 59 && Number(m[4]) <= 59
  if (!ok) throw bad('timestamp', text, 'timestamp (RFC 3339, e.g. 2017-06-10T07:30:00Z)')
  if (m[6] !== 'Z' && m[6] !== 'z') {
    const [h, min] = m[6].slice(1).split(':').map(Number)
    if (h > 23 || min > 59) throw bad('timestamp', text, 'timestamp (RFC 3339, e.g. 2017-06-10T07:30:00Z)')
  }
  return text
}

/** Whether a bare instant string inside INTERVAL(…) is a date (else it is read as a timestamp). */
export const isDateText = (text: string) => DATE.test(text)
