// Administrative partition: city → counties → townships → villages, with no gaps or overlaps.
// Villages are Voronoi cells of seeds clipped to the outline; a township is the union of the
// villages whose seeds were drawn inside its own (township-seed) Voronoi cell, a county the
// union of its townships. Neighbouring d3-voronoi cells share their edge vertices bit for bit
// and every coordinate is rounded to 7 decimals before any union, so the unions dissolve the
// shared edges exactly and children tile their parent.
import * as turf from '@turf/turf'
import type { Feature, Polygon, Position } from 'geojson'
import type { Pref } from './context.ts'
import {
  areaKm2,
  bboxOfMC,
  clipToBig,
  clipToBox,
  distM,
  type MultiCoords,
  normalizeMulti,
  ringsOf,
} from './geo.ts'
import { KM_CENTRE, KM_COUNTIES } from './kunming.ts'
import {
  clipConvex,
  dissolveOrUnion,
  isSimpleRing,
  PolygonIndex,
  SegmentGrid,
  segmentCrossT,
} from './planar.ts'
import type { Rng } from './random.ts'

export type AdminLevel = 'city' | 'county' | 'township' | 'village'

export interface AdminUnit {
  code: string
  name: string
  level: AdminLevel
  parent: string | null
  geom: MultiCoords
  seed: Position
  /** 区/县/市, 街道/镇/乡, 村/社区 */
  kind: string
  urban: boolean
  colour?: 'red' | 'yellow' | 'green'
}

export interface Partition {
  city: AdminUnit
  counties: AdminUnit[]
  townships: AdminUnit[]
  villages: AdminUnit[]
  byCode: Map<string, AdminUnit>
  /** Village containing a point (lon/lat), or null outside the city. */
  villageAt(p: Position): AdminUnit | null
  /** Walk up: village → township → county. */
  up(code: string): AdminUnit
}

/** Urban density: settlements (and so villages) are denser near the seat and county seats. */
function densityField(centre: Position, seats: Position[]) {
  return (p: Position) => {
    let d = 1 + 5 * Math.exp(-((distM(p, centre) / 15000) ** 2))
    for (const s of seats) d += 1.2 * Math.exp(-((distM(p, s) / 6000) ** 2))
    return d
  }
}

/** Best-candidate sampling: of k random candidates keep the one farthest from the points so
 * far, with distances scaled by sqrt(density) so dense areas pack more points. */
function sampleSpread(
  rng: Rng,
  n: number,
  existing: Position[],
  bbox: number[],
  accept: (p: Position) => boolean,
  density: (p: Position) => number,
  k = 12,
): Position[] {
  const pts = [...existing]
  const out: Position[] = []
  let guard = 0
  while (out.length < n && guard < n * 400) {
    let best: Position | null = null
    let bestScore = -1
    for (let i = 0; i < k && guard < n * 400; i++, guard++) {
      const p: Position = [rng.range(bbox[0], bbox[2]), rng.range(bbox[1], bbox[3])]
      if (!accept(p)) continue
      let md = Infinity
      for (const q of pts) md = Math.min(md, Math.hypot((p[0] - q[0]) * 0.91, p[1] - q[1]))
      const score = md * Math.sqrt(density(p))
      if (score > bestScore) {
        bestScore = score
        best = p
      }
    }
    if (!best) continue
    pts.push(best)
    out.push(best)
  }
  return out
}

function voronoiCells(seeds: Position[], bbox: number[]): (Feature<Polygon> | null)[] {
  const pad = 0.5
  const fc = turf.voronoi(turf.featureCollection(seeds.map((s) => turf.point(s))), {
    bbox: [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad],
  })
  return seeds.map((_, i) => (fc.features[i] as Feature<Polygon> | undefined) ?? null)
}

function convexContains(cell: Feature<Polygon>, p: Position) {
  return turf.booleanPointInPolygon(p, cell)
}

