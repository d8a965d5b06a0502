// Patrol GPS tracks with per-fix times for the demo's last quarter (2023-10-01..2023-12-31), so
// compliance (seed §5(四)) has something to judge: each river and lake chief patrols once in most
// of the calendar windows of their level, walking along their own scope with a fix about every
// minute; some tracks are too short, some follow the wrong river, some hold a GPS jump, and some
// windows go without.
import type { Position } from 'geojson'
import { calendarWindows, SEED_WINDOWS } from '../patrols/windows.ts'
import type { LakeDef } from './basins.ts'
import { activeOn, type ChiefSet } from './chiefs.ts'
import type { Pref } from './context.ts'
import type { Assignment, LayerFeature } from './dataset.ts'
import { lineFeature } from './features.ts'
import { distM, lineLengthM, r7 } from './geo.ts'
import type { Rng } from './random.ts'
import type { Reach } from './reaches.ts'

/** The demo's patrol period: the quarter before the demo's "now" (2024-01-01). */
export const PATROL_PERIOD = { from: '2023-10-01', to: '2023-12-31' } as const

export interface PatrolTrack {
  coords: Position[]
  /** One ISO instant (+08:00) per vertex of coords, in order. */
  times: string[]
  props: { chief_id: string; started_at: string; ended_at: string }
}

type Outcome = 'good' | 'short' | 'wrong_river' | 'gps_jump' | 'none'
const OUTCOMES: Outcome[] = ['good', 'short', 'wrong_river', 'gps_jump', 'none']
const OUTCOME_WEIGHTS = [80, 6, 4, 4, 6]

/** Metres a good patrol walks, by level: at least the 2 km asked of township and village chiefs. */
const WANT_M: Record<Assignment['level'], [number, number]> = {
  city: [5000, 9000],
  county: [4000, 7000],
  township: [3000, 5000],
  village: [2200, 3500],
  village_group: [1000, 2000],
}

/** Share of village chiefs who record their patrols in the app. */
const VILLAGE_APP_SHARE = 0.4

const MINUTE = 60_000
const DAY = 86_400_000
const CST = 8 * 3_600_000

/** ISO instant in China Standard Time, e.g. 2023-10-05T09:12:07+08:00. */
function cst(ms: number): string {
  return `${new Date(ms + CST).toISOString().slice(0, 19)}+08:00`
}

/** A point `m` metres from p towards bearing `deg` (flat-earth step; fine for ≤ a few km). */
function offset(p: Position, m: number, deg: number): Position {
  const a = (deg * Math.PI) / 180
  const kx = Math.cos((p[1] * Math.PI) / 180)
  return [p[0] + (Math.sin(a) * m) / 111_195 / kx, p[1] + (Math.cos(a) * m) / 111_195]
}

/** The route cut to `m` metres from its start. */
function cut(route: Position[], m: number): Position[] {
  const out = [route[0]]
  let left = m
  for (let i = 1; i < route.length && left > 0; i++) {
    const d = distM(route[i - 1], route[i])
    if (d >= left) {
      const t = left / d
      out.push([
        route[i - 1][0] + (route[i][0] - route[i - 1][0]) * t,
        route[i - 1][1] + (route[i][1] - route[i - 1][1]) * t,
      ])
      break
    }
    out.push(route[i])
    left -= d
  }
  return out
}

/** Long enough: walk back along the route on the other bank (10 m over) until `want` metres. */
function outAndBack(route: Position[], want: number): Position[] {
  let out = route
  for (let k = 0; k < 3 && lineLengthM(out) < want; k++) {
    const back = [...route].reverse().map((p) => offset(p, k % 2 ? 0 : 10, 90))
    out = [...out, ...back]
  }
  return cut(out, want)
}

/**
 * GPS fixes along a route: one every `intervalS` seconds at `speed` m/s, each with ~3 m noise,
 * and `pauseMs` of standing still (an outfall inspected) split over up to three stops. Returns the
 * coordinates (rounded as features are, no two alike) and their instants.
 */
