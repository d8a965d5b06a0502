// Monitoring sections on reaches and in lakes, and three years of monthly water-quality measurements.
// Classes follow GB 3838-2002 (surface water, river limits for TP): a sample's class is the
// worst class of its indicators, so the generator draws values first and derives the class.
import * as turf from '@turf/turf'
import type { Position } from 'geojson'
import type { LakeDef } from './basins.ts'
import type { Pref } from './context.ts'
import type { Measurement } from './dataset.ts'
import type { Rng } from './random.ts'
import type { Reach } from './reaches.ts'
import type { RiverDef } from './rivers.ts'

export const CLASSES = ['I', 'II', 'III', 'IV', 'V', 'worse_than_V'] as const
type WaterClass = (typeof CLASSES)[number]

// Upper limits of classes I..V (mg/L).
const LIMITS = {
  cod: [15, 15, 20, 30, 40],
  nh3n: [0.15, 0.5, 1.0, 1.5, 2.0],
  tp: [0.02, 0.1, 0.2, 0.3, 0.4],
} as const
type Indicator = keyof typeof LIMITS
const DECIMALS: Record<Indicator, number> = { cod: 1, nh3n: 3, tp: 3 }

export function classOf(ind: Indicator, v: number): number {
  const l = LIMITS[ind]
  for (let i = 0; i < l.length; i++) if (v <= l[i]) return i
  return 5
}

export function sampleClass(cod: number, nh3n: number, tp: number): WaterClass {
  return CLASSES[Math.max(classOf('cod', cod), classOf('nh3n', nh3n), classOf('tp', tp))]
}

/** Value band (lo, hi] of class c for an indicator; null when the band is empty (COD II). */
function band(ind: Indicator, c: number): [number, number] | null {
  const l = LIMITS[ind]
  const lo = c === 0 ? l[0] * 0.25 : l[c - 1]
  const hi = c === 5 ? l[4] * 2.5 : l[c]
  return hi > lo ? [lo, hi] : null
}

function drawSample(rng: Rng, c: number): { cod: number; nh3n: number; tp: number } {
  const inds: Indicator[] = ['cod', 'nh3n', 'tp']
  const drivers = inds.filter((i) => band(i, c))
  const driver = rng.pick(drivers)
  const v: Record<Indicator, number> = { cod: 0, nh3n: 0, tp: 0 }
  for (const ind of inds) {
    let b = ind === driver ? band(ind, c) : null
    if (!b) {
      const k = rng.int(Math.max(0, c - 2), c)
      b = band(ind, k) ?? band(ind, 0)
    }
    const [lo, hi] = b as [number, number]
    const f = 10 ** DECIMALS[ind]
    // strictly inside (lo, hi] after rounding
    v[ind] = Math.min(
      hi,
      Math.max(Math.ceil((lo + (hi - lo) * rng.range(0.05, 1)) * f) / f, Math.ceil(lo * f + 1) / f),
    )
  }
  return v
}

export interface Section {
  code: string
  name: string
  /** null for a section in a natural lake (滇池, 阳宗海): it lies on no river. */
  river: RiverDef | null
  /** null for a section in a lake or reservoir rather than on a reach. */
  reach: Reach | null
  level: 'national' | 'provincial' | 'city' | 'county'
  target: WaterClass
  at: Position
}

/** A vertex of the reach near `fraction` of its vertices: exactly on the line. */
function vertexOn(reach: Reach, fraction: number): Position {
  const n = reach.coords.length
  if (n < 3) return reach.coords[0]
  return reach.coords[Math.min(n - 2, Math.max(1, Math.round((n - 1) * fraction)))]
}

export function buildSections(pref: Pref, rivers: RiverDef[], reaches: Reach[], lakes: LakeDef[]): Section[] {
  const rng = pref.rng('sections')
  const byRiver = new Map<RiverDef, Reach[]>()
  for (const r of reaches) byRiver.set(r.river, [...(byRiver.get(r.river) ?? []), r])
  const target = Math.max(4, Math.round(rivers.length / 4))
  const sections: Section[] = []
  const used = new Set<Reach>()
  let n = 0
  const add = (
    river: RiverDef,
    reach0: Reach | undefined,
    what: string,
    level: Section['level'],
    t: WaterClass,
    f = 0.85,
  ) => {
    // a section needs an interior vertex, which a two-point reach lacks: use a neighbour then
    const list = byRiver.get(river) ?? []
    let reach = reach0
    if (reach && reach.coords.length < 3) {
      const i = list.indexOf(reach)
      reach = [list[i - 1], list[i + 1], list[i - 2], list[i + 2]].find((r) => r && r.coords.length >= 3)
    }
    if (!reach || used.has(reach)) return
    used.add(reach)
    sections.push({
      code: `${pref.abbr}-JC-${String(++n).padStart(3, '0')}`,
      name: `${river.name}${what}断面`,
      river,
      reach,
      level,
      target: t,
      at: vertexOn(reach, f),
    })
  }
  const lastReach = (r: RiverDef) => {
    const l = byRiver.get(r) ?? []
    return l[l.length - 1]
  }
  const sorted = [...rivers].sort((a, b) => b.areaKm2 - a.areaKm2)
  // Trunks: where they enter and where they leave.
  for (const r of sorted.filter((r) => r.trunk)) {
    const l = byRiver.get(r) ?? []
    if (r.parts[0]?.inflow) add(r, l[0], r.name === '螳螂川' ? '海口' : '入境', 'provincial', 'III', 0.2)
    add(r, l[l.length - 1], '出境', 'national', r.name === '螳螂川' ? 'IV' : 'III')
  }
  // 滇池 inflows: a section at every mouth (入湖口), the largest ones assessed nationally.
  sorted
    .filter((r) => r.basin.name === '滇池' && r.grade === 1)
    .forEach((r, i) => {
      add(r, lastReach(r), '入湖口', i < 4 ? 'national' : i < 12 ? 'provincial' : 'city', i < 6 ? 'IV' : 'V')
    })
  // 阳宗海 inflows and the other main rivers.
  for (const r of sorted.filter((r) => r.basin.name === '阳宗海' && r.grade === 1).slice(0, 2))
    add(r, lastReach(r), '入湖口', 'provincial', 'III')
  for (const r of sorted.filter((r) => !r.trunk && r.basin.name !== '滇池' && r.basin.name !== '阳宗海')) {
    if (sections.length >= target) break
    const what = r.parent ? `汇入${r.parent.name}前` : '出境'
    add(
      r,
      lastReach(r),
      what,
      r.management === 'city' ? 'city' : 'county',
      rng.pick(['II', 'III', 'III', 'IV']),
    )
  }
  for (const s of lakeSections(pref, lakes, rivers))
    sections.push({ ...s, code: `${pref.abbr}-JC-${String(++n).padStart(3, '0')}` })
  return sections
}

