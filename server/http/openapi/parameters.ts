// The request parameter schemas every route shares. Each refuses, with the parameter's name, any
// value the database would refuse later (a 500 by then): PostgreSQL text cannot hold NUL, its
// dates have no year 0, and a string must be text (no unpaired UTF-16 surrogate).
import { z } from 'zod'
import { isCalendarDate } from '../../calendar-date.ts'
import { isDatabaseText } from '../../db/database-text.ts'

/**
 * A free-text parameter of 1..`max` characters (after trimming, with `trim`) that PostgreSQL can
 * hold as text. Errors name the parameter: empty, too long, or holding a NUL or an unpaired
 * surrogate.
 */
export function textParam(name: string, max: number, { trim = false } = {}) {
  const text = z.string({ error: `${name} must be a string` })
  return (trim ? text.trim() : text)
    .min(1, `${name} must not be empty`)
    .max(max, `${name} is at most ${max} characters`)
    .refine(isDatabaseText, `${name} holds a NUL character or an unpaired surrogate, which is not text`)
}

/** A query-string number: '', 'NaN', 'Infinity' and '0x10' are refused with the parameter's name. */
export function numberParam(name: string, description: string) {
  return z
    .preprocess(
      (v) => {
        if (typeof v !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return v
        return Number(v)
      },
      z.number({
        error: (issue) =>
          issue.input === undefined
            ? `${name} is required`
            : `${name} must be a finite number, got ${JSON.stringify(String(issue.input).slice(0, 40))}`,
      }),
    )
    .meta({ type: 'number', description })
}

// PostgreSQL's dates have no year 0 (1 BC is followed by AD 1) and JavaScript's have one, so
// 0000-01-01 passes the calendar check and fails in SQL; four digits keep the year ≤ 9999.
export const DateParam = z
  .string({ error: 'date must be a string YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((value) => !value.startsWith('0000'), 'date: there is no year 0; years run from 0001 to 9999')
  .refine(isCalendarDate, 'date is not a real calendar date')
  .meta({
    description:
      'Answer as of this day (YYYY-MM-DD, years 0001–9999, Asia/Shanghai). Assignments count when valid_from <= date < valid_to. Default: today.',
    format: 'date',
  })

export const CrsParam = textParam('crs', 100).meta({
  description:
    'CRS of the input coordinates: an EPSG code (EPSG:4490 default, EPSG:4326, EPSG:4543/4544 Gauss–Krüger, EPSG:4522 with zone prefix, Xian 80, Beijing 54…), CRS84, gcj02 (AMap/Tencent) or bd09 (Baidu). Coordinates are always x then y: lon, lat or easting, northing.',
  examples: ['EPSG:4490', 'EPSG:4543', 'gcj02'],
})
