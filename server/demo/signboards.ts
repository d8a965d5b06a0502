// Chief signboards (河长公示牌, seed §6(五)) as the demo's physical boards: each stands on one reach
// (reach_code) and carries the text printed on it when it was put up. The live content of a board
// comes from the data at /api/signboards/{reach_code} (server/signboards/).

import { offsetFrom, type PointItem } from './activity.ts'
import { activeOn, type ChiefSet } from './chiefs.ts'
import type { Pref } from './context.ts'
import type { Assignment } from './dataset.ts'
import { shortName } from './names.ts'
import type { Reach } from './reaches.ts'

/** The day the printed boards show (the demo's "now"; activity.ts dates end the day before). */
const NOW = '2024-01-01'

/**
 * One board where each county-level scope begins (its most upstream reach), some township-level
 * ones and, in the 滇池 basin, one at each river mouth for the city chief (一河一长, seed §3(一)2).
 * Input: the prefecture's reaches (upstream first within a river) and chiefs. Output: points 15 m
 * beside the reach they stand on, with the registry's signboard attributes and `reach_code`.
 */
export function buildSignboards(pref: Pref, reaches: Reach[], chiefs: ChiefSet): PointItem[] {
  const rng = pref.rng('signboards')
  const out: PointItem[] = []
  const current = (reach: Reach, level: Assignment['level']) =>
    (chiefs.byScope.get(reach.code) ?? []).find(
      (a) => a.level === level && a.role === 'chief' && activeOn(a, NOW),
    )
  const groups = new Map<string, { level: Assignment['level']; reaches: Reach[] }>()
  for (const r of reaches) {
    const keys: [string, Assignment['level']][] = [[`county|${r.river.code}|${r.county.code}`, 'county']]
    if (rng.chance(0.3)) keys.push([`township|${r.river.code}|${r.township.code}`, 'township'])
    if (r.basin.name === '滇池') keys.push([`city|${r.river.code}`, 'city'])
    for (const [k, level] of keys) {
      const g = groups.get(k)
      if (g) g.reaches.push(r)
      else groups.set(k, { level, reaches: [r] })
    }
  }
  let n = 0
  for (const { level, reaches: rs } of groups.values()) {
    const at = level === 'city' ? rs[rs.length - 1] : rs[0]
    const a = current(at, level)
    const chief = a && chiefs.chiefById.get(a.chief_id)
    if (!chief) continue
    const len = rs.reduce((s, r) => s + r.lengthM, 0) / 1000
    const unit = level === 'city' ? '' : level === 'county' ? shortName(at.county.name) : at.township.name
    const river = at.river.name
    out.push({
      at: offsetFrom(at.coords, level === 'city' ? 0.9 : 0.02, 15),
      props: {
        code: `${pref.abbr}-GSP-${String(++n).padStart(4, '0')}`,
        chief_name: chief.name,
        position: chief.position,
        duties: `负责${river}${unit}段的管理保护工作，组织开展巡河，协调解决水资源保护、水污染防治、河湖岸线管理和水环境治理中的问题，督促下级河长履职。`,
        contact: chief.contact,
        scope: `${river}${unit}段：起于${rs[0].startDesc}，止于${rs[rs.length - 1].endDesc}，长${len.toFixed(1)}公里。`,
        targets: `${river}水质稳定达到${rng.pick(['Ⅲ', 'Ⅳ', 'Ⅲ'])}类，河面无漂浮物，河岸无垃圾，无违法排污口，无乱占乱建。`,
        reach_code: at.code,
      },
    })
  }
  return out
}
