// River chiefs and their assignments, following the seed's rules (see shared/domain.md):
// city level — 总河长 and deputies over the whole city, one chief per river inside the 滇池 basin,
// chiefs by responsibility area (one per county part) outside it; county and township level —
// one chief per river per county/township; village level — one per river per village (= per
// reach); village groups — a specialist per group area. Invariant: on any date every reach has
// exactly one role-'chief' assignment per level city/county/township/village.
import * as turf from '@turf/turf'
import type { Feature, Polygon, Position } from 'geojson'
import type { Basin } from './basins.ts'
import type { Pref } from './context.ts'
import type { Assignment, Chief } from './dataset.ts'
import { differenceMC, intersectMC, type MultiCoords, normalizeMulti, ringsOf } from './geo.ts'
import { chineseNumber } from './names.ts'
import type { AdminUnit, Partition } from './partition.ts'
import { clipConvex, isConvexRing, PolygonIndex } from './planar.ts'
import type { Rng } from './random.ts'
import type { Reach } from './reaches.ts'
import type { RiverDef } from './rivers.ts'

export const PLAN_START = '2017-06-01'

export interface ChiefArea {
  code: string
  name: string
  level: 'city' | 'village_group'
  adminCode: string
  geom: MultiCoords
}

export interface ChiefSet {
  areas: ChiefArea[]
  chiefs: Chief[]
  assignments: Assignment[]
  /** Assignments by scope code, for "who was responsible here on that date". */
  byScope: Map<string, Assignment[]>
  chiefById: Map<string, Chief>
}

export class ChiefIds {
  private n = 0
  next(): string {
    return `C${String(++this.n).padStart(6, '0')}`
  }
}

/** Office holder titles: 昆明市 → 昆明市委书记 / 昆明市长 / 昆明市副市长; 楚雄彝族自治州 → 楚雄州… */
function cityTitles(name: string) {
  const t = name.endsWith('自治州') ? `${name.slice(0, 2)}州` : name
  const head = t.endsWith('州') ? '州长' : '市长'
  const base = t.slice(0, -1)
  return { t, head: `${base}${head}`, vice: `${t}副${head}` }
}

export function activeOn(a: Assignment, date: string): boolean {
  return a.valid_from <= date && (a.valid_to === null || date < a.valid_to)
}