export function buildPartition(pref: Pref): Partition {
  const rng = pref.rng('partition')
  const outline = pref.outline
  const outlineIdx = new PolygonIndex(ringsOf(outline), 0.01)
  const outlineSegs = new SegmentGrid(0.02)
  for (const r of ringsOf(outline)) outlineSegs.addRing(r, 0)
  const inside = (p: Position) => outlineIdx.contains(p)
  const bbox = turf.bbox(turf.multiPolygon(outline))
  const areaCity = areaKm2(outline)
  const dens0 = pref.density

  // --- counties -------------------------------------------------------------------------
  type CountyPlan = {
    code: string
    name: string
    seed: Position
    urban: boolean
    colour: AdminUnit['colour']
    towns: string[] | number
  }
  let plans: CountyPlan[]
  let centre: Position
  if (pref.kunming) {
    centre = KM_CENTRE
    plans = KM_COUNTIES.map((c) => ({
      code: c.code,
      name: c.name,
      seed: c.seed,
      urban: c.urban,
      colour: c.colour,
      towns: c.townships.slice(0, Math.max(1, Math.round(c.townships.length * Math.min(1, dens0)))),
    }))
  } else {
    centre = inside(pref.seat) ? pref.seat : outlineInteriorPoint(outline)
    let n = Math.min(13, Math.max(6, Math.round(areaCity / 1600)))
    if (dens0 < 1) n = Math.max(2, Math.round(n * dens0))
    const seeds = [centre, ...sampleSpread(rng, n - 1, [centre], bbox, inside, () => 1, 30)]
    const townsTotal = Math.max(n, Math.round((140 * areaCity * Math.min(1, dens0)) / 21062))
    const colours: AdminUnit['colour'][] = ['red', 'yellow', 'green']
    plans = seeds.map((seed, i) => {
      const kind =
        i === 0 || (i === 1 && n >= 8) ? '区' : i === n - 1 && n >= 9 ? '市' : i === 2 ? '自治县' : '县'
      const code =
        kind === '区'
          ? String(2 + i).padStart(2, '0')
          : kind === '市'
            ? '81'
            : String(20 + i).padStart(2, '0')
      return {
        code,
        name: pref.names.countyName(kind as '区' | '县' | '市' | '自治县', `county:${pref.code6}`),
        seed,
        urban: kind === '区',
        colour: i < 3 ? colours[i] : rng.pick(colours),
        towns: Math.max(2, Math.round((townsTotal / n) * rng.range(0.7, 1.3))),
      }
    })
  }
  const density = densityField(
    centre,
    plans.map((p) => p.seed),
  )

  // --- township seeds: inside each county seed's Voronoi cell ----------------------------
  const countyCells = voronoiCells(
    plans.map((p) => p.seed),
    bbox,
  )
  const townSeeds: { county: number; seed: Position; name: string | null }[] = []
  plans.forEach((plan, ci) => {
    const cell = countyCells[ci]
    const n = typeof plan.towns === 'number' ? plan.towns : plan.towns.length
    const cb = cell ? turf.bbox(cell) : bbox
    const accept = (p: Position) => inside(p) && (!cell || convexContains(cell, p))
    const first = inside(plan.seed) ? plan.seed : null
    const extra = sampleSpread(rng, n - (first ? 1 : 0), first ? [first] : [], cb, accept, density)
    const seeds = first ? [first, ...extra] : extra
    seeds.forEach((seed, i) => {
      townSeeds.push({
        county: ci,
        seed,
        name: typeof plan.towns === 'number' ? null : (plan.towns[i] ?? null),
      })
    })
  })

  // --- village seeds: inside each township seed's Voronoi cell ---------------------------
  const townCells = voronoiCells(
    townSeeds.map((t) => t.seed),
    bbox,
  )
  const villageSeeds: { town: number; seed: Position }[] = []
  townSeeds.forEach((t, ti) => {
    const cell = townCells[ti]
    const n = Math.max(2, Math.round(10 * Math.min(1, dens0) * rng.range(0.7, 1.3)))
    const accept = (p: Position) => inside(p) && (!cell || convexContains(cell, p))
    const cb = cell ? turf.bbox(cell) : bbox
    villageSeeds.push({ town: ti, seed: t.seed })
    for (const s of sampleSpread(rng, n - 1, [t.seed], cb, accept, () => 1, 8))
      villageSeeds.push({ town: ti, seed: s })
  })

  // --- village polygons ------------------------------------------------------------------
  // Cells cut by the outline. When the outline crosses the (convex) cell boundary exactly twice,
  // cell ∩ outline is one simple polygon and Sutherland–Hodgman gives it exactly, ~50× faster
  // than polyclip; anything more involved (several entries, a crossing at a vertex, an exclave)
  // goes to polyclip.
  const clipCellFast = (cell: Position[]): MultiCoords | null => {
    let crossings = 0
    for (let i = 1; i < cell.length; i++) {
      const a = cell[i - 1]
      const b = cell[i]
      const seen = new Set<number>()
      for (const id of outlineSegs.candidates(
        Math.min(a[0], b[0]),
        Math.min(a[1], b[1]),
        Math.max(a[0], b[0]),
        Math.max(a[1], b[1]),
      )) {
        if (seen.has(id)) continue
        seen.add(id)
        const t = segmentCrossT(a, b, outlineSegs.a[id], outlineSegs.b[id])
        if (t === null) continue
        if (t < 1e-9 || t > 1 - 1e-9) return null
        crossings++
      }
    }
    if (crossings !== 2) return null
    const [x0, y0, x1, y1] = bboxOfMC([[cell]])
    const pad = Math.max(x1 - x0, y1 - y0) * 0.05 + 1e-4
    const piece = clipToBox(outline, [x0 - pad, y0 - pad, x1 + pad, y1 + pad])
    if (piece.length !== 1 || piece[0].length !== 1) return null
    const r = clipConvex(piece[0][0], cell)
    if (!r) return null
    const mc = normalizeMulti([[r]])
    // collapsed outside parts would show as spikes or touching edges: then use polyclip
    return mc.length === 1 && isSimpleRing(mc[0][0]) ? mc : null
  }

  const cells = voronoiCells(
    villageSeeds.map((v) => v.seed),
    bbox,
  )
  const villageGeoms: MultiCoords[] = cells.map((cell) => {
    if (!cell) return []
    const ring = cell.geometry.coordinates[0]
    // Whole cell inside: every vertex inside and no outline edge touching any cell edge.
    // (If the outline entered the cell it would have to cross the cell's boundary.)
    let whole = ring.every(inside)
    for (let i = 1; whole && i < ring.length; i++)
      if (outlineSegs.touches(ring[i - 1], ring[i])) whole = false
    const cellMC = normalizeMulti([[ring]])
    if (whole) return cellMC
    return clipCellFast(cellMC[0][0]) ?? clipToBig(cellMC, outline)
  })

  // --- assemble units with codes ---------------------------------------------------------
  const byCode = new Map<string, AdminUnit>()
  const city: AdminUnit = {
    code: pref.cityCode,
    name: pref.name,
    level: 'city',
    parent: null,
    geom: outline,
    seed: centre,
    kind: '市',
    urban: true,
  }
  byCode.set(city.code, city)
  const counties: AdminUnit[] = []
  const townships: AdminUnit[] = []
  const villages: AdminUnit[] = []
  const c4 = pref.code6.slice(0, 4)

  plans.forEach((plan, ci) => {
    const myTowns = townSeeds.map((t, ti) => ({ ...t, ti })).filter((t) => t.county === ci)
    const countyCode = `${c4}${plan.code}000000`
    const kindOf = (t: (typeof myTowns)[number], rank: number): '街道' | '镇' | '乡' => {
      if (t.name) return t.name.endsWith('街道') ? '街道' : t.name.endsWith('乡') ? '乡' : '镇'
      if (rank === 0 || (plan.urban && rank < myTowns.length * 0.6)) return '街道'
      return rank > myTowns.length * 0.75 ? '乡' : '镇'
    }
    // Seat township first, then by distance from the county seed: codes 0xx 街道, 1xx 镇, 2xx 乡.
    const ordered = myTowns
      .map((t) => ({ t, d: distM(t.seed, plan.seed) }))
      .sort((a, b) => a.d - b.d)
      .map(({ t }, rank) => ({ t, kind: kindOf(t, rank) }))
    const counters = { 街道: 0, 镇: 100, 乡: 200 }
    const townUnits: AdminUnit[] = []
    for (const { t, kind } of ordered) {
      counters[kind]++
      const tcode = `${c4}${plan.code}${String(counters[kind]).padStart(3, '0')}000`
      const tname = t.name ?? pref.names.townshipName(kind, `town:${pref.code6}`)
      const vs = villageSeeds
        .map((v, vi) => ({ v, vi }))
        .filter(({ v }) => v.town === t.ti)
        .sort((a, b) => distM(a.v.seed, t.seed) - distM(b.v.seed, t.seed))
      const urbanTown = kind === '街道' && plan.urban
      const vcount = { 社区: 0, 村: 200 }
      const vUnits: AdminUnit[] = []
      vs.forEach(({ v, vi }, rank) => {
        if (!villageGeoms[vi].length) return
        const vkind: '村' | '社区' = urbanTown
          ? rng.chance(0.85)
            ? '社区'
            : '村'
          : kind === '街道'
            ? rng.chance(0.5)
              ? '社区'
              : '村'
            : rank === 0
              ? '社区'
              : '村'
        vcount[vkind]++
        const unit: AdminUnit = {
          code: `${tcode.slice(0, 9)}${String(vcount[vkind]).padStart(3, '0')}`,
          name: pref.names.villageName(vkind, `village:${countyCode}`),
          level: 'village',
          parent: tcode,
          geom: villageGeoms[vi],
          seed: v.seed,
          kind: vkind,
          urban: vkind === '社区',
        }
        vUnits.push(unit)
      })
      if (!vUnits.length) continue
      const town: AdminUnit = {
        code: tcode,
        name: tname,
        level: 'township',
        parent: countyCode,
        geom: dissolveOrUnion(vUnits.map((v) => v.geom)),
        seed: t.seed,
        kind,
        urban: urbanTown,
      }
      townUnits.push(town)
      townships.push(town)
      for (const v of vUnits) villages.push(v)
    }
    if (!townUnits.length) return
    counties.push({
      code: countyCode,
      name: plan.name,
      level: 'county',
      parent: city.code,
      geom: dissolveOrUnion(townUnits.map((t) => t.geom)),
      seed: plan.seed,
      kind: plan.name.endsWith('区') ? '区' : plan.name.endsWith('市') ? '市' : '县',
      urban: plan.urban,
      colour: plan.colour,
    })
  })
  // The city is the union of its counties rather than the input outline: the two differ by the
  // centimetre the rounded outline crossings move, which a PostGIS tiling check (symmetric
  // difference under 1 m²) would see summed over the whole border.
  city.geom = dissolveOrUnion(counties.map((c) => c.geom))
  for (const u of [...counties, ...townships, ...villages]) byCode.set(u.code, u)

  // Village lookup: bbox grid → exact point-in-polygon.
  const grid = new Map<string, AdminUnit[]>()
  const G = 0.05
  for (const v of villages) {
    const [x0, y0, x1, y1] = turf.bbox(turf.multiPolygon(v.geom))
    for (let ix = Math.floor(x0 / G); ix <= Math.floor(x1 / G); ix++)
      for (let iy = Math.floor(y0 / G); iy <= Math.floor(y1 / G); iy++) {
        const k = `${ix},${iy}`
        const l = grid.get(k)
        if (l) l.push(v)
        else grid.set(k, [v])
      }
  }
  const vIndex = new Map<AdminUnit, PolygonIndex>()
  const villageAt = (p: Position) => {
    for (const v of grid.get(`${Math.floor(p[0] / G)},${Math.floor(p[1] / G)}`) ?? []) {
      let idx = vIndex.get(v)
      if (!idx) {
        idx = new PolygonIndex(ringsOf(v.geom), 0.002)
        vIndex.set(v, idx)
      }
      if (idx.contains(p)) return v
    }
    return null
  }
  const up = (code: string) => {
    const u = byCode.get(code)
    if (!u) throw new Error(`no admin unit ${code}`)
    return u
  }
  return { city, counties, townships, villages, byCode, villageAt, up }
}

/** A point inside the largest polygon of an outline (when the seat falls outside it). */
function outlineInteriorPoint(outline: MultiCoords): Position {
  let best = outline[0]
  for (const p of outline) if (areaKm2([p]) > areaKm2([best])) best = p
  return turf.pointOnFeature(turf.polygon(best)).geometry.coordinates
}