function fixes(
  rng: Rng,
  route: Position[],
  startMs: number,
  speed: number,
  intervalS: number,
  pauseMs: number,
) {
  const total = lineLengthM(route)
  const n = Math.max(2, Math.round(total / (speed * intervalS)) + 1)
  const stops = new Set(Array.from({ length: pauseMs > 0 ? rng.int(1, 3) : 0 }, () => rng.int(1, n - 1)))
  const coords: Position[] = []
  const times: number[] = []
  let seg = 1
  let segStart = 0
  let t = startMs
  for (let k = 0; k < n; k++) {
    const along = (total * k) / (n - 1)
    while (seg < route.length - 1 && segStart + distM(route[seg - 1], route[seg]) < along) {
      segStart += distM(route[seg - 1], route[seg])
      seg++
    }
    const a = route[seg - 1]
    const b = route[seg]
    const d = distM(a, b)
    const f = d > 0 ? Math.min(1, (along - segStart) / d) : 0
    const p = offset(
      [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f],
      Math.abs(rng.normal()) * 3,
      rng.range(0, 360),
    )
    const q: Position = [r7(p[0]), r7(p[1])]
    const last = coords[coords.length - 1]
    if (last && last[0] === q[0] && last[1] === q[1]) q[0] = r7(q[0] + 1e-6)
    if (k > 0)
      t += Math.round(intervalS * 1000 * rng.range(0.8, 1.2)) + (stops.has(k) ? pauseMs / stops.size : 0)
    coords.push(q)
    times.push(Math.round(t))
  }
  return { coords, times, stops }
}

interface Scope {
  /** Routes a patrol of this scope may start on: reaches (downstream-walkable) or lake shores. */
  starts: Position[][]
  reaches: Reach[]
}

/**
 * The demo's patrol tracks for one prefecture: for every river and lake chief (role 'chief') in
 * office in PATROL_PERIOD, per calendar window of their level (seed §5(四), windows.ts) one
 * outcome — a good walk along their scope (80 %), a short one (6 %), one along another river
 * (4 %), one with a GPS jump over 150 km/h (4 %), or no patrol (6 %). Deterministic per seed.
 */
