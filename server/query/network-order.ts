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
  /** Position of the start point along the reach: 0 at from_node, 1 at to_node. */
  fraction: number
}

/** Positions along a reach are compared with this tolerance (fraction of its length). */
const ALONG_EPSILON = 1e-9

/** Network distance from the start point to each reach, by a label-correcting search. */
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
  const startPart = (up ? start.fraction : 1 - start.fraction) * start.length_m
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

/** Where a point on a traced reach is along the network; null when it is behind the start point. */
export function alongDistance(
  direction: Direction,
  start: StartReach,
  reach: { distance_m: number; length_m: number },
  loc: number,
  isStart: boolean,
) {
  const up = direction === 'upstream'
  if (isStart) {
    const delta = up ? start.fraction - loc : loc - start.fraction
    return delta < -ALONG_EPSILON ? null : Math.max(delta, 0) * start.length_m
  }
  return reach.distance_m + (up ? 1 - loc : loc) * reach.length_m
}
