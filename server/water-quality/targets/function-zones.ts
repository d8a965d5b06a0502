// 重要江河湖泊水功能区水质达标率 ≥ 70 % by the end of 2020 (seed §2).
import type { Queryable } from '../../db/database.ts'
import { functionZoneClasses } from '../function-zone-class.ts'
import type { SectionYearClass } from '../section-year-class.ts'
import { meetsClass } from '../water-class.ts'
import { shareTarget, type Target, withUpstream } from './target.ts'

/**
 * The share of the important water function zones (`important = 1`) whose class for the year
 * (functionZoneClasses: the worst of their sections) meets their own `target_class`. A zone
 * without a target class or without a section measured that year is listed with met null and
 * left out of the rate. Target ≥ 0.70 (seed §2).
 */
export async function functionZonesTarget(
  db: Queryable,
  classes: Map<string, SectionYearClass>,
): Promise<Target> {
  const zones = await functionZoneClasses(db, classes, { importantOnly: true })
  const features = zones.map((z) =>
    withUpstream(
      {
        layer: 'water_function_zones',
        code: z.code ?? String(z.id),
        name: z.name,
        class: z.water_class,
        target_class: z.target_class,
        met: meetsClass(z.water_class, z.target_class),
        worst_section: z.worst_section,
        sections: z.sections,
      },
      z.worst_section,
    ),
  )
  return shareTarget(
    {
      id: 'function_zones',
      title: {
        zh: '重要江河湖泊水功能区水质达标率',
        en: 'Important water function zones meeting their target class',
      },
      source: 'seed §2',
    },
    0.7,
    features,
  )
}
