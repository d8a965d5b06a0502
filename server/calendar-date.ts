// Whether a YYYY-MM-DD string names a day that exists. Date reads 2023-02-30 as 2 March rather
// than failing, which would move a measurement into another month or a patrol into another window.

/**
 * True when `value` (YYYY-MM-DD) is a real day of the proleptic Gregorian calendar, e.g. false for
 * 2023-02-30 or 2023-13-01. Year 0000 passes (JavaScript has a year 0, PostgreSQL does not):
 * callers that hand the date to SQL refuse it themselves, with their own message.
 */
export function isCalendarDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}
