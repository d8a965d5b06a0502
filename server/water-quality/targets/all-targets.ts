// The seed's 2020 targets (seed §2) computed from the stored data for one year.
import type { Queryable } from '../../db/database.ts'
import { sectionYearClasses } from '../section-year-class.ts'
import { assessedSectionsTarget } from './assessed-sections.ts'
import { blackOdorousTarget } from './black-odorous.ts'
import { drinkingWaterSourcesTarget } from './drinking-water-sources.ts'
import { functionZonesTarget } from './function-zones.ts'
import { LAKE_TARGETS, lakeTarget } from './lakes.ts'
import { namedRiversTarget } from './named-rivers.ts'
import type { Target } from './target.ts'
import { wetlandsTarget } from './wetlands.ts'

/**
 * Every 2020 target of seed §2 for calendar `year`, in the seed's order: important water function
 * zones (≥ 70 %), county-level-and-up drinking-water sources (100 %), nationally and provincially
 * assessed sections at class III or better (≥ 60 %), 滇池 at class IV, 阳宗海 at class III, the six
 * named rivers worse than V (0), black and odorous waters in built-up areas (0), protected natural
 * wetland area (≥ 75 %). Each target documents its rule.
 */
export async function computeTargets(db: Queryable, year: number): Promise<Target[]> {
  const classes = await sectionYearClasses(db, year)
  return [
    await functionZonesTarget(db, classes),
    await drinkingWaterSourcesTarget(db, classes),
    assessedSectionsTarget(classes),
    await lakeTarget(db, classes, LAKE_TARGETS[0]),
    await lakeTarget(db, classes, LAKE_TARGETS[1]),
    await namedRiversTarget(db, classes),
    await blackOdorousTarget(db, year),
    await wetlandsTarget(db),
  ]
}
