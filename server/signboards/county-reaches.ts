// Which reaches a county's boards cover, for printing them all at once (issue 13 part 4).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { BadRequest, NotFound } from '../errors.ts'

const COUNTY_REACHES_SQL = readFileSync(join(import.meta.dirname, 'county-reaches.sql'), 'utf8')

export const CountyReaches = z
  .object({
    county: z.object({ code: z.string(), name: z.string() }),
    reaches: z
      .array(z.object({ code: z.string(), name: z.string(), river_code: z.string().nullable() }))
      .meta({ description: 'by river code, then reach code' }),
  })
  .meta({ id: 'CountyReaches' })
export type CountyReaches = z.infer<typeof CountyReaches>

/**
 * The reaches of county `code` (a 12-digit admin_areas code of level county): those whose point
 * at half their length lies in the county (ST_Covers, so a midpoint on the border counts for
 * both neighbours, the only double case). Ordered by river code, then reach code.
 * @throws NotFound when no admin area has the code; BadRequest when the area is not a county.
 */
export async function countyReaches(db: Queryable, code: string): Promise<CountyReaches> {
  const { rows } = await db.query<{
    county_code: string
    county_name: string
    level: string
    reaches: CountyReaches['reaches']
  }>(COUNTY_REACHES_SQL, [code])
  const row = rows[0]
  if (!row) throw new NotFound(`no administrative area with code '${code}'`)
  if (row.level !== 'county')
    throw new BadRequest(
      `${code} (${row.county_name}) is a ${row.level}, not a county`,
      undefined,
      'not_a_county',
    )
  return { county: { code: row.county_code, name: row.county_name }, reaches: row.reaches }
}
