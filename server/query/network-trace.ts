// Tracing the river network up or down from a point or a monitoring section (水质恶化倒查, seed
// §5(五)): the reaches in network order with their lengths, the outfalls and sections along them,
// and every chief on duty for them. SQL finds the set (WITH RECURSIVE over from_node/to_node);
// the order and the distances along the network are worked out here on that small set.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { NotFound } from '../errors.ts'
import { WATER_CLASSES } from '../layers/registry.ts'
import { ChiefOnDuty } from './common-schemas.ts'
import { degreesCovering } from './geodesy.ts'
import {
  alongDistance,
  type Direction,
  orderReaches,
  type ReachRow,
  type StartReach,
} from './network-order.ts'

const sql = (name: string) => readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8')
const SECTION_SQL = sql('network-section')
const START_SQL = sql('network-start')
const TRACE_SQL = { upstream: sql('network-upstream'), downstream: sql('network-downstream') }
const ALONG_SQL = sql('network-along')

/** A section is snapped to a reach this far away at most (sections sit on banks and bridges). */
export const SECTION_SNAP_M = 1_000
export type { Direction }

const WaterClass = z.enum(WATER_CLASSES)

const TracedReach = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  river_code: z.string().nullable(),
  from_node: z.number().int().nullable(),
  to_node: z.number().int().nullable(),
  length_m: z.number(),
  depth: z
    .number()
    .int()
    .meta({ description: 'reaches between this one and the start (0 = the start reach)' }),
  distance_m: z
    .number()
    .meta({ description: 'along the network from the start point to the nearer end of this reach' }),
})

const Along = {
  reach_id: z.number().int(),
  distance_m: z.number().meta({ description: 'along the network from the start point' }),
  offset_m: z.number().meta({ description: 'from the point to its reach' }),
}

/** A monitoring section with its latest measurement: the start of a trace, or one found along it. */
const SectionSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  river_code: z.string().nullable(),
  level: z.string().nullable(),
  target_class: WaterClass.nullable(),
  latest: z.object({ measured_on: z.string(), water_class: WaterClass }).nullable(),
})

export const TraceResult = z
  .object({
    direction: z.enum(['upstream', 'downstream']),
    start: z.object({
      section: SectionSummary.nullable(),
      point: z.object({ lon: z.number(), lat: z.number() }),
      reach: z
        .object({
          id: z.number().int(),
          code: z.string(),
          name: z.string(),
          river_code: z.string().nullable(),
          distance_m: z.number(),
          fraction: z.number().meta({
            description:
              'position of the point along the reach, 0 = from_node: a share of its length on the ellipsoid',
          }),
          length_m: z.number(),
        })
        .nullable()
        .meta({ description: 'null when no reach is close enough: the lists are then empty' }),
    }),
    reaches: z.array(TracedReach).meta({ description: 'nearest first along the network' }),
    total_length_m: z
      .number()
      .meta({ description: 'length of river traced, counting only the traced part of the start reach' }),
    outfalls: z.array(
      z.object({
        id: z.number().int(),
        code: z.string().nullable(),
        name: z.string(),
        river_code: z.string().nullable(),
        approval: z.string().nullable(),
        yearly_discharge_t: z.number().nullable(),
        ...Along,
      }),
    ),
    sections: z.array(SectionSummary.extend({ meets_target: z.boolean().nullable(), ...Along })),
    chiefs: z
      .array(ChiefOnDuty)
      .meta({ description: 'chiefs of the traced reaches and of the areas they cross' }),
  })
  .meta({ id: 'TraceResult' })
export type TraceResult = z.infer<typeof TraceResult>

interface HitRow {
  id: number
  reach_id: number
  d: number
  /** Metres along its reach from from_node, on the ellipsoid. */
  along_m: number
  measured_on?: string | null
  water_class?: z.infer<typeof WaterClass> | null
  target_class?: z.infer<typeof WaterClass> | null
  [key: string]: unknown
}

type OutfallFields = Omit<TraceResult['outfalls'][number], keyof typeof Along>
type SectionFields = Omit<TraceResult['sections'][number], 'latest' | 'meets_target' | keyof typeof Along>

export type TraceFrom = { section: string } | { lon: number; lat: number }

export interface TraceOptions {
  date: string
  nearM: number
}

const classRank = (c: string) => WATER_CLASSES.indexOf(c as (typeof WATER_CLASSES)[number])

