// 自然湿地面积保护率 ≥ 75 % by 2020 (seed §2).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../../db/database.ts'
import type { Target } from './target.ts'

const SQL = readFileSync(join(import.meta.dirname, 'wetlands.sql'), 'utf8')

/**
 * The share of natural wetland AREA that is protected: numerator = the geodesic area (m², on the
 * CGCS2000 ellipsoid) of the wetlands with protected = 1, denominator = the area of all wetlands
 * (a wetland whose protection is not recorded counts as unprotected: protection must be shown).
 * The layer has no dates, so every year is answered from the wetlands as stored. rate null and
 * met null without wetlands. Target ≥ 0.75 (seed §2).
 */
export async function wetlandsTarget(db: Queryable): Promise<Target> {
  const { rows } = await db.query<{ id: number; name: string; protected: number | null; area_m2: number }>(
    SQL,
  )
  const features = rows.map((r) => ({
    layer: 'wetlands',
    code: String(r.id),
    name: r.name,
    class: null,
    target_class: null,
    met: r.protected === null ? null : r.protected === 1,
    area_m2: r.area_m2,
  }))
  const numerator = rows.filter((r) => r.protected === 1).reduce((a, r) => a + r.area_m2, 0)
  const denominator = rows.reduce((a, r) => a + r.area_m2, 0)
  const rate = denominator > 0 ? numerator / denominator : null
  return {
    id: 'wetlands',
    title: { zh: '自然湿地面积保护率', en: 'Protected share of natural wetland area' },
    source: 'seed §2',
    rate,
    target: 0.75,
    comparison: '>=',
    unit: 'share',
    met: rate === null ? null : rate >= 0.75,
    numerator,
    denominator,
    features,
  }
}