export function buildChiefs(
  pref: Pref,
  part: Partition,
  basins: Basin[],
  rivers: RiverDef[],
  reaches: Reach[],
  ids: ChiefIds,
): ChiefSet {
  const rng = pref.rng('chiefs')
  const names = pref.names
  const chiefs: Chief[] = []
  const landline = () => `${pref.areaCode}-${rng.int(6, 6)}${String(rng.int(0, 9999999)).padStart(7, '0')}`
  const mobile = () =>
    `1${rng.pick(['3', '5', '8', '9'])}${rng.int(0, 9)}${String(rng.int(0, 99999999)).padStart(8, '0')}`
  const person = (position: string, phone: () => string): Chief => {
    const c = { id: ids.next(), name: names.person(), position, contact: phone() }
    chiefs.push(c)
    return c
  }
  /** A pool of office holders that take scopes in turn (one leader may chief several rivers). */
  const pool = (titles: string[], phone: () => string) => {
    const people: Chief[] = []
    let i = 0
    return () => {
      const k = i++ % titles.length
      if (!people[k]) people[k] = person(titles[k], phone)
      return people[k]
    }
  }

  // --- responsibility areas ---------------------------------------------------------------
  const areas: ChiefArea[] = []
  const cityArea: ChiefArea = {
    code: `CA-${pref.cityCode}`,
    name: `${pref.name}总河长责任区`,
    level: 'city',
    adminCode: pref.cityCode,
    geom: part.city.geom,
  }
  areas.push(cityArea)
  const dianchi = basins.find((b) => b.name === '滇池')
  const countyParts: ChiefArea[] = []
  for (const c of part.counties) {
    const geom = dianchi ? differenceMC(c.geom, dianchi.geom) : c.geom
    if (!geom.length) continue
    const a: ChiefArea = {
      code: `CA-${c.code}-S`,
      name: dianchi ? `${c.name}（滇池流域外）市级河长责任区` : `${c.name}市级河长责任区`,
      level: 'city',
      adminCode: c.code,
      geom,
    }
    countyParts.push(a)
    areas.push(a)
  }

  // --- people -----------------------------------------------------------------------------
  const ct = cityTitles(pref.name)
  const general = person(`${ct.t}委书记`, landline)
  const deputies = [ct.head, `${ct.t}委副书记`, `${ct.vice}（常务）`].map((t) => person(t, landline))
  const cityChief = pool(
    [
      `${ct.t}人大常委会主任`,
      `${ct.t}政协主席`,
      ...[1, 2, 3, 4, 5].map(() => ct.vice),
      `${ct.t}委常委、组织部部长`,
      `${ct.t}委常委、宣传部部长`,
      `${ct.t}委常委、政法委书记`,
      `${ct.t}委常委、秘书长`,
      `${ct.t}委常委、统战部部长`,
      ...[1, 2, 3, 4].map(() => `${ct.t}人大常委会副主任`),
      ...[1, 2, 3, 4].map(() => `${ct.t}政协副主席`),
    ],
    landline,
  )
  const countyPools = new Map<string, () => Chief>()
  const countyChief = (c: AdminUnit) => {
    let p = countyPools.get(c.code)
    if (!p) {
      const head = c.kind === '区' ? '区长' : c.kind === '市' ? '市长' : '县长'
      const vice = `副${head}`
      p = pool(
        [
          `${c.name}委书记`,
          `${c.name}${head}`,
          `${c.name}委副书记`,
          ...[1, 2, 3].map(() => `${c.name}${vice}`),
          ...[1, 2, 3].map(() => `${c.name}委常委`),
          `${c.name}人大常委会主任`,
          `${c.name}政协主席`,
        ],
        landline,
      )
      countyPools.set(c.code, p)
    }
    return p()
  }
  const townPools = new Map<string, () => Chief>()
  const townChief = (t: AdminUnit) => {
    let p = townPools.get(t.code)
    if (!p) {
      const titles =
        t.kind === '街道'
          ? ['党工委书记', '办事处主任', '党工委副书记', '办事处副主任', '办事处副主任']
          : t.kind === '镇'
            ? ['党委书记', '镇长', '党委副书记', '副镇长', '副镇长', '人大主席']
            : ['党委书记', '乡长', '党委副书记', '副乡长', '人大主席']
      p = pool(
        titles.map((x) => `${t.name}${x}`),
        landline,
      )
      townPools.set(t.code, p)
    }
    return p()
  }
  const villagePools = new Map<string, () => Chief>()
  const villageChief = (v: AdminUnit, t: AdminUnit) => {
    let p = villagePools.get(v.code)
    if (!p) {
      const titles =
        v.kind === '社区'
          ? ['党总支书记', '居委会主任', '居委会副主任']
          : ['党总支书记', '村委会主任', '村委会副主任', '村务监督委员会主任']
      p = pool(
        titles.map((x) => `${t.name}${v.name}${x}`),
        mobile,
      )
      villagePools.set(v.code, p)
    }
    return p()
  }

  // --- assignments ------------------------------------------------------------------------
  type Row = Omit<Assignment, 'chief_id' | 'valid_from' | 'valid_to'> & { chief: Chief }
  const rows: Row[] = []
  rows.push({
    chief: general,
    level: 'city',
    role: 'chief_general',
    scope_kind: 'area',
    scope_code: cityArea.code,
  })
  for (const d of deputies)
    rows.push({
      chief: d,
      level: 'city',
      role: 'deputy_chief_general',
      scope_kind: 'area',
      scope_code: cityArea.code,
    })

  const reachesOf = new Map<RiverDef, Reach[]>()
  for (const r of reaches) {
    const l = reachesOf.get(r.river)
    if (l) l.push(r)
    else reachesOf.set(r.river, [r])
  }
  // City level inside 滇池: 一河一长 (every river of the basin, largest first → senior leaders).
  for (const river of [...rivers]
    .filter((r) => r.basin.name === '滇池')
    .sort((a, b) => b.areaKm2 - a.areaKm2)) {
    const list = reachesOf.get(river) ?? []
    if (!list.length) continue
    const c = cityChief()
    for (const r of list)
      rows.push({ chief: c, level: 'city', role: 'chief', scope_kind: 'reach', scope_code: r.code })
  }
  // City level elsewhere: by responsibility area.
  for (const a of countyParts)
    rows.push({ chief: cityChief(), level: 'city', role: 'chief', scope_kind: 'area', scope_code: a.code })
  // County, township, village: 一河一长 within each unit.
  for (const river of rivers) {
    const list = reachesOf.get(river) ?? []
    const byCounty = new Map<string, Reach[]>()
    const byTown = new Map<string, Reach[]>()
    for (const r of list) {
      byCounty.set(r.county.code, [...(byCounty.get(r.county.code) ?? []), r])
      byTown.set(r.township.code, [...(byTown.get(r.township.code) ?? []), r])
    }
    for (const rs of byCounty.values()) {
      const c = countyChief(rs[0].county)
      for (const r of rs)
        rows.push({ chief: c, level: 'county', role: 'chief', scope_kind: 'reach', scope_code: r.code })
    }
    for (const rs of byTown.values()) {
      const c = townChief(rs[0].township)
      for (const r of rs)
        rows.push({ chief: c, level: 'township', role: 'chief', scope_kind: 'reach', scope_code: r.code })
    }
    for (const r of list)
      rows.push({
        chief: villageChief(r.village, r.township),
        level: 'village',
        role: 'chief',
        scope_kind: 'reach',
        scope_code: r.code,
      })
  }
  // Village groups: specialists over areas subdividing each village that has a river.
  const withReaches = new Map<string, AdminUnit>()
  for (const r of reaches) withReaches.set(r.village.code, r.village)
  for (const v of withReaches.values()) {
    for (const g of villageGroups(v, rng, pref.density)) {
      areas.push(g)
      const t = part.up(v.parent as string)
      const s = person(`${t.name}${g.name}河道专管员`, mobile)
      rows.push({
        chief: s,
        level: 'village_group',
        role: 'specialist',
        scope_kind: 'area',
        scope_code: g.code,
      })
    }
  }

  // --- chiefs change over time: ~10 % of office holders are replaced once ------------------
  const replaced = new Map<string, { date: string; successor: Chief }>()
  for (const c of [...chiefs]) {
    if (!rng.chance(0.1)) continue
    const date = rng.weighted(['2019-01-01', '2021-03-01', '2022-07-01'], [6, 2, 2])
    replaced.set(c.id, {
      date,
      successor: person(c.position, () => (c.contact.startsWith('1') ? mobile() : landline())),
    })
  }
  const assignments: Assignment[] = []
  for (const { chief, ...rest } of rows) {
    const rep = replaced.get(chief.id)
    if (!rep) {
      assignments.push({ chief_id: chief.id, ...rest, valid_from: PLAN_START, valid_to: null })
      continue
    }
    assignments.push({ chief_id: chief.id, ...rest, valid_from: PLAN_START, valid_to: rep.date })
    assignments.push({ chief_id: rep.successor.id, ...rest, valid_from: rep.date, valid_to: null })
  }
  const byScope = new Map<string, Assignment[]>()
  for (const a of assignments) {
    const l = byScope.get(a.scope_code)
    if (l) l.push(a)
    else byScope.set(a.scope_code, [a])
  }
  return { areas, chiefs, assignments, byScope, chiefById: new Map(chiefs.map((c) => [c.id, c])) }
}

