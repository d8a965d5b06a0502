// The graph under a drainage network: a jittered triangular lattice filling a basin region,
// plus the mouths on a lake shore joined to it. A triangular lattice is planar, so no two edges
// cross; nodes keep 0.3 spacing off the region boundary and edges that would touch the boundary
// are dropped, so rivers drawn along edges stay inside their region.
import type { Position } from 'geojson'
import { type MultiCoords, type Projector, ringsOf, type XY } from './geo.ts'
import { PolygonIndex, SegmentGrid, segmentsTouch } from './planar.ts'
import type { Rng } from './random.ts'

export interface SinkSpec {
  at: Position
  bonusM: number
}

export interface LatticeSpec {
  region: MultiCoords
  outline: MultiCoords
  proj: Projector
  spacing: number
  rng: Rng
  /** Mouths on the ring of a lake that is a hole of the region. */
  sinks: SinkSpec[]
}

export interface Lattice {
  x: number[]
  y: number[]
  alive: boolean[]
  /** Lattice nodes are 0 … nLattice-1; mouth nodes follow. */
  nLattice: number
  ea: number[]
  eb: number[]
  /** CSR adjacency: neighbours of u are adjN[deg[u]] … adjN[deg[u+1]-1], edge ids in adjE. */
  deg: Int32Array
  adjN: Int32Array
  adjE: Int32Array
  pip: PolygonIndex
  /** Region boundary; tag = segment lies on the city border. */
  bnd: SegmentGrid<boolean>
  border: SegmentGrid<boolean>
  borderLen: number
  /** Mouth index → node, for mouths that could be connected. */
  sinkNode: Map<number, number>
  nearestAlive(px: number, py: number, r?: number): number
  edgeBetween(a: number, b: number): number
}

