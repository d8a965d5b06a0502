// An uploaded patrol stored and evaluated in one transaction (all or nothing): a track refused
// or a failed evaluation leaves no row.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../db/database.ts'
import { NotFound } from '../errors.ts'
import { evaluatePatrolsIn } from './evaluate.ts'
import type { PatrolRules } from './rules.ts'
import type { Track } from './track.ts'

const sql = (name: string) => readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8')
const CHIEF_EXISTS = sql('chief-exists')
const INSERT = sql('insert-patrol')
const ANSWER = sql('patrol-answer')

export interface PatrolCoverage {
  scope_kind: 'reach' | 'lake'
  code: string
  name: string | null
  /** Geodesic length of the reach or shoreline (m). */
  length_m: number
  /** Geodesic length of its part within PATROL_NEAR_M of the track (m). */
  covered_m: number
  /** covered_m / length_m, 0..1. */
  share: number
}

/** A patrol's evaluation, the 201 answer of POST /api/patrols. */
export interface PatrolEvaluation {
  id: number
  chief_id: string
  /** ISO 8601 UTC. */
  started_at: string | null
  ended_at: string | null
  length_m: number
  duration_s: number | null
  max_speed_kmh: number | null
  valid: boolean
  flags: string[]
  coverage: PatrolCoverage[]
  /** Covered over total length of the whole scope, 0..1 (0 without a scope). */
  share: number
}

/** The stored evaluation of patrol `id` (after evaluatePatrols), or null when there is none. */
export async function patrolEvaluation(
  db: Pick<Database, 'query'>,
  id: number,
): Promise<PatrolEvaluation | null> {
  const { rows } = await db.query<PatrolEvaluation>(ANSWER, [id])
  return rows[0] ?? null
}

/**
 * Stores `track` (storage lon/lat, times in epoch ms) as a patrol of `chiefId` and evaluates it
 * (evaluate.ts, with `rules`), in one transaction. Resolves to its evaluation.
 * @throws NotFound (404) when no chief has the id.
 */
export async function uploadPatrol(
  db: Database,
  chiefId: string,
  track: Track,
  rules: PatrolRules,
): Promise<PatrolEvaluation> {
  return db.transaction(async (tx) => {
    const { rows: found } = await tx.query<{ found: boolean }>(CHIEF_EXISTS, [chiefId])
    if (!found[0].found) throw new NotFound(`no chief with id ${chiefId}`)
    const geometry = JSON.stringify({ type: 'LineString', coordinates: track.coordinates })
    const times = JSON.stringify(track.times.map((t) => new Date(t).toISOString()))
    const { rows } = await tx.query<{ id: number }>(INSERT, [chiefId, geometry, times])
    const id = rows[0].id
    await evaluatePatrolsIn(tx, { ids: [id], rules })
    return (await patrolEvaluation(tx, id)) as PatrolEvaluation
  })
}
