// River chiefs and their assignments, following the seed's rules (see shared/domain.md):
// city level — 总河长 and deputies over the whole city, one chief per river inside the 滇池 basin,
// chiefs by responsibility area (one per county part) outside it; county (or park, 属地管理) and
// township level — 总河长 and deputies over the whole area (chiefs-general.ts) and one chief per
// river per county/park/township; village level — one per river per village (= per reach);
// village groups — a specialist per group area; lakes and reservoirs — one 湖长/库长 at the level
// of their management. Invariant: on any date every reach has exactly one role-'chief'
// assignment per level city/county/township/village, every lake one at its management level,
// and every point of the city one chief-in-general per level city/county/township.
import * as turf from '@turf/turf'
import type { Feature, Polygon, Position } from 'geojson'
import type { Basin, LakeDef } from './basins.ts'
import { chiefsInGeneral } from './chiefs-general.ts'
import type { Pref } from './context.ts'
import type { Assignment, Chief } from './dataset.ts'
import { differenceMC, intersectMC, type MultiCoords, normalizeMulti, ringsOf } from './geo.ts'
import { chineseNumber } from './names.ts'
import { type ChiefIds, cityTitles, type Office, OfficeHolders } from './office-holders.ts'
import type { Park } from './parks.ts'
import type { AdminUnit, Partition } from './partition.ts'
import { clipConvex, isConvexRing, PolygonIndex } from './planar.ts'
import type { Rng } from './random.ts'
import type { Reach } from './reaches.ts'
import type { RiverDef } from './rivers.ts'

export const PLAN_START = '2017-06-01'

