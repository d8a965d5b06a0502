// What POST /api/intrusion answers (server/query/intrusion.ts, IntrusionResult), as far as the
// check page reads it.
import type { ChiefOnDuty } from '../../panels/signboard.ts'

export type Verdict = 'forbidden' | 'review' | 'clear'

export interface IntrusionRule {
  id: string
  verdict: Verdict
  rule: string
  rule_en: string
  source: string
}

export interface IntrudedFeature {
  id: number
  name: string
  attributes: Record<string, unknown>
  relation: 'inside' | 'overlaps' | 'touches' | 'within_buffer'
  distance_m: number
  overlap_area_m2: number
  overlap_length_m: number
  verdict: Verdict
  rules: IntrusionRule[]
}

export interface IntrusionAnswer {
  verdict: Verdict
  project: { type: string; area_m2: number; length_m: number; buffer_m: number }
  layers: Record<string, IntrudedFeature[]>
  reaches: { id: number; code: string; name: string; distance_m: number; crosses: boolean }[]
  notify: {
    chiefs: ChiefOnDuty[]
    offices: {
      basin: string | null
      authority: string
      office: string
      oversight: string
      rule_source: string
    }[]
  }
}

/** One row of the conflicts table: a constraint feature with its layer. */
export interface Conflict extends IntrudedFeature {
  layer: string
}

/** Every conflict, forbidden first, then review, then the rest, in the server's order within each. */
export function conflictsOf(answer: IntrusionAnswer): Conflict[] {
  const order: Verdict[] = ['forbidden', 'review', 'clear']
  return Object.entries(answer.layers)
    .flatMap(([layer, features]) => features.map((f) => ({ ...f, layer })))
    .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict))
}

/** The zone's type as its layer names it: a shoreline function, a protection grade, a colour, a kind. */
export function zoneType(attributes: Record<string, unknown>): string | null {
  for (const key of ['function', 'grade', 'colour', 'kind', 'target_class'])
    if (typeof attributes[key] === 'string') return attributes[key] as string
  return null
}
