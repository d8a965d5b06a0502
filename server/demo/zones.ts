// Regulatory polygons: blue lines, shoreline function zones, drinking-water source protection
// zones, red/yellow/green water-resource zones, groundwater zones and water function zones.
// Shoreline bands are buffered per (river, county) from that county's reaches and cut at the
// county border, so zones of one river meet there without overlapping.
import * as turf from '@turf/turf'
import type { Position } from 'geojson'
import type { LakeDef } from './basins.ts'
import type { Pref } from './context.ts'
import {
  clipToBig,
  clipToBox,
  differenceMC,
  distM,
  type MultiCoords,
  multiOf,
  normalizeMulti,
} from './geo.ts'
import { KM_CENTRE, KM_HOT_SPRINGS } from './kunming.ts'
import { shortName } from './names.ts'
import type { AdminUnit, Partition } from './partition.ts'
import { dissolveOrUnion } from './planar.ts'
import type { Reach } from './reaches.ts'
import type { RiverDef } from './rivers.ts'

export interface Zone {
  geom: MultiCoords
  props: Record<string, string | number | null>
  /** Shoreline zones: the water they border (the river's lines, or the lake's rings), from which
   * shoreline-lines.ts draws the zone's control lines. Not a property of the feature. */
  water?: { kind: 'river' | 'lake'; key: string; lines: Position[][] }
}

export interface Zones {
  blueLines: Zone[]
  shoreline: Zone[]
  sources: Zone[]
  resources: Zone[]
  groundwater: Zone[]
  functions: Zone[]
}

/** Buffer lines (lon/lat) by `km`. The lines are simplified first because JSTS (and the
 * overlays after it) cost grows with vertices: by ≈12 m, or ≈30 m for bands of 100 m and more,
 * where that still keeps the river well inside its band. */
export function bufferLines(lines: Position[][], km: number): MultiCoords {
  const tolerance = km >= 0.1 ? 0.0003 : 0.00012
  const f = turf.simplify(turf.multiLineString(lines), { tolerance, highQuality: false })
  const b = turf.buffer(f, km, { units: 'kilometers', steps: 4 })
  return b ? normalizeMulti(multiOf(b.geometry)) : []
}

export function bufferPolygon(mc: MultiCoords, km: number): MultiCoords {
  const b = turf.buffer(turf.multiPolygon(mc), km, { units: 'kilometers', steps: 6 })
  return b ? normalizeMulti(multiOf(b.geometry)) : []
}

const RULES = {
  red: '用水总量已达到或超过控制指标，暂停审批建设项目新增取水许可，严禁开采地下水。',
  yellow: '用水总量接近控制指标，限制审批新增取水许可，严格执行用水定额和节水“三同时”。',
  green: '用水总量在控制指标以内，按规定审批取水许可，加强计划用水和节约用水管理。',
} as const
const COLOUR_ZH = { red: '红色', yellow: '黄色', green: '绿色' } as const

