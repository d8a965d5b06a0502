// The calendar windows of seed §5(四): hand-listed boundaries (half-months, two-month windows,
// quarters, leap years) and, by property, that the clipped windows tile any period exactly.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  calendarWindows,
  SEED_WINDOWS,
  WINDOW_KINDS,
  type WindowKind,
  windowDays,
  windowHolding,
  windowKindOf,
} from '../../server/patrols/windows.ts'

const DAY = 86_400_000
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const next = (date: string) => iso(Date.parse(`${date}T00:00:00Z`) + DAY)

describe('windowHolding', () => {
  it.each([
    ['half_month', '2024-01-15', '2024-01-01', '2024-01-15'],
    ['half_month', '2024-01-16', '2024-01-16', '2024-01-31'],
    ['half_month', '2024-02-16', '2024-02-16', '2024-02-29'], // leap year
    ['half_month', '2023-02-20', '2023-02-16', '2023-02-28'],
    ['half_month', '2023-04-30', '2023-04-16', '2023-04-30'],
    ['month', '2024-02-10', '2024-02-01', '2024-02-29'],
    ['month', '2100-02-10', '2100-02-01', '2100-02-28'], // 2100 is not a leap year
    ['month', '2000-02-10', '2000-02-01', '2000-02-29'], // 2000 is
    ['two_months', '2023-01-31', '2023-01-01', '2023-02-28'],
    ['two_months', '2023-03-01', '2023-03-01', '2023-04-30'],
    ['two_months', '2023-12-31', '2023-11-01', '2023-12-31'],
    ['quarter', '2023-03-31', '2023-01-01', '2023-03-31'],
    ['quarter', '2023-04-01', '2023-04-01', '2023-06-30'],
    ['quarter', '2023-11-15', '2023-10-01', '2023-12-31'],
  ] as [WindowKind, string, string, string][])('%s holding %s is %s..%s', (kind, date, from, to) => {
    expect(windowHolding(kind, date)).toEqual({ from, to })
  })
})

describe('calendarWindows', () => {
  it('a village chief owes 24 half-months in 2024, the last 16–31 December', () => {
    const w = calendarWindows('half_month', '2024-01-01', '2024-12-31')
    expect(w).toHaveLength(24)
    expect(w[3]).toEqual({ from: '2024-02-16', to: '2024-02-29' })
    expect(w[23]).toEqual({ from: '2024-12-16', to: '2024-12-31' })
  })

  it('clips the first and last window to the period', () => {
    expect(calendarWindows('quarter', '2023-02-10', '2023-07-04')).toEqual([
      { from: '2023-02-10', to: '2023-03-31' },
      { from: '2023-04-01', to: '2023-06-30' },
      { from: '2023-07-01', to: '2023-07-04' },
    ])
    expect(calendarWindows('two_months', '2023-02-28', '2023-03-01')).toEqual([
      { from: '2023-02-28', to: '2023-02-28' },
      { from: '2023-03-01', to: '2023-03-01' },
    ])
    expect(calendarWindows('month', '2023-05-05', '2023-05-05')).toEqual([
      { from: '2023-05-05', to: '2023-05-05' },
    ])
  })

  it('crosses a year end', () => {
    expect(calendarWindows('two_months', '2023-12-01', '2024-02-29')).toEqual([
      { from: '2023-12-01', to: '2023-12-31' },
      { from: '2024-01-01', to: '2024-02-29' },
    ])
  })

  it('refuses a period that ends before it starts', () => {
    expect(() => calendarWindows('month', '2023-05-02', '2023-05-01')).toThrow(RangeError)
  })

  const date = fc
    .integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2110, 11, 31) / DAY })
    .map((d) => iso(d * DAY))

  it('tiles any period without gap or overlap, each window inside one calendar window', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WINDOW_KINDS),
        date,
        fc.integer({ min: 0, max: 800 }),
        (kind, from, span) => {
          const to = iso(Date.parse(`${from}T00:00:00Z`) + span * DAY)
          const w = calendarWindows(kind, from, to)
          expect(w[0].from).toBe(from)
          expect(w[w.length - 1].to).toBe(to)
          for (let i = 1; i < w.length; i++) expect(w[i].from).toBe(next(w[i - 1].to))
          expect(w.reduce((s, x) => s + windowDays(x), 0)).toBe(span + 1)
          for (const x of w) {
            const cal = windowHolding(kind, x.from)
            expect(windowHolding(kind, x.to)).toEqual(cal)
            expect(x.from >= cal.from && x.to <= cal.to).toBe(true)
          }
          // Only the first and last window may be clipped.
          for (const x of w.slice(1, -1)) expect(windowHolding(kind, x.from)).toEqual(x)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('calendar windows have the lengths of their kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WINDOW_KINDS), date, (kind, d) => {
        const n = windowDays(windowHolding(kind, d))
        const [lo, hi] = { quarter: [90, 92], two_months: [59, 62], month: [28, 31], half_month: [13, 16] }[
          kind
        ]
        expect(n).toBeGreaterThanOrEqual(lo)
        expect(n).toBeLessThanOrEqual(hi)
      }),
      { numRuns: 300 },
    )
  })
})

describe('windowKindOf', () => {
  it('follows seed §5(四) and leaves village groups unjudged unless configured', () => {
    expect(SEED_WINDOWS).toEqual({
      city: 'quarter',
      county: 'two_months',
      township: 'month',
      village: 'half_month',
      village_group: null,
    })
    expect(windowKindOf('village_group')).toBeNull()
    expect(windowKindOf('village_group', 'month')).toBe('month')
    expect(windowKindOf('city', 'month')).toBe('quarter')
  })
})
