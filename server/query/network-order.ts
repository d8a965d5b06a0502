// Order and distances along a traced set of reaches: how far, along the water, each reach and
// each point on one lies from the start point. The set is small (what one trace returned), so a
// label-correcting search in memory is simpler and faster than doing this in SQL.

export type Direction = 'upstream' | 'downstream'

export interface ReachRow {
  id: number
  code: string
  name: string
  river_code: string | null
  from_node: number | null
  to_node: number | null
  length_m: number
}

export interface StartReach extends ReachRow {
  /** Distance from the start point to the reach, metres. */
  distance_m: number
  /** Metres along the reach, on the ellipsoid, from from_node to the point nearest the start point. */
  along_m: number
}

/** Positions along a reach closer than this (metres) are one position: rounding of geodesic lengths. */
const ALONG_EPSILON_M = 1e-3

/**
 * Network distance from the start point to each traced reach, by a label-correcting search.
 * Input: the start reach (with `along_m`) and the reaches one trace returned (from/to nodes,
 * geodesic `length_m`). Output: `reaches`, those reachable from the start in `direction`, each
 * with `depth` (reaches between it and the start) and `distance_m` (metres along the network from
 * the start point to its nearer end), nearest first; `total`, metres of river traced, counting only
 * the traced part of the start reach. Throws nothing; reaches off the network are left out.
 */
export function orderReaches(direction: Direction, start: StartReach, rows: ReachRow[]) {
  const up = direction === 'upstream'
  const byId = new Map(rows.map((r) => [r.id, r]))
  // The next reaches in the trace direction, by the node they share.
  const next = new Map<number, ReachRow[]>()
  for (const r of rows) {
    const node = up ? r.to_node : r.from_node
    if (node === null || r.id === start.id) continue
    next.set(node, [...(next.get(node) ?? []), r])
  }
  const startPart = Math.max(up ? start.along_m : start.length_m - start.along_m, 0)
  const dist = new Map<number, { distance: number; depth: number }>([[start.id, { distance: 0, depth: 0 }]])
  const queue = [start.id]
  while (queue.length > 0) {
    const id = queue.shift()!
    const here = dist.get(id)!
    const r = byId.get(id)!
    const travelled = here.distance + (id === start.id ? startPart : r.length_m)
    for (const n of next.get((up ? r.from_node : r.to_node) ?? Number.NaN) ?? []) {
      const seen = dist.get(n.id)
      if (seen && seen.distance <= travelled) continue
      dist.set(n.id, { distance: travelled, depth: here.depth + 1 })
      queue.push(n.id)
    }
  }
  const reaches = rows
    .filter((r) => dist.has(r.id))
    .map((r) => ({ ...r, depth: dist.get(r.id)!.depth, distance_m: dist.get(r.id)!.distance }))
    .sort((a, b) => a.distance_m - b.distance_m || a.depth - b.depth || a.id - b.id)
  const total = reaches.reduce((sum, r) => sum + (r.id === start.id ? startPart : r.length_m), 0)
  return { reaches, total }
}

/**
 * Metres along the network from the start point to a point on a traced reach, or null when the
 * point lies behind the start point on the start reach. `alongM` is the point's position on its
 * reach, metres from from_node on the ellipsoid; `reach` is that reach as `orderReaches` gave it.
 */
export function alongDistance(
  direction: Direction,
  start: StartReach,
  reach: { distance_m: number; length_m: number },
  alongM: number,
  isStart: boolean,
) {
  const up = direction === 'upstream'
  if (isStart) {
    const delta = up ? start.along_m - alongM : alongM - start.along_m
    return delta < -ALONG_EPSILON_M ? null : Math.max(delta, 0)
  }
  return reach.distance_m + Math.max(up ? reach.length_m - alongM : alongM, 0)
}