/**
 * Traces the network up or down from a monitoring section (by code or numeric id) or a lon/lat
 * point in EPSG:4490 (水质恶化倒查, seed §5(五)). The start snaps to the nearest reach: a section
 * within max(SECTION_SNAP_M, nearM) metres, preferring its own river; a point within `nearM`.
 * Outfalls and sections count when their nearest reach is traced and lies within `nearM`; those
 * behind the start point on the start reach are left out. Every distance and length is in metres
 * on the ellipsoid, positions along a reach included. Chiefs are those on duty on `date`
 * (YYYY-MM-DD). Returns a `TraceResult`, with empty lists when no reach is near enough.
 * Throws NotFound when no section has that code or id; database errors pass through.
 */
export async function traceNetwork(
  db: Queryable,
  from: TraceFrom,
  direction: Direction,
  options: TraceOptions,
): Promise<TraceResult> {
  let section: TraceResult['start']['section'] = null
  let point: { lon: number; lat: number }
  let riverCode: string | null = null
  if ('section' in from) {
    const numeric = /^\d{1,15}$/.test(from.section) ? Number(from.section) : null
    const { rows } = await db.query<Record<string, unknown>>(SECTION_SQL, [
      from.section,
      numeric,
      options.date,
    ])
    const s = rows[0]
    if (!s) throw new NotFound(`no monitoring section with id or code '${from.section}'`)
    section = {
      id: s.id as number,
      code: s.code as string,
      name: s.name as string,
      river_code: s.river_code as string | null,
      level: s.level as string | null,
      target_class: s.target_class as TraceResult['sections'][number]['target_class'],
      latest: s.measured_on
        ? { measured_on: s.measured_on as string, water_class: s.water_class as z.infer<typeof WaterClass> }
        : null,
    }
    point = { lon: s.lon as number, lat: s.lat as number }
    riverCode = section.river_code
  } else {
    point = { lon: from.lon, lat: from.lat }
  }
  const snap = section ? Math.max(SECTION_SNAP_M, options.nearM) : options.nearM
  const started = await db.query<StartReach>(START_SQL, [point.lon, point.lat, snap, riverCode])
  const start = started.rows[0] ?? null
  const empty: TraceResult = {
    direction,
    start: { section, point, reach: null },
    reaches: [],
    total_length_m: 0,
    outfalls: [],
    sections: [],
    chiefs: [],
  }
  if (!start) return empty

  const traced = await db.query<ReachRow>(TRACE_SQL[direction], [start.id])
  const { reaches, total } = orderReaches(direction, start, traced.rows)
  const byId = new Map(reaches.map((r) => [r.id, r]))
  const along = await db.query<{ outfalls: HitRow[]; sections: HitRow[]; chiefs: ChiefOnDuty[] }>(ALONG_SQL, [
    reaches.map((r) => r.id),
    options.nearM,
    degreesCovering(options.nearM, point.lat),
    options.date,
  ])
  const place = (h: HitRow) => {
    const distance = alongDistance(
      direction,
      start,
      byId.get(h.reach_id)!,
      h.along_m,
      h.reach_id === start.id,
    )
    return distance === null ? null : { reach_id: h.reach_id, distance_m: distance, offset_m: h.d }
  }
  const byDistance = (a: { distance_m: number; id: number }, b: { distance_m: number; id: number }) =>
    a.distance_m - b.distance_m || a.id - b.id
  const { outfalls, sections, chiefs } = along.rows[0]
  const { id, code, name, river_code, distance_m, length_m, along_m } = start
  const fraction = length_m > 0 ? Math.min(along_m / length_m, 1) : 0
  return {
    direction,
    start: { section, point, reach: { id, code, name, river_code, distance_m, fraction, length_m } },
    reaches,
    total_length_m: total,
    outfalls: outfalls
      .flatMap((hit) => {
        const at = place(hit)
        const { d: _d, along_m: _a, reach_id: _r, ...outfall } = hit
        return at ? [{ ...(outfall as OutfallFields), ...at }] : []
      })
      .sort(byDistance),
    sections: sections
      .filter((hit) => hit.id !== section?.id)
      .flatMap((hit) => {
        const at = place(hit)
        if (!at) return []
        const { d: _d, along_m: _a, reach_id: _r, measured_on, water_class, ...fields } = hit
        const latest = measured_on && water_class ? { measured_on, water_class } : null
        const target = fields.target_class
        const meets = latest && target ? classRank(latest.water_class) <= classRank(target) : null
        return [{ ...(fields as SectionFields), latest, meets_target: meets, ...at }]
      })
      .sort(byDistance),
    chiefs,
  }
}
