// Things that happen along the rivers: sewage outfalls, chief signboards, patrol GPS tracks and
// public reports. Every chief id written here is the one assigned to that scope on that date.
import type { Position } from 'geojson'
import { activeOn, type ChiefSet } from './chiefs.ts'
import type { Pref } from './context.ts'
import type { Assignment } from './dataset.ts'
import { distM, lineLengthM, pointAlong, r7 } from './geo.ts'
import { shortName } from './names.ts'
import type { Rng } from './random.ts'
import type { Reach } from './reaches.ts'

export interface PointItem {
  at: Position
  props: Record<string, string | number | null>
}
export interface TrackItem {
  coords: Position[]
  props: Record<string, string | number | null>
}

/** Offset a point sideways from a reach by `m` metres (left if m > 0). */
export function offsetFrom(coords: Position[], fraction: number, m: number): Position {
  const { pos, seg } = pointAlong(coords, fraction)
  const a = coords[seg]
  const b = coords[Math.min(coords.length - 1, seg + 1)]
  const kx = Math.cos((pos[1] * Math.PI) / 180)
  const dx = (b[0] - a[0]) * kx
  const dy = b[1] - a[1]
  const len = Math.hypot(dx, dy) || 1
  const deg = m / 111195
  return [r7(pos[0] + ((-dy / len) * deg) / kx), r7(pos[1] + (dx / len) * deg)]
}

export const DAY = 86400000
/** The demo's activity (patrols, reports) falls in [T0, T1): 2021–2023. */
export const T0 = Date.UTC(2021, 0, 1)
export const T1 = Date.UTC(2024, 0, 1)

/** ISO timestamp in China Standard Time (UTC+8), e.g. 2022-03-05T09:12:00+08:00. */
export function cst(ms: number): string {
  return `${new Date(ms + 8 * 3600000).toISOString().slice(0, 19)}+08:00`
}

export function buildOutfalls(pref: Pref, reaches: Reach[]): PointItem[] {
  const rng = pref.rng('outfalls')
  const n = Math.max(3, Math.round(reaches.length / 11))
  const pool = reaches.filter((r) => r.lengthM > 60)
  const weights = pool.map((r) => (r.basin.name === '滇池' ? 3 : 1) * (r.village.urban ? 2 : 1))
  const out: PointItem[] = []
  const short = pref.name[0]
  for (let i = 0; i < n && pool.length; i++) {
    const r = rng.weighted(pool, weights)
    const kind = rng.weighted(['village', 'wwtp', 'industry'], [40, 20, 40])
    const name =
      kind === 'village'
        ? `${r.village.name}生活污水排放口`
        : kind === 'wwtp'
          ? `${shortName(r.county.name)}${rng.pick(['第一', '第二', '第三', '城南', '城北', ''])}污水处理厂排放口`
          : `${pref.names.companyName(`company:${pref.code6}`)}排污口`
    const discharge =
      kind === 'village' ? rng.range(0.5, 15) : kind === 'wwtp' ? rng.range(200, 4000) : rng.range(2, 80)
    out.push({
      at: offsetFrom(r.coords, rng.range(0.1, 0.9), rng.range(8, 45) * (rng.chance(0.5) ? 1 : -1)),
      props: {
        code: `${pref.abbr}-PWK-${String(i + 1).padStart(4, '0')}`,
        name,
        river_code: r.river.code,
        approval: rng.chance(0.75) ? `${short}水排许〔${rng.int(2016, 2023)}〕${rng.int(1, 120)}号` : null,
        yearly_discharge_t: Math.round(discharge * 100) / 100,
      },
    })
  }
  return out
}

const NOW = '2024-01-01'

export function buildSignboards(pref: Pref, reaches: Reach[], chiefs: ChiefSet): PointItem[] {
  const rng = pref.rng('signboards')
  const out: PointItem[] = []
  const current = (reach: Reach, level: Assignment['level']) =>
    (chiefs.byScope.get(reach.code) ?? []).find(
      (a) => a.level === level && a.role === 'chief' && activeOn(a, NOW),
    )
  // one board where each county-level scope begins (its most upstream reach), plus some
  // township-level ones and, in the 滇池 basin, one at each river mouth for the city chief
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
      },
    })
  }
  return out
}

