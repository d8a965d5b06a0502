// The two control lines of every shoreline zone (临水控制线 / 外缘控制线, seed §4(二)1): the outer
// line is the zone's edge away from the water (100 m out); the waterside line is the lake's shore,
// or for a river a line 20 m from its centre line (the channel's edge). Pieces of a zone's edge
// that are neither (cuts at county borders) belong to no line.
import type { Position } from 'geojson'
import type { Pref } from './context.ts'
import { ringsOf } from './geo.ts'
import { PolygonIndex, SegmentGrid } from './planar.ts'
import { bufferLines, type Zone } from './zones.ts'

export interface ShorelineLine {
  lines: Position[][]
  props: { name: string; kind: 'waterside' | 'outer'; water_name: string | null }
}

/** Half the width of a river's channel in the demo: its waterside line lies this far out. */
const CHANNEL_HALF_KM = 0.02
/** An edge at least this far from the water is the outer line: the bands are 100 m wide, drawn
 * around lines simplified by up to 30 m (zones.ts). */
const OUTER_MIN_M = 60
/** A lake zone's edge this close to the lake is its shore, the waterside line. */
const SHORE_MAX_M = 5

/** Runs of consecutive segments of `rings` (lon/lat) whose two ends pass `keep`, as polylines.
 * Both ends, not the midpoint: a cut across the band passes half way, and must not be kept. */
function keptRuns(rings: Position[][], keep: (p: Position) => boolean): Position[][] {
  const runs: Position[][] = []
  for (const ring of rings) {
    let run: Position[] = []
    for (let i = 1; i < ring.length; i++) {
      const [a, b] = [ring[i - 1], ring[i]]
      if (keep(a) && keep(b)) {
        if (!run.length) run.push(a)
        run.push(b)
      } else if (run.length) {
        runs.push(run)
        run = []
      }
    }
    if (run.length) runs.push(run)
  }
  return runs
}

/**
 * The waterside and outer control lines of the shoreline zones that carry their water
 * (zones.ts), one feature per zone and kind, in zone order. Deterministic: no randomness.
 */
export function buildShorelineLines(pref: Pref, zones: Zone[]): ShorelineLine[] {
  const out: ShorelineLine[] = []
  const channels = new Map<string, Position[][]>()
  for (const zone of zones) {
    if (!zone.water) continue
    const water = new SegmentGrid(200)
    for (const line of zone.water.lines)
      water.addRing(
        line.map((p) => pref.proj.fwd(p)),
        0,
      )
    const distance = (p: Position) => water.distance(pref.proj.fwd(p), 1_000)
    const edge = ringsOf(zone.geom)
    const name = String(zone.props.name)
    const water_name = (zone.props.water_name as string | null) ?? null
    const outer = keptRuns(edge, (p) => distance(p) >= OUTER_MIN_M)
    let waterside: Position[][]
    if (zone.water.kind === 'lake') {
      waterside = keptRuns(edge, (p) => distance(p) <= SHORE_MAX_M)
    } else {
      // The channel's edge of the whole river, drawn once, and kept where it lies in this zone.
      let channel = channels.get(zone.water.key)
      if (!channel) {
        channel = ringsOf(bufferLines(zone.water.lines, CHANNEL_HALF_KM))
        channels.set(zone.water.key, channel)
      }
      const inZone = new PolygonIndex(
        edge.map((r) => r.map((p) => pref.proj.fwd(p))),
        500,
      )
      waterside = keptRuns(channel, (p) => inZone.contains(pref.proj.fwd(p)))
    }
    if (waterside.length)
      out.push({ lines: waterside, props: { name: `${name}临水控制线`, kind: 'waterside', water_name } })
    if (outer.length)
      out.push({ lines: outer, props: { name: `${name}外缘控制线`, kind: 'outer', water_name } })
  }
  return out
}
