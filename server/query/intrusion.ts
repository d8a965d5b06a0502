// Does a proposed project intrude (涉河建设项目审查, seed §4(二)2)? Every constraint feature it
// touches, with the relation, overlap in m² / m and share of the project, the distances to the
// blue line, the shoreline zone and each kind of shoreline control line (临水 / 外缘), the rules
// from intrusion_rules, and a verdict.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Geometry } from 'geojson'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { BadRequest } from '../errors.ts'
import { ADMIN_LEVELS, layersFor } from '../layers/registry.ts'
import { ChiefOnDuty, Governance } from './common-schemas.ts'
import { degreesCovering } from './geodesy.ts'
import { constraintCandidatesSql, fillSql } from './registry-sql.ts'

const INTRUSION_SQL = fillSql(readFileSync(join(import.meta.dirname, 'intrusion.sql'), 'utf8'), {
  constraint_candidates: constraintCandidatesSql(),
})

/** The blue line and shoreline control line are looked for this far from the project. */
export const CONTROL_LINE_SEARCH_M = 5_000

/** The layers a project is judged against: those the registry marks 'constraint'. */
export const CONSTRAINT_LAYERS = layersFor('constraint').map((l) => l.id)
export const VERDICTS = ['forbidden', 'review', 'clear'] as const
export type Verdict = (typeof VERDICTS)[number]

const Rule = z
  .object({
    id: z.string(),
    verdict: z.enum(VERDICTS),
    rule: z.string(),
    rule_en: z.string(),
    source: z.string().meta({ description: 'seed § or the law, regulation or guidance it comes from' }),
    source_kind: z.enum(['seed', 'law', 'regulation', 'guidance']),
  })
  .meta({ id: 'IntrusionRule' })

export const IntrudedFeature = z
  .object({
    id: z.number().int(),
    name: z.string(),
    attributes: z.record(z.string(), z.unknown()),
    relation: z.enum(['inside', 'overlaps', 'touches', 'within_buffer']).meta({
      description:
        'inside: the project lies wholly in the feature (edge included); overlaps: interiors overlap; touches: boundary contact only; within_buffer: apart, but within buffer_m',
    }),
    distance_m: z.number().meta({ description: 'project to the feature (0 when they meet)' }),
    boundary_distance_m: z
      .number()
      .nullable()
      .meta({
        description: `blue lines and shoreline zones only: project to the line itself (the blue line, or the zone's waterside and outer control lines), when within ${CONTROL_LINE_SEARCH_M} m; otherwise null`,
      }),
    overlap_area_m2: z.number(),
    overlap_length_m: z.number(),
    share: z.number().nullable().meta({ description: 'overlap / project area, length or point count' }),
    verdict: z.enum(VERDICTS),
    rules: z.array(Rule),
  })
  .meta({ id: 'IntrudedFeature' })
type IntrudedFeature = z.infer<typeof IntrudedFeature>

const NearestLine = z.object({
  id: z.number().int(),
  name: z.string(),
  function: z.string().optional(),
  distance_m: z.number(),
  line_distance_m: z.number(),
})

/** The nearest control line of one kind (shoreline_lines): a line, so one distance. */
const NearestControlLine = z.object({
  id: z.number().int(),
  name: z.string(),
  water_name: z.string().nullable(),
  distance_m: z
    .number()
    .meta({ description: 'project to the line, metres on the ellipsoid (0 when it reaches it)' }),
})

export const IntrusionResult = z
  .object({
    verdict: z
      .enum(VERDICTS)
      .meta({ description: 'the worst verdict of any rule that applies; clear when none' }),
    project: z.object({
      type: z.string(),
      vertices: z.number().int(),
      area_m2: z.number(),
      length_m: z.number(),
      buffer_m: z.number(),
    }),
    layers: z.object(Object.fromEntries(CONSTRAINT_LAYERS.map((l) => [l, z.array(IntrudedFeature)]))),
    nearest: z
      .object({
        blue_line: NearestLine.nullable(),
        shoreline_control_line: NearestLine.nullable(),
        waterside_control_line: NearestControlLine.nullable(),
        outer_control_line: NearestControlLine.nullable(),
      })
      .meta({
        description: `within ${CONTROL_LINE_SEARCH_M} m: the nearest blue line and shoreline zone (distance_m to the area, line_distance_m to its boundary), and the nearest waterside (临水) and outer (外缘) control line of shoreline_lines, each kind apart`,
      }),
    reaches: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        river_code: z.string().nullable(),
        distance_m: z.number(),
        crosses: z.boolean(),
        length_inside_m: z.number().nullable(),
      }),
    ),
    notify: z.object({
      chiefs: z.array(ChiefOnDuty),
      offices: z.array(Governance),
      admin: z.array(
        z.object({ id: z.number().int(), level: z.enum(ADMIN_LEVELS), code: z.string(), name: z.string() }),
      ),
    }),
  })
  .meta({ id: 'IntrusionResult' })
