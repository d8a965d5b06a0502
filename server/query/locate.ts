// Who and what covers a point (hotline apps, signboards, planners): the administrative chain, the
// basin and who manages it, every chief on duty on a date, every zone, and the reaches nearby.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import { ADMIN_LEVELS, type AttributeSpec, zoneLayers } from '../layers/registry.ts'
import { ChiefOnDuty, Governance, ParkRef, ReachRef } from './common-schemas.ts'
import type { LocateIndex } from './locate-index/locate-index.ts'
import { fillSql, zoneListsSql } from './registry-sql.ts'

const LOCATE_SQL = fillSql(readFileSync(join(import.meta.dirname, 'locate.sql'), 'utf8'), {
  zone_lists: zoneListsSql(),
})

/** Points per statement: big enough to amortise a round trip, small enough that the single
 * embedded connection is not held for seconds while other requests wait. */
export const LOCATE_CHUNK = 500
/**
 * Chunks of one batch in flight at once: two keep both cores of a small server busy while
 * leaving the rest of the pool to other requests (the embedded engine queues them anyway).
 */
export const LOCATE_PARALLEL = 2
/** Beyond this the "nearest reach" is not the river network of this city: null, not 3 000 km. */
export const NEAREST_REACH_MAX_M = 50_000

const id = z.number().int()

/** The zod type of one attribute as locate returns it: enumerations as enums, flags as booleans. */
function zoneField(attribute: AttributeSpec, flag: boolean): z.ZodType {
  const base = flag
    ? z.boolean()
    : attribute.values
      ? z.enum(attribute.values as [string, ...string[]])
      : attribute.type === 'text' || attribute.type === 'date' || attribute.type === 'timestamp'
        ? z.string()
        : z.number()
  return attribute.required ? base : base.nullable()
}

// One list per zone layer of the registry, under the layer's stable key.
const Zones = z
  .object(
    Object.fromEntries(
      zoneLayers().map((layer) => [
        layer.zone.key,
        z.array(
          z.object({
            id,
            ...Object.fromEntries(
              layer.zone.fields.map((name) => [
                name,
                zoneField(layer.attributes.find((a) => a.name === name)!, !!layer.zone.flags?.includes(name)),
              ]),
            ),
          }),
        ),
      ]),
    ),
  )
  .meta({ id: 'LocateZones', description: 'Every zone whose polygon covers the point (boundary included).' })

export const LocateResult = z
  .object({
    point: z.object({ lon: z.number(), lat: z.number() }).meta({ description: 'the point in EPSG:4490' }),
    admin: z
      .array(
        z.object({
          id,
          level: z.enum(ADMIN_LEVELS),
          code: z.string(),
          name: z.string(),
          parent_code: z.string().nullable(),
        }),
      )
      .meta({ description: 'city → county → township → village; both areas when on a shared boundary' }),
    park: ParkRef.nullable().meta({
      description:
        'the development or holiday park the point lies in, beside the statistical chain; the first by code on a border between parks',
    }),
    county_duty: z.enum(['county', 'park']).nullable().meta({
      description:
        "who holds the river-chief duty at county level here: inside a park the park's chiefs and office act in place of the county's (属地管理, seed §3(二)2); null outside every county and park",
    }),
    basin: Governance.nullable(),
    chiefs: z.array(ChiefOnDuty).meta({
      description:
        "Every chief on duty for the point: those of each reach and each lake or reservoir within near_m, and of each responsibility area containing it (the city's, its county's or park's and its township's chiefs-in-general among them); city level first.",
    }),
    zones: Zones,
    near_reaches: z.array(ReachRef).meta({ description: 'reaches within near_m, nearest first' }),
    nearest_reach: ReachRef.nullable().meta({
      description: `the nearest reach (geodesic), null when none is within ${NEAREST_REACH_MAX_M / 1000} km`,
    }),
  })
  .meta({ id: 'LocateResult' })
export type LocateResult = z.infer<typeof LocateResult>

/** One point's answer as locate.sql returns it (and LocateIndex.locateRow reproduces), distances raw. */
export interface LocateRow {
  i: number
  admin: LocateResult['admin']
  park: ParkRef | null
  /** basin_governance(): never empty; a single entry with basin_id null when no basin is reached. */
  basins: Governance[]
  near_reaches: ReachRef[]
  chiefs: ChiefOnDuty[]
  zones: LocateResult['zones']
  nearest_reach: ReachRef | null
}

export interface LocateOptions {
  /** YYYY-MM-DD */
  date: string
  /** The near-river rule's distance, metres (config LOCATE_NEAR_M). */
  nearM: number
}

