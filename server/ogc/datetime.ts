// The `datetime` parameter of /items (OGC API – Features Part 1 §7.15.4): an instant or an
// interval, either end open with `..` or left empty, in RFC 3339.
import { BadRequest } from '../errors.ts'

/** A closed or half-open interval of instants, ISO strings with an offset; undefined is open. */
export interface DatetimeInterval {
  start?: string
  end?: string
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

// A bare date is a whole day on Kunming's clock (UTC+8, no daylight saving): a report "on
// 2018-03-01" means that day where the river chiefs work, not in Greenwich.
export const KUNMING_OFFSET = '+08:00'

function instant(text: string, end: boolean): string {
  if (DATE.test(text)) {
    const [y, m, d] = text.split('-').map(Number)
    // Date.UTC rolls 2018-02-30 over to March: a day that does not come back is not a date.
    if (new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) !== text)
      throw new BadRequest(`datetime: '${text}' is not a date`)
    const start = new Date(`${text}T00:00:00${KUNMING_OFFSET}`)
    // The end of a day is the last millisecond before the next one.
    return end ? new Date(start.getTime() + 86_400_000 - 1).toISOString() : start.toISOString()
  }
  if (!DATE_TIME.test(text) || Number.isNaN(Date.parse(text)))
    throw new BadRequest(
      `datetime: '${text}' is not an RFC 3339 date-time (2018-03-01T08:00:00Z) or date (2018-03-01)`,
    )
  return new Date(text).toISOString()
}

/**
 * Parses `datetime`: `2018-03-01T08:00:00Z` (an instant), `2018-03-01` (that day in Kunming),
 * `a/b`, `../b`, `a/..`, `/b`, `a/`.
 * @throws BadRequest for any other form, `../..`, or an interval whose start is after its end.
 */
export function parseDatetime(value: string): DatetimeInterval {
  const parts = value.split('/')
  if (parts.length === 1) return { start: instant(parts[0], false), end: instant(parts[0], true) }
  if (parts.length !== 2) throw new BadRequest(`datetime: '${value}' has more than one '/'`)
  const open = (p: string) => p === '' || p === '..'
  if (open(parts[0]) && open(parts[1])) throw new BadRequest('datetime: both ends of the interval are open')
  const interval: DatetimeInterval = {
    start: open(parts[0]) ? undefined : instant(parts[0], false),
    end: open(parts[1]) ? undefined : instant(parts[1], true),
  }
  if (interval.start && interval.end && interval.start > interval.end)
    throw new BadRequest(`datetime: the interval '${value}' ends before it starts`)
  return interval
}