export function buildZones(
  pref: Pref,
  part: Partition,
  rivers: RiverDef[],
  reaches: Reach[],
  lakes: LakeDef[],
): Zones {
  const rng = pref.rng('zones')
  const city = pref.outline
  const short = pref.name[0]
  const z: Zones = {
    blueLines: [],
    shoreline: [],
    sources: [],
    resources: [],
    groundwater: [],
    functions: [],
  }
  const main = rivers.filter((r) => r.management === 'city' || r.basin.name === '滇池')
  const sourceRivers = new Set(lakes.filter((l) => l.source).map((l) => l.riverCode))
  const doc = (kind: string) => `${short}${kind}〔${rng.int(2012, 2019)}〕${rng.int(3, 160)}号`

  // Buffers of lakes are needed for blue lines and shoreline rings alike: compute each once.
  const lakeBuffers = new Map<string, MultiCoords>()
  const lakeBuffer = (l: LakeDef, km: number) => {
    const k = `${l.code}|${km}`
    let b = lakeBuffers.get(k)
    if (!b) {
      b = bufferPolygon(l.geom, km)
      lakeBuffers.set(k, b)
    }
    return b
  }
  let wfz = 0
  const wfzCode = () => `${pref.abbr}-SGN-${String(++wfz).padStart(3, '0')}`

  // --- blue lines (the protected water area) of main rivers, lakes, city-level reservoirs, and
  // one water function zone per main river over the same area ----------------------------
  for (const r of main) {
    const geom = bufferLines(
      r.parts.map((p) => p.coords),
      r.management === 'city' ? 0.05 : 0.03,
    )
    if (!geom.length) continue
    z.blueLines.push({ geom, props: { name: `${r.name}蓝线`, water_name: r.name, approval: doc('规') } })
    const urban = r.basin.name === '滇池'
    const [type, target] = sourceRivers.has(r.code)
      ? ['饮用水源区', 'II']
      : urban
        ? rng.pick([
            ['景观娱乐用水区', 'IV'],
            ['工业用水区', 'IV'],
            ['过渡区', 'III'],
          ])
        : rng.pick([
            ['农业用水区', 'IV'],
            ['保留区', 'III'],
            ['缓冲区', 'III'],
            ['保护区', 'II'],
          ])
    z.functions.push({
      geom,
      props: {
        code: wfzCode(),
        name: `${r.name}${shortName(pref.name)}${type}`,
        river_code: r.code,
        target_class: target,
        important: r.management === 'city' ? 1 : 0,
      },
    })
  }
  for (const l of lakes.filter((l) => l.kind === 'lake' || l.management === 'city')) {
    const geom = lakeBuffer(l, 0.1)
    z.blueLines.push({ geom, props: { name: `${l.name}蓝线`, water_name: l.name, approval: doc('规') } })
  }

  // --- bands per (river, county): shoreline zones (100 m) and water function zones (50 m) --
  const groups = new Map<string, { river: RiverDef; county: AdminUnit; reaches: Reach[] }>()
  for (const r of reaches) {
    if (!main.includes(r.river)) continue
    const k = `${r.river.code}|${r.county.code}`
    const g = groups.get(k)
    if (g) g.reaches.push(r)
    else groups.set(k, { river: r.river, county: r.county, reaches: [r] })
  }
  // Shoreline zones per (river, county). Where a river crosses into another county, the two counties' bands would overlap by the
  // buffer radius. Cutting each band by the *neighbouring* county, clipped to a small window
  // around the crossing, removes exactly that overlap; clipping the whole band by its own
  // county (turf.intersect against a 1,000-vertex county) would cost ~30 ms per band.
  const upOf = new Map<number, Reach>()
  const downOf = new Map<number, Reach>()
  for (const r of reaches) {
    upOf.set(r.toNode, r)
    downOf.set(r.fromNode, r)
  }
  const cuttersFor = (rs: Reach[], county: AdminUnit): MultiCoords[] => {
    const out: MultiCoords[] = []
    for (const r of rs) {
      for (const [n, at] of [
        [upOf.get(r.fromNode), r.coords[0]],
        [downOf.get(r.toNode), r.coords[r.coords.length - 1]],
      ] as const) {
        if (!n || n.river !== r.river || n.county === county) continue
        const d = 0.006
        out.push(clipToBox(n.county.geom, [at[0] - d, at[1] - d, at[0] + d, at[1] + d]))
      }
    }
    return out.filter((c) => c.length)
  }
  for (const { river, county, reaches: rs } of groups.values()) {
    const lines = rs.map((r) => r.coords)
    const cutters = cuttersFor(rs, county)
    const shore = differenceMC(bufferLines(lines, 0.1), ...cutters)
    const protectedRiver = sourceRivers.has(river.code)
    const fn = protectedRiver
      ? 'protection'
      : county.urban && river.basin.name === '滇池'
        ? rng.chance(0.6)
          ? 'development'
          : 'controlled_use'
        : rng.weighted(['reserve', 'controlled_use', 'protection', 'development'], [4, 3, 2, 1])
    if (shore.length)
      z.shoreline.push({
        geom: shore,
        props: { name: `${river.name}${shortName(county.name)}段岸线`, water_name: river.name, function: fn },
        water: { kind: 'river', key: river.code, lines: river.parts.map((p) => p.coords) },
      })
  }
  // lakes: shoreline rings cut by county, and one function zone per lake / source reservoir
  for (const l of lakes.filter((l) => l.kind === 'lake' || l.source)) {
    const ring = differenceMC(lakeBuffer(l, 0.1), l.geom)
    for (const c of part.counties) {
      const geom = clipToBig(ring, c.geom)
      if (!geom.length) continue
      const fn =
        l.source || l.name === '阳宗海'
          ? 'protection'
          : c.urban
            ? rng.pick(['development', 'controlled_use'])
            : 'reserve'
      z.shoreline.push({
        geom,
        props: { name: `${l.name}${shortName(c.name)}岸线`, water_name: l.name, function: fn },
        water: { kind: 'lake', key: l.code, lines: l.geom.flat() },
      })
    }
    const [type, target] = l.source
      ? ['饮用水源区', 'II']
      : l.name === '滇池'
        ? ['景观娱乐、工业用水区', 'IV']
        : ['保护区', 'III']
    z.functions.push({
      geom: l.geom,
      props: {
        code: wfzCode(),
        name: `${l.name}${type}`,
        river_code: l.riverCode ?? null,
        target_class: target,
        important: 1,
      },
    })
  }
  const fns = new Set(z.shoreline.map((s) => s.props.function))
  ;(['protection', 'reserve', 'controlled_use', 'development'] as const).forEach((f, i) => {
    if (!fns.has(f) && z.shoreline.length > i) z.shoreline[z.shoreline.length - 1 - i].props.function = f
  })

  // --- drinking-water source protection zones (rings: first ⊂ second's hole ⊂ quasi's hole)
  for (const l of lakes.filter((l) => l.source)) {
    const first = clipToBig(bufferPolygon(l.geom, 0.3), city)
    const outer2 = clipToBig(bufferPolygon(l.geom, 2), city)
    const second = differenceMC(outer2, first)
    const src = `${l.name}饮用水水源地`
    const zone = (geom: MultiCoords, grade: string, zh: string) => {
      if (geom.length)
        z.sources.push({
          geom,
          props: {
            name: `${l.name}饮用水水源${zh}`,
            source_name: src,
            grade,
            source_type: 'reservoir',
            // A reservoir source is of the level that manages the reservoir (seed §4(四)2).
            source_level: l.management,
          },
        })
    }
    zone(first, 'first', '一级保护区')
    zone(second, 'second', '二级保护区')
    if (l.source?.quasi)
      zone(differenceMC(clipToBig(bufferPolygon(l.geom, 4), city), outer2), 'quasi', '准保护区')
  }

  // --- red / yellow / green water-resource zones, by county --------------------------------
  const seen = new Set<string>()
  part.counties.forEach((c, i) => {
    let colour = c.colour ?? 'green'
    if (i === part.counties.length - 1)
      for (const k of ['red', 'yellow', 'green'] as const) if (!seen.has(k)) colour = k
    seen.add(colour)
    z.resources.push({
      geom: c.geom,
      props: { name: `${c.name}水资源${COLOUR_ZH[colour]}管理区`, colour, rule: RULES[colour] },
    })
  })

  // --- groundwater: cold-water zones around the urban core, hot-water zones at springs -----
  const centre = pref.kunming ? KM_CENTRE : part.city.seed
  const near = (t: AdminUnit, km: number) => distM(t.seed, centre) < km * 1000
  const core = part.townships.filter((t) => near(t, 10))
  const ring = part.townships.filter((t) => !near(t, 10) && near(t, 22))
  const coreGeom = dissolveOrUnion((core.length ? core : [part.townships[0]]).map((t) => t.geom))
  z.groundwater.push({
    geom: coreGeom,
    props: { name: `${pref.name}主城区地下水禁采区`, kind: 'prohibited', water: 'cold' },
  })
  if (ring.length)
    z.groundwater.push({
      geom: dissolveOrUnion(ring.map((t) => t.geom)),
      props: { name: `${pref.name}城郊地下水限采区`, kind: 'restricted', water: 'cold' },
    })
  const springs = pref.kunming
    ? KM_HOT_SPRINGS
    : [
        {
          name: `${part.counties[part.counties.length - 1].name.slice(0, 2)}温泉`,
          at: part.counties[part.counties.length - 1].seed,
        },
      ]
  for (const s of springs) {
    const inner = clipToBig(
      normalizeMulti(multiOf(turf.circle(s.at, 1.5, { units: 'kilometers', steps: 32 }).geometry)),
      city,
    )
    const outer = clipToBig(
      normalizeMulti(multiOf(turf.circle(s.at, 4, { units: 'kilometers', steps: 48 }).geometry)),
      city,
    )
    if (inner.length)
      z.groundwater.push({
        geom: inner,
        props: { name: `${s.name}地热水禁采区`, kind: 'prohibited', water: 'hot' },
      })
    const r = differenceMC(outer, inner)
    if (r.length)
      z.groundwater.push({
        geom: r,
        props: { name: `${s.name}地热水限采区`, kind: 'restricted', water: 'hot' },
      })
  }
  return z
}
