// Sewage outfalls along the rivers, and what the other activity builders share (signboards.ts,
// reports.ts, patrols.ts): offsets from a reach, the demo period and China Standard Time stamps.
import type { Position } from 'geojson'
import type { Pref } from './context.ts'
import { pointAlong, r7 } from './geo.ts'
import { shortName } from './names.ts'
import type { Reach } from './reaches.ts'

export interface PointItem {
  at: Position
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
