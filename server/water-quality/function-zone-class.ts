// A water function zone's class (水功能区水质, seed §2 and §4(四)1 按照水功能区确定各类水体的水质保护目标):
// the worst class among the monitoring sections inside it or on its river within it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../db/database.ts'
import { degreesCovering } from '../query/geodesy.ts'
import type { SectionYearClass } from './section-year-class.ts'
import type { WaterClass } from './water-class.ts'
import { type JudgedBySections, judgeBySections } from './worst-section.ts'

const SQL = readFileSync(join(import.meta.dirname, 'function-zone-class.sql'), 'utf8')

/**
 * A section of the zone's own river counts for the zone when it lies within this many metres of
 * the zone's polygon: river zones are drawn as bands tens of metres wide (the demo's are 30–50 m,
 * the blue line's width) and a section's point, surveyed on a bridge or bank, can fall just
 * outside one. Sections of other rivers count only inside the polygon.
 */
export const ZONE_RIVER_NEAR_M = 50

export interface FunctionZoneClass extends JudgedBySections {
  id: number
  code: string | null
  name: string
  river_code: string | null
  target_class: WaterClass | null
  important: number | null
}

/**
 * Every water function zone (or only the important ones, `important = 1`) with its class for the
 * year: the worst year class (judgeBySections) among the sections inside its polygon (any river;
 * on the boundary counts) or of its own river within ZONE_RIVER_NEAR_M metres of it (geodesic).
 * `classes` comes from sectionYearClasses for that year. Ordered by code.
 */
export async function functionZoneClasses(
  db: Queryable,
  classes: Map<string, SectionYearClass>,
  { importantOnly = false } = {},
): Promise<FunctionZoneClass[]> {
  const { rows } = await db.query<Omit<FunctionZoneClass, keyof JudgedBySections> & { sections: string[] }>(
    SQL,
    [
      ZONE_RIVER_NEAR_M,
      importantOnly,
      // Kunming lies near 25°N; 60° covers any zone in China with room to spare.
      degreesCovering(ZONE_RIVER_NEAR_M, 60),
    ],
  )
  return rows.map(({ sections, ...zone }) => ({
    ...zone,
    id: Number(zone.id),
    ...judgeBySections(sections, classes),
  }))
}
