// Rivers: one drainage network per basin (network.ts), turned into named, coded, graded rivers
// with meandering lines. A river is a MultiLineString because a trunk such as 南盘江 can leave
// and re-enter the city; every part runs upstream → downstream.
import type { Position } from 'geojson'
import type { Basin } from './basins.ts'
import type { Pref } from './context.ts'
import { differenceMC, distM, type MultiCoords, ringsOf, round7, samePos, type XY } from './geo.ts'
import { DIANCHI_MOUTHS, KM_RIVER_HINTS, YANGZONGHAI_RIVERS } from './kunming.ts'
import { buildNetwork, type Network, type Stream } from './network.ts'
import { PolygonIndex } from './planar.ts'
import type { Rng } from './random.ts'

export type EndKind = 'lake' | 'border' | 'junction'

export interface RiverPart {
  coords: Position[]
  /** The first vertex takes water from outside the city (trunk inflow, 滇池 outflow). */
  inflow: boolean
  end: EndKind
}

export interface RiverDef {
  code: string
  name: string
  kind: 'river' | 'canal'
  grade: number
  parent: RiverDef | null
  basin: Basin
  management: 'city' | 'county' | 'township'
  parts: RiverPart[]
  /** Upstream drainage area at the mouth, km² (inside the city, plus inflow for trunks). */
  areaKm2: number
  trunk: boolean
}

/** Meander a node path: displaced edge midpoints, then one round of Chaikin corner cutting.
 * Junction vertices stay fixed (tributaries must meet the parent exactly there) and edges at
 * junctions are not displaced, so two rivers meeting at a node cannot cross near it. */
function meander(pts: XY[], fixed: boolean[], rng: Rng): XY[] {
  const a: XY[] = []
  const fx: boolean[] = []
  // bends swing smoothly from side to side over a few edges instead of a saw-tooth
  const phase = rng.range(0, 2 * Math.PI)
  const period = rng.range(2.5, 4.5)
  for (let i = 0; i < pts.length; i++) {
    a.push(pts[i])
    fx.push(fixed[i])
    if (i === pts.length - 1) break
    const p = pts[i]
    const q = pts[i + 1]
    if (fixed[i] || fixed[i + 1]) continue
    const dx = q[0] - p[0]
    const dy = q[1] - p[1]
    const off = 0.12 * Math.sin(phase + (2 * Math.PI * i) / period) + rng.range(-0.02, 0.02)
    a.push([(p[0] + q[0]) / 2 - dy * off, (p[1] + q[1]) / 2 + dx * off])
    fx.push(false)
  }
  return chaikin(chaikin({ pts: a, fixed: fx })).pts
}

/** One round of Chaikin corner cutting that leaves fixed vertices in place. */
function chaikin({ pts, fixed }: { pts: XY[]; fixed: boolean[] }): { pts: XY[]; fixed: boolean[] } {
  const out: XY[] = [pts[0]]
  const fo: boolean[] = [true]
  for (let i = 1; i < pts.length - 1; i++) {
    const v = pts[i]
    if (fixed[i]) {
      out.push(v)
      fo.push(true)
      continue
    }
    const p = pts[i - 1]
    const n = pts[i + 1]
    out.push([v[0] + (p[0] - v[0]) * 0.25, v[1] + (p[1] - v[1]) * 0.25])
    out.push([v[0] + (n[0] - v[0]) * 0.25, v[1] + (n[1] - v[1]) * 0.25])
    fo.push(false, false)
  }
  out.push(pts[pts.length - 1])
  fo.push(true)
  return { pts: out, fixed: fo }
}

function streamLine(net: Network, st: Stream, rng: Rng): XY[] {
  const raw: XY[] = st.nodes.map((n) => [net.x[n], net.y[n]])
  const fixed = st.nodes.map((n, i) => i === 0 || i === st.nodes.length - 1 || net.junctions.has(n))
  const smooth = meander(raw, fixed, rng)
  // The last vertex of a lake river lies on the lake ring: test the final segment 1 m short.
  const ok = smooth.every((p, i) => {
    if (i === 0) return true
    const q = smooth[i - 1]
    let r = p
    if (i === smooth.length - 1 && st.outlet === 'lake') {
      const len = Math.hypot(p[0] - q[0], p[1] - q[1])
      r = [p[0] + ((q[0] - p[0]) / len) * 1, p[1] + ((q[1] - p[1]) / len) * 1]
      if (len < 1.5) return true
    }
    return !net.touchesBoundary(q, r)
  })
  return ok ? smooth : raw
}

