// The public registry of rivers, canals, lakes and reservoirs (河(渠)湖库名录, seed §5(一)): every
// water body with its management level, the counties it crosses, its length or area and the chiefs
// who answer for it on a date, "分级分类明确相应的河长制责任领导，并向社会公告".
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { NotFound } from '../errors.ts'
import { ADMIN_LEVELS, CHIEF_LEVELS, CHIEF_ROLES } from '../layers/registry.ts'
import { SCOPE_KINDS } from './common-schemas.ts'

const LIST_SQL = readFileSync(join(import.meta.dirname, 'registry-list.sql'), 'utf8')
const COUNTY_SQL = readFileSync(join(import.meta.dirname, 'registry-county.sql'), 'utf8')

/** The kinds of water body the registry lists: rivers' and lakes' `kind` values. */
export const WATER_KINDS = ['river', 'canal', 'lake', 'reservoir', 'pond'] as const

export const RegistryChief = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.string().nullable(),
    contact: z.string().nullable(),
    level: z.enum(CHIEF_LEVELS),
    role: z.enum(CHIEF_ROLES),
    scopes: z.array(z.object({ kind: z.enum(SCOPE_KINDS), code: z.string() })).meta({
      description: 'what the chief holds of this water body: its reaches, the lake, or an area it crosses',
    }),
  })
  .meta({ id: 'RegistryChief' })

export const RegistryEntry = z
  .object({
    layer: z.enum(['rivers', 'lakes']),
    id: z.number().int(),
    code: z.string().nullable(),
    name: z.string(),
    kind: z.enum(WATER_KINDS).nullable(),
    management_level: z.enum(ADMIN_LEVELS).nullable(),
    counties: z
      .array(z.object({ code: z.string(), name: z.string() }))
      .meta({ description: 'the counties whose interior the water body enters, by code' }),
    length_m: z.number().nullable().meta({ description: 'rivers and canals: geodesic length, metres' }),
    area_m2: z.number().nullable().meta({ description: 'lakes, reservoirs and ponds: geodesic area, m²' }),
    chiefs: z.array(RegistryChief).meta({
      description: 'on duty on the date: city first, then by role (chief_ranks) and name',
    }),
  })
  .meta({ id: 'RegistryEntry' })
export type RegistryEntry = z.infer<typeof RegistryEntry>

export interface RegistryFilter {
  /** YYYY-MM-DD: the chiefs on duty that day (valid_from <= date < valid_to). */
  date: string
  level?: (typeof ADMIN_LEVELS)[number]
  /** 12-digit division code of a county (admin_areas, level county). */
  county?: string
  kind?: (typeof WATER_KINDS)[number]
}

/**
 * Lists the water registry (seed §5(一)): rivers and canals (layer `rivers`), then lakes,
 * reservoirs and ponds (layer `lakes`), by management level (city first, unset last) and code.
 *
 * - `length_m` (rivers) and `area_m2` (lakes) are measured on the CGCS2000 ellipsoid: m, m².
 * - `counties`: the counties whose interior the water body's interior meets.
 * - `chiefs`: the chiefs on duty on `filter.date` of its reaches (一河一长), of the lake itself
 *   (湖长/库长), and of the river chiefs' responsibility areas it crosses (city level outside the
 *   滇池 basin, seed §3(一)2); one entry per chief, level and role, with the scopes held.
 *
 * Throws NotFound when `filter.county` names no county.
 */
export async function listRegistry(db: Queryable, filter: RegistryFilter): Promise<RegistryEntry[]> {
  if (filter.county !== undefined) {
    const { rows } = await db.query(COUNTY_SQL, [filter.county])
    if (!rows.length) throw new NotFound(`county: no county with code ${filter.county}`)
  }
  const { rows } = await db.query<RegistryEntry>(LIST_SQL, [
    filter.date,
    filter.level ?? null,
    filter.county ?? null,
    filter.kind ?? null,
  ])
  return rows
}
