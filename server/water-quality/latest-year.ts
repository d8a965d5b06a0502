// The year a targets dashboard opens on when none is asked for.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../db/database.ts'
import { todayInKunming } from '../query/kunming-date.ts'

const SQL = readFileSync(join(import.meta.dirname, 'latest-year.sql'), 'utf8')

/** The year of the latest stored measurement, or this year in Kunming when there is none. */
export async function latestMeasuredYear(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ year: number | null }>(SQL)
  return rows[0]?.year ?? Number(todayInKunming().slice(0, 4))
}
