// Black and odorous waters (黑臭水体, seed §2 and §4(四)4: none left in built-up areas by 2020):
// stretches of reaches and small ponds, most in built-up townships (街道), with the remediation
// stages of 2016–2020: identified in the 2016 survey, remediated from mid-2017 on.
import * as turf from '@turf/turf'
import type { Position } from 'geojson'
import type { Pref } from './context.ts'
import { clipToBig, type MultiCoords, multiOf, normalizeMulti } from './geo.ts'
import { shortName } from './names.ts'
import type { Partition } from './partition.ts'
import type { Reach } from './reaches.ts'

type Status = 'not_started' | 'in_progress' | 'remediated'

export interface BlackOdorousProps extends Record<string, string | null> {
  code: string
  name: string
  water_name: string | null
  location: 'built_up' | 'outside_built_up'
  status: Status
  identified_on: string
  remediated_on: string | null
}

export interface BlackOdorous {
  reaches: { lines: Position[][]; props: BlackOdorousProps }[]
  ponds: { geom: MultiCoords; props: BlackOdorousProps }[]
}

// Built-up waters were mostly remediated by the end of 2017 (seed §4(四)4: 基本消除), some later.
const BUILT_UP_STATUS: Status[] = ['remediated', 'remediated', 'in_progress', 'remediated', 'not_started']
const RURAL_STATUS: Status[] = ['not_started', 'in_progress', 'remediated']

/** The black and odorous stretches and ponds of a prefecture, deterministic per seed. */
export function buildBlackOdorous(pref: Pref, part: Partition, reaches: Reach[]): BlackOdorous {
  const rng = pref.rng('black-odorous')
  const out: BlackOdorous = { reaches: [], ponds: [] }
  let n = 0
  const props = (name: string, water: string | null, builtUp: boolean, status: Status): BlackOdorousProps => {
    const pad = (v: number) => String(v).padStart(2, '0')
    return {
      code: `${pref.abbr}-HC-${String(++n).padStart(3, '0')}`,
      name,
      water_name: water,
      location: builtUp ? 'built_up' : 'outside_built_up',
      status,
      identified_on: `2016-${pad(rng.int(3, 12))}-${pad(rng.int(1, 28))}`,
      remediated_on:
        status === 'remediated'
          ? `${rng.int(2017, 2020)}-${pad(rng.int(6, 12))}-${pad(rng.int(1, 28))}`
          : null,
    }
  }
  const stretches = (pool: Reach[], statuses: Status[], builtUp: boolean) => {
    const picked = rng.shuffle(pool.filter((r) => r.coords.length >= 4)).slice(0, statuses.length)
    picked.forEach((r, i) => {
      const a = Math.floor(r.coords.length * rng.range(0, 0.3))
      const b = Math.max(a + 2, Math.ceil(r.coords.length * rng.range(0.6, 1)))
      const name = `${r.river.name}${shortName(r.township.name)}段`
      out.reaches.push({
        lines: [r.coords.slice(a, b)],
        props: props(name, r.river.name, builtUp, statuses[i]),
      })
    })
  }
  stretches(
    reaches.filter((r) => r.township.urban),
    BUILT_UP_STATUS,
    true,
  )
  stretches(
    reaches.filter((r) => !r.township.urban),
    RURAL_STATUS,
    false,
  )
  const ponds = (urban: boolean, statuses: Status[]) => {
    const villages = rng.shuffle(part.villages.filter((v) => v.urban === urban)).slice(0, statuses.length)
    villages.forEach((v, i) => {
      const disc = turf.circle(v.seed, rng.range(0.05, 0.12), { units: 'kilometers', steps: 16 })
      const geom = clipToBig(normalizeMulti(multiOf(disc.geometry)), v.geom)
      if (geom.length) out.ponds.push({ geom, props: props(`${v.name}坑塘`, null, urban, statuses[i]) })
    })
  }
  ponds(true, ['remediated', 'in_progress', 'remediated'])
  ponds(false, ['not_started', 'remediated'])
  return out
}
