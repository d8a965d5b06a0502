// The calendar day that accountability questions default to. Assignments are dated in Kunming's
// local time (Asia/Shanghai, UTC+8, no daylight saving): an answer asked at 01:00 on 1 March in
// Kunming is about 1 March, although it is still 28 February in UTC.

// en-CA formats a date as YYYY-MM-DD. Made once: a formatter costs tens of µs to make, more than
// a locate from the index, which asks for today whenever no date is given.
const KUNMING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })

/**
 * Today in Kunming as YYYY-MM-DD (the form of assignments.valid_from/valid_to).
 * `now` is an instant (default: the current time). Throws nothing.
 */
export function todayInKunming(now = new Date()): string {
  return KUNMING_DAY.format(now)
}
