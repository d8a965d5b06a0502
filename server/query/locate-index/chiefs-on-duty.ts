// chiefs_on_duty(date, scopes) of migration 007, from memory: every assignment holding on the date
// for one of the scopes found, in the SQL's order.
import type { ChiefOnDuty } from '../common-schemas.ts'
import { shareJson } from '../locate-json.ts'

/** A scope found for the point (duty_scope): a reach or lake with its distance, an area with null. */
export interface DutyScope {
  kind: 'reach' | 'area' | 'lake'
  id: number
  code: string
  name: string
  distance_m: number | null
}

export interface AssignmentEntry {
  validFrom: string
  validTo: string | null
  levelRank: number
  roleRank: number
  nameRank: number
  idRank: number
  /** ChiefOnDuty without its scope, as the database built it. */
  chief: Omit<ChiefOnDuty, 'scope'>
  /**
   * The answer's entry when the scope is an area: the same in every answer (no distance), so made
   * once and shared (locate-json.ts). An entry belongs to one scope (AssignmentsByScope's key).
   */
  areaAnswer?: ChiefOnDuty
}

/** Assignments by `${kind} ${code}`. */
export type AssignmentsByScope = ReadonlyMap<string, readonly AssignmentEntry[]>

export const scopeKey = (kind: string, code: string) => `${kind} ${code}`

/**
 * The ChiefOnDuty[] chiefs_on_duty returns. `date` is `YYYY-MM-DD`; an assignment holds when
 * valid_from <= date < valid_to (holds_on, migration 007: a hand-over day is the new chief's);
 * ISO dates compare as strings. Order: level rank, role rank (chief_ranks), chief name, chief id
 * (the database's collation, as ranks), scope kind, scope code.
 */
export function chiefsOnDuty(
  assignments: AssignmentsByScope,
  codeRank: (code: string) => number,
  date: string,
  scopes: readonly DutyScope[],
): ChiefOnDuty[] {
  const found: { entry: AssignmentEntry; scope: DutyScope; codeRank: number }[] = []
  for (const scope of scopes) {
    for (const entry of assignments.get(scopeKey(scope.kind, scope.code)) ?? []) {
      if (entry.validFrom <= date && (entry.validTo === null || date < entry.validTo))
        found.push({ entry, scope, codeRank: codeRank(scope.code) })
    }
  }
  found.sort(
    (a, b) =>
      a.entry.levelRank - b.entry.levelRank ||
      a.entry.roleRank - b.entry.roleRank ||
      a.entry.nameRank - b.entry.nameRank ||
      a.entry.idRank - b.entry.idRank ||
      (a.scope.kind < b.scope.kind ? -1 : a.scope.kind > b.scope.kind ? 1 : 0) ||
      a.codeRank - b.codeRank,
  )
  return found.map(({ entry, scope }) => {
    if (scope.kind !== 'area') return answerOf(entry, scope)
    if (!entry.areaAnswer) entry.areaAnswer = shareJson(answerOf(entry, scope))
    return entry.areaAnswer
  })
}

function answerOf(entry: AssignmentEntry, scope: DutyScope): ChiefOnDuty {
  return {
    ...entry.chief,
    scope: {
      kind: scope.kind,
      id: scope.id,
      code: scope.code,
      name: scope.name,
      distance_m: scope.distance_m,
    },
  }
}