/**
 * Sections in the water bodies the 2020 targets judge by their own water (seed §2): two in 滇池
 * (its north and south halves, as 草海 and 外海 are monitored apart), one in 阳宗海, and one in
 * each drinking-water source reservoir (inside its first-grade zone). Own random stream, and
 * numbered after the river sections, so those and their measurements stay as they were.
 */
function lakeSections(pref: Pref, lakes: LakeDef[], rivers: RiverDef[]): Omit<Section, 'code'>[] {
  const rng = pref.rng('lake-sections')
  const out: Omit<Section, 'code'>[] = []
  const shoreM = (l: LakeDef, p: Position) =>
    Math.min(
      ...l.geom.flatMap((poly) =>
        poly.map((ring) => turf.pointToLineDistance(p, turf.lineString(ring), { units: 'meters' })),
      ),
    )
  // Open water, away from the shore (and from the inflow sections at the mouths).
  const inside = (l: LakeDef, half?: 'north' | 'south', minShoreM = 300): Position => {
    const poly = turf.multiPolygon(l.geom)
    const [w, s, e, n] = turf.bbox(poly)
    const mid = (s + n) / 2
    const [lo, hi] = half === 'north' ? [mid, n] : half === 'south' ? [s, mid] : [s, n]
    for (let i = 0; i < 500; i++) {
      const p = [rng.range(w, e), rng.range(lo, hi)].map((v) => Math.round(v * 1e6) / 1e6)
      if (turf.booleanPointInPolygon(p, poly) && shoreM(l, p) > minShoreM) return p
    }
    return turf.pointOnFeature(poly).geometry.coordinates
  }
  const riverOf = (l: LakeDef) => rivers.find((r) => r.code === l.riverCode) ?? null
  for (const l of lakes) {
    if (l.name === '滇池') {
      out.push({
        name: '滇池北部湖体断面',
        river: null,
        reach: null,
        level: 'national',
        target: 'IV',
        at: inside(l, 'north'),
      })
      out.push({
        name: '滇池南部湖体断面',
        river: null,
        reach: null,
        level: 'national',
        target: 'IV',
        at: inside(l, 'south'),
      })
    } else if (l.name === '阳宗海')
      out.push({
        name: '阳宗海湖体断面',
        river: null,
        reach: null,
        level: 'provincial',
        target: 'III',
        at: inside(l),
      })
    else if (l.source)
      out.push({
        name: `${l.name}库区断面`,
        river: riverOf(l),
        reach: null,
        level: 'city',
        target: 'II',
        at: inside(l, undefined, 50),
      })
  }
  return out
}

export function buildMeasurements(pref: Pref, sections: Section[]): Measurement[] {
  const rng = pref.rng('measurements')
  const out: Measurement[] = []
  for (const s of sections) {
    const t = CLASSES.indexOf(s.target)
    // ~15 % of the sections miss their target most of the time (cf. the seed's 2020 goals).
    const failing = rng.chance(0.15)
    const base = failing ? Math.min(5, t + rng.int(1, 2)) : Math.max(0, t - (rng.chance(0.3) ? 1 : 0))
    for (let year = 2021; year <= 2023; year++)
      for (let m = 1; m <= 12; m++) {
        let c = base + rng.weighted([-1, 0, 1], [20, 68, 12])
        if (m >= 6 && m <= 9 && rng.chance(0.2)) c++ // first flush in the rainy season
        if (failing && year === 2023 && rng.chance(0.5)) c-- // remediation starts to show
        c = Math.max(0, Math.min(5, c))
        const v = drawSample(rng, c)
        out.push({
          section_code: s.code,
          measured_on: `${year}-${String(m).padStart(2, '0')}-${String(rng.int(5, 20)).padStart(2, '0')}`,
          water_class: sampleClass(v.cod, v.nh3n, v.tp),
          cod_mg_l: v.cod,
          nh3n_mg_l: v.nh3n,
          tp_mg_l: v.tp,
        })
      }
  }
  return out
}
