// Basins tile the city. In Kunming 滇池 and 阳宗海 get hand-drawn basins around their lakes
// (seed: they have their own authorities and oversight); everything else belongs to the basin
// of the nearest trunk river (金沙江 north, 南盘江 south-east), decided per township so that
// basin borders follow township borders and the union is exact.
import type { Position } from 'geojson'
import { type Pref, roundShift } from './context.ts'
import { clipToBig, differenceMC, type MultiCoords, normalizeMulti } from './geo.ts'
import { trunks } from './inputs.ts'
import {
  DIANCHI,
  DIANCHI_BASIN,
  DIANCHI_GUIDES,
  DIANCHI_MOUTHS,
  TANGLANG,
  YANGZONGHAI,
  YANGZONGHAI_BASIN,
} from './kunming.ts'
import type { Partition } from './partition.ts'
import { dissolveOrUnion, pointSegDist } from './planar.ts'

export interface LakeDef {
  code: string
  name: string
  kind: 'lake' | 'reservoir' | 'pond'
  geom: MultiCoords
  levelM: number
  management: 'city' | 'county' | 'township' | 'village'
  /** Drinking-water source: protection zones are drawn around it. */
  source?: { quasi: boolean }
  riverCode?: string
}

export interface TrunkDef {
  name: string
  /** lon/lat lines in flow order; clipped to the basin by the network builder. */
  lines: Position[][]
  /** Water entering from outside where the line enters the basin, as a multiple of the
   * basin's own area (0 for guide lines that rise inside the basin). */
  inflow: number
  /** For a guide line ending in a lake: index of the lake mouth it flows into. */
  sink?: number
}

export interface Basin {
  code: string
  name: string
  /** Short pinyin tag used in river codes (DC, JSJ, …). */
  tag: string
  geom: MultiCoords
  /** The river-chief regime (basin_rules): which authority, office and oversight the seed assigns. */
  governance: 'dianchi' | 'yangzonghai' | 'other'
  /** Local managing body, kept as the layer's own attribute; the seed's rule decides the rest. */
  authority: string
  office: string
  oversight: string
  /** Lake that the basin's rivers drain into (滇池, 阳宗海), if any. */
  lake?: LakeDef
  trunks: TrunkDef[]
}

const TAGS: Record<string, string> = {
  滇池: 'DC',
  阳宗海: 'YZH',
  金沙江: 'JSJ',
  南盘江: 'NPJ',
  澜沧江: 'LCJ',
  怒江: 'NJ',
  红河: 'HH',
  右江: 'YJ',
  伊洛瓦底江: 'YL',
}

