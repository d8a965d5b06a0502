// Patrol compliance (seed §5(四)): for each chief, the calendar windows of their level in which
// they owe a patrol, the valid patrols they made, the reaches and lakes they never covered, and
// whether they passed. Counting is one set-based statement over the stored evaluation
// (patrols.valid, patrol_coverage), so a period over 100 000 tracks reads rows, not geometry.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Database, Queryable } from '../db/database.ts'
import { BadRequest, NotFound } from '../errors.ts'
import { CHIEF_LEVELS } from '../layers/registry.ts'
import { evaluatePatrols } from './evaluate.ts'
import { type ChiefLevel, calendarWindows, type WindowKind, windowDays, windowKindOf } from './windows.ts'

const COMPLIANCE_SQL = readFileSync(join(import.meta.dirname, 'compliance.sql'), 'utf8')
const SETTINGS_SQL = readFileSync(join(import.meta.dirname, 'compliance-settings.sql'), 'utf8')
const GEOJSON_SQL = readFileSync(join(import.meta.dirname, 'compliance-geojson.sql'), 'utf8')
// The registry's check that a county code names a county, so an unknown code is a 404.
const COUNTY_SQL = readFileSync(join(import.meta.dirname, '../query/registry-county.sql'), 'utf8')

/** The longest period one request may ask about (days): three years of half-months per chief. */
export const MAX_PERIOD_DAYS = 1100

const ScopeRef = z.object({ scope_kind: z.enum(['reach', 'lake']), code: z.string(), name: z.string() })

export const ComplianceChief = z
  .object({
    chief_id: z.string(),
    name: z.string(),
    position: z.string().nullable(),
    level: z.enum(CHIEF_LEVELS),
    role: z.enum(['chief', 'specialist']),
    required: z.number().int().meta({ description: 'calendar windows in which a valid patrol was owed' }),
    done: z.number().int().meta({
      description: 'valid patrols (never off scope) in the period, made on days the chief held the scope',
    }),
    pass: z.boolean().nullable().meta({
      description:
        'a valid patrol in every owed window; null for village-group specialists while no frequency is configured',
    }),
    uncovered: z.array(ScopeRef).meta({
      description:
        'reaches (an area: its reaches) and lake shorelines held in the period that no valid patrol came within PATROL_NEAR_M of',
    }),
    windows: z.array(
      z.object({
        from: z.string().meta({ format: 'date' }),
        to: z.string().meta({ format: 'date' }),
        required: z
          .boolean()
          .meta({ description: 'the chief held the scope for at least half of the window' }),
        done: z.number().int(),
      }),
    ),
    scopes: z
      .array(z.object({ scope_kind: z.enum(['reach', 'lake', 'area']), code: z.string() }))
      .meta({ description: 'what the chief held at this level in the period' }),
  })
  .meta({ id: 'ComplianceChief' })
export type ComplianceChief = z.infer<typeof ComplianceChief>

export interface ComplianceFilter {
  /** First and last day of the period, YYYY-MM-DD, both inclusive (Kunming days). */
  from: string
  to: string
  level?: ChiefLevel
  /** 12-digit division code of a county: chiefs holding something whose interior meets it. */
  county?: string
}

export interface ComplianceOptions {
  /** The configured window of village-group specialists (PATROL_FREQUENCY_VILLAGE_GROUP). */
  villageGroupWindows?: WindowKind
}

/**
 * The one statement behind patrolCompliance, with its parameters and the transaction-local
 * settings it runs under (`settings`, run first in the same transaction): compliance.sql with the
 * period, level, county and the calendar windows of every level that owes patrols, clipped to the
 * period (windows.ts). Exported for the benchmark's floor. Throws RangeError when from > to.
 */
export function complianceStatement(
  filter: ComplianceFilter,
  options: ComplianceOptions = {},
): { settings: string; sql: string; params: unknown[] } {
  const windows = CHIEF_LEVELS.filter((level) => !filter.level || level === filter.level).flatMap((level) => {
    const kind = windowKindOf(level, options.villageGroupWindows)
    return kind ? calendarWindows(kind, filter.from, filter.to).map((w) => ({ level, ...w })) : []
  })
  return {
    settings: SETTINGS_SQL,
    sql: COMPLIANCE_SQL,
    params: [filter.from, filter.to, filter.level ?? null, filter.county ?? null, JSON.stringify(windows)],
  }
}

/**
 * Patrol compliance over [from, to] (seed §5(四); windows.ts for the windows and who owes them).
 * Evaluates stale patrols first (evaluatePatrols), so a change of assignments or reaches is
 * reflected. Returns one entry per chief and level, city first, then by name; see ComplianceChief.
 * Throws BadRequest when from > to or the period exceeds MAX_PERIOD_DAYS, NotFound when the
 * county names no county.
 */
export async function patrolCompliance(
  db: Database,
  filter: ComplianceFilter,
  options: ComplianceOptions = {},
): Promise<ComplianceChief[]> {
  if (filter.from > filter.to) throw new BadRequest(`from ${filter.from} is after to ${filter.to}`)
  if (windowDays(filter) > MAX_PERIOD_DAYS)
    throw new BadRequest(`the period is at most ${MAX_PERIOD_DAYS} days; ask for a shorter one`)
  if (filter.county !== undefined) {
    const { rows } = await db.query(COUNTY_SQL, [filter.county])
    if (!rows.length) throw new NotFound(`county: no county with code ${filter.county}`)
  }
  await evaluatePatrols(db, { stale: true })
  const { settings, sql, params } = complianceStatement(filter, options)
  return db.transaction(async (tx) => {
    await tx.exec(settings)
    return (await tx.query<ComplianceChief>(sql, params)).rows
  })
}

/**
 * The compliance map: a GeoJSON FeatureCollection with one feature per chief and scope held,
 * the scope's geometry (reach, lake or area, EPSG:4490 lon/lat) and properties { chief_id, name,
 * level, pass, scope_kind, scope_code }, in the order of `chiefs`.
 */
export async function complianceFeatures(
  db: Queryable,
  chiefs: readonly ComplianceChief[],
): Promise<unknown> {
  const scopes = chiefs.flatMap((c) =>
    c.scopes.map((s) => ({
      chief_id: c.chief_id,
      name: c.name,
      level: c.level,
      pass: c.pass,
      scope_kind: s.scope_kind,
      scope_code: s.code,
    })),
  )
  const { rows } = await db.query<{ collection: unknown }>(GEOJSON_SQL, [JSON.stringify(scopes)])
  return rows[0].collection
}
