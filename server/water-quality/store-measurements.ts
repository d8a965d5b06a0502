// Storing a monitoring section's water-quality measurements (seed §5(五): the measured class is
// what holds a section's chiefs to account), as POST /api/sections/{code}/measurements does.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { isCalendarDate } from '../calendar-date.ts'
import type { Database } from '../db/database.ts'
import { BadRequest, NotFound } from '../errors.ts'
import { WATER_CLASSES } from '../layers/registry.ts'
import { todayInKunming } from '../query/kunming-date.ts'

const FIND_SQL = readFileSync(join(import.meta.dirname, 'find-section.sql'), 'utf8')
const STORE_SQL = readFileSync(join(import.meta.dirname, 'store-measurements.sql'), 'utf8')

/** One request stores at most this many measurements (ten years of daily samples). */
export const MAX_MEASUREMENTS = 4_000

/** A real day of years 0001–9999 (PostgreSQL has no year 0). */
const realDate = (v: string) => isCalendarDate(v) && !v.startsWith('0000')

const concentration = (name: string) =>
  z
    .number({ error: `${name} must be a number (mg/L)` })
    .finite(`${name} must be finite`)
    .nonnegative(`${name} must not be negative`)
    .nullable()
    .optional()
    .meta({ description: `${name.replace('_mg_l', '').toUpperCase()}, mg/L` })

export const Measurement = z
  .object({
    measured_on: z
      .string({ error: 'measured_on must be a date YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'measured_on must be YYYY-MM-DD')
      .refine(realDate, 'measured_on is not a real calendar date')
      .meta({ format: 'date' }),
    water_class: z.enum(WATER_CLASSES, { error: `water_class must be one of ${WATER_CLASSES.join(', ')}` }),
    cod_mg_l: concentration('cod_mg_l'),
    nh3n_mg_l: concentration('nh3n_mg_l'),
    tp_mg_l: concentration('tp_mg_l'),
  })
  .strict()
  .meta({ id: 'Measurement' })
export type Measurement = z.infer<typeof Measurement>

export interface StoredMeasurements {
  /** The section's code. */
  section: string
  inserted: number
  /** Dates the section already had, replaced. */
  updated: number
}

/**
 * Stores `items` for the section `section` (its code, or its id as /api/network's ?section= takes
 * it) in one transaction: all or none. A date the section already has is replaced whole
 * (upsert on section and date); a date given twice in one request is refused (400), since which
 * of the two should win is not knowable. Writing the measurements table bumps its data version
 * (migration 008), so tiles' latest_class of the section is recomputed.
 *
 * Throws NotFound (404) for an unknown section, BadRequest (400) for an empty list, too many
 * items, a repeated date or a date after today in Kunming (a sample cannot be from the future, and
 * one would become the latest measured year that /api/targets defaults to). Items must already be checked against `Measurement`.
 */
export async function storeMeasurements(
  db: Database,
  section: string,
  items: readonly Measurement[],
): Promise<StoredMeasurements> {
  if (!items.length) throw new BadRequest('body: give at least one measurement')
  if (items.length > MAX_MEASUREMENTS)
    throw new BadRequest(`body: at most ${MAX_MEASUREMENTS} measurements per request, got ${items.length}`)
  const seen = new Set<string>()
  const today = todayInKunming()
  items.forEach((m, i) => {
    if (m.measured_on > today)
      throw new BadRequest(`body: ${i}.measured_on ${m.measured_on} is after today (${today} in Kunming)`)
    if (seen.has(m.measured_on))
      throw new BadRequest(`body: ${i}.measured_on ${m.measured_on} is given more than once`)
    seen.add(m.measured_on)
  })
  const id = /^\d{1,15}$/.test(section) ? Number(section) : null
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ code: string }>(FIND_SQL, [section, id])
    if (!rows.length) throw new NotFound(`no monitoring section with code or id ${section}`)
    const code = rows[0].code
    const stored = await tx.query<{ inserted: boolean }>(STORE_SQL, [code, JSON.stringify(items)])
    const inserted = stored.rows.filter((r) => r.inserted).length
    return { section: code, inserted, updated: stored.rows.length - inserted }
  })
}
