// Chiefs-in-general (总河长) and their deputies (副总河长) below the city: every county, park and
// township has its own, over its whole area (seed §3(一)2: "市、县(市)区和开发(度假)园区、乡镇(街道)
// 分别设立总河长、副总河长、河长", held by "本级党政主要领导"). Inside a park the park's pair
// acts at county level in place of the county's (属地管理, §3(二)2), so a county's area is its
// land outside the parks and every point of the city has one chief-in-general per level.
import type { ChiefArea, DraftAssignment } from './chiefs.ts'
import type { MultiCoords } from './geo.ts'
import type { Office, OfficeHolders } from './office-holders.ts'
import type { Park } from './parks.ts'
import type { Partition } from './partition.ts'
import { dissolveOrUnion } from './planar.ts'

/** The office titles (by index, office-holders.ts) of the chief-in-general and the deputies. */
const GENERAL = 0
const DEPUTIES = { county: [1, 3], park: [1, 3], township: [1] }

/**
 * The county-, park- and township-level responsibility areas of the chiefs-in-general
 * (`CA-<division or park code>`) and their assignments from the plan's start. Counties whose
 * every township a park holds get no area (none in the demo).
 */
export function chiefsInGeneral(
  part: Partition,
  parks: Park[],
  parkOf: Map<string, Park>,
  holders: OfficeHolders,
): { areas: ChiefArea[]; rows: DraftAssignment[] } {
  const areas: ChiefArea[] = []
  const rows: DraftAssignment[] = []
  /** The area `CA-<code>` of a county's land, a park or a township, and its pair of chiefs. */
  const give = (
    unit: { code: string; name: string; geom: MultiCoords },
    level: 'county' | 'township',
    office: Office,
    deputies: number[],
  ) => {
    const area = {
      code: `CA-${unit.code}`,
      name: `${unit.name}总河长责任区`,
      level,
      adminCode: unit.code,
      geom: unit.geom,
    }
    areas.push(area)
    const scope = { level, scope_kind: 'area', scope_code: area.code } as const
    rows.push({ chief: office.holder(GENERAL), role: 'chief_general', ...scope })
    for (const k of deputies) rows.push({ chief: office.holder(k), role: 'deputy_chief_general', ...scope })
  }
  for (const c of part.counties) {
    const all = part.townships.filter((t) => t.parent === c.code)
    const own = all.filter((t) => !parkOf.has(t.code))
    if (!own.length) continue
    const geom = own.length === all.length ? c.geom : dissolveOrUnion(own.map((t) => t.geom))
    give({ ...c, geom }, 'county', holders.county(c), DEPUTIES.county)
  }
  for (const p of parks) give(p, 'county', holders.park(p), DEPUTIES.park)
  for (const t of part.townships) give(t, 'township', holders.township(t), DEPUTIES.township)
  return { areas, rows }
}
