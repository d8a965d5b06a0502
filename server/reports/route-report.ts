// Where a public report goes (seed §6(五): a report made at a place reaches the chief responsible
// for it and the office). The place is located once with /api/locate's own query (locate.ts:
// chiefs_on_duty and basin_governance of migration 007), and the rule below picks from its answer.
import type { Queryable } from '../db/database.ts'
import { BadRequest } from '../errors.ts'
import { CHIEF_LEVELS, CHIEF_ROLES } from '../layers/registry.ts'
import type { ChiefOnDuty, Governance } from '../query/common-schemas.ts'
import { locatePoints } from '../query/locate.ts'
import type { LocateIndex } from '../query/locate-index/locate-index.ts'

export interface Routing {
  /** The Kunming date the chiefs were on duty (YYYY-MM-DD). */
  date: string
  /** The responsible chief at the lowest level (routedChief), null where nobody is on duty. */
  chief: ChiefOnDuty | null
  /** The regime of the place: its office and oversight body (basin_rules, seed §3(一)1, §3(二)3). */
  governance: Governance
}

// Lowest level first: village before township before county or park before city (四级河长, §3(一)2).
const levelRank = (c: ChiefOnDuty) => -CHIEF_LEVELS.indexOf(c.level)
// Within a level the chief-in-general answers for an area before the deputies (§3(一)2).
const roleRank = (c: ChiefOnDuty) => CHIEF_ROLES.indexOf(c.role)

/**
 * The chief a report at a place goes to, from the chiefs on duty there (LocateResult.chiefs):
 * - a reach or lake within the near distance decides first: of their chiefs, the one at the
 *   lowest level, the nearest water among equals (seed §3(一)2: every reach has a chief at each
 *   level, the lowest one patrols it and answers first);
 * - else the chiefs of the responsibility areas holding the point, lowest level first: the
 *   village area's chief, else the township's, the county's or park's (属地管理, §3(二)2), the
 *   city's; within a level the chief-in-general before the deputies.
 * Village-group specialists (专管员) are not chiefs (§3(一)2) and are never picked. Ties end on
 * name, then id. Returns null when no chief is on duty at the place.
 */
export function routedChief(chiefs: readonly ChiefOnDuty[]): ChiefOnDuty | null {
  const held = chiefs.filter((c) => c.role !== 'specialist')
  const water = held.filter((c) => c.scope.kind !== 'area')
  const pool = water.length > 0 ? water : held
  const ranked = [...pool].sort(
    (a, b) =>
      levelRank(a) - levelRank(b) ||
      (a.scope.distance_m ?? 0) - (b.scope.distance_m ?? 0) ||
      roleRank(a) - roleRank(b) ||
      a.name.localeCompare(b.name) ||
      a.id.localeCompare(b.id),
  )
  return ranked[0] ?? null
}

/**
 * Routes a report made at `point` ([lon, lat], EPSG:4490 degrees) on `date` (YYYY-MM-DD, Kunming,
 * server/query/kunming-date.ts): the chief of routedChief among those on duty that day
 * (reaches and lakes within `nearM` metres on the ellipsoid, config LOCATE_NEAR_M, and the
 * responsibility areas holding the point), and the regime of the innermost basin holding it
 * (basin_governance: 滇池 → the 滇池 basin office; elsewhere the city office; oversight by the
 * People's Congress group for 滇池 and 阳宗海, else the CPPCC group).
 * `index`: the in-process locate index when current, as /api/locate uses it; else SQL.
 * @throws BadRequest 'outside_area' (400) for a point outside every administrative area stored:
 * no chief or office of this city answers for it.
 */
export async function routeReport(
  db: Queryable,
  point: [number, number],
  { date, nearM }: { date: string; nearM: number },
  index?: LocateIndex | null,
): Promise<Routing> {
  const [located] = await locatePoints(db, [point], { date, nearM }, index)
  if (located.admin.length === 0 || !located.basin)
    throw new BadRequest(
      `point: [${point[0]}, ${point[1]}] lies outside every administrative area of the city; reports are routed only within it`,
      undefined,
      'outside_area',
    )
  return { date, chief: routedChief(located.chiefs), governance: located.basin }
}
