// Invariants of the demo generator, checked in plain JS (no database). Scale 1 (Kunming) only.
import { createHash } from 'node:crypto'
import * as turf from '@turf/turf'
import type { Feature, LineString, MultiLineString, MultiPolygon, Point, Position } from 'geojson'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DemoDataset, LayerFeature } from '../../server/demo/dataset.ts'
import { generateDemo } from '../../server/demo/generate.ts'
import { LAYER_IDS, LAYERS } from '../../server/layers/registry.ts'

let data: DemoDataset
let digest: string
const digestOf = (d: DemoDataset) => createHash('sha256').update(JSON.stringify(d)).digest('hex')

beforeAll(() => {
  data = generateDemo({ seed: 'kunming', scale: 1 })
  digest = digestOf(data)
}, 180_000)

type Seg = [Position, Position, number]
const orient = (a: Position, b: Position, c: Position) =>
  Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]))

/** Edges of all rings of a polygon feature, tagged by ring. */
function ringEdges(f: LayerFeature): Seg[] {
  const out: Seg[] = []
  let ring = 0
  for (const poly of (f.geometry as MultiPolygon).coordinates)
    for (const r of poly) {
      for (let k = 1; k < r.length; k++) out.push([r[k - 1], r[k], ring])
      ring++
    }
  return out
}

/** Number of proper crossings (interiors intersect) among segments, via a uniform grid.
 * With `otherTagOnly`, segments with the same tag are not compared. */
function properCrossings(segs: Seg[], otherTagOnly = false): number {
  const grid = new Map<number, number[]>()
  const cell = 0.02
  segs.forEach((s, i) => {
    for (
      let x = Math.floor(Math.min(s[0][0], s[1][0]) / cell);
      x <= Math.floor(Math.max(s[0][0], s[1][0]) / cell);
      x++
    )
      for (
        let y = Math.floor(Math.min(s[0][1], s[1][1]) / cell);
        y <= Math.floor(Math.max(s[0][1], s[1][1]) / cell);
        y++
      ) {
        const k = x * 100_000 + y
        const l = grid.get(k)
        if (l) l.push(i)
        else grid.set(k, [i])
      }
  })
  const seen = new Set<number>()
  for (const l of grid.values())
    for (let i = 0; i < l.length; i++)
      for (let j = i + 1; j < l.length; j++) {
        const [a, b, ta] = segs[l[i]]
        const [c, d, tb] = segs[l[j]]
        if (otherTagOnly && ta === tb) continue
        if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0)
          seen.add(l[i] * segs.length + l[j])
      }
  return seen.size
}

const layer = (id: (typeof LAYER_IDS)[number]) => data.layers[id]
const prop = (f: LayerFeature, k: string) => f.properties[k] as string
const reachLine = (f: LayerFeature) => f as unknown as Feature<LineString>
const midpoint = (f: LayerFeature): Position => {
  const l = reachLine(f)
  return turf.along(l, turf.length(l) / 2).geometry.coordinates
}

