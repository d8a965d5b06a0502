// Calendar quarters, the city chiefs' patrol window (seed §5(四)) and the period the compliance
// page asks about: Q1 is 1 January to 31 March, both days included.

/** The quarter (1–4) of a YYYY-MM-DD date. */
export const quarterOf = (date: string): number => Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1

/** { from, to } YYYY-MM-DD of quarter `q` (1–4) of `year`, `to` being the quarter's last day. */
export function quarterRange(year: number, q: number): { from: string; to: string } {
  const firstMonth = (q - 1) * 3 + 1
  // Day 0 of the month after the quarter is its last day (UTC, so no time zone moves it).
  const last = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate()
  const mm = (m: number) => String(m).padStart(2, '0')
  return { from: `${year}-${mm(firstMonth)}-01`, to: `${year}-${mm(firstMonth + 2)}-${mm(last)}` }
}
