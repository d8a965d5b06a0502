// The demo dataset: a Kunming-like city at scale 1, a province of prefectures at larger scales.
// Deterministic: the same seed and scale give byte-identical JSON (all randomness is seeded per
// prefecture and per concern, see random.ts; nothing reads the clock).
import { LAYER_IDS, type LayerId } from '../layers/registry.ts'
import { buildOutfalls } from './activity.ts'
import { buildBasins } from './basins.ts'
import { buildBlackOdorous } from './black-odorous.ts'
import { buildChiefs } from './chiefs.ts'
import { makePref } from './context.ts'
import type { DemoDataset, LayerFeature } from './dataset.ts'
import { lineFeature, multiLineFeature, pointFeature, polygonFeature } from './features.ts'
import { prefectures } from './inputs.ts'
import { buildReservoirs } from './lakes.ts'
import { buildMeasurements, buildSections } from './monitoring.ts'
import { ChiefIds } from './office-holders.ts'
import { buildParks } from './parks.ts'
import { buildPartition } from './partition.ts'
import { buildPatrolTracks, patrolFeature } from './patrols.ts'
import { buildReaches, NodeIds } from './reaches.ts'
import { buildReports } from './reports.ts'
import { buildRivers } from './rivers.ts'
import { buildShorelineLines } from './shoreline-lines.ts'
import { buildSignboards } from './signboards.ts'
import { buildWetlands } from './wetlands.ts'
import { buildZones } from './zones.ts'

export interface GenerateOptions {
  seed?: string
  /** 1 = Kunming; N ≈ N prefectures of Yunnan (reusing outlines beyond 16). */
  scale?: number
  /** Called after each step, for progress output and timing (wall and process CPU time). */
  onStep?: (prefecture: string, step: string, ms: number, cpuMs: number) => void
}

