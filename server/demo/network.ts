// A synthetic drainage network for one basin region.
// Method: a jittered triangular lattice fills the region (lattice.ts; a planar graph, so no
// two of its edges cross); trunk lines are snapped onto it (trunks.ts); a Dijkstra from the
// outlets over randomly weighted edges gives every node a single downstream neighbour (no pits,
// no cycles); accumulated upstream area picks the main stem at each confluence (Hack's rule)
// and the largest streams become rivers. Because rivers are paths of one planar tree they never
// cross, and tributaries join exactly at a shared vertex.
import type { TrunkDef } from './basins.ts'
import type { MultiCoords, Projector, XY } from './geo.ts'
import { buildLattice, Heap, latticePath, type SinkSpec } from './lattice.ts'
import { type Rng, smoothField } from './random.ts'
import { snapTrunks } from './trunks.ts'

export interface NetworkSpec {
  region: MultiCoords
  outline: MultiCoords
  proj: Projector
  spacing: number
  rng: Rng
  /** Mouths on the ring of a lake that is a hole of the region. */
  sinks: SinkSpec[]
  /** One outlet across the city border per this many metres of border (0: none). */
  borderEvery: number
  trunks: TrunkDef[]
  target: number
}

export type OutletKind = 'lake' | 'border' | 'trunk'

export interface Stream {
  id: number
  /** Node ids upstream → downstream; a tributary ends with its junction node on the parent. */
  nodes: number[]
  parent: number | null
  size: number
  outlet: OutletKind | null
  sink?: number
  trunk?: string
  /** The first node receives water from outside the region (a trunk entering the city). */
  inflow: boolean
}

export interface Network {
  x: number[]
  y: number[]
  acc: Float64Array
  streams: Stream[]
  junctions: Set<number>
  /** Mouth index → graph node, for mouths that could be connected. */
  sinkNode: Map<number, number>
  /** Does segment ab touch the region boundary? (validation of smoothed lines) */
  touchesBoundary(a: XY, b: XY): boolean
}