export function buildLattice(spec: LatticeSpec): Lattice {
  const { proj, spacing: s, rng } = spec
  const rings = ringsOf(spec.region).map((r) => r.map((p) => proj.fwd(p)))
  const pip = new PolygonIndex(rings, s)
  const bnd = new SegmentGrid<boolean>(s)
  const border = new SegmentGrid<boolean>(s)
  const outlineGrid = new SegmentGrid(s)
  for (const r of ringsOf(spec.outline))
    outlineGrid.addRing(
      r.map((p) => proj.fwd(p)),
      0,
    )
  let minx = Infinity
  let miny = Infinity
  let maxx = -Infinity
  let maxy = -Infinity
  let borderLen = 0
  for (const r of rings)
    for (let i = 1; i < r.length; i++) {
      const a = r[i - 1]
      const b = r[i]
      const onBorder = outlineGrid.distance([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], 2) < 2
      bnd.add(a, b, onBorder)
      if (onBorder) {
        border.add(a, b, true)
        borderLen += Math.hypot(b[0] - a[0], b[1] - a[1])
      }
      minx = Math.min(minx, a[0])
      maxx = Math.max(maxx, a[0])
      miny = Math.min(miny, a[1])
      maxy = Math.max(maxy, a[1])
    }

  // --- lattice ---------------------------------------------------------------------------
  const dy = (s * Math.sqrt(3)) / 2
  const ncol = Math.ceil((maxx - minx) / s) + 2
  const nrow = Math.ceil((maxy - miny) / dy) + 2
  const x: number[] = []
  const y: number[] = []
  const alive: boolean[] = []
  for (let j = 0; j < nrow; j++)
    for (let i = 0; i < ncol; i++) {
      const px = minx + (i + (j & 1) * 0.5) * s + (rng.next() - 0.5) * 0.4 * s
      const py = miny + j * dy + (rng.next() - 0.5) * 0.4 * s
      x.push(px)
      y.push(py)
      // Keep nodes 0.3 spacing clear of the boundary, so later meandering cannot leave the region.
      alive.push(pip.contains([px, py]) && bnd.distance([px, py], 0.3 * s) === Infinity)
    }
  const nLattice = x.length
  const id = (i: number, j: number) => (i >= 0 && i < ncol && j >= 0 && j < nrow ? j * ncol + i : -1)
  const ea: number[] = []
  const eb: number[] = []
  const addEdge = (a: number, b: number) => {
    ea.push(a)
    eb.push(b)
  }
  for (let j = 0; j < nrow; j++)
    for (let i = 0; i < ncol; i++) {
      const a = id(i, j)
      if (!alive[a]) continue
      const nb =
        j & 1
          ? [id(i + 1, j), id(i, j + 1), id(i + 1, j + 1)]
          : [id(i + 1, j), id(i - 1, j + 1), id(i, j + 1)]
      for (const b of nb) {
        if (b < 0 || !alive[b]) continue
        if (bnd.touches([x[a], y[a]], [x[b], y[b]])) continue
        addEdge(a, b)
      }
    }

  const nearestAlive = (px: number, py: number, r = 2): number => {
    const j0 = Math.round((py - miny) / dy)
    let best = -1
    let bd = Infinity
    for (let j = j0 - r; j <= j0 + r; j++) {
      const i0 = Math.round((px - minx) / s - (j & 1) * 0.5)
      for (let i = i0 - r; i <= i0 + r; i++) {
        const n = id(i, j)
        if (n < 0 || !alive[n]) continue
        const d = Math.hypot(x[n] - px, y[n] - py)
        if (d < bd) {
          bd = d
          best = n
        }
      }
    }
    return best
  }

  // --- lake mouths -------------------------------------------------------------------------
  // A mouth sits exactly on the lake ring; it is joined to nearby lattice nodes by connectors
  // that must not cross the boundary, lattice edges or each other.
  const sinkNode = new Map<number, number>()
  if (spec.sinks.length) {
    const edgeGrid = new SegmentGrid<number>(s)
    for (let e = 0; e < ea.length; e++) edgeGrid.add([x[ea[e]], y[ea[e]]], [x[eb[e]], y[eb[e]]], e)
    spec.sinks.forEach((sink, si) => {
      const p = proj.fwd(sink.at)
      const hit = bnd.nearest(p, 5000)
      if (!hit) return
      const a = bnd.a[hit.id]
      const b = bnd.b[hit.id]
      const dx = b[0] - a[0]
      const dyy = b[1] - a[1]
      const t = Math.max(
        0.05,
        Math.min(0.95, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dyy) / (dx * dx + dyy * dyy)),
      )
      const m: XY = [a[0] + t * dx, a[1] + t * dyy]
      const cands: number[] = []
      const j0 = Math.round((m[1] - miny) / dy)
      for (let j = j0 - 3; j <= j0 + 3; j++)
        for (let i = Math.round((m[0] - minx) / s) - 3; i <= Math.round((m[0] - minx) / s) + 3; i++) {
          const n = id(i, j)
          if (n >= 0 && alive[n] && Math.hypot(x[n] - m[0], y[n] - m[1]) < 1.8 * s) cands.push(n)
        }
      cands.sort((u, v) => Math.hypot(x[u] - m[0], y[u] - m[1]) - Math.hypot(x[v] - m[0], y[v] - m[1]))
      const mid = x.length
      let linked = 0
      for (const n of cands) {
        if (linked >= 3) break
        const q: XY = [x[n], y[n]]
        const len = Math.hypot(q[0] - m[0], q[1] - m[1])
        const m1: XY = [m[0] + ((q[0] - m[0]) / len) * 1, m[1] + ((q[1] - m[1]) / len) * 1]
        if (bnd.touches(q, m1)) continue
        let clash = false
        for (const e of edgeGrid.candidates(
          Math.min(q[0], m[0]),
          Math.min(q[1], m[1]),
          Math.max(q[0], m[0]),
          Math.max(q[1], m[1]),
        )) {
          const tag = edgeGrid.tag[e]
          if (tag >= 0 && (ea[tag] === n || eb[tag] === n)) continue
          if (tag < 0 && edgeGrid.a[e] === m) continue
          if (segmentsTouch(q, m1, edgeGrid.a[e], edgeGrid.b[e])) {
            clash = true
            break
          }
        }
        if (clash) continue
        if (!linked) {
          x.push(m[0])
          y.push(m[1])
          alive.push(true)
        }
        addEdge(n, mid)
        edgeGrid.add(m, q, -1)
        linked++
      }
      if (linked) sinkNode.set(si, mid)
    })
  }

  // --- adjacency (CSR) -------------------------------------------------------------------
  const N = x.length
  const deg = new Int32Array(N + 1)
  for (let e = 0; e < ea.length; e++) {
    deg[ea[e] + 1]++
    deg[eb[e] + 1]++
  }
  for (let i = 0; i < N; i++) deg[i + 1] += deg[i]
  const adjN = new Int32Array(ea.length * 2)
  const adjE = new Int32Array(ea.length * 2)
  const fill = deg.slice(0, N)
  for (let e = 0; e < ea.length; e++) {
    adjN[fill[ea[e]]] = eb[e]
    adjE[fill[ea[e]]++] = e
    adjN[fill[eb[e]]] = ea[e]
    adjE[fill[eb[e]]++] = e
  }
  const edgeBetween = (a: number, b: number) => {
    for (let k = deg[a]; k < deg[a + 1]; k++) if (adjN[k] === b) return adjE[k]
    return -1
  }

  return {
    x,
    y,
    alive,
    nLattice,
    ea,
    eb,
    deg,
    adjN,
    adjE,
    pip,
    bnd,
    border,
    borderLen,
    sinkNode,
    nearestAlive,
    edgeBetween,
  }
}