/** GPS-like track along a polyline: points every ~25 m with ~3 m noise. */
function gpsTrack(rng: Rng, coords: Position[]): Position[] {
  const out: Position[] = []
  for (let i = 1; i < coords.length; i++) {
    const a = coords[i - 1]
    const b = coords[i]
    const k = Math.max(1, Math.round(distM(a, b) / 25))
    for (let j = 0; j < k; j++) {
      const t = j / k
      const kx = Math.cos((a[1] * Math.PI) / 180)
      out.push([
        r7(a[0] + (b[0] - a[0]) * t + (rng.normal() * 3) / 111195 / kx),
        r7(a[1] + (b[1] - a[1]) * t + (rng.normal() * 3) / 111195),
      ])
    }
  }
  out.push(coords[coords.length - 1])
  return out
}

export function buildPatrols(pref: Pref, reaches: Reach[], chiefs: ChiefSet): TrackItem[] {
  const rng = pref.rng('patrols')
  const n = Math.max(5, Math.round(reaches.length * 0.28))
  const downstream = new Map<number, Reach>()
  for (const r of reaches) downstream.set(r.fromNode, r)
  const out: TrackItem[] = []
  const levels: Assignment['level'][] = ['village', 'township', 'county', 'city']
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const reach = rng.pick(reaches)
    const level = rng.weighted(levels, [50, 30, 15, 5])
    const t = T0 + Math.floor(rng.next() * ((T1 - T0) / DAY)) * DAY
    const date = new Date(t).toISOString().slice(0, 10)
    const a = (chiefs.byScope.get(reach.code) ?? []).find(
      (x) => x.level === level && x.role === 'chief' && activeOn(x, date),
    )
    if (!a) continue
    // walk downstream along the river until the track is long enough for the level
    const want = level === 'village' ? 2000 : level === 'township' ? 3000 : 5000
    const coords = [...reach.coords]
    let cur: Reach | undefined = reach
    while (lineLengthM(coords) < want && cur) {
      cur = downstream.get(cur.toNode)
      if (!cur || cur.river !== reach.river) break
      coords.push(...cur.coords.slice(1))
    }
    const track = gpsTrack(rng, coords)
    const len = lineLengthM(coords) / 1000
    const minutes = Math.max(30, (len / rng.range(2.5, 4.5)) * 60 + rng.range(5, 25))
    const start = t + rng.int(8 * 60, 16 * 60 + 30) * 60000 - 8 * 3600000
    out.push({
      coords: track,
      props: {
        chief_id: a.chief_id,
        started_at: cst(start),
        ended_at: cst(start + Math.round(minutes) * 60000),
      },
    })
  }
  return out
}

const REPORTS = [
  (r: string, v: string) => `${r}${v}附近河道内有大量生活垃圾堆积，气味难闻，请尽快清理。`,
  (r: string) => `发现有人在${r}岸边倾倒建筑垃圾，已持续好几天。`,
  (r: string) => `${r}水面漂浮大量水葫芦和塑料袋，影响行洪。`,
  (r: string, v: string) => `疑似有企业夜间向${r}偷排污水，${v}段水体发黑发臭。`,
  (r: string, v: string) => `${v}村民在${r}河道两侧违章搭建养殖棚，侵占河道。`,
  (r: string) => `有人在${r}电鱼，请相关部门制止。`,
  (r: string, v: string) => `${r}${v}段排污口一直在排放泡沫状污水。`,
  (r: string) => `${r}河长公示牌损坏，电话号码看不清。`,
  (r: string) => `${r}岸边有人洗车，污水直接流进河里。`,
]

export function buildReports(pref: Pref, reaches: Reach[], chiefs: ChiefSet): PointItem[] {
  const rng = pref.rng('reports')
  const n = Math.max(5, Math.round(reaches.length * 0.18))
  const out: PointItem[] = []
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const reach = rng.pick(reaches)
    const t = T0 + Math.floor(rng.next() * ((T1 - T0) / 60000)) * 60000
    const date = cst(t).slice(0, 10)
    // routed to the village chief responsible for the reach on that day
    const a = (chiefs.byScope.get(reach.code) ?? []).find((x) => x.level === 'village' && activeOn(x, date))
    if (!a) continue
    const age = (T1 - t) / DAY
    const status =
      age < 30
        ? rng.weighted(['open', 'in_progress', 'closed'], [5, 4, 1])
        : age < 180
          ? rng.weighted(['in_progress', 'closed'], [2, 8])
          : 'closed'
    out.push({
      at: offsetFrom(reach.coords, rng.range(0.05, 0.95), rng.range(10, 80) * (rng.chance(0.5) ? 1 : -1)),
      props: {
        body: rng.pick(REPORTS)(reach.river.name, reach.village.name),
        reported_at: cst(t),
        chief_id: a.chief_id,
        office: reach.basin.office,
        status,
      },
    })
  }
  return out
}
