// Trunk rivers (Natural Earth lines, and hand-drawn guides such as 螳螂川 or 盘龙江) snapped
// onto the lattice: each run of the line inside the region becomes a lattice path, so a trunk is
// made of the same planar edges as every other river and tributaries can join it at a node.
import type { TrunkDef } from './basins.ts'
import type { Projector, XY } from './geo.ts'
import { type Lattice, latticePath } from './lattice.ts'

export interface TrunkPath {
  /** Index into the trunk definitions. */
  ti: number
  name: string
  /** Lattice nodes, upstream → downstream. */
  nodes: number[]
  /** The line enters the region here (water from outside). */
  inflow: boolean
  /** The path ran into an earlier trunk (or a lake mouth) and ends on it. */
  joins: boolean
}

export function snapTrunks(
  lat: Lattice,
  trunkDefs: TrunkDef[],
  proj: Projector,
  s: number,
): { paths: TrunkPath[]; onTrunk: Int32Array } {
  const { pip, nearestAlive, edgeBetween } = lat
  const onTrunk = new Int32Array(lat.x.length).fill(-1)
  const trunkPaths: TrunkPath[] = []
  trunkDefs.forEach((trunk, ti) => {
    for (const line of trunk.lines) {
      const pts: XY[] = []
      for (let i = 1; i < line.length; i++) {
        const a = proj.fwd(line[i - 1])
        const b = proj.fwd(line[i])
        const n = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) / (s / 3)))
        for (let k = 0; k < n; k++) pts.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n])
      }
      pts.push(proj.fwd(line[line.length - 1]))
      const runs: { start: number; pts: XY[] }[] = []
      let cur: XY[] | null = null
      pts.forEach((p, i) => {
        if (pip.contains(p)) {
          if (!cur) {
            cur = []
            runs.push({ start: i, pts: cur })
          }
          cur.push(p)
        } else cur = null
      })
      for (const run of runs) {
        if (run.pts.length * (s / 3) < 10000) continue
        const seq: number[] = []
        for (const p of run.pts) {
          const n = nearestAlive(p[0], p[1])
          if (n >= 0 && n !== seq[seq.length - 1]) seq.push(n)
        }
        let path: number[] = seq.length ? [seq[0]] : []
        let joins = false
        const flush = (entered: boolean) => {
          // loop removal: keep the first visit of every node
          const seen = new Map<number, number>()
          const clean: number[] = []
          for (const n of path) {
            const at = seen.get(n)
            if (at !== undefined) {
              for (const m of clean.splice(at + 1)) seen.delete(m)
              continue
            }
            seen.set(n, clean.length)
            clean.push(n)
          }
          // string pulling: skip a node when its neighbours are themselves adjacent (removes the
          // staircase a path along a lattice-oblique line would otherwise have)
          for (let k = 0; k + 2 < clean.length; ) {
            if (edgeBetween(clean[k], clean[k + 2]) >= 0) clean.splice(k + 1, 1)
            else k++
          }
          if (clean.length >= 6)
            trunkPaths.push({ ti, name: trunk.name, nodes: clean, inflow: entered, joins })
        }
        let entered = run.start > 0
        for (let k = 1; k < seq.length && !joins; k++) {
          const last = path[path.length - 1]
          const seg = edgeBetween(last, seq[k]) >= 0 ? [last, seq[k]] : latticePath(lat, last, seq[k])
          if (!seg) {
            flush(entered)
            path = [seq[k]]
            entered = false
            continue
          }
          for (const n of seg.slice(1)) {
            path.push(n)
            if (onTrunk[n] >= 0 && onTrunk[n] !== ti) {
              joins = true
              break
            }
          }
        }
        flush(entered)
        for (const tp of trunkPaths) for (const n of tp.nodes) if (onTrunk[n] < 0) onTrunk[n] = ti
      }
    }
  })
  return { paths: trunkPaths, onTrunk }
}