export function buildPatrolTracks(
  pref: Pref,
  reaches: Reach[],
  lakes: LakeDef[],
  chiefs: ChiefSet,
): PatrolTrack[] {
  const rng = pref.rng('patrol-tracks')
  const byCode = new Map(reaches.map((r) => [r.code, r]))
  const lakeByCode = new Map(lakes.map((l) => [l.code, l]))
  const areaByCode = new Map(chiefs.areas.map((a) => [a.code, a]))
  const downstream = new Map<number, Reach>()
  for (const r of reaches) downstream.set(r.fromNode, r)

  const held = new Map<string, { level: Assignment['level']; assignments: Assignment[] }>()
  for (const a of chiefs.assignments) {
    if (a.role !== 'chief' || (a.valid_to !== null && a.valid_to <= PATROL_PERIOD.from)) continue
    const key = `${a.chief_id}|${a.level}`
    const h = held.get(key)
    if (h) h.assignments.push(a)
    else held.set(key, { level: a.level, assignments: [a] })
  }

  const scopeOn = (assignments: Assignment[], date: string): Scope => {
    const scope: Scope = { starts: [], reaches: [] }
    for (const a of assignments) {
      if (!activeOn(a, date)) continue
      if (a.scope_kind === 'reach') {
        const r = byCode.get(a.scope_code)
        if (r) scope.reaches.push(r)
      } else if (a.scope_kind === 'lake') {
        const ring = lakeByCode.get(a.scope_code)?.geom[0]?.[0]
        if (ring) scope.starts.push(ring.slice(rng.int(0, ring.length - 2)).concat(ring.slice(1)))
      } else {
        // A city chief's responsibility area outside 滇池 (chiefs.ts): the county's reaches there.
        const area = areaByCode.get(a.scope_code)
        if (area)
          for (const r of reaches)
            if (r.county.code === area.adminCode && r.basin.name !== '滇池') scope.reaches.push(r)
      }
    }
    return scope
  }

  /** Downstream from a reach of the scope, along the same river, for `want` metres. */
  const routeFrom = (scope: Scope, want: number): Position[] | null => {
    if (scope.reaches.length && (!scope.starts.length || rng.chance(0.8))) {
      const first = rng.pick(scope.reaches)
      const route = [...first.coords]
      let cur: Reach | undefined = first
      while (lineLengthM(route) < want && cur) {
        cur = downstream.get(cur.toNode)
        if (!cur || cur.river !== first.river) break
        route.push(...cur.coords.slice(1))
      }
      return outAndBack(route, want)
    }
    return scope.starts.length ? outAndBack(rng.pick(scope.starts), want) : null
  }

  /** A reach of another river, at least 1 km from every vertex of the scope's route. */
  const wrongRiver = (route: Position[]): Reach | null => {
    for (let tries = 0; tries < 20; tries++) {
      const r = rng.pick(reaches)
      const far = r.coords.every((p) => route.every((q) => distM(p, q) > 1000))
      if (far) return r
    }
    return null
  }

  const out: PatrolTrack[] = []
  const taken = new Set<string>()
  for (const [key, { level, assignments }] of held) {
    const kind = SEED_WINDOWS[level]
    if (!kind) continue
    const chiefId = key.slice(0, key.lastIndexOf('|'))
    // Village chiefs are four fifths of the patrols owed; only some record theirs in the app (the
    // others' are on paper, so compliance shows them failing), which keeps the demo's start short.
    if (level === 'village' && !rng.chance(VILLAGE_APP_SHARE)) continue
    for (const w of calendarWindows(kind, PATROL_PERIOD.from, PATROL_PERIOD.to)) {
      let outcome = rng.weighted(OUTCOMES, OUTCOME_WEIGHTS)
      if (outcome === 'none') continue
      const from = Date.parse(`${w.from}T00:00:00Z`)
      const days = (Date.parse(`${w.to}T00:00:00Z`) - from) / DAY + 1
      const day = from + rng.int(0, days - 1) * DAY
      const date = new Date(day).toISOString().slice(0, 10)
      const scope = scopeOn(assignments, date)
      const [lo, hi] = WANT_M[level]
      const want = rng.range(lo, hi)
      let route = routeFrom(scope, want)
      if (!route) continue
      if (outcome === 'wrong_river') {
        const other = wrongRiver(route)
        if (other) route = outAndBack(other.coords, want)
        else outcome = 'short'
      }
      if (outcome === 'short') route = cut(route, rng.range(500, 1500))
      const speed = rng.range(0.9, 1.5)
      const walkMs = (lineLengthM(route) / speed) * 1000
      // A good patrol lasts at least 32 min: slow walkers and stops make up the difference.
      const pauseMs = outcome === 'short' ? 0 : Math.max(0, 32 * MINUTE - walkMs) + rng.range(0, 15) * MINUTE
      let start = day + rng.int(8 * 60, 16 * 60) * MINUTE + rng.int(0, 59) * 1000 - CST
      while (taken.has(`${chiefId}|${start}`)) start += MINUTE
      taken.add(`${chiefId}|${start}`)
      const track = fixes(rng, route, start, speed, rng.range(45, 75), pauseMs)
      // A jump needs a fix with fixes on both sides; a track of two fixes (a very short route) keeps none.
      if (outcome === 'gps_jump' && track.coords.length >= 3) {
        // A fix 5–9 km off between two fixes under 90 s apart: over 200 km/h. Not beside a stop.
        let k = rng.int(1, track.coords.length - 2)
        for (let i = 0; i < track.coords.length && (track.stops.has(k) || track.stops.has(k + 1)); i++)
          k = 1 + (k % (track.coords.length - 2))
        const p = offset(track.coords[k], rng.range(5000, 9000), rng.range(0, 360))
        track.coords[k] = [r7(p[0]), r7(p[1])]
      }
      out.push({
        coords: track.coords,
        times: track.times.map(cst),
        props: {
          chief_id: chiefId,
          started_at: cst(track.times[0]),
          ended_at: cst(track.times[track.times.length - 1]),
        },
      })
    }
  }
  return out
}

/**
 * The layer feature of a track: the registry's attributes, and the fix times in
 * `properties.times` as POST /api/patrols takes them (the demo loader writes them to
 * patrols.times). Throws if rounding merged two fixes, which would misalign the times.
 */
export function patrolFeature(track: PatrolTrack): LayerFeature | null {
  const f = lineFeature('patrols', track.coords, track.props)
  if (!f) return null
  if (f.geometry.type !== 'LineString' || f.geometry.coordinates.length !== track.times.length)
    throw new Error(
      `patrol of ${track.props.chief_id} at ${track.props.started_at}: fixes merged by rounding`,
    )
  f.properties.times = track.times
  return f
}
