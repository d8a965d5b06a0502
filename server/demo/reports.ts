// Public reports (举报, seed §6(五)) along the rivers: a category, a text, a time, where each was
// routed and how far it has got (received → assigned → resolved, migration 015).

import type { REPORT_CATEGORIES } from '../layers/registry.ts'
import { cst, DAY, offsetFrom, type PointItem, T0, T1 } from './activity.ts'
import { activeOn, type ChiefSet } from './chiefs.ts'
import type { Pref } from './context.ts'
import type { Reach } from './reaches.ts'

type Category = (typeof REPORT_CATEGORIES)[number]

/** Texts the public writes, by category: (river name, village name) → text. */
const TEXTS: [Category, (river: string, village: string) => string][] = [
  ['dumping', (r, v) => `${r}${v}附近河道内有大量生活垃圾堆积，气味难闻，请尽快清理。`],
  ['dumping', (r) => `发现有人在${r}岸边倾倒建筑垃圾，已持续好几天。`],
  ['pollution', (r) => `${r}水面漂浮大量水葫芦和塑料袋，影响行洪。`],
  ['pollution', (r, v) => `疑似有企业夜间向${r}偷排污水，${v}段水体发黑发臭。`],
  ['encroachment', (r, v) => `${v}村民在${r}河道两侧违章搭建养殖棚，侵占河道。`],
  ['other', (r) => `有人在${r}电鱼，请相关部门制止。`],
  ['outfall', (r, v) => `${r}${v}段排污口一直在排放泡沫状污水。`],
  ['other', (r) => `${r}河长公示牌损坏，电话号码看不清。`],
  ['pollution', (r) => `${r}岸边有人洗车，污水直接流进河里。`],
  ['sand_mining', (r, v) => `${v}附近有人夜间在${r}河道里挖沙，河床被挖得坑坑洼洼。`],
]

/**
 * About 0.18 reports per reach, each 10–80 m from a reach in 2021–2023, routed as
 * server/reports/route-report.ts routes a report that close to a river: to the reach's village
 * chief on duty that day (the lowest-level reach chief), the office and oversight body of the
 * reach's basin (seed §3(一)1, §3(二)3). Newer reports are more often still open.
 */
export function buildReports(pref: Pref, reaches: Reach[], chiefs: ChiefSet): PointItem[] {
  const rng = pref.rng('reports')
  const n = Math.max(5, Math.round(reaches.length * 0.18))
  const out: PointItem[] = []
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const reach = rng.pick(reaches)
    const t = T0 + Math.floor(rng.next() * ((T1 - T0) / 60000)) * 60000
    const date = cst(t).slice(0, 10)
    const a = (chiefs.byScope.get(reach.code) ?? []).find((x) => x.level === 'village' && activeOn(x, date))
    if (!a) continue
    const age = (T1 - t) / DAY
    const status =
      age < 30
        ? rng.weighted(['received', 'assigned', 'resolved'], [5, 4, 1])
        : age < 180
          ? rng.weighted(['assigned', 'resolved'], [2, 8])
          : 'resolved'
    const [category, text] = rng.pick(TEXTS)
    out.push({
      at: offsetFrom(reach.coords, rng.range(0.05, 0.95), rng.range(10, 80) * (rng.chance(0.5) ? 1 : -1)),
      props: {
        body: text(reach.river.name, reach.village.name),
        reported_at: cst(t),
        category,
        chief_id: a.chief_id,
        chief_level: 'village',
        chief_scope_kind: 'reach',
        chief_scope_code: reach.code,
        office: reach.basin.office,
        office_code: reach.basin.governance === 'dianchi' ? 'dianchi' : 'city',
        oversight: reach.basin.oversight,
        status,
      },
    })
  }
  return out
}
