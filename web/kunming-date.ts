// Today in Kunming (UTC+8): the server's default date for "who is on duty" is Kunming's calendar
// day (server/query/kunming-date.ts), and the date picker must agree with it near midnight UTC.

/** YYYY-MM-DD of `at` in Asia/Shanghai. */
export function kunmingDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at)
}
