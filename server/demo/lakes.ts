// Reservoirs and ponds sit on generated rivers: the dam is a river vertex and the water body
// extends upstream along the river, so the river line runs through it as in real data.
import * as turf from '@turf/turf'
import type { Position } from 'geojson'
import type { LakeDef } from './basins.ts'
import type { Pref } from './context.ts'
import { clipToBig, distM, lineLengthM, type MultiCoords, multiOf, normalizeMulti, unionMC } from './geo.ts'
import { KM_RESERVOIRS } from './kunming.ts'
import type { Rng } from './random.ts'
import type { RiverDef } from './rivers.ts'

interface WaterSpec {
  name: string
  areaKm2: number
  levelM: number
  management: LakeDef['management']
  source?: { quasi: boolean }
}

interface Site {
  river: RiverDef
  part: number
  index: number
}

/** Polygon along the river upstream of the dam: a few overlapping buffers of varying width. */
function waterBody(coords: Position[], dam: number, areaKm2: number, rng: Rng): MultiCoords {
  const length = 1.7 * Math.sqrt(areaKm2) * 1000
  const up: Position[] = [coords[dam]]
  let acc = 0
  for (let i = dam - 1; i >= 0 && acc < length; i--) {
    acc += distM(coords[i + 1], coords[i])
    up.push(coords[i])
  }
  if (up.length < 2) up.push(coords[Math.min(coords.length - 1, dam + 1)])
  const width = (areaKm2 * 1e6) / Math.max(300, lineLengthM(up)) / 1000
  const pieces: MultiCoords[] = []
  const n = Math.min(3, up.length - 1)
  for (let k = 0; k < n; k++) {
    const a = Math.floor((k * (up.length - 1)) / n)
    const b = Math.max(a + 1, Math.floor(((k + 1) * (up.length - 1)) / n))
    const seg = up.slice(a, b + 1)
    const r = (width / 2) * rng.range(0.65, 1.3) * (k === 0 ? 0.8 : 1)
    const buf = turf.buffer(turf.lineString(seg), r, { units: 'kilometers', steps: 6 })
    if (buf) pieces.push(normalizeMulti(multiOf(buf.geometry)))
  }
  return unionMC(pieces)
}

function pickSite(
  rivers: RiverDef[],
  near: Position | null,
  taken: Position[],
  rng: Rng,
  frac?: [number, number],
): Site | null {
  let best: Site | null = null
  let bd = Infinity
  for (const river of rivers)
    river.parts.forEach((part, pi) => {
      const n = part.coords.length
      if (n < 12) return
      const [f0, f1] = frac ?? [0.2, 0.9]
      for (let i = Math.floor(n * f0); i < Math.floor(n * f1); i++) {
        const p = part.coords[i]
        if (taken.some((t) => distM(t, p) < 4000)) continue
        const d = near ? distM(near, p) : rng.next()
        if (d < bd) {
          bd = d
          best = { river, part: pi, index: i }
        }
      }
    })
  return best
}

export function buildReservoirs(pref: Pref, rivers: RiverDef[]): LakeDef[] {
  const rng = pref.rng('reservoirs')
  const out: LakeDef[] = []
  const taken: Position[] = []
  const dens = Math.min(1, pref.density)
  const place = (site: Site, spec: WaterSpec, kind: 'reservoir' | 'pond', code: string) => {
    const coords = site.river.parts[site.part].coords
    const body = waterBody(coords, site.index, spec.areaKm2, rng)
    // keep the water inside its own basin (and the city)
    const geom = clipToBig(body, site.river.basin.geom)
    if (!geom.length) return
    taken.push(coords[site.index])
    out.push({
      code,
      name: spec.name,
      kind,
      geom,
      levelM: spec.levelM,
      management: spec.management,
      source: spec.source,
      riverCode: site.river.code,
    })
  }
  const eligible = rivers.filter((r) => !r.trunk && r.areaKm2 >= 15)
  let n = 0
  const nextCode = (k: string) => `${pref.abbr}-${k}-${String(++n).padStart(3, '0')}`
  if (pref.kunming) {
    const specs = KM_RESERVOIRS.slice(0, Math.max(3, Math.round(KM_RESERVOIRS.length * dens)))
    for (const spec of specs) {
      const cands = spec.river ? rivers.filter((r) => r.name === spec.river) : eligible
      const site = pickSite(cands, spec.near, taken, rng)
      if (site) place(site, spec, 'reservoir', nextCode('SK'))
    }
  } else {
    const k = Math.max(2, Math.round(8 * dens))
    const big = eligible.filter((r) => r.management !== 'township').sort((a, b) => b.areaKm2 - a.areaKm2)
    const pool = big.slice(0, Math.max(k * 2, Math.ceil(big.length * 0.5)))
    for (let i = 0; i < k && pool.length; i++) {
      const river = pool.splice(Math.floor(rng.next() * pool.length), 1)[0]
      const site = pickSite([river], null, taken, rng, [0.3, 0.7])
      if (!site) continue
      const area = Math.min(6, Math.max(0.3, river.areaKm2 / 120)) * rng.range(0.6, 1.4)
      place(
        site,
        {
          name: pref.names.reservoirName(`lake:${pref.code6}`),
          areaKm2: area,
          levelM: Math.round(rng.range(1300, 2300) * 10) / 10,
          management: area >= 2 ? 'city' : 'county',
          source: i < 3 ? { quasi: i === 0 } : undefined,
        },
        'reservoir',
        nextCode('SK'),
      )
    }
  }
  // A few ponds (库塘) near the heads of small rivers.
  const small = rivers.filter((r) => r.management === 'township' && !r.trunk)
  for (let i = 0; i < Math.max(1, Math.round(3 * dens)) && small.length; i++) {
    const river = small.splice(Math.floor(rng.next() * small.length), 1)[0]
    const site = pickSite([river], null, taken, rng, [0.1, 0.4])
    if (!site) continue
    place(
      site,
      {
        name: pref.names.pondName(`lake:${pref.code6}`),
        areaKm2: rng.range(0.03, 0.12),
        levelM: Math.round(rng.range(1400, 2200) * 10) / 10,
        management: 'village',
      },
      'pond',
      nextCode('KT'),
    )
  }
  return out
}