export interface ChiefArea {
  code: string
  name: string
  level: 'city' | 'county' | 'township' | 'village_group'
  /** The division code of the area's unit, or the park's code for a park's area. */
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

/** An assignment before terms are drawn: the first holder, from the plan's start. */
export type DraftAssignment = Omit<Assignment, 'chief_id' | 'valid_from' | 'valid_to'> & { chief: Chief }

export function activeOn(a: Assignment, date: string): boolean {
  return a.valid_from <= date && (a.valid_to === null || date < a.valid_to)
}

/** Dates office holders leave mid-term: after the 2018 reshuffle, at the 2021 township and
 * county elections (换届), and in 2022. */
const REPLACEMENT_DATES = ['2019-01-01', '2021-03-01', '2022-07-01']

export function buildChiefs(
  pref: Pref,
  part: Partition,
  { parks, parkOf }: { parks: Park[]; parkOf: Map<string, Park> },
  basins: Basin[],
  rivers: RiverDef[],
  reaches: Reach[],
  lakes: LakeDef[],
  ids: ChiefIds,
): ChiefSet {
  const rng = pref.rng('chiefs')
  const holders = new OfficeHolders(pref, rng, ids)
  const { landline, mobile } = holders
  /** The office acting at county level for a township: its park's, else its county's (属地管理). */
  const countyLevel = (t: AdminUnit): { key: string; office: Office } => {
    const park = parkOf.get(t.code)
    return park
      ? { key: park.code, office: holders.park(park) }
      : { key: t.parent as string, office: holders.county(part.up(t.parent as string)) }
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
  const general = holders.person(`${ct.t}委书记`, landline)
  const deputies = [ct.head, `${ct.t}委副书记`, `${ct.vice}（常务）`].map((t) => holders.person(t, landline))
  const cityChief = holders.office(
    pref.cityCode,
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

  // --- assignments ------------------------------------------------------------------------
  const rows: DraftAssignment[] = []
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
  const generals = chiefsInGeneral(part, parks, parkOf, holders)
  for (const a of generals.areas) areas.push(a)
  for (const r of generals.rows) rows.push(r)

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
    const c = cityChief.next()
    for (const r of list)
      rows.push({ chief: c, level: 'city', role: 'chief', scope_kind: 'reach', scope_code: r.code })
  }
  // City level elsewhere: by responsibility area.
  for (const a of countyParts)
    rows.push({
      chief: cityChief.next(),
      level: 'city',
      role: 'chief',
      scope_kind: 'area',
      scope_code: a.code,
    })
  // County (or park), township, village: 一河一长 within each unit.
  for (const river of rivers) {
    const list = reachesOf.get(river) ?? []
    const byCounty = new Map<string, Reach[]>()
    const byTown = new Map<string, Reach[]>()
    for (const r of list) {
      const key = countyLevel(r.township).key
      byCounty.set(key, [...(byCounty.get(key) ?? []), r])
      byTown.set(r.township.code, [...(byTown.get(r.township.code) ?? []), r])
    }
    for (const rs of byCounty.values()) {
      const c = countyLevel(rs[0].township).office.next()
      for (const r of rs)
        rows.push({ chief: c, level: 'county', role: 'chief', scope_kind: 'reach', scope_code: r.code })
    }
    for (const rs of byTown.values()) {
      const c = holders.township(rs[0].township).next()
      for (const r of rs)
        rows.push({ chief: c, level: 'township', role: 'chief', scope_kind: 'reach', scope_code: r.code })
    }
    for (const r of list)
      rows.push({
        chief: holders.village(r.village, r.township).next(),
        level: 'village',
        role: 'chief',
        scope_kind: 'reach',
        scope_code: r.code,
      })
  }
  // Lakes and reservoirs: one 湖长/库长 at the level of the lake's management (河(渠)湖库, §3(一)2).
  // 滇池's is the city's party secretary and 阳宗海's its mayor; lower levels take the office of
  // the unit holding the lake's interior point (a park's inside a park).
  for (const lake of lakes) {
    let chief: Chief | null = null
    if (lake.management === 'city')
      chief = lake.name === '滇池' ? general : lake.name === '阳宗海' ? deputies[0] : cityChief.next()
    else {
      const village = villageOfLake(lake, part)
      if (!village) continue
      const town = part.up(village.parent as string)
      chief =
        lake.management === 'county'
          ? countyLevel(town).office.next()
          : lake.management === 'township'
            ? holders.township(town).next()
            : holders.village(village, town).next()
    }
    rows.push({ chief, level: lake.management, role: 'chief', scope_kind: 'lake', scope_code: lake.code })
  }
  // Village groups: specialists over areas subdividing each village that has a river.
  const withReaches = new Map<string, AdminUnit>()
  for (const r of reaches) withReaches.set(r.village.code, r.village)
  for (const v of withReaches.values()) {
    for (const g of villageGroups(v, rng, pref.density)) {
      areas.push(g)
      const t = part.up(v.parent as string)
      const s = holders.person(`${t.name}${g.name}河道专管员`, mobile)
      rows.push({
        chief: s,
        level: 'village_group',
        role: 'specialist',
        scope_kind: 'area',
        scope_code: g.code,
      })
    }
  }

  const assignments = drawTerms(rows, holders, rng, new Set(parks.map((p) => `CA-${p.code}`)))
  const byScope = new Map<string, Assignment[]>()
  for (const a of assignments) {
    const l = byScope.get(a.scope_code)
    if (l) l.push(a)
    else byScope.set(a.scope_code, [a])
  }
  const chiefs = holders.chiefs
  return { areas, chiefs, assignments, byScope, chiefById: new Map(chiefs.map((c) => [c.id, c])) }
}

/** The village holding a lake's interior point (null when it lies outside the city). */
function villageOfLake(lake: LakeDef, part: Partition): AdminUnit | null {
  const inside = turf.pointOnFeature(turf.multiPolygon(lake.geom)).geometry.coordinates
  return (
    part.villageAt(inside) ??
    ringsOf(lake.geom)[0]
      .map((p) => part.villageAt(p))
      .find((v) => v) ??
    null
  )
}

/**
 * Chiefs change over time: ~10 % of office holders are replaced once, by a successor in the same
 * post who takes over all their scopes; and at county, park and township level at least one
 * chief-in-general is replaced mid-term, so accountability by date (§3(四)) is exercised at every
 * level. Returns the dated assignments.
 */
function drawTerms(
  rows: DraftAssignment[],
  holders: OfficeHolders,
  rng: Rng,
  parkAreas: Set<string>,
): Assignment[] {
  const replaced = new Map<string, { date: string; successor: Chief }>()
  const replace = (c: Chief) =>
    replaced.set(c.id, {
      date: rng.weighted(REPLACEMENT_DATES, [6, 2, 2]),
      successor: holders.person(c.position, c.contact.startsWith('1') ? holders.mobile : holders.landline),
    })
  for (const c of [...holders.chiefs]) if (rng.chance(0.1)) replace(c)
  const generalsAt = (group: 'county' | 'park' | 'township') =>
    rows.filter(
      (r) =>
        r.role === 'chief_general' &&
        (group === 'township'
          ? r.level === 'township'
          : r.level === 'county' && parkAreas.has(r.scope_code) === (group === 'park')),
    )
  for (const group of ['county', 'park', 'township'] as const) {
    const list = generalsAt(group)
    if (list.length && !list.some((r) => replaced.has(r.chief.id))) replace(list[0].chief)
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
  return assignments
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