export function buildRivers(pref: Pref, basins: Basin[]): RiverDef[] {
  const rng = pref.rng('rivers')
  const dens = pref.density
  const rivers: RiverDef[] = []
  const space = `river:${pref.code6}`
  // real names are never drawn again for generated rivers
  const fixed = [
    ...DIANCHI_MOUTHS.flatMap((m) => [m.name, ...(m.tributaries ?? []).map((t) => t.name)]),
    ...YANGZONGHAI_RIVERS,
    ...KM_RIVER_HINTS.map((h) => h.name),
    ...basins.flatMap((b) => b.trunks.map((t) => t.name)),
  ]
  for (const n of fixed) pref.names.reserve(space, n)

  for (const basin of basins) {
    const lake = basin.lake
    const region = lake ? differenceMC(basin.geom, lake.geom) : basin.geom
    if (!region.length) continue
    const area = basin.geom.length ? regionArea(region) : 0
    let sinks: { at: Position; bonusM: number }[] = []
    let names: string[] = []
    if (lake?.name === '滇池') {
      sinks = DIANCHI_MOUTHS.map((m) => ({ at: m.at, bonusM: m.bonusKm * 1000 }))
      names = DIANCHI_MOUTHS.map((m) => m.name)
    } else if (lake) {
      sinks = lakeMouths(lake.geom, region, rng, 5)
      names = YANGZONGHAI_RIVERS
    }
    const spacing = lake ? 400 : 600
    const target = Math.max(1, Math.round((lake?.name === '滇池' ? 35 : lake ? 5 : area / 120) * dens))
    const net = buildNetwork({
      region,
      outline: pref.outline,
      proj: pref.proj,
      spacing,
      rng: pref.rng(`network:${basin.tag}`),
      sinks,
      borderEvery: lake ? 0 : 30000,
      trunks: basin.trunks,
      target,
    })
    const cellKm2 = (0.866 * spacing * spacing) / 1e6
    const lines = net.streams.map((st) => streamLine(net, st, rng).map((p) => round7(pref.proj.inv(p))))

    // One river per stream; trunk streams with the same name become parts of one river.
    const byStream: RiverDef[] = []
    const trunkRiver = new Map<string, RiverDef>()
    const basinRivers: RiverDef[] = []
    net.streams.forEach((st, i) => {
      const coords = dedupe(lines[i])
      const part: RiverPart = {
        coords,
        inflow: st.inflow,
        end: st.parent !== null ? 'junction' : st.outlet === 'lake' ? 'lake' : 'border',
      }
      const parentRiver = st.parent === null ? null : byStream[st.parent]
      if (st.trunk) {
        const existing = trunkRiver.get(st.trunk)
        if (existing) {
          existing.parts.push(part)
          existing.areaKm2 = Math.max(existing.areaKm2, st.size * cellKm2)
          byStream.push(existing)
          return
        }
      }
      const r: RiverDef = {
        code: '',
        name: st.trunk ?? (st.sink !== undefined && names[st.sink] ? names[st.sink] : ''),
        kind: 'river',
        grade: parentRiver ? parentRiver.grade + 1 : 1,
        parent: parentRiver,
        basin,
        management: 'township',
        parts: [part],
        areaKm2: st.size * cellKm2,
        trunk: Boolean(st.trunk),
      }
      if (st.trunk) trunkRiver.set(st.trunk, r)
      byStream.push(r)
      basinRivers.push(r)
    })
    if (lake && lake.name !== '滇池') {
      // 阳宗海 inflows: names in order of size
      basinRivers
        .filter((r) => !r.parent)
        .sort((a, b) => b.areaKm2 - a.areaKm2)
        .forEach((r, i) => {
          if (names[i]) r.name = names[i]
        })
    }
    if (lake?.name === '滇池') {
      for (const m of DIANCHI_MOUTHS) {
        const main = basinRivers.find((r) => r.name === m.name)
        if (!main || !m.tributaries) continue
        const tribs = basinRivers.filter((r) => r.parent === main && !r.name)
        for (const hint of m.tributaries) {
          const best = nearestRiver(
            tribs.filter((t) => !t.name),
            hint.near,
          )
          if (best) best.name = hint.name
        }
      }
    }
    if (pref.kunming && !lake) {
      for (const hint of KM_RIVER_HINTS.filter((h) => h.basin === basin.name)) {
        // real names go to main rivers or direct tributaries of a trunk, never to a twig
        const big = basinRivers
          .filter((r) => !r.trunk && !r.name && (!r.parent || r.parent.trunk))
          .sort((a, b) => b.areaKm2 - a.areaKm2)
        const best = nearestRiver(big.slice(0, Math.max(3, Math.ceil(big.length * 0.3))), hint.near)
        if (best) best.name = hint.name
      }
    }
    rivers.push(...basinRivers)
  }

  // Names, kinds, management levels and codes.
  const nonTrunk = rivers.filter((r) => !r.trunk && r.basin.name !== '滇池')
  const maxArea = Math.max(1, ...nonTrunk.map((r) => r.areaKm2))
  for (const r of rivers) {
    const urban = r.basin.name === '滇池'
    if (!r.name) r.name = pref.names.riverName(space, urban && r.grade > 1 && rng.chance(0.15))
    if (/(渠|大沟|干渠)$/.test(r.name)) r.kind = 'canal'
    if (r.trunk) r.management = 'city'
    else if (r.basin.name === '滇池') r.management = r.grade === 1 ? 'city' : 'county'
    else if (r.areaKm2 >= 0.3 * maxArea) r.management = 'city'
    else if (r.areaKm2 >= 0.06 * maxArea || r.grade === 1) r.management = 'county'
    else r.management = 'township'
  }
  const counters = new Map<string, number>()
  const ordered = [...rivers].sort(
    (a, b) => Number(b.trunk) - Number(a.trunk) || a.grade - b.grade || b.areaKm2 - a.areaKm2,
  )
  for (const r of ordered) {
    const n = (counters.get(r.basin.tag) ?? 0) + 1
    counters.set(r.basin.tag, n)
    r.code = `${pref.abbr}-${r.basin.tag}-${String(n).padStart(3, '0')}`
  }
  // Parents first, so that a tributary's parent code always refers to an earlier river.
  return ordered
}

