// Response pieces shared by locate, intrusion and network: a chief on duty with the scope they
// hold, a reach reference, and a basin with who manages it. The zod schemas are the types of the
// query modules and the OpenAPI document at once.
import { z } from 'zod'
import { CHIEF_LEVELS, CHIEF_ROLES } from '../layers/registry.ts'

export const ScopeRef = z
  .object({
    kind: z.enum(['reach', 'area']),
    id: z.number().int().meta({ description: 'reaches.id or chief_areas.id' }),
    code: z.string(),
    name: z.string(),
    distance_m: z.number().nullable().meta({ description: 'from the point to the reach; null for an area' }),
  })
  .meta({ id: 'ScopeRef' })

export const ChiefOnDuty = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.enum(CHIEF_LEVELS),
    role: z.enum(CHIEF_ROLES),
    position: z.string().nullable(),
    contact: z.string().nullable(),
    valid_from: z.string().meta({ format: 'date' }),
    valid_to: z.string().nullable().meta({ format: 'date', description: 'exclusive; null while current' }),
    scope: ScopeRef,
  })
  .meta({ id: 'ChiefOnDuty', description: 'One assignment of a chief, valid on the requested date.' })
export type ChiefOnDuty = z.infer<typeof ChiefOnDuty>

export const ReachRef = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    river_code: z.string().nullable(),
    distance_m: z.number().meta({ description: 'geodesic distance on the CGCS2000 ellipsoid, metres' }),
  })
  .meta({ id: 'ReachRef' })
export type ReachRef = z.infer<typeof ReachRef>

export const Governance = z
  .object({
    basin_id: z.number().int().nullable(),
    basin_code: z.string().nullable(),
    basin: z
      .string()
      .nullable()
      .meta({ description: 'basin name; null when the point is in no basin polygon' }),
    authority: z.string(),
    office: z.string(),
    oversight: z.string(),
    source: z.enum(['layer', 'rule']).meta({
      description:
        "'layer': from the basin's attributes; 'rule': filled by the domain rule (滇池 / elsewhere)",
    }),
  })
  .meta({ id: 'Governance', description: 'Who manages a place, where complaints go, and who oversees.' })
export type Governance = z.infer<typeof Governance>

export const Dated = z.string().meta({ format: 'date', description: 'the date the answer holds for' })