export function buildNetwork(spec: NetworkSpec): Network {
  const { spacing: s, rng, proj } = spec
  const lat = buildLattice(spec)
  const { x, y, alive, nLattice, ea, deg, adjN, adjE, bnd, border, borderLen, sinkNode, edgeBetween } = lat
  const N = x.length

  // --- trunks (trunks.ts) --------------------------------------------------------------------
  // Weight factor of trunk edges (0: ordinary edge). NE trunks are near-free, so they act as a
  // sink line; guide lines are only a highway, so small mouths next to them keep a catchment.
  const cheap = new Float64Array(ea.length)
  const trunkUp = new Int32Array(N).fill(-1)
  const stopAt = new Uint8Array(N)
  const inflow = new Float64Array(N)
  let aliveCount = 0
  for (let i = 0; i < N; i++) if (alive[i]) aliveCount++
  const { paths: trunkPaths, onTrunk } = snapTrunks(lat, spec.trunks, proj, s)
  for (const tp of trunkPaths) {
    // A guide line ending in a lake is led on to its mouth node.
    const sink = spec.trunks[tp.ti].sink
    const sn = sink === undefined ? undefined : sinkNode.get(sink)
    if (sn !== undefined && !tp.joins) {
      const ext = latticePath(lat, tp.nodes[tp.nodes.length - 1], sn)
      if (ext) {
        tp.nodes.push(...ext.slice(1))
        tp.joins = true
      }
    }
    for (let k = 1; k < tp.nodes.length; k++) {
      const e = edgeBetween(tp.nodes[k - 1], tp.nodes[k])
      if (e >= 0) cheap[e] = sink === undefined ? 1e-4 : 0.3
      if (trunkUp[tp.nodes[k]] < 0) trunkUp[tp.nodes[k]] = tp.nodes[k - 1]
    }
    const f = spec.trunks[tp.ti].inflow
    if (tp.inflow && f > 0) {
      inflow[tp.nodes[0]] += f * aliveCount
      stopAt[tp.nodes[0]] = 1
    }
  }

  // --- outlets -----------------------------------------------------------------------------
  const sources: { node: number; d0: number; kind: OutletKind; sink?: number; trunk?: number }[] = []
  const maxBonus = Math.max(0, ...spec.sinks.map((k) => k.bonusM))
  const guided = new Set(spec.trunks.map((t) => t.sink))
  for (const [si, node] of sinkNode)
    sources.push({ node, d0: guided.has(si) ? 0 : maxBonus - spec.sinks[si].bonusM, kind: 'lake', sink: si })
  trunkPaths.forEach((tp, k) => {
    if (!tp.joins) sources.push({ node: tp.nodes[tp.nodes.length - 1], d0: 0, kind: 'trunk', trunk: k })
  })
  const trunkNodes = trunkPaths.flatMap((t) => t.nodes)
  const farFromTrunk = (n: number) => trunkNodes.every((t) => Math.hypot(x[t] - x[n], y[t] - y[n]) > 4000)
  const borderCands: number[] = []
  for (let n = 0; n < nLattice; n++)
    if (
      alive[n] &&
      deg[n + 1] > deg[n] &&
      border.distance([x[n], y[n]], 1.2 * s) !== Infinity &&
      farFromTrunk(n)
    )
      borderCands.push(n)
  const chosen: number[] = sources.map((o) => o.node)
  const minDist = new Float64Array(borderCands.length).fill(Infinity)
  for (const c of chosen)
    borderCands.forEach((n, i) => {
      minDist[i] = Math.min(minDist[i], Math.hypot(x[n] - x[c], y[n] - y[c]))
    })
  const nBorder = spec.borderEvery > 0 ? Math.max(1, Math.round(borderLen / spec.borderEvery)) : 0
  for (let k = 0; k < nBorder && borderCands.length; k++) {
    let bi = 0
    if (!chosen.length) bi = Math.floor(rng.next() * borderCands.length)
    else for (let i = 1; i < borderCands.length; i++) if (minDist[i] > minDist[bi]) bi = i
    const n = borderCands[bi]
    sources.push({ node: n, d0: rng.range(0, 3000), kind: 'border' })
    chosen.push(n)
    borderCands.forEach((m, i) => {
      minDist[i] = Math.min(minDist[i], Math.hypot(x[n] - x[m], y[n] - y[m]))
    })
  }
  // Components without any outlet drain across the border at their closest point, if they can.
  const comp = new Int32Array(N).fill(-1)
  let nComp = 0
  for (let i = 0; i < N; i++) {
    if (!alive[i] || comp[i] >= 0 || deg[i + 1] === deg[i]) continue
    const stack = [i]
    comp[i] = nComp
    while (stack.length) {
      const u = stack.pop() as number
      for (let k = deg[u]; k < deg[u + 1]; k++)
        if (comp[adjN[k]] < 0) {
          comp[adjN[k]] = nComp
          stack.push(adjN[k])
        }
    }
    nComp++
  }
  const hasOutlet = new Uint8Array(nComp)
  for (const o of sources) hasOutlet[comp[o.node]] = 1
  const compSize = new Int32Array(nComp)
  for (let i = 0; i < N; i++) if (comp[i] >= 0) compSize[comp[i]]++
  if (spec.borderEvery > 0)
    for (const n of borderCands)
      if (!hasOutlet[comp[n]] && compSize[comp[n]] >= 15) {
        hasOutlet[comp[n]] = 1
        sources.push({ node: n, d0: 0, kind: 'border' })
      }

  // --- Dijkstra: every node gets its downstream neighbour ----------------------------------
  // Terrain-like cost: two octaves of smooth noise bend the shortest paths into valleys, the
  // per-edge noise breaks up the straight lines a regular lattice would otherwise produce.
  const f1 = smoothField(rng, 25000)
  const f2 = smoothField(rng, 7000)
  const field = (px: number, py: number) => 0.6 * f1(px, py) + 0.45 * f2(px, py)
  const er = new Float64Array(ea.length)
  for (let e = 0; e < ea.length; e++) er[e] = rng.next()
  const dist = new Float64Array(N).fill(Infinity)
  const parent = new Int32Array(N).fill(-1)
  const settled: number[] = []
  const done = new Uint8Array(N)
  const heap = new Heap()
  // Outlets stay roots: a mouth must never drain through the land into another mouth.
  const isSource = new Uint8Array(N)
  for (const o of sources) isSource[o.node] = 1
  for (const o of sources) {
    if (o.d0 < dist[o.node]) {
      dist[o.node] = o.d0
      heap.push(o.d0, o.node)
    }
  }
  while (heap.size) {
    const [d, u] = heap.pop()
    if (done[u] || d > dist[u]) continue
    done[u] = 1
    settled.push(u)
    for (let k = deg[u]; k < deg[u + 1]; k++) {
      const v = adjN[k]
      if (done[v] || isSource[v]) continue
      const e = adjE[k]
      const len = Math.hypot(x[v] - x[u], y[v] - y[u])
      const w = cheap[e]
        ? len * cheap[e]
        : len * Math.exp(field((x[u] + x[v]) / 2, (y[u] + y[v]) / 2)) * (0.55 + 0.9 * er[e])
      if (d + w < dist[v]) {
        dist[v] = d + w
        parent[v] = u
        heap.push(d + w, v)
      }
    }
  }
  const acc = new Float64Array(N)
  const accumulate = () => {
    for (const u of settled) acc[u] = (u < nLattice ? 1 : 0) + inflow[u]
    for (let k = settled.length - 1; k >= 0; k--) {
      const u = settled[k]
      if (parent[u] >= 0) acc[parent[u]] += acc[u]
    }
  }
  accumulate()
  // A named mouth squeezed between two big neighbours may receive nothing; give it the
  // smallest catchment among its connected neighbours so every named inflow exists.
  let stolen = false
  for (const sn of sinkNode.values()) {
    if (acc[sn] >= 3) continue
    let best = -1
    for (let k = deg[sn]; k < deg[sn + 1]; k++) {
      const n = adjN[k]
      if (onTrunk[n] >= 0 || trunkUp[n] >= 0 || parent[n] === sn || !done[n]) continue
      // prefer the smallest catchment that still makes a river (≥ 4 cells)
      const better =
        best < 0 || (acc[n] >= 4 ? acc[best] < 4 || acc[n] < acc[best] : acc[best] < 4 && acc[n] > acc[best])
      if (better) best = n
    }
    if (best >= 0) {
      parent[best] = sn
      stolen = true
    }
  }
  if (stolen) accumulate()

  // --- streams (Hack decomposition) -------------------------------------------------------
  const children: number[][] = Array.from({ length: N }, () => [])
  for (const u of settled) if (parent[u] >= 0) children[parent[u]].push(u)
  for (const c of children) if (c.length > 1) c.sort((a, b) => acc[b] - acc[a] || a - b)
  type Raw = Stream & { prio: number; junction: number | null }
  const raw: Raw[] = []
  const stack: {
    start: number
    parent: number | null
    junction: number | null
    src?: (typeof sources)[number]
  }[] = sources.map((src) => ({ start: src.node, parent: null, junction: null, src }))
  while (stack.length) {
    const item = stack.pop() as (typeof stack)[number]
    const sid = raw.length
    const nodes: number[] = []
    let cur = item.start
    let trunkName: string | undefined
    const tpIdx = item.src?.trunk
    if (tpIdx !== undefined) trunkName = trunkPaths[tpIdx].name
    // a trunk path that ran into an earlier trunk continues as its tributary, still a trunk
    if (
      item.junction !== null &&
      onTrunk[item.start] >= 0 &&
      spec.trunks[onTrunk[item.start]].sink === undefined
    )
      trunkName = spec.trunks[onTrunk[item.start]].name
    for (;;) {
      nodes.push(cur)
      const kids = children[cur]
      if (!kids.length) break
      // The main stem follows the largest inflow. (Not the snapped trunk path itself: that path
      // may detour where Dijkstra takes a lattice shortcut, while water always follows parents.)
      const main = stopAt[cur] ? -1 : kids[0]
      for (const k of kids) if (k !== main) stack.push({ start: k, parent: sid, junction: cur })
      if (main < 0) break
      cur = main
    }
    nodes.reverse()
    const size = acc[item.start]
    const named = item.src?.kind === 'lake'
    raw.push({
      id: sid,
      nodes,
      parent: item.parent,
      size,
      outlet: item.src?.kind ?? null,
      sink: item.src?.sink,
      trunk: trunkName,
      inflow: nodes.length > 0 && stopAt[nodes[0]] === 1,
      prio: size + (trunkName ? 2e9 : named ? 1e9 : 0),
      junction: item.junction,
    })
  }
  const order = raw
    .filter((r) => r.size >= 4 || r.trunk || (r.outlet === 'lake' && r.size >= 2))
    .sort((a, b) => b.prio - a.prio || a.id - b.id)
  const nTrunk = order.filter((r) => r.trunk).length
  const picked = new Set<number>()
  for (const r of order) {
    if (picked.size >= spec.target + nTrunk && !r.trunk) break
    if (r.parent !== null && !picked.has(r.parent)) continue
    picked.add(r.id)
  }
  const sel = order.filter((r) => picked.has(r.id))
  const minSize = Math.min(...sel.filter((r) => !r.trunk).map((r) => r.size), Infinity)
  const head = Math.max(3, Math.round(0.3 * (Number.isFinite(minSize) ? minSize : 10)))
  const junctions = new Set<number>()
  const streams: Stream[] = []
  const newId = new Map<number, number>()
  for (const r of sel) {
    let k = 0
    if (!r.trunk) while (k < r.nodes.length - 2 && acc[r.nodes[k]] < head) k++
    const nodes = r.nodes.slice(k)
    if (r.junction !== null) {
      nodes.push(r.junction)
      junctions.add(r.junction)
    }
    newId.set(r.id, streams.length)
    streams.push({
      id: streams.length,
      nodes,
      parent: r.parent === null ? null : (newId.get(r.parent) ?? null),
      size: r.size,
      outlet: r.outlet,
      sink: r.sink,
      trunk: r.trunk,
      inflow: r.inflow && k === 0,
    })
  }
  return {
    x,
    y,
    acc,
    streams,
    junctions,
    sinkNode,
    touchesBoundary: (a, b) => bnd.touches(a, b),
  }
}