export type IntrusionResult = z.infer<typeof IntrusionResult>

interface IntrusionRow {
  valid: boolean
  reason: string
  dim: number
  area_m2: number
  length_m: number
  features: (Omit<IntrudedFeature, 'verdict'> & { layer: string })[]
  nearest_blue_line: z.infer<typeof NearestLine> | null
  nearest_shoreline: z.infer<typeof NearestLine> | null
  nearest_waterside: z.infer<typeof NearestControlLine> | null
  nearest_outer: z.infer<typeof NearestControlLine> | null
  reaches: IntrusionResult['reaches']
  chiefs: ChiefOnDuty[]
  /** basin_governance() of the project, the same rule as locate; null for an invalid geometry. */
  basins: Governance[] | null
  admin: IntrusionResult['notify']['admin']
}

export interface IntrusionOptions {
  bufferM: number
  date: string
  /** The near-river rule (LOCATE_NEAR_M): reaches this close are affected even with no buffer. */
  nearM: number
}

const severity = (v: Verdict) => VERDICTS.indexOf(v)
const worst = (verdicts: Verdict[]): Verdict =>
  verdicts.reduce<Verdict>((w, v) => (severity(v) < severity(w) ? v : w), 'clear')

function maxAbsLatitude(geometry: Geometry): number {
  const parts = geometry.type === 'GeometryCollection' ? geometry.geometries : [geometry]
  let max = 0
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') max = Math.max(max, Math.abs((c as number[])[1]))
    else for (const child of c as unknown[]) visit(child)
  }
  for (const part of parts) visit((part as { coordinates: unknown }).coordinates)
  return max
}

export function intrusionStatement(geometry: Geometry, options: IntrusionOptions) {
  const lat = maxAbsLatitude(geometry)
  const nearM = Math.max(options.bufferM, options.nearM)
  return {
    sql: INTRUSION_SQL,
    params: [
      JSON.stringify(geometry),
      options.bufferM,
      options.date,
      nearM,
      degreesCovering(nearM, lat),
      CONTROL_LINE_SEARCH_M,
      degreesCovering(CONTROL_LINE_SEARCH_M, lat),
    ] as unknown[],
  }
}

/**
 * Judges a proposed project (涉河建设项目审查, seed §4(二)2) against every constraint layer of the
 * registry: the answer of `/api/intrusion`.
 *
 * - `geometry`: GeoJSON in storage lon/lat (EPSG:4490), already converted and structurally checked
 *   (input-geometry.ts); `vertices` its vertex count, echoed in the answer.
 * - `options.bufferM`: metres; features this far from the project are listed as `within_buffer`.
 *   `options.nearM`: metres; reaches this close are affected. `options.date`: `YYYY-MM-DD` of the
 *   chiefs to notify.
 * - Every area, length and distance is measured on the ellipsoid (geography): m², m.
 * - Verdicts come from the intrusion_rules table, each rule with its source (seed §, law,
 *   regulation or guidance); the overall verdict is the worst (forbidden > review > clear).
 * - Offices to notify follow basin_governance(), the same rule as locate.
 *
 * Throws BadRequest (`invalid_geometry`, with PostGIS's reason) for an invalid geometry, such as a
 * self-intersecting polygon.
 */
export async function checkIntrusion(
  db: Queryable,
  geometry: Geometry,
  vertices: number,
  options: IntrusionOptions,
): Promise<IntrusionResult> {
  const { sql, params } = intrusionStatement(geometry, options)
  const { rows } = await db.query<IntrusionRow>(sql, params)
  const row = rows[0]
  if (!row.valid) {
    throw new BadRequest(`geometry is not valid: ${row.reason}`, { reason: row.reason }, 'invalid_geometry')
  }
  const layers = Object.fromEntries(CONSTRAINT_LAYERS.map((l) => [l, [] as IntrudedFeature[]]))
  for (const { layer, ...feature } of row.features) {
    layers[layer].push({ ...feature, verdict: worst(feature.rules.map((r) => r.verdict)) })
  }
  const all = Object.values(layers).flat()
  // A project in no basin gets the default office only if it is in the city at all.
  const offices = (row.basins ?? []).filter((b) => b.basin_id !== null || row.admin.length > 0)
  return {
    verdict: worst(all.map((f) => f.verdict)),
    project: {
      type: geometry.type,
      vertices,
      area_m2: row.area_m2,
      length_m: row.length_m,
      buffer_m: options.bufferM,
    },
    layers,
    nearest: {
      blue_line: row.nearest_blue_line,
      shoreline_control_line: row.nearest_shoreline,
      waterside_control_line: row.nearest_waterside,
      outer_control_line: row.nearest_outer,
    },
    reaches: row.reaches,
    notify: { chiefs: row.chiefs, offices, admin: row.admin },
  }
}
