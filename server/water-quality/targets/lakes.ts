// 滇池湖体水质达到Ⅳ类, 阳宗海水质达到Ⅲ类 by the end of 2020 (seed §2).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../../db/database.ts'
import type { SectionYearClass } from '../section-year-class.ts'
import { classRank, meetsClass, type WaterClass } from '../water-class.ts'
import { judgeBySections } from '../worst-section.ts'
import type { Target } from './target.ts'
import { withUpstream } from './target.ts'

const SQL = readFileSync(join(import.meta.dirname, 'lakes.sql'), 'utf8')

/** The two lakes the seed sets a class for, with that class (seed §2). */
export const LAKE_TARGETS = [
  { id: 'dianchi', name: '滇池', target: 'IV', en: 'Dianchi' },
  { id: 'yangzonghai', name: '阳宗海', target: 'III', en: 'Yangzonghai' },
] as const satisfies readonly { id: string; name: string; target: WaterClass; en: string }[]

/**
 * One lake against its class: the lake's class for the year is the worst year class among the
 * sections inside or on the lakes named `lake.name` (name prefix). rate = that class's rank
 * (I = 1 … 劣Ⅴ = 6), target = the target class's rank, comparison '<='; numerator / denominator =
 * the lake's measured sections that meet the target class / all measured. met null (rate null)
 * when no section in the lake was measured that year. Features: the lake's sections, failing
 * ones with their upstream trace.
 */
export async function lakeTarget(
  db: Queryable,
  classes: Map<string, SectionYearClass>,
  lake: (typeof LAKE_TARGETS)[number],
): Promise<Target> {
  const { rows } = await db.query<{ sections: string[] }>(SQL, [lake.name])
  const judged = judgeBySections(rows[0]?.sections ?? [], classes)
  const features = judged.sections.map((code) => {
    const s = classes.get(code) as SectionYearClass
    return withUpstream(
      {
        layer: 'monitoring_sections',
        code,
        name: s.name,
        class: s.water_class,
        target_class: lake.target,
        met: meetsClass(s.water_class, lake.target),
        samples: s.samples,
      },
      code,
    )
  })
  return {
    id: lake.id,
    title: {
      zh: `${lake.name}水质达到${ROMAN[lake.target]}类`,
      en: `${lake.en} at class ${lake.target} or better`,
    },
    source: 'seed §2',
    rate: judged.water_class === null ? null : classRank(judged.water_class),
    target: classRank(lake.target),
    comparison: '<=',
    unit: 'class_rank',
    met: meetsClass(judged.water_class, lake.target),
    numerator: features.filter((f) => f.met === true).length,
    denominator: features.filter((f) => f.met !== null).length,
    class: judged.water_class,
    target_class: lake.target,
    features,
  }
}

const ROMAN: Record<WaterClass, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', worse_than_V: '劣Ⅴ' }
