// 县级以上饮用水源地水质达标率 100 % by the end of 2020 (seed §2).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../../db/database.ts'
import type { SectionYearClass } from '../section-year-class.ts'
import { meetsClass, type WaterClass } from '../water-class.ts'
import { judgeBySections } from '../worst-section.ts'
import { shareTarget, type Target, withUpstream } from './target.ts'

const SQL = readFileSync(join(import.meta.dirname, 'drinking-water-sources.sql'), 'utf8')

/**
 * A source meets its target at class III or better: 水污染防治行动计划 (国发〔2015〕17号) counts
 * 集中式饮用水水源水质达到或优于Ⅲ类, and GB 3838-2002 §4 puts 集中式生活饮用水地表水源地 in classes
 * II (first-grade zone) and III (second-grade zone).
 */
export const SOURCE_TARGET_CLASS: WaterClass = 'III'

/**
 * The share of the drinking-water sources at county level and up (water_source_zones with
 * source_level city or county, one per source_name) whose class for the year meets class III.
 * A source's class is the worst year class among the sections in its first- and second-grade
 * zones; a source with none measured is listed with met null and left out. Target 100 % (seed §2).
 */
export async function drinkingWaterSourcesTarget(
  db: Queryable,
  classes: Map<string, SectionYearClass>,
): Promise<Target> {
  const { rows } = await db.query<{ name: string; source_level: string; sections: string[] }>(SQL)
  const features = rows.map((r) => {
    const judged = judgeBySections(r.sections, classes)
    return withUpstream(
      {
        layer: 'water_source_zones',
        code: r.name,
        name: r.name,
        class: judged.water_class,
        target_class: SOURCE_TARGET_CLASS,
        met: meetsClass(judged.water_class, SOURCE_TARGET_CLASS),
        worst_section: judged.worst_section,
        sections: judged.sections,
      },
      judged.worst_section,
    )
  })
  return shareTarget(
    {
      id: 'drinking_water_sources',
      title: {
        zh: '县级以上集中式饮用水水源地水质达标率',
        en: 'Drinking-water sources of county level and up meeting class III',
      },
      source: 'seed §2',
    },
    1,
    features,
  )
}
