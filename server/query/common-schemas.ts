// Response pieces shared by locate, intrusion and network: a chief on duty with the scope they
// hold, a reach reference, and a basin with who manages it. The zod schemas are the types of the
// query modules and the OpenAPI document at once.
import { z } from 'zod'
import { BASIN_GOVERNANCE, CHIEF_LEVELS, CHIEF_ROLES } from '../layers/registry.ts'

/** What an assignment holds (assignments.scope_kind, migrations 004 and 011): a reach, a
 * responsibility area, or a lake or reservoir (湖长/库长, seed §3(一)2 河(渠)湖库). */
export const SCOPE_KINDS = ['reach', 'area', 'lake'] as const

export const ScopeRef = z
  .object({
    kind: z.enum(SCOPE_KINDS),
    id: z.number().int().meta({ description: 'reaches.id, chief_areas.id or lakes.id' }),
    code: z.string(),
    name: z.string(),
    distance_m: z.number().nullable().meta({
      description: 'metres from the point to the reach or to the lake (0 on the water); null for an area',
    }),
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
      .meta({ description: 'the innermost basin reached; null when the place is in no basin polygon' }),
    governance: z.enum(BASIN_GOVERNANCE).meta({
      description:
        "the river-chief regime: the basin's own, else that of the smallest basin containing it that has one, else 'other'",
    }),
    authority: z
      .string()
      .meta({ description: 'managing authority by the seed (§3(一)1): 市滇池管理局 or 市水务局' }),
    office: z.string().meta({ description: 'river chief office that takes complaints (§3(一)1)' }),
    oversight: z.string().meta({ description: 'oversight group (§3(二)3): 人大督察组 or 政协督察组' }),
    managing_body: z.string().nullable().meta({
      description:
        "the basin layer's own authority attribute: a local managing body, shown, never overriding the seed",
    }),
    source: z.enum(['layer', 'default']).meta({
      description:
        "'layer': the regime comes from the basin layer; 'default': no basin carried one, so 'other'",
    }),
    rule_source: z.string().meta({ description: 'where the rule comes from (seed §)' }),
  })
  .meta({ id: 'Governance', description: 'Who manages a place, where complaints go, and who oversees.' })
export type Governance = z.infer<typeof Governance>

export const ParkRef = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    committee: z.string().nullable().meta({ description: 'the managing committee (管理委员会)' }),
  })
  .meta({ id: 'ParkRef', description: 'A development or holiday park (开发(度假)园区).' })
export type ParkRef = z.infer<typeof ParkRef>

export const Dated = z.string().meta({ format: 'date', description: 'the date the answer holds for' })