/**
 * Metres to 0.01 m (issue 14): the index and the SQL measure the same geodesic distance to within
 * a micrometre, so rounding both alike, here, makes their answers equal byte for byte except
 * for a distance within rounding error of a centimetre step.
 */
export const roundMetres = (metres: number) => Math.round(metres * 100) / 100

const roundReach = (reach: ReachRef): ReachRef => ({ ...reach, distance_m: roundMetres(reach.distance_m) })

function shape(lonLat: readonly [number, number], row: LocateRow): LocateResult {
  return {
    point: { lon: lonLat[0], lat: lonLat[1] },
    admin: row.admin,
    park: row.park,
    county_duty: row.park ? 'park' : row.admin.some((a) => a.level === 'county') ? 'county' : null,
    // Outside every basin and every administrative area the rule has nothing to say.
    basin: row.basins[0].basin_id === null && row.admin.length === 0 ? null : row.basins[0],
    chiefs: row.chiefs.map((chief) =>
      chief.scope.distance_m === null
        ? chief
        : { ...chief, scope: { ...chief.scope, distance_m: roundMetres(chief.scope.distance_m) } },
    ),
    zones: row.zones,
    near_reaches: row.near_reaches.map(roundReach),
    nearest_reach: row.nearest_reach && roundReach(row.nearest_reach),
  }
}

/**
 * Who and what covers each point: the answer of `/api/locate`, one per point, in input order.
 *
 * - `points`: `[lon, lat]` in the storage CRS, EPSG:4490 degrees (callers convert from other
 *   CRSs first, server/crs); any number, sent in statements of LOCATE_CHUNK points.
 * - `options.date`: `YYYY-MM-DD`, the day whose chiefs are wanted; assignments hold on
 *   valid_from <= date < valid_to (holds_on, migration 007), so accountability can ask about
 *   any past day (seed §3(四)).
 * - `options.nearM`: metres on the ellipsoid; a reach or a lake this close gives its chiefs (the
 *   reach and lake scopes of seed §3(一)2, 河(渠)湖库; 0 m on the water), besides the
 *   responsibility areas containing the point: the city's, the county's or park's and the
 *   township's chiefs-in-general and deputies among them (§3(一)2).
 * - `park` / `county_duty`: the park containing the point, whose chiefs and office act at county
 *   level in place of the county's (属地管理, §3(二)2); `county_duty` is 'park' there, 'county'
 *   elsewhere in a county, null outside both.
 * - Areas count their boundary (ST_Intersects): a point on a shared border belongs to both.
 * - The basin, authority, office and oversight follow basin_governance() (seed §3(一)1, §3(二)3).
 * - Distances (`distance_m`) are geodesic metres on the CGCS2000 ellipsoid (geography), rounded
 *   to 0.01 m.
 * - `index`: a LocateIndex holding the store's current data (KeptLocateIndex.fresh()) answers
 *   from memory with the same rules; null or absent: the SQL (locate.sql), the oracle.
 *
 * Throws whatever the database throws (callers map outages to 503); no input validation here.
 */
export async function locatePoints(
  db: Queryable,
  points: readonly [number, number][],
  options: LocateOptions,
  index?: LocateIndex | null,
): Promise<LocateResult[]> {
  if (index) return points.map((p) => locateFromIndex(index, p, options))
  const results: LocateResult[] = new Array(points.length)
  const starts = Array.from({ length: Math.ceil(points.length / LOCATE_CHUNK) }, (_, i) => i * LOCATE_CHUNK)
  let next = 0
  const worker = async () => {
    while (next < starts.length) {
      const start = starts[next++]
      const chunk = points.slice(start, start + LOCATE_CHUNK)
      const { rows } = await db.query<LocateRow>(LOCATE_SQL, [
        chunk.map((p) => p[0]),
        chunk.map((p) => p[1]),
        options.date,
        options.nearM,
        NEAREST_REACH_MAX_M,
      ])
      for (const row of rows) results[start + row.i - 1] = shape(chunk[row.i - 1], row)
    }
  }
  await Promise.all(Array.from({ length: Math.min(LOCATE_PARALLEL, starts.length) }, worker))
  return results
}

/** One point's answer from the in-process index (the same shape and rounding as the SQL path's). */
export const locateFromIndex = (
  index: LocateIndex,
  point: readonly [number, number],
  options: LocateOptions,
) => shape(point, index.locateRow(point, options.date, options.nearM, NEAREST_REACH_MAX_M))

/** The statement and parameters of one locate, for the benchmark's floor. */
export const locateStatement = (lon: number, lat: number, options: LocateOptions) => ({
  sql: LOCATE_SQL,
  params: [[lon], [lat], options.date, options.nearM, NEAREST_REACH_MAX_M] as unknown[],
})
