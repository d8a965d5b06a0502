// Development and holiday parks (开发(度假)园区): land carved out of the counties, where the park's
// committee, chiefs and office act at county level (属地管理, seed §3(一)2, §3(二)2). A park here is
// a union of whole townships it administers (托管, as Kunming's parks really hold 街道 of their
// host counties), so the statistical partition (admin_areas) stays as it is, every township has
// one county-level superior, and park outlines share the townships' vertices exactly.
import * as turf from '@turf/turf'
import type { Pref } from './context.ts'
import { distM, type MultiCoords } from './geo.ts'
import { KM_PARKS } from './kunming.ts'
import type { AdminUnit, Partition } from './partition.ts'
import { dissolveOrUnion } from './planar.ts'

export interface Park {
  code: string
  name: string
  committee: string
  geom: MultiCoords
  /** The townships the park administers, in code order. */
  townships: AdminUnit[]
}

/**
 * The parks of a prefecture (Kunming only; other prefectures of a larger demo have none) and,
 * for every township a park holds, that park.
 *
 * A park takes the townships of its host counties whose seat lies inside its rough outline, or
 * the one nearest to the outline when none does; never a county's seat township (the county keeps
 * its own land around its seat) and never a township another park already holds.
 */
export function buildParks(pref: Pref, part: Partition): { parks: Park[]; parkOf: Map<string, Park> } {
  const parks: Park[] = []
  const parkOf = new Map<string, Park>()
  if (!pref.kunming) return { parks, parkOf }
  const c4 = pref.code6.slice(0, 4)
  for (const spec of KM_PARKS) {
    const hosts = spec.counties.map((c) => part.byCode.get(`${c4}${c}000000`)).filter((c) => c !== undefined)
    const candidates = part.townships.filter((t) => {
      const county = hosts.find((c) => c.code === t.parent)
      return county && !parkOf.has(t.code) && distM(t.seed, county.seed) > 0
    })
    if (!candidates.length) continue
    const rings = spec.outline.map((r) => turf.polygon([r]))
    let held = candidates.filter((t) => rings.some((r) => turf.booleanPointInPolygon(t.seed, r)))
    if (!held.length) {
      const centre = turf.centroid(rings[0]).geometry.coordinates
      held = [candidates.reduce((a, b) => (distM(a.seed, centre) <= distM(b.seed, centre) ? a : b))]
    }
    held.sort((a, b) => a.code.localeCompare(b.code))
    const park: Park = {
      code: spec.code,
      name: spec.name,
      committee: spec.committee,
      geom: dissolveOrUnion(held.map((t) => t.geom)),
      townships: held,
    }
    parks.push(park)
    for (const t of held) parkOf.set(t.code, park)
  }
  return { parks, parkOf }
}
