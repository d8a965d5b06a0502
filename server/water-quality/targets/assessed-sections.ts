// 纳入国家和省考核的地表水优良水体(达到或优于Ⅲ类)比例 ≥ 60 % by the end of 2020 (seed §2).
import type { SectionYearClass } from '../section-year-class.ts'
import { meetsClass, type WaterClass } from '../water-class.ts'
import { shareTarget, type Target, withUpstream } from './target.ts'

/** "Good" water (优良): class III or better (GB 3838-2002). */
export const GOOD_CLASS: WaterClass = 'III'

/**
 * The share of the nationally and provincially assessed sections (monitoring_sections.level
 * national or provincial) whose class for the year (the median, sectionYearClasses) is class III
 * or better, whatever each section's own target. Sections not measured that year are listed with
 * met null and left out. A failing section links to its upstream trace. Target ≥ 0.60 (seed §2).
 */
export function assessedSectionsTarget(classes: Map<string, SectionYearClass>): Target {
  const features = [...classes.values()]
    .filter((s) => s.level === 'national' || s.level === 'provincial')
    .map((s) =>
      withUpstream(
        {
          layer: 'monitoring_sections',
          code: s.code,
          name: s.name,
          class: s.water_class,
          target_class: GOOD_CLASS,
          met: meetsClass(s.water_class, GOOD_CLASS),
          samples: s.samples,
        },
        s.code,
      ),
    )
  return shareTarget(
    {
      id: 'assessed_sections',
      title: {
        zh: '纳入国家和省考核的地表水优良水体(达到或优于Ⅲ类)比例',
        en: 'Nationally and provincially assessed sections at class III or better',
      },
      source: 'seed §2',
    },
    0.6,
    features,
  )
}