export function buildBasins(pref: Pref, part: Partition): { basins: Basin[]; lakes: LakeDef[] } {
  const outline = pref.outline
  const proj = pref.proj
  // Kunming uses the seed's own short names (市水务局); elsewhere the prefecture is spelled out.
  const prefix = pref.kunming ? '市' : pref.name
  const generic = (name: string, geom: MultiCoords, lines: TrunkDef[]): Basin => ({
    code: `${pref.abbr}-LY-${TAGS[name] ?? 'QT'}`,
    name,
    tag: TAGS[name] ?? 'QT',
    geom,
    governance: 'other',
    authority: `${prefix}水务局`,
    office: `${prefix}河长制办公室`,
    oversight: '政协督察组',
    trunks: lines,
  })

  const lakes: LakeDef[] = []
  let special: Basin[] = []
  if (pref.kunming) {
    const dianchi: LakeDef = {
      code: `${pref.abbr}-HK-001`,
      name: '滇池',
      kind: 'lake',
      geom: normalizeMulti([[DIANCHI]]),
      levelM: 1887.4,
      management: 'city',
    }
    const yzh: LakeDef = {
      code: `${pref.abbr}-HK-002`,
      name: '阳宗海',
      kind: 'lake',
      geom: normalizeMulti([[YANGZONGHAI]]),
      levelM: 1770.8,
      management: 'city',
    }
    lakes.push(dianchi, yzh)
    const d = clipToBig(normalizeMulti([[DIANCHI_BASIN]]), outline)
    const y = differenceMC(clipToBig(normalizeMulti([[YANGZONGHAI_BASIN]]), outline), d)
    special = [
      {
        code: `${pref.abbr}-LY-DC`,
        name: '滇池',
        tag: 'DC',
        geom: d,
        governance: 'dianchi',
        authority: '市滇池管理局',
        office: '滇池流域河长制办公室',
        oversight: '人大督察组',
        lake: dianchi,
        // 盘龙江 and 宝象河 follow guide lines: nearest-mouth catchments alone would hand the
        // north of the basin to the 草海 inflows, which in reality are short urban rivers.
        trunks: DIANCHI_GUIDES.map((g) => ({
          name: g.name,
          lines: [g.line],
          inflow: 0,
          sink: DIANCHI_MOUTHS.findIndex((m) => m.name === g.name),
        })),
      },
      {
        code: `${pref.abbr}-LY-YZH`,
        name: '阳宗海',
        tag: 'YZH',
        geom: y,
        governance: 'yangzonghai',
        authority: '阳宗海风景名胜区管理委员会',
        office: '市河长制办公室',
        oversight: '人大督察组',
        lake: yzh,
        trunks: [],
      },
    ]
  }

  // Candidate trunks: Natural Earth rivers passing within ~40 km of the city, plus in Kunming
  // the hand-drawn 螳螂川 (a 金沙江 tributary), which claims the west for the 金沙江 basin.
  const [cx, cy] = [proj.lon0, proj.lat0]
  const cands: { basin: string; name: string; lines: Position[][]; segs: [number[], number[]][] }[] = []
  const [dx, dy] = roundShift(pref.round)
  for (const t of trunks()) {
    const lines = t.lines.map((l) => l.map((p) => [p[0] + dx, p[1] + dy]))
    const segs: [number[], number[]][] = []
    for (const l of lines) for (let i = 1; i < l.length; i++) segs.push([proj.fwd(l[i - 1]), proj.fwd(l[i])])
    cands.push({ basin: t.basin, name: t.zh, lines, segs })
  }
  if (pref.kunming) {
    const segs: [number[], number[]][] = []
    for (let i = 1; i < TANGLANG.length; i++) segs.push([proj.fwd(TANGLANG[i - 1]), proj.fwd(TANGLANG[i])])
    cands.push({ basin: '金沙江', name: '螳螂川', lines: [TANGLANG], segs })
  }
  const distTo = (c: (typeof cands)[number], p: Position) => {
    const q = proj.fwd(p)
    let best = Infinity
    for (const [a, b] of c.segs) best = Math.min(best, pointSegDist(q, a, b))
    return best
  }
  const centre: Position = [cx, cy]
  // "Near": within 30 km of the outline (every 8th outline vertex is plenty at that distance).
  const probe = outline.flatMap((poly) => poly[0].filter((_, i) => i % 8 === 0))
  let near = cands.filter((c) => probe.some((p) => distTo(c, p) < 30000))
  if (!near.length) {
    const nearest = [...cands].sort((a, b) => distTo(a, centre) - distTo(b, centre))[0]
    near = [nearest]
  }

  const byBasin = new Map<string, MultiCoords[]>()
  for (const t of part.townships) {
    let best = near[0]
    let bd = Infinity
    for (const c of near) {
      const d = distTo(c, t.seed)
      if (d < bd) {
        bd = d
        best = c
      }
    }
    const list = byBasin.get(best.basin) ?? []
    list.push(t.geom)
    byBasin.set(best.basin, list)
  }
  const specialGeoms = special.map((b) => b.geom)
  const basins: Basin[] = [...special]
  for (const [name, geoms] of [...byBasin.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const geom = differenceMC(dissolveOrUnion(geoms), ...specialGeoms)
    if (!geom.length) continue
    const lines: TrunkDef[] = near
      .filter((c) => c.basin === name)
      .sort((a, b) => (a.name === '螳螂川' ? 1 : 0) - (b.name === '螳螂川' ? 1 : 0))
      .map((c) => ({ name: c.name, lines: c.lines, inflow: c.name === '螳螂川' ? 0.4 : 2 }))
    basins.push(generic(name, geom, lines))
  }
  return { basins, lakes }
}