/** 2–4 village groups: Voronoi cells of seeds inside the village, clipped to it. */
function villageGroups(v: AdminUnit, rng: Rng, density: number): ChiefArea[] {
  const k = Math.max(1, Math.round(rng.int(2, 4) * Math.min(1, density)))
  const idx = new PolygonIndex(ringsOf(v.geom), 0.001)
  const [x0, y0, x1, y1] = turf.bbox(turf.multiPolygon(v.geom))
  const seeds: Position[] = []
  for (let tries = 0; seeds.length < k && tries < 400; tries++) {
    const p: Position = [rng.range(x0, x1), rng.range(y0, y1)]
    if (!idx.contains(p)) continue
    const min = Math.min(...seeds.map((s) => Math.hypot(s[0] - p[0], s[1] - p[1])), Infinity)
    if (min < Math.min(x1 - x0, y1 - y0) / (k + 1)) continue
    seeds.push(p)
  }
  const formal = rng.chance(0.5)
  const group = (i: number, geom: MultiCoords): ChiefArea => ({
    code: `CA-${v.code}-${String(i + 1).padStart(2, '0')}`,
    name: `${v.name}${formal ? `第${chineseNumber(i + 1)}村民小组` : `${chineseNumber(i + 1)}组`}`,
    level: 'village_group',
    adminCode: v.code,
    geom,
  })
  if (seeds.length < 2) return [group(0, v.geom)]
  const pad = Math.max(x1 - x0, y1 - y0)
  const cells = turf.voronoi(turf.featureCollection(seeds.map((s) => turf.point(s))), {
    bbox: [x0 - pad, y0 - pad, x1 + pad, y1 + pad],
  }).features as (Feature<Polygon> | undefined)[]
  const convex = v.geom.length === 1 && v.geom[0].length === 1 && isConvexRing(v.geom[0][0])
  const out: ChiefArea[] = []
  cells.forEach((cell) => {
    if (!cell) return
    const ring = normalizeMulti([cell.geometry.coordinates])[0][0]
    let geom: MultiCoords
    if (convex) {
      const r = clipConvex(ring, v.geom[0][0])
      geom = r ? normalizeMulti([[r]]) : []
    } else geom = intersectMC([[ring]], v.geom)
    if (geom.length) out.push(group(out.length, geom))
  })
  return out
}