describe('demo generator (scale 1, Kunming)', () => {
  it('is deterministic: a second run gives byte-identical output', () => {
    expect(digestOf(generateDemo({ seed: 'kunming', scale: 1 }))).toBe(digest)
  }, 180_000)

  it('produces counts in the expected ranges', () => {
    const admin = layer('admin_areas')
    const byLevel = (l: string) => admin.filter((f) => prop(f, 'level') === l).length
    expect(byLevel('city')).toBe(1)
    expect(byLevel('county')).toBe(14)
    expect(byLevel('township')).toBeGreaterThanOrEqual(120)
    expect(byLevel('township')).toBeLessThanOrEqual(160)
    expect(byLevel('village')).toBeGreaterThanOrEqual(1200)
    expect(byLevel('village')).toBeLessThanOrEqual(1700)
    expect(
      layer('basins')
        .map((f) => prop(f, 'name'))
        .sort(),
    ).toEqual(['南盘江', '滇池', '金沙江', '阳宗海'].sort())
    const dianchiRivers = layer('rivers').filter((f) => prop(f, 'basin') === '滇池')
    expect(dianchiRivers.length).toBeGreaterThanOrEqual(30)
    expect(dianchiRivers.length).toBeLessThanOrEqual(40)
    for (const n of ['盘龙江', '宝象河', '海河', '新运粮河', '广普大沟', '螳螂川', '鸣矣河', '南盘江'])
      expect(layer('rivers').some((f) => prop(f, 'name') === n)).toBe(true)
    expect(layer('rivers').length).toBeGreaterThan(100)
    expect(layer('reaches').length).toBeGreaterThan(800)
    const lakes = layer('lakes')
    expect(lakes.filter((f) => prop(f, 'kind') === 'lake').map((f) => prop(f, 'name'))).toEqual([
      '滇池',
      '阳宗海',
    ])
    expect(lakes.filter((f) => prop(f, 'kind') === 'reservoir').length).toBeGreaterThanOrEqual(8)
    expect(layer('monitoring_sections').length).toBeGreaterThanOrEqual(30)
    expect(layer('monitoring_sections').length).toBeLessThanOrEqual(60)
    expect(layer('outfalls').length).toBeGreaterThanOrEqual(80)
    expect(layer('patrols').length).toBeGreaterThanOrEqual(200)
    expect(layer('reports').length).toBeGreaterThanOrEqual(150)
    for (const id of LAYER_IDS) expect(layer(id).length, id).toBeGreaterThan(0)
  })

  it('uses exactly the registry attributes, enumerations and geometry kinds', () => {
    for (const spec of LAYERS) {
      // Patrol tracks also carry their fix times, a computed column the demo loader writes.
      const names = [
        ...spec.attributes.map((a) => a.name),
        ...(spec.id === 'patrols' ? ['times'] : []),
      ].sort()
      for (const f of layer(spec.id)) {
        expect(f.geometry.type).toBe(spec.geometry)
        expect(Object.keys(f.properties).sort()).toEqual(names)
        for (const a of spec.attributes) {
          const v = f.properties[a.name]
          if (a.required) expect(v, `${spec.id}.${a.name}`).not.toBeNull()
          if (a.values && v !== null) expect(a.values).toContain(v)
          if (a.type === 'integer' && v !== null) expect(Number.isInteger(v)).toBe(true)
        }
      }
    }
    const values = (id: (typeof LAYER_IDS)[number], k: string) => new Set(layer(id).map((f) => prop(f, k)))
    expect(values('shoreline_zones', 'function')).toEqual(
      new Set(['protection', 'reserve', 'controlled_use', 'development']),
    )
    expect(values('water_resource_zones', 'colour')).toEqual(new Set(['red', 'yellow', 'green']))
    expect(values('water_source_zones', 'grade')).toEqual(new Set(['first', 'second', 'quasi']))
    expect(values('groundwater_zones', 'kind')).toEqual(new Set(['prohibited', 'restricted']))
    expect(values('groundwater_zones', 'water')).toEqual(new Set(['cold', 'hot']))
    expect(values('monitoring_sections', 'level')).toEqual(
      new Set(['national', 'provincial', 'city', 'county']),
    )
  })

  it('writes valid, rounded, RFC 7946-wound geometries', () => {
    const rounded = (v: number) => Math.round(v * 1e7) / 1e7 === v
    const signed = (r: Position[]) => {
      let s = 0
      for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]
      return s / 2
    }
    for (const id of LAYER_IDS)
      for (const f of layer(id)) {
        const g = f.geometry
        const all: Position[] = turf.coordAll(f as Feature)
        for (const p of all) {
          if (!(rounded(p[0]) && rounded(p[1]) && p[0] > 97 && p[0] < 107 && p[1] > 21 && p[1] < 30))
            expect.fail(`${id}: coordinate ${p} not rounded to 7 decimals or outside Yunnan`)
        }
        if (g.type === 'MultiPolygon')
          for (const poly of g.coordinates)
            poly.forEach((ring, i) => {
              expect(ring.length).toBeGreaterThanOrEqual(4)
              expect(ring[0]).toEqual(ring[ring.length - 1])
              expect(i === 0 ? signed(ring) > 0 : signed(ring) < 0).toBe(true)
            })
      }
    // no proper crossings between the edges of any polygon (turf.kinks is quadratic: too slow
    // for 2,000-vertex outlines, so a grid of edges per feature)
    const polys = LAYERS.filter((l) => l.geometry === 'MultiPolygon').flatMap((l) => layer(l.id))
    for (const f of polys) expect(properCrossings(ringEdges(f)), prop(f, 'name')).toBe(0)
  })

  it('has well-formed, unique codes', () => {
    const admin = layer('admin_areas')
    const codes = new Set(admin.map((f) => prop(f, 'code')))
    expect(codes.size).toBe(admin.length)
    for (const f of admin) {
      const c = prop(f, 'code')
      const p = f.properties.parent_code as string | null
      const lvl = prop(f, 'level')
      if (lvl === 'city') expect(c).toBe('530100000000')
      if (lvl === 'county') expect(c).toMatch(/^5301\d{2}000000$/)
      if (lvl === 'township') expect(c).toMatch(/^5301\d{5}000$/)
      if (lvl === 'village') expect(c).toMatch(/^5301\d{5}(?!000)\d{3}$/)
      if (lvl !== 'city') {
        expect(codes.has(p as string)).toBe(true)
        const keep = lvl === 'county' ? 4 : lvl === 'township' ? 6 : 9
        expect(c.slice(0, keep)).toBe((p as string).slice(0, keep))
      }
    }
    for (const f of layer('rivers')) expect(prop(f, 'code')).toMatch(/^KM-(DC|YZH|JSJ|NPJ)-\d{3}$/)
    const riverCodes = new Set(layer('rivers').map((f) => prop(f, 'code')))
    expect(new Set(layer('rivers').map((f) => prop(f, 'name'))).size).toBe(layer('rivers').length)
    expect(riverCodes.size).toBe(layer('rivers').length)
    for (const f of layer('rivers')) {
      const parent = f.properties.parent_code as string | null
      if (parent) expect(riverCodes.has(parent)).toBe(true)
    }
    for (const f of layer('reaches')) {
      expect(prop(f, 'code').startsWith(`${prop(f, 'river_code')}-R`)).toBe(true)
      expect(riverCodes.has(prop(f, 'river_code'))).toBe(true)
      expect(codes.has(prop(f, 'admin_code'))).toBe(true)
    }
    for (const id of [
      'reaches',
      'lakes',
      'chief_areas',
      'monitoring_sections',
      'outfalls',
      'signboards',
      'water_function_zones',
    ] as const) {
      const list = layer(id).map((f) => prop(f, 'code'))
      expect(new Set(list).size, id).toBe(list.length)
    }
    expect(new Set(data.chiefs.map((c) => c.id)).size).toBe(data.chiefs.length)
    for (const c of data.chiefs) {
      expect(c.id).toMatch(/^C\d{6}$/)
      expect(c.contact).toMatch(/^(0871-\d{8}|1\d{10})$/)
    }
  })

  it('forms a directed, acyclic river network that drains to outlets', () => {
    const reaches = layer('reaches')
    const out = new Map<number, LayerFeature[]>()
    const at = new Map<number, string>()
    for (const f of reaches) {
      const from = f.properties.from_node as number
      const to = f.properties.to_node as number
      expect(from).not.toBe(to)
      out.set(from, [...(out.get(from) ?? []), f])
      const c = (f.geometry as LineString).coordinates
      // a node is one point: every reach touching it starts/ends exactly there
      for (const [n, p] of [
        [from, c[0]],
        [to, c[c.length - 1]],
      ] as const) {
        const k = p.join(',')
        if (at.has(n)) expect(at.get(n)).toBe(k)
        at.set(n, k)
      }
    }
    // every node has at most one outgoing reach (water does not split)
    for (const list of out.values()) expect(list.length).toBe(1)
    // follow to_node from every reach: must end at an outlet without revisiting a node
    const outlets = new Set<number>()
    for (const f of reaches) {
      const seen = new Set<number>()
      let node = f.properties.to_node as number
      while (out.has(node)) {
        expect(seen.has(node)).toBe(false)
        seen.add(node)
        node = out.get(node)?.[0].properties.to_node as number
      }
      outlets.add(node)
    }
    // outlets are on a lake shore or near the city border
    const city = layer('admin_areas').find((f) => prop(f, 'level') === 'city') as LayerFeature
    const lakes = layer('lakes').filter((f) => prop(f, 'kind') === 'lake')
    const ringSegs = (fs: LayerFeature[]) =>
      fs.flatMap((f) =>
        (f.geometry as MultiPolygon).coordinates.flat().flatMap((r) => r.slice(1).map((q, i) => [r[i], q])),
      )
    const borderSegs = ringSegs([city])
    const lakeSegs = ringSegs(lakes)
    // planar distance in metres around Kunming (equirectangular; plenty for a 1 m / 1.5 km test)
    const dist = (p: Position, segs: Position[][]) => {
      const kx = 111195 * Math.cos((p[1] * Math.PI) / 180)
      let best = Infinity
      for (const [a, b] of segs) {
        const ax = (a[0] - p[0]) * kx
        const ay = (a[1] - p[1]) * 111195
        const bx = (b[0] - p[0]) * kx
        const by = (b[1] - p[1]) * 111195
        const dx = bx - ax
        const dy = by - ay
        const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)))
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy))
      }
      return best
    }
    let toLake = 0
    for (const n of outlets) {
      const p = (at.get(n) as string).split(',').map(Number)
      if (dist(p, lakeSegs) < 1) toLake++
      else expect(dist(p, borderSegs), `outlet ${n}`).toBeLessThan(1500)
    }
    expect(toLake).toBeGreaterThanOrEqual(24)
    // tributaries join at a node of their parent river (possibly right at its mouth)
    const byRiver = new Map<string, LayerFeature[]>()
    for (const f of reaches)
      byRiver.set(prop(f, 'river_code'), [...(byRiver.get(prop(f, 'river_code')) ?? []), f])
    for (const r of layer('rivers')) {
      const parent = r.properties.parent_code as string | null
      if (!parent) continue
      const mine = byRiver.get(prop(r, 'code')) ?? []
      const parentNodes = new Set(
        (byRiver.get(parent) ?? []).flatMap((f) => [f.properties.from_node, f.properties.to_node]),
      )
      expect(mine.some((f) => parentNodes.has(f.properties.to_node))).toBe(true)
    }
  })

  it('puts every reach in its village, and rivers never cross', () => {
    const villages = new Map(layer('admin_areas').map((f) => [prop(f, 'code'), f as Feature<MultiPolygon>]))
    for (const f of layer('reaches')) {
      const v = villages.get(prop(f, 'admin_code')) as Feature<MultiPolygon>
      expect(turf.booleanPointInPolygon(midpoint(f), v), prop(f, 'code')).toBe(true)
    }
    // proper crossings between segments of different reaches (shared endpoints are joins)
    const segs: Seg[] = layer('reaches').flatMap((f, i) => {
      const c = (f.geometry as LineString).coordinates
      return c.slice(1).map((q, k) => [c[k], q, i] as Seg)
    })
    expect(properCrossings(segs, true)).toBe(0)
  })

  it('tiles: children cover their parent, basins cover the city (areas within 0.1 %)', () => {
    const admin = layer('admin_areas')
    const area = new Map(admin.map((f) => [prop(f, 'code'), turf.area(f as Feature<MultiPolygon>)]))
    const sum = new Map<string, number>()
    for (const f of admin) {
      const p = f.properties.parent_code as string | null
      if (p) sum.set(p, (sum.get(p) ?? 0) + (area.get(prop(f, 'code')) as number))
    }
    for (const [p, s] of sum)
      expect(Math.abs(s - (area.get(p) as number)) / (area.get(p) as number), p).toBeLessThan(1e-3)
    const cityArea = area.get('530100000000') as number
    const basinSum = layer('basins').reduce((s, f) => s + turf.area(f as Feature<MultiPolygon>), 0)
    expect(Math.abs(basinSum - cityArea) / cityArea).toBeLessThan(1e-3)
    // village groups tile their village
    const groups = new Map<string, number>()
    for (const f of layer('chief_areas').filter((f) => prop(f, 'level') === 'village_group'))
      groups.set(
        prop(f, 'admin_code'),
        (groups.get(prop(f, 'admin_code')) ?? 0) + turf.area(f as Feature<MultiPolygon>),
      )
    for (const [v, s] of groups)
      expect(Math.abs(s - (area.get(v) as number)) / (area.get(v) as number), v).toBeLessThan(1e-3)
  })

  it('has exactly one chief per level for every reach on any date', () => {
    const reaches = layer('reaches')
    const cityAreas = layer('chief_areas').filter((f) => prop(f, 'level') === 'city')
    const areaChiefs = data.assignments.filter(
      (a) => a.scope_kind === 'area' && a.level === 'city' && a.role === 'chief',
    )
    const byScope = new Map<string, typeof data.assignments>()
    for (const a of data.assignments) byScope.set(a.scope_code, [...(byScope.get(a.scope_code) ?? []), a])
    const chiefIds = new Set(data.chiefs.map((c) => c.id))
    for (const a of data.assignments) expect(chiefIds.has(a.chief_id)).toBe(true)
    // which city-level responsibility areas contain each reach
    const containing = new Map<string, string[]>()
    for (const f of reaches) {
      const m = midpoint(f)
      containing.set(
        prop(f, 'code'),
        cityAreas
          .filter((a) => turf.booleanPointInPolygon(m, a as Feature<MultiPolygon>))
          .map((a) => prop(a, 'code')),
      )
    }
    const active = (a: (typeof data.assignments)[number], d: string) =>
      a.valid_from <= d && (a.valid_to === null || d < a.valid_to)
    for (const date of ['2017-06-01', '2018-12-31', '2019-01-01', '2021-06-15', '2022-07-01', '2023-12-31']) {
      for (const f of reaches) {
        const code = prop(f, 'code')
        const own = (byScope.get(code) ?? []).filter((a) => a.role === 'chief' && active(a, date))
        const viaArea = areaChiefs.filter(
          (a) => active(a, date) && (containing.get(code) ?? []).includes(a.scope_code),
        )
        for (const level of ['city', 'county', 'township', 'village'] as const) {
          const n = own.filter((a) => a.level === level).length + (level === 'city' ? viaArea.length : 0)
          expect(n, `${code} ${level} ${date}`).toBe(1)
        }
      }
    }
    // no overlapping validity for one scope, level and role
    for (const list of byScope.values()) {
      const key = (a: (typeof list)[number]) => `${a.level}|${a.role}|${a.chief_id}`
      const groups = new Map<string, typeof list>()
      for (const a of list) {
        const k = `${a.level}|${a.role}`
        groups.set(k, [...(groups.get(k) ?? []), a])
      }
      for (const g of groups.values()) {
        if (g[0].role !== 'chief' && g[0].role !== 'specialist') continue
        const s = [...g].sort(
          (x, y) => x.valid_from.localeCompare(y.valid_from) || key(x).localeCompare(key(y)),
        )
        for (let i = 1; i < s.length; i++) {
          const end = s[i - 1].valid_to
          expect(end !== null && end <= s[i].valid_from).toBe(true)
        }
      }
    }
    // chiefs change over time for some scopes
    expect(data.assignments.filter((a) => a.valid_to !== null).length).toBeGreaterThan(50)
    expect(data.assignments.some((a) => a.role === 'chief_general')).toBe(true)
    expect(data.assignments.some((a) => a.role === 'specialist' && a.level === 'village_group')).toBe(true)
  })

  it('gives the parks their whole responsibility: river chiefs at county level inside a park come from the park (属地管理)', () => {
    expect(
      layer('parks')
        .map((f) => prop(f, 'name'))
        .sort(),
    ).toEqual(
      [
        '昆明高新技术产业开发区',
        '昆明经济技术开发区',
        '滇池旅游度假区',
        '空港经济区',
        '阳宗海风景名胜区',
      ].sort(),
    )
    const parks = layer('parks') as Feature<MultiPolygon>[]
    const counties = new Map(
      layer('admin_areas')
        .filter((f) => prop(f, 'level') === 'county')
        .map((f) => [prop(f, 'code'), prop(f, 'name')]),
    )
    const chief = new Map(data.chiefs.map((c) => [c.id, c]))
    const countyChiefOf = new Map(
      data.assignments
        .filter((a) => a.scope_kind === 'reach' && a.level === 'county' && a.valid_from === '2017-06-01')
        .map((a) => [a.scope_code, chief.get(a.chief_id)?.position as string]),
    )
    let inParks = 0
    for (const f of layer('reaches')) {
      const m = midpoint(f)
      const park = parks.find((p) => turf.booleanPointInPolygon(m, p))
      const county = counties.get(`${prop(f, 'admin_code').slice(0, 6)}000000`) as string
      const position = countyChiefOf.get(prop(f, 'code')) as string
      if (park) inParks++
      expect(
        position.startsWith(park ? park.properties?.name : county),
        `${prop(f, 'code')}: ${position}`,
      ).toBe(true)
    }
    expect(inParks).toBeGreaterThan(20)
    // Chiefs-in-general areas: county level (counties outside parks, and the parks) and township
    // level each tile the city.
    const cityArea = turf.area(
      layer('admin_areas').find((f) => prop(f, 'level') === 'city') as Feature<MultiPolygon>,
    )
    const generalAreas = new Set(
      data.assignments.filter((a) => a.role === 'chief_general').map((a) => a.scope_code),
    )
    for (const level of ['county', 'township']) {
      const sum = layer('chief_areas')
        .filter((f) => prop(f, 'level') === level && generalAreas.has(prop(f, 'code')))
        .reduce((s, f) => s + turf.area(f as Feature<MultiPolygon>), 0)
      expect(Math.abs(sum - cityArea) / cityArea, level).toBeLessThan(1e-3)
    }
  })

  it('gives every lake and reservoir one 湖长/库长 at its management level on any date: 滇池 the party secretary, 阳宗海 the mayor', () => {
    const chief = new Map(data.chiefs.map((c) => [c.id, c]))
    for (const date of ['2017-06-01', '2019-01-01', '2021-06-15', '2023-12-31'])
      for (const f of layer('lakes')) {
        const held = data.assignments.filter(
          (a) =>
            a.scope_kind === 'lake' &&
            a.scope_code === prop(f, 'code') &&
            a.valid_from <= date &&
            (a.valid_to === null || date < a.valid_to),
        )
        expect(
          held.map((a) => `${a.level}/${a.role}`),
          `${prop(f, 'name')} ${date}`,
        ).toEqual([`${prop(f, 'management_level')}/chief`])
        if (prop(f, 'name') === '滇池') expect(chief.get(held[0].chief_id)?.position).toBe('昆明市委书记')
        if (prop(f, 'name') === '阳宗海') expect(chief.get(held[0].chief_id)?.position).toBe('昆明市长')
      }
  })

  it('draws the 2020-target layers: wetlands, both control lines of every shoreline zone, black and odorous waters, source levels', () => {
    const values = (id: (typeof LAYER_IDS)[number], k: string) =>
      new Set(layer(id).map((f) => f.properties[k]))
    expect(values('wetlands', 'kind')).toEqual(new Set(['lake', 'river', 'marsh']))
    expect(values('wetlands', 'protected')).toEqual(new Set([0, 1]))
    expect(values('black_odorous_reaches', 'status')).toEqual(
      new Set(['not_started', 'in_progress', 'remediated']),
    )
    for (const id of ['black_odorous_reaches', 'black_odorous_ponds'] as const) {
      expect(values(id, 'location'), id).toEqual(new Set(['built_up', 'outside_built_up']))
      for (const f of layer(id)) {
        // A remediation date exactly when remediated, and after the survey that found it.
        const done = f.properties.remediated_on as string | null
        expect(done !== null, prop(f, 'code')).toBe(prop(f, 'status') === 'remediated')
        if (done) expect(done > prop(f, 'identified_on')).toBe(true)
      }
    }
    // Every stretch runs along a reach: its vertices are that reach's vertices.
    const reachVertices = new Set(
      layer('reaches').flatMap((f) => (f.geometry as LineString).coordinates.map(String)),
    )
    for (const f of layer('black_odorous_reaches'))
      for (const part of (f.geometry as MultiLineString).coordinates)
        for (const p of part) expect(reachVertices.has(String(p)), prop(f, 'code')).toBe(true)
    // Reservoir sources take their reservoir's management level (seed §4(四)2).
    const lakeLevel = new Map(layer('lakes').map((f) => [prop(f, 'name'), prop(f, 'management_level')]))
    for (const f of layer('water_source_zones'))
      expect(prop(f, 'source_level'), prop(f, 'name')).toBe(
        lakeLevel.get(prop(f, 'source_name').replace('饮用水水源地', '')),
      )
    // Each shoreline zone has a waterside and an outer line named after it; measured with turf,
    // a lake's waterside line is its shore, a river's lies at the channel's edge (20 m, drawn
    // from a line simplified by ≤ 12 m), and the outer line is the zone's 100 m edge (drawn from
    // a line simplified by ≤ 30 m; the generator's local projection is off by < 3 %).
    const lines = layer('shoreline_lines')
    const zones = layer('shoreline_zones')
    expect(lines.length).toBe(2 * zones.length)
    const waters = new Map<string, Feature<LineString>[]>()
    for (const f of layer('rivers'))
      waters.set(
        prop(f, 'name'),
        (f.geometry as MultiLineString).coordinates.map((c) => turf.lineString(c)),
      )
    for (const f of layer('lakes'))
      waters.set(
        prop(f, 'name'),
        (f.geometry as MultiPolygon).coordinates.flat().map((c) => turf.lineString(c)),
      )
    const lakeNames = new Set(layer('lakes').map((f) => prop(f, 'name')))
    for (const z of zones) {
      const water = waters.get(prop(z, 'water_name')) as Feature<LineString>[]
      for (const [kind, suffix] of [
        ['waterside', '临水控制线'],
        ['outer', '外缘控制线'],
      ] as const) {
        const f = lines.find((l) => prop(l, 'name') === `${prop(z, 'name')}${suffix}`)
        expect(f && prop(f, 'kind'), `${prop(z, 'name')} ${kind}`).toBe(kind)
        const [lo, hi] =
          kind === 'outer' ? [55, 135] : lakeNames.has(prop(z, 'water_name')) ? [0, 6] : [5, 35]
        const coords = (f!.geometry as MultiLineString).coordinates.flat()
        for (let i = 0; i < coords.length; i += Math.max(1, Math.floor(coords.length / 12))) {
          const d = Math.min(...water.map((w) => turf.pointToLineDistance(coords[i], w, { units: 'meters' })))
          expect(d, `${prop(f!, 'name')} vertex ${i}`).toBeGreaterThanOrEqual(lo)
          expect(d, `${prop(f!, 'name')} vertex ${i}`).toBeLessThanOrEqual(hi)
        }
      }
    }
  })

  it('routes patrols and reports to the chief in charge on that date', () => {
    const assigned = new Map<string, typeof data.assignments>()
    for (const a of data.assignments) assigned.set(a.chief_id, [...(assigned.get(a.chief_id) ?? []), a])
    const onDate = (id: string, ts: string) =>
      (assigned.get(id) ?? []).some(
        (a) => a.valid_from <= ts.slice(0, 10) && (a.valid_to === null || ts.slice(0, 10) < a.valid_to),
      )
    for (const f of layer('patrols')) {
      expect(onDate(prop(f, 'chief_id'), prop(f, 'started_at'))).toBe(true)
      expect(prop(f, 'started_at') < prop(f, 'ended_at')).toBe(true)
      expect(prop(f, 'started_at')).toMatch(/^202[1-3]-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
    }
    for (const f of layer('reports')) expect(onDate(prop(f, 'chief_id'), prop(f, 'reported_at'))).toBe(true)
  })

  it('places sections on reaches and outfalls near them', () => {
    const vertices = new Map<string, Set<string>>()
    for (const f of layer('reaches'))
      for (const p of (f.geometry as LineString).coordinates) {
        const k = p.join(',')
        vertices.set(k, (vertices.get(k) ?? new Set()).add(prop(f, 'river_code')))
      }
    // Sections in open water (滇池, 阳宗海, source reservoirs) lie inside their lake, 50 m or more
    // from its shore; every other one on its river.
    const inLake = (f: LayerFeature) => /(湖体|库区)断面$/.test(prop(f, 'name'))
    const lakeSections = layer('monitoring_sections').filter(inLake)
    expect(lakeSections.map((f) => prop(f, 'name')).filter((n) => !n.endsWith('库区断面'))).toEqual([
      '滇池北部湖体断面',
      '滇池南部湖体断面',
      '阳宗海湖体断面',
    ])
    expect(lakeSections.length).toBeGreaterThan(3)
    for (const f of lakeSections) {
      const lake = layer('lakes').find((l) => prop(f, 'name').startsWith(prop(l, 'name')))
      expect(lake, prop(f, 'name')).toBeDefined()
      const poly = (lake as LayerFeature).geometry as MultiPolygon
      const at = (f.geometry as Point).coordinates
      expect(turf.booleanPointInPolygon(at, poly), prop(f, 'name')).toBe(true)
      const shore = Math.min(
        ...poly.coordinates
          .flat()
          .map((ring) => turf.pointToLineDistance(at, turf.lineString(ring), { units: 'meters' })),
      )
      expect(shore, prop(f, 'name')).toBeGreaterThan(50)
    }
    for (const f of layer('monitoring_sections').filter((f) => !inLake(f))) {
      const p = (f.geometry as Point).coordinates.join(',')
      // exactly on a vertex of its own river, and not at a confluence
      expect([...(vertices.get(p) ?? [])]).toEqual([prop(f, 'river_code')])
    }
    expect(
      layer('monitoring_sections').filter((f) => prop(f, 'name').endsWith('入湖口断面')).length,
    ).toBeGreaterThanOrEqual(20)
    const byRiver = new Map<string, LayerFeature[]>()
    for (const f of layer('reaches'))
      byRiver.set(prop(f, 'river_code'), [...(byRiver.get(prop(f, 'river_code')) ?? []), f])
    for (const f of layer('outfalls')) {
      const p = (f.geometry as Point).coordinates
      const d = Math.min(
        ...(byRiver.get(prop(f, 'river_code')) ?? []).map((r) =>
          turf.pointToLineDistance(p, reachLine(r), { units: 'meters' }),
        ),
      )
      expect(d).toBeLessThan(50)
    }
  })

  it('measures monthly classes consistent with COD, NH3-N and TP (GB 3838)', () => {
    const limits = { cod: [15, 15, 20, 30, 40], nh3n: [0.15, 0.5, 1, 1.5, 2], tp: [0.02, 0.1, 0.2, 0.3, 0.4] }
    const classes = ['I', 'II', 'III', 'IV', 'V', 'worse_than_V']
    const cls = (l: number[], v: number) => {
      const i = l.findIndex((x) => v <= x)
      return i < 0 ? 5 : i
    }
    const perSection = new Map<string, number[]>()
    for (const m of data.measurements) {
      const c = Math.max(
        cls(limits.cod, m.cod_mg_l),
        cls(limits.nh3n, m.nh3n_mg_l),
        cls(limits.tp, m.tp_mg_l),
      )
      expect(m.water_class).toBe(classes[c])
      expect(m.measured_on >= '2021-01-01' && m.measured_on <= '2023-12-31').toBe(true)
      perSection.set(m.section_code, [...(perSection.get(m.section_code) ?? []), c])
    }
    const sections = layer('monitoring_sections')
    expect(perSection.size).toBe(sections.length)
    for (const v of perSection.values()) expect(v.length).toBe(36)
    const failing = sections.filter((s) => {
      const v = perSection.get(prop(s, 'code')) as number[]
      return v.reduce((a, b) => a + b, 0) / v.length > classes.indexOf(prop(s, 'target_class')) + 0.5
    })
    expect(failing.length).toBeGreaterThan(0)
    expect(failing.length).toBeLessThan(sections.length / 2)
  })
})
