// A monitoring section's class for a year (seed §2's rates are yearly; §5(五) holds the section's
// chiefs to it): the median class of the year's measurements.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../db/database.ts'
import type { WaterClass } from './water-class.ts'

const SQL = readFileSync(join(import.meta.dirname, 'section-year-class.sql'), 'utf8')

export interface SectionYearClass {
  code: string
  name: string
  river_code: string | null
  level: 'national' | 'provincial' | 'city' | 'county' | null
  /** The section's own target class (its attribute), not a rule's threshold. */
  target_class: WaterClass | null
  /** The median class of the year's measurements; null when none was taken that year. */
  water_class: WaterClass | null
  samples: number
}

/**
 * Every monitoring section with its class for calendar `year` (1 January to 31 December, the
 * dates as measured), keyed by section code.
 *
 * Rule: the median class of that year's measurements. The classes are ordinal, not numbers, so
 * the median must be one of them: with an even count it is the WORSE of the two middle classes.
 * Why the worse: averaging two classes has no meaning, and a section whose measurements are split
 * half and half across a target line has not shown that it meets the target, so a tie goes
 * against the water (the cautious reading of GB 3838-2002's 达标, where one failing indicator
 * already fails a sample). E.g. II, III, IV, V → IV; II, III, III, IV → III; II, IV → IV.
 */
export async function sectionYearClasses(
  db: Queryable,
  year: number,
): Promise<Map<string, SectionYearClass>> {
  const { rows } = await db.query<SectionYearClass>(SQL, [year])
  return new Map(rows.map((r) => [r.code, r]))
}
