// Natural wetlands (自然湿地, seed §2: at least 75 % of their area protected by 2020): lakeshore
// wetlands on the shores of the natural lakes, river wetlands along main rivers outside the 滇池
// basin, and marshes in rural townships; most of them protected (湿地公园, 保护小区).
import * as turf from '@turf/turf'
import type { Position } from 'geojson'
import type { LakeDef } from './basins.ts'
import type { Pref } from './context.ts'
import { clipToBig, differenceMC, type MultiCoords, multiOf, normalizeMulti } from './geo.ts'
import { shortName } from './names.ts'
import type { Partition } from './partition.ts'
import type { RiverDef } from './rivers.ts'
import type { Zone } from './zones.ts'

const disc = (at: Position, km: number): MultiCoords =>
  normalizeMulti(multiOf(turf.circle(at, km, { units: 'kilometers', steps: 24 }).geometry))

/** The wetlands of a prefecture, clipped to it and kept off the open water of the lakes. */
export function buildWetlands(pref: Pref, part: Partition, rivers: RiverDef[], lakes: LakeDef[]): Zone[] {
  const rng = pref.rng('wetlands')
  const out: Zone[] = []
  const water = lakes.map((l) => l.geom)
  const add = (at: Position, km: number, name: string, kind: 'river' | 'lake' | 'marsh') => {
    const geom = differenceMC(clipToBig(disc(at, km), pref.outline), ...water)
    if (geom.length) out.push({ geom, props: { name, kind, protected: rng.chance(0.75) ? 1 : 0 } })
  }
  for (const l of lakes.filter((l) => l.kind === 'lake')) {
    const shore = l.geom[0][0]
    for (let k = 0; k < 3; k++) {
      const at = shore[Math.floor(((k + rng.range(0, 0.5)) * (shore.length - 1)) / 3)]
      add(at, rng.range(0.4, 0.9), `${l.name}湖滨${k + 1}号湿地`, 'lake')
    }
  }
  const main = rivers.filter((r) => r.management === 'city' && r.basin.name !== '滇池').slice(0, 3)
  for (const r of main) {
    const coords = r.parts[0].coords
    add(
      coords[Math.floor(coords.length * rng.range(0.3, 0.7))],
      rng.range(0.3, 0.6),
      `${r.name}河流湿地`,
      'river',
    )
  }
  const rural = part.townships.filter((t) => !t.urban)
  for (let k = 0; k < Math.min(2, rural.length); k++) {
    const t = rng.pick(rural)
    add(t.seed, rng.range(0.5, 1.0), `${shortName(t.name)}沼泽湿地`, 'marsh')
  }
  // Both kinds of status appear, so the 75 % target has a numerator and a remainder.
  if (out.length > 1 && out.every((w) => w.props.protected === out[0].props.protected)) {
    out[0].props.protected = 1
    out[out.length - 1].props.protected = 0
  }
  return out
}
