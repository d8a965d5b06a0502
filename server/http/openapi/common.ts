// Schemas shared by several operations, and the one way requests are checked against them: a
// failed check is a 400 whose message names each offending field.
import { z } from 'zod'
import { BadRequest } from '../../errors.ts'

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'machine-readable, e.g. bad_request, unknown_crs, not_found' }),
      message: z.string().meta({ description: 'names the parameter or field and the problem' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' })

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
            : `${name} must be a finite number, got ${JSON.stringify(issue.input)}`,
      }),
    )
    .meta({ type: 'number', description })
}

function realDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

export const DateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine(realDate, 'date is not a real calendar date')
  .meta({
    description:
      'Answer as of this day (YYYY-MM-DD, Asia/Shanghai). Assignments count when valid_from <= date < valid_to. Default: today.',
    format: 'date',
  })

export const CrsParam = z
  .string()
  .min(1)
  .max(100)
  .meta({
    description:
      'CRS of the input coordinates: an EPSG code (EPSG:4490 default, EPSG:4326, EPSG:4543/4544 Gauss–Krüger, EPSG:4522 with zone prefix, Xian 80, Beijing 54…), CRS84, gcj02 (AMap/Tencent) or bd09 (Baidu). Coordinates are always x then y: lon, lat or easting, northing.',
    examples: ['EPSG:4490', 'EPSG:4543', 'gcj02'],
  })

/** Query strings repeat keys as arrays; a repeated scalar parameter is a 400, not a crash. */
function singleValues(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw new BadRequest(`${key} is given more than once`)
    out[key] = value
  }
  return out
}

export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'query' | 'body' | 'path',
) {
  const input =
    where === 'query' && value && typeof value === 'object'
      ? singleValues(value as Record<string, unknown>)
      : value
  const result = schema.safeParse(input)
  if (result.success) return result.data as z.output<S>
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    // Messages written for a parameter already start with its name.
    return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message
  })
  throw new BadRequest(`invalid ${where}: ${problems.join('; ')}`, undefined, 'bad_request')
}

/** Today in Kunming: accountability dates are local dates. */
export function todayInKunming(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}
