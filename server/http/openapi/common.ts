// The error body every operation shares, and the one way requests are checked against their
// schemas: a failed check is a 400 whose message names each offending field.
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

/** Every operation that reads the database answers this while the database is unreachable. */
export const unavailableResponse = {
  503: {
    description: 'the database is unreachable; try again after the Retry-After header’s seconds',
    schema: ErrorBody,
  },
}
