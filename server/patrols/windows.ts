// The calendar windows in which a chief owes a patrol (seed §5(四) "市级河长每季度至少巡河1次，
// 县(市)区级河长每两个月至少巡河1次，乡镇(街道)级河长每月至少巡河1次，村(社区)级河长每半月至少巡河1次").
// The seed sets no frequency for village-group specialists (专管员); a deployment may configure
// one (PATROL_FREQUENCY_VILLAGE_GROUP). Dates are calendar days in Kunming, YYYY-MM-DD.
import type { CHIEF_LEVELS } from '../layers/registry.ts'

/** The kinds of calendar window: quarters, two-month windows from January, months, half-months. */
export const WINDOW_KINDS = ['quarter', 'two_months', 'month', 'half_month'] as const
export type WindowKind = (typeof WINDOW_KINDS)[number]
export type ChiefLevel = (typeof CHIEF_LEVELS)[number]

/** Seed §5(四): the window of each chief level; parks act at county level. Village groups: none. */
export const SEED_WINDOWS: Readonly<Record<ChiefLevel, WindowKind | null>> = Object.freeze({
  city: 'quarter',
  county: 'two_months',
  township: 'month',
  village: 'half_month',
  village_group: null,
})

/** A window of days, both ends inclusive (YYYY-MM-DD). */
export interface DateWindow {
  from: string
  to: string
}

const DAY_MS = 86_400_000

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Days in [from, to], both inclusive (1 for a one-day window). */
export function windowDays({ from, to }: DateWindow): number {
  return dayNumber(to) - dayNumber(from) + 1
}

/**
 * The calendar window of `kind` holding `date`, unclipped: a quarter (Jan–Mar, …), a two-month
 * window (Jan–Feb, Mar–Apr, …), a month, or a half-month (the 1st–15th, the 16th–last day).
 */
export function windowHolding(kind: WindowKind, date: string): DateWindow {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7)) - 1
  const day = Number(date.slice(8, 10))
  const span = kind === 'quarter' ? 3 : kind === 'two_months' ? 2 : 1
  const first = month - (month % span)
  const start = Date.UTC(year, first, 1) / DAY_MS
  // Day 0 of the month after the window is the window's last day (leap years included).
  const end = Date.UTC(year, first + span, 0) / DAY_MS
  if (kind !== 'half_month') return { from: dateOf(start), to: dateOf(end) }
  return day <= 15
    ? { from: dateOf(start), to: dateOf(start + 14) }
    : { from: dateOf(start + 15), to: dateOf(end) }
}

/**
 * The calendar windows of `kind` that meet the period [from, to] (both inclusive, YYYY-MM-DD,
 * from <= to), in order, each clipped to the period: they tile the period without gap or overlap.
 * Throws RangeError when from > to.
 */
export function calendarWindows(kind: WindowKind, from: string, to: string): DateWindow[] {
  const last = dayNumber(to)
  if (dayNumber(from) > last) throw new RangeError(`from ${from} is after to ${to}`)
  const out: DateWindow[] = []
  let day = dayNumber(from)
  while (day <= last) {
    const w = windowHolding(kind, dateOf(day))
    const end = Math.min(dayNumber(w.to), last)
    out.push({ from: dateOf(day), to: dateOf(end) })
    day = end + 1
  }
  return out
}

/**
 * The window kind a chief level owes patrols in: the seed's (SEED_WINDOWS), and for village
 * groups the configured `villageGroup` kind (undefined: none, so their compliance is not judged).
 */
export function windowKindOf(level: ChiefLevel, villageGroup?: WindowKind): WindowKind | null {
  return level === 'village_group' ? (villageGroup ?? null) : SEED_WINDOWS[level]
}
