// River chiefs as people: one chief with the scopes they hold as GeoJSON (chief page, signboards,
// seed §6(五): names and duties are public), and a search by name for pickers and the hotline.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Geometry } from 'geojson'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { NotFound } from '../errors.ts'
import { CHIEF_LEVELS, CHIEF_ROLES } from '../layers/registry.ts'
import { SCOPE_KINDS } from './common-schemas.ts'

const GET_SQL = readFileSync(join(import.meta.dirname, 'chiefs-get.sql'), 'utf8')
const SEARCH_SQL = readFileSync(join(import.meta.dirname, 'chiefs-search.sql'), 'utf8')

const Scope = z.object({
  kind: z.enum(SCOPE_KINDS),
  code: z.string(),
  id: z.number().int().nullable().meta({ description: 'null when the scope code matches no feature' }),
  name: z.string().nullable(),
  river_code: z.string().nullable(),
  area_level: z.enum(CHIEF_LEVELS).nullable(),
  length_m: z.number().nullable().meta({ description: 'geodesic length of a reach' }),
  area_m2: z.number().nullable().meta({ description: 'geodesic area of an area or a lake' }),
})

const Assignment = z.object({
  assignment_id: z.number().int(),
  level: z.enum(CHIEF_LEVELS),
  role: z.enum(CHIEF_ROLES),
  valid_from: z.string().meta({ format: 'date' }),
  valid_to: z.string().nullable().meta({ format: 'date' }),
  active: z.boolean().meta({ description: 'valid on the requested date' }),
  scope: Scope,
})

export const ChiefDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.string().nullable(),
    contact: z.string().nullable(),
    assignments: z.array(Assignment).meta({ description: 'all assignments, newest first, history included' }),
    scopes: z
      .object({
        type: z.literal('FeatureCollection'),
        features: z.array(
          z.object({
            type: z.literal('Feature'),
            id: z.number().int(),
            geometry: z
              .record(z.string(), z.unknown())
              .meta({ description: 'GeoJSON geometry, EPSG:4490 lon/lat' }),
            properties: Assignment.omit({ scope: true }).extend({
              scope_kind: Scope.shape.kind,
              scope_code: Scope.shape.code,
              scope_id: Scope.shape.id,
              scope_name: Scope.shape.name,
              river_code: Scope.shape.river_code,
              area_level: Scope.shape.area_level,
              length_m: Scope.shape.length_m,
              area_m2: Scope.shape.area_m2,
            }),
          }),
        ),
      })
      .meta({ description: 'GeoJSON of the scopes held on the date (reaches as lines, areas as polygons)' }),
  })
  .meta({ id: 'ChiefDetail' })
export type ChiefDetail = z.infer<typeof ChiefDetail>

export const ChiefSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.string().nullable(),
    contact: z.string().nullable(),
    scopes: z.array(
      z.object({
        level: z.enum(CHIEF_LEVELS),
        role: z.enum(CHIEF_ROLES),
        kind: z.enum(SCOPE_KINDS),
        code: z.string(),
        name: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ChiefSummary' })

export const ChiefSearchResult = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  chiefs: z.array(ChiefSummary),
})
export type ChiefSearchResult = z.infer<typeof ChiefSearchResult>

type AssignmentRow = z.infer<typeof Assignment> & { geometry: Geometry | null }

export async function getChief(db: Queryable, id: string, date: string): Promise<ChiefDetail> {
  const { rows } = await db.query<
    Omit<ChiefDetail, 'assignments' | 'scopes'> & { assignments: AssignmentRow[] }
  >(GET_SQL, [id, date])
  const row = rows[0]
  if (!row) throw new NotFound(`no chief with id '${id}'`)
  const features = row.assignments
    .filter((a) => a.active && a.geometry)
    .map(({ geometry, scope, ...a }) => ({
      type: 'Feature' as const,
      id: a.assignment_id,
      geometry: geometry as unknown as Record<string, unknown>,
      properties: {
        ...a,
        scope_kind: scope.kind,
        scope_code: scope.code,
        scope_id: scope.id,
        scope_name: scope.name,
        river_code: scope.river_code,
        area_level: scope.area_level,
        length_m: scope.length_m,
        area_m2: scope.area_m2,
      },
    }))
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    contact: row.contact,
    assignments: row.assignments.map(({ geometry: _g, ...a }) => a),
    scopes: { type: 'FeatureCollection', features },
  }
}

export interface ChiefSearch {
  q?: string
  level?: (typeof CHIEF_LEVELS)[number]
  date: string
  limit: number
  offset: number
}

/** LIKE metacharacters in the user's text match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

export async function searchChiefs(db: Queryable, search: ChiefSearch): Promise<ChiefSearchResult> {
  const { rows } = await db.query<z.infer<typeof ChiefSummary> & { total: number }>(SEARCH_SQL, [
    search.q ? likePattern(search.q) : null,
    search.date,
    search.limit,
    search.offset,
    search.level ?? null,
  ])
  return {
    total: rows[0]?.total ?? 0,
    limit: search.limit,
    offset: search.offset,
    chiefs: rows.map(({ total: _t, ...c }) => c),
  }
}
