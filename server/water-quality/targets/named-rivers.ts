// 消除海河、枧槽河、新运粮河、广普大沟、鸣矣河、螳螂川等劣Ⅴ类水体 by the end of 2020 (seed §2).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../../db/database.ts'
import type { SectionYearClass } from '../section-year-class.ts'
import { meetsClass } from '../water-class.ts'
import { judgeBySections } from '../worst-section.ts'
import { type Target, withUpstream, zeroTarget } from './target.ts'

const SQL = readFileSync(join(import.meta.dirname, 'named-rivers.sql'), 'utf8')

/** The six rivers the seed names as worse than class V (seed §2). */
export const NAMED_RIVERS = ['海河', '枧槽河', '新运粮河', '广普大沟', '鸣矣河', '螳螂川'] as const

/**
 * The named rivers still worse than class V in the year: a river's class is the worst year class
 * among the sections on it (rivers of that name, sections by river_code). rate = numerator = the
 * rivers worse than V, denominator = the rivers with a section measured that year; target 0.
 * A river missing from the layer, or without a measured section, is listed with met null.
 */
export async function namedRiversTarget(
  db: Queryable,
  classes: Map<string, SectionYearClass>,
): Promise<Target> {
  const { rows } = await db.query<{ name: string; rivers: string[]; sections: string[] }>(SQL, [NAMED_RIVERS])
  const features = rows.map((r) => {
    const judged = judgeBySections(r.sections, classes)
    return withUpstream(
      {
        layer: 'rivers',
        code: r.rivers.join(',') || null,
        name: r.name,
        class: judged.water_class,
        target_class: 'V' as const,
        met: meetsClass(judged.water_class, 'V'),
        worst_section: judged.worst_section,
        sections: judged.sections,
      },
      judged.worst_section,
    )
  })
  return zeroTarget(
    {
      id: 'named_rivers',
      title: {
        zh: '海河、枧槽河、新运粮河、广普大沟、鸣矣河、螳螂川劣Ⅴ类水体数',
        en: 'Named rivers still worse than class V',
      },
      source: 'seed §2',
    },
    features,
  )
}