export function generateDemo({ seed = 'kunming', scale = 1, onStep }: GenerateOptions = {}): DemoDataset {
  if (!(scale > 0)) throw new Error(`scale must be positive, got ${scale}`)
  const count = Math.max(1, Math.round(scale))
  const density = scale / count
  const inputs = prefectures()
  const layers = Object.fromEntries(LAYER_IDS.map((id) => [id, [] as LayerFeature[]])) as Record<
    LayerId,
    LayerFeature[]
  >
  const add = (id: LayerId, f: LayerFeature | null) => {
    if (f) layers[id].push(f)
  }
  const dataset: DemoDataset = { layers, chiefs: [], assignments: [], measurements: [] }
  const nodes = new NodeIds()
  const chiefIds = new ChiefIds()

  for (let i = 0; i < count; i++) {
    const input = inputs[i % inputs.length]
    const pref = makePref(seed, i, input, Math.floor(i / inputs.length), density)
    let t = performance.now()
    let cpu = process.cpuUsage()
    const step = <T>(name: string, fn: () => T): T => {
      const r = fn()
      const now = performance.now()
      const c = process.cpuUsage(cpu)
      onStep?.(pref.name, name, now - t, (c.user + c.system) / 1000)
      t = now
      cpu = process.cpuUsage()
      return r
    }
    const part = step('partition', () => buildPartition(pref))
    // from here on the city is exactly the union of its counties (see partition.ts)
    pref.outline = part.city.geom
    const { basins, lakes: natural } = step('basins', () => buildBasins(pref, part))
    const rivers = step('rivers', () => buildRivers(pref, basins))
    const lakes = [...natural, ...step('reservoirs', () => buildReservoirs(pref, rivers))]
    const reaches = step('reaches', () => buildReaches(pref, part, rivers, nodes))
    const zones = step('zones', () => buildZones(pref, part, rivers, reaches, lakes))
    const controlLines = step('shoreline lines', () => buildShorelineLines(pref, zones.shoreline))
    const wetlands = step('wetlands', () => buildWetlands(pref, part, rivers, lakes))
    const blackOdorous = step('black-odorous waters', () => buildBlackOdorous(pref, part, reaches))
    const parks = step('parks', () => buildParks(pref, part))
    const chiefs = step('chiefs', () =>
      buildChiefs(pref, part, parks, basins, rivers, reaches, lakes, chiefIds),
    )
    const sections = step('sections', () => buildSections(pref, rivers, reaches, lakes))
    const measurements = buildMeasurements(pref, sections)
    const outfalls = buildOutfalls(pref, reaches)
    const signboards = buildSignboards(pref, reaches, chiefs)
    const patrols = buildPatrolTracks(pref, reaches, lakes, chiefs)
    const reports = step('activity', () => buildReports(pref, reaches, chiefs))

    // --- features ---------------------------------------------------------------------------
    for (const u of [part.city, ...part.counties, ...part.townships, ...part.villages])
      add(
        'admin_areas',
        polygonFeature('admin_areas', u.geom, {
          code: u.code,
          name: u.name,
          level: u.level,
          parent_code: u.parent,
        }),
      )
    for (const p of parks.parks)
      add('parks', polygonFeature('parks', p.geom, { code: p.code, name: p.name, committee: p.committee }))
    for (const b of basins)
      add(
        'basins',
        polygonFeature('basins', b.geom, {
          code: b.code,
          name: b.name,
          authority: b.authority,
          office: b.office,
          oversight: b.oversight,
          governance: b.governance,
        }),
      )
    for (const r of rivers)
      add(
        'rivers',
        multiLineFeature(
          'rivers',
          r.parts.map((p) => p.coords),
          {
            code: r.code,
            name: r.name,
            kind: r.kind,
            grade: r.grade,
            parent_code: r.parent?.code ?? null,
            basin: r.basin.name,
            management_level: r.management,
          },
        ),
      )
    for (const r of reaches)
      add(
        'reaches',
        lineFeature('reaches', r.coords, {
          code: r.code,
          river_code: r.river.code,
          name: r.name,
          start_desc: r.startDesc,
          end_desc: r.endDesc,
          admin_code: r.village.code,
          from_node: r.fromNode,
          to_node: r.toNode,
        }),
      )
    for (const l of lakes)
      add(
        'lakes',
        polygonFeature('lakes', l.geom, {
          code: l.code,
          name: l.name,
          kind: l.kind,
          normal_level_m: l.levelM,
          management_level: l.management,
        }),
      )
    for (const w of wetlands) add('wetlands', polygonFeature('wetlands', w.geom, w.props))
    for (const z of zones.blueLines) add('blue_lines', polygonFeature('blue_lines', z.geom, z.props))
    for (const z of zones.shoreline)
      add('shoreline_zones', polygonFeature('shoreline_zones', z.geom, z.props))
    for (const l of controlLines)
      add('shoreline_lines', multiLineFeature('shoreline_lines', l.lines, l.props))
    for (const z of zones.sources)
      add('water_source_zones', polygonFeature('water_source_zones', z.geom, z.props))
    for (const z of zones.resources)
      add('water_resource_zones', polygonFeature('water_resource_zones', z.geom, z.props))
    for (const z of zones.groundwater)
      add('groundwater_zones', polygonFeature('groundwater_zones', z.geom, z.props))
    for (const z of zones.functions)
      add('water_function_zones', polygonFeature('water_function_zones', z.geom, z.props))
    for (const b of blackOdorous.reaches)
      add('black_odorous_reaches', multiLineFeature('black_odorous_reaches', b.lines, b.props))
    for (const b of blackOdorous.ponds)
      add('black_odorous_ponds', polygonFeature('black_odorous_ponds', b.geom, b.props))
    for (const a of chiefs.areas)
      add(
        'chief_areas',
        polygonFeature('chief_areas', a.geom, {
          code: a.code,
          name: a.name,
          level: a.level,
          admin_code: a.adminCode,
        }),
      )
    for (const s of sections)
      add(
        'monitoring_sections',
        pointFeature('monitoring_sections', s.at, {
          code: s.code,
          name: s.name,
          river_code: s.river?.code ?? null,
          level: s.level,
          target_class: s.target,
        }),
      )
    for (const o of outfalls) add('outfalls', pointFeature('outfalls', o.at, o.props))
    for (const s of signboards) add('signboards', pointFeature('signboards', s.at, s.props))
    for (const p of patrols) add('patrols', patrolFeature(p))
    for (const r of reports) add('reports', pointFeature('reports', r.at, r.props))
    // (loops, not push(...xs): spreading 10^5 arguments overflows the stack)
    for (const c of chiefs.chiefs) dataset.chiefs.push(c)
    for (const a of chiefs.assignments) dataset.assignments.push(a)
    for (const m of measurements) dataset.measurements.push(m)
    step('features', () => null)
  }
  return dataset
}