export class Heap {
  private k: number[] = []
  private v: number[] = []
  get size() {
    return this.k.length
  }
  push(key: number, val: number) {
    const k = this.k
    const v = this.v
    let i = k.length
    k.push(key)
    v.push(val)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (k[p] <= key) break
      k[i] = k[p]
      v[i] = v[p]
      i = p
    }
    k[i] = key
    v[i] = val
  }
  pop(): [number, number] {
    const k = this.k
    const v = this.v
    const top: [number, number] = [k[0], v[0]]
    const lk = k.pop() as number
    const lv = v.pop() as number
    if (k.length) {
      let i = 0
      const n = k.length
      for (;;) {
        let c = 2 * i + 1
        if (c >= n) break
        if (c + 1 < n && k[c + 1] < k[c]) c++
        if (k[c] >= lk) break
        k[i] = k[c]
        v[i] = v[c]
        i = c
      }
      k[i] = lk
      v[i] = lv
    }
    return top
  }
}

/** Shortest lattice path between two nearby nodes (A*, bounded), or null. */
export function latticePath(lat: Lattice, a: number, b: number): number[] | null {
  const { x, y, deg, adjN } = lat
  // A* over lattice edges between two nearby nodes.
  const g = new Map<number, number>([[a, 0]])
  const from = new Map<number, number>()
  const h = new Heap()
  h.push(0, a)
  let steps = 0
  while (h.size && steps++ < 3000) {
    const [, u] = h.pop()
    if (u === b) {
      const path = [b]
      let c = b
      while (c !== a) {
        c = from.get(c) as number
        path.push(c)
      }
      return path.reverse()
    }
    const gu = g.get(u) as number
    for (let k = deg[u]; k < deg[u + 1]; k++) {
      const v = adjN[k]
      const gv = gu + Math.hypot(x[v] - x[u], y[v] - y[u])
      if (gv < (g.get(v) ?? Infinity)) {
        g.set(v, gv)
        from.set(v, u)
        h.push(gv + Math.hypot(x[b] - x[v], y[b] - y[v]), v)
      }
    }
  }
  return null
}
