// Patrol evaluation (issue 13 part 1, after seed §5(四)), set-based: a fixed handful of
// statements evaluates any number of patrols, with no round trip per patrol, so compliance can
// bring 100,000 stale tracks up to date in one call. Per patrol it stores the coverage of each
// reach or lake shoreline of the chief's scope on the patrol date (patrol_coverage), its
// geodesic length, duration, top speed between fixes, flags and validity, and what it was
// evaluated with (evaluated_with): the data versions of the tables read (migration 008) and the
// rules. A patrol evaluated with other versions or rules than the current ones is stale.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig } from '../config.ts'
import type { Database, Queryable } from '../db/database.ts'
import { type PatrolRules, patrolRules } from './rules.ts'

const sql = (name: string) => readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8')
const VERSIONS = sql('evaluated-with')
const LOCK = sql('evaluate-lock')
const ANY_STALE = sql('any-stale')
const CREATE = sql('evaluate-create')
const TARGETS = sql('evaluate-targets')
const CLEAR = sql('evaluate-clear')
const PARTS = sql('evaluate-parts')
const SHAPES = sql('evaluate-shapes')
const ZONES = sql('evaluate-zones')
const COVERAGE = sql('evaluate-coverage')
const UPDATE = sql('evaluate-update')

export interface EvaluateOptions {
  /** These patrols (whether stale or not). */
  ids?: number[]
  /** Every stale patrol: never evaluated, or with other data versions or rules. */
  stale?: true
  /** The rules; default those of the configuration in the environment (PATROL_* keys). */
  rules?: PatrolRules
}

/** What a patrol is evaluated with: data versions of reaches, lakes, chief_areas, assignments, and the rules. */
async function evaluatedWith(db: Queryable, rules: PatrolRules): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ versions: Record<string, number> }>(VERSIONS)
  return { ...rows[0].versions, rules }
}

/**
 * Evaluates, inside the caller's transaction `tx`, the patrols `ids`, or every stale one with
 * `stale: true`. Resolves to the number evaluated. Exactly one of ids and stale is given.
 * @throws Error when neither or both are given.
 */
export async function evaluatePatrolsIn(tx: Queryable, options: EvaluateOptions): Promise<number> {
  if ((options.ids === undefined) === (options.stale === undefined))
    throw new Error('evaluatePatrols: give either ids or stale: true')
  if (options.ids?.length === 0) return 0
  const rules = options.rules ?? patrolRules(loadConfig())
  // Uploads evaluate their own patrol, invisible to others until commit: no lock needed.
  if (options.stale) await tx.query(LOCK)
  const stamp = JSON.stringify(await evaluatedWith(tx, rules))
  // Compliance asks before every count: when nothing is stale, no working tables are made.
  if (options.stale && !(await tx.query<{ stale: boolean }>(ANY_STALE, [stamp])).rows[0].stale) return 0
  await tx.exec(CREATE)
  const { rowCount } = await tx.query(TARGETS, [options.ids ?? null, stamp])
  if (rowCount === 0) return 0
  await tx.query(PARTS)
  await tx.query(SHAPES)
  await tx.query(ZONES, [rules.nearM])
  await tx.query(CLEAR)
  await tx.query(COVERAGE)
  await tx.query(UPDATE, [stamp, rules.minMinutes, rules.minKmLocal, rules.maxKmh])
  return rowCount
}

/**
 * Evaluates the patrols `ids`, or every stale one (`{ stale: true }`), in one transaction: their
 * patrol_coverage rows are replaced and length_m, duration_s, max_speed_kmh, flags, valid and
 * evaluated_with set (migration 013). Resolves to the number of patrols evaluated.
 *
 * Rules (issue 13 part 1, after seed §5(四)), from `rules` or the PATROL_* configuration:
 * short_duration under PATROL_MIN_MINUTES; short_length under PATROL_MIN_KM_LOCAL km for
 * township and village chiefs; speed_jump above PATROL_MAX_KMH between fixes; off_scope when no
 * part of the chief's scope on the patrol date (Kunming day of started_at) lies within
 * PATROL_NEAR_M of the track. Lengths are geodesic, on the ellipsoid.
 * @throws Error when neither or both of ids and stale are given.
 */
export async function evaluatePatrols(db: Database, options: EvaluateOptions): Promise<number> {
  return db.transaction((tx) => evaluatePatrolsIn(tx, options))
}