function dedupe(coords: Position[]): Position[] {
  const out: Position[] = []
  for (const p of coords) if (!out.length || !samePos(out[out.length - 1], p)) out.push(p)
  return out
}

function regionArea(mc: MultiCoords): number {
  let a = 0
  for (const poly of mc) {
    const lat = poly[0][0][1]
    const k = 111.195 * 111.195 * Math.cos((lat * Math.PI) / 180)
    for (let r = 0; r < poly.length; r++) {
      let s = 0
      const ring = poly[r]
      for (let i = 1; i < ring.length; i++) s += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1]
      a += (Math.abs(s) / 2) * k * (r === 0 ? 1 : -1)
    }
  }
  return a
}

function nearestRiver(rs: RiverDef[], p: Position): RiverDef | null {
  let best: RiverDef | null = null
  let bd = Infinity
  for (const r of rs)
    for (const part of r.parts)
      for (const q of part.coords) {
        const d = distM(p, q)
        if (d < bd) {
          bd = d
          best = r
        }
      }
  return best
}

/** Mouths for a generic lake: spread along the part of its shore that lies in the region. */
function lakeMouths(lake: MultiCoords, region: MultiCoords, rng: Rng, n: number) {
  const idx = new PolygonIndex(ringsOf(region), 0.01)
  const ring = lake[0][0]
  const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length
  const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length
  const cands: Position[] = []
  for (let i = 1; i < ring.length; i++)
    for (let k = 0; k < 4; k++) {
      const t = k / 4
      const p: Position = [
        ring[i - 1][0] + (ring[i][0] - ring[i - 1][0]) * t,
        ring[i - 1][1] + (ring[i][1] - ring[i - 1][1]) * t,
      ]
      // a point just off the shore, away from the lake centre, must be in the region
      const out: Position = [p[0] + (p[0] - cx) * 0.05, p[1] + (p[1] - cy) * 0.05]
      if (idx.contains(out)) cands.push(p)
    }
  const picked: Position[] = []
  for (let k = 0; k < n && cands.length; k++) {
    let best = cands[Math.floor(rng.next() * cands.length)]
    if (picked.length) {
      let bd = -1
      for (const c of cands) {
        const d = Math.min(...picked.map((p) => distM(p, c)))
        if (d > bd) {
          bd = d
          best = c
        }
      }
    }
    picked.push(best)
  }
  return picked.map((at) => ({ at, bonusM: rng.range(0, 2000) }))
}
