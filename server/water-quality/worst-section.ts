// The class of a water body judged by several monitoring sections (a water function zone, a
// drinking-water source, a lake, a river): the worst of their year classes.
import type { SectionYearClass } from './section-year-class.ts'
import { classRank, type WaterClass } from './water-class.ts'

export interface JudgedBySections {
  /** The worst year class among the sections measured that year; null when none was. */
  water_class: WaterClass | null
  /** The section that sets `water_class` (the first by code among equally bad ones), or null. */
  worst_section: string | null
  /** Every section that judges the body, measured that year or not, by code. */
  sections: string[]
}

/**
 * Judges a water body by the sections `codes` (section codes; unknown codes are ignored) with
 * their classes for the year in `classes` (sectionYearClasses).
 *
 * Rule: the WORST class among them. A body meets its target only where every measured place in
 * it does; a mean or median would let a clean upstream section hide a failing one downstream,
 * which is the very place the 倒查 of seed §5(五) must start from. Sections not measured that
 * year do not count; with none measured the class is null (no data), never a guess.
 */
export function judgeBySections(
  codes: readonly string[],
  classes: Map<string, SectionYearClass>,
): JudgedBySections {
  const sections = [...new Set(codes)].filter((c) => classes.has(c)).sort()
  let worst: SectionYearClass | null = null
  for (const code of sections) {
    const s = classes.get(code) as SectionYearClass
    if (s.water_class === null) continue
    if (worst === null || classRank(s.water_class) > classRank(worst.water_class as WaterClass)) worst = s
  }
  return { water_class: worst?.water_class ?? null, worst_section: worst?.code ?? null, sections }
}
