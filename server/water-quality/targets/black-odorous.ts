// 全面消除城市建成区黑臭水体 by 2020 (seed §2, §4(四)4).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../../db/database.ts'
import { type Target, zeroTarget } from './target.ts'

const SQL = readFileSync(join(import.meta.dirname, 'black-odorous.sql'), 'utf8')

/**
 * The black and odorous waters in built-up areas (both layers, location built_up) that were not
 * remediated at the end of `year`. A water counts from its identified_on (undated: always) and
 * is remediated from its remediated_on when its status is remediated (undated: already), so a
 * past year is answered as it stood then. rate = numerator = not remediated, denominator = all
 * known then; target 0. Features carry met = remediated and `status` as of the year end.
 */
export async function blackOdorousTarget(db: Queryable, year: number): Promise<Target> {
  const { rows } = await db.query<{
    layer: string
    code: string
    name: string
    status: string
    remediated: boolean
  }>(SQL, [year])
  const features = rows.map((r) => ({
    layer: r.layer,
    code: r.code,
    name: r.name,
    class: null,
    target_class: null,
    met: r.remediated,
    status: r.remediated ? 'remediated' : r.status === 'remediated' ? 'in_progress' : r.status,
  }))
  return zeroTarget(
    {
      id: 'black_odorous',
      title: {
        zh: '城市建成区未消除黑臭水体数',
        en: 'Black and odorous waters in built-up areas not remediated',
      },
      source: 'seed §2, §4(四)4',
    },
    features,
  )
}
