// A shapefile polygon is a flat list of rings: clockwise rings are shells, counter-clockwise
// rings are holes, and which hole lies in which shell is left to the reader. Files from the
// wild get the winding wrong, leave rings open or hold rings of two points, so this assembles
// what PostGIS will accept and leaves real invalidity (self-intersections) to ST_MakeValid.
import type { FlatGeometry } from '../load/flat-geometry.ts'

/** Twice the signed area; positive for counter-clockwise rings. */
function signedArea2(r: Float64Array): number {
  let sum = 0
  for (let i = 0; i + 3 < r.length; i += 2) sum += r[i] * r[i + 3] - r[i + 2] * r[i + 1]
  return sum
}

/** -1 outside, 1 inside, 0 on the boundary (ray casting). */
function pointInRing(x: number, y: number, r: Float64Array): number {
  let inside = false
  const n = r.length / 2
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = r[2 * i]
    const yi = r[2 * i + 1]
    const xj = r[2 * j]
    const yj = r[2 * j + 1]
    const cross = (xj - xi) * (y - yi) - (x - xi) * (yj - yi)
    if (
      cross === 0 &&
      Math.min(xi, xj) <= x &&
      x <= Math.max(xi, xj) &&
      Math.min(yi, yj) <= y &&
      y <= Math.max(yi, yj)
    )
      return 0
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside ? 1 : -1
}

/** Whether the hole lies in the shell, judged by its first vertex not on the shell's boundary. */
function ringInside(hole: Float64Array, shell: Float64Array): boolean {
  for (let i = 0; i < hole.length; i += 2) {
    const where = pointInRing(hole[i], hole[i + 1], shell)
    if (where !== 0) return where > 0
  }
  return true // every vertex on the boundary: ST_MakeValid sorts that out
}

function closed(r: Float64Array): Float64Array {
  const n = r.length
  if (n >= 2 && r[0] === r[n - 2] && r[1] === r[n - 1]) return r
  const out = new Float64Array(n + 2)
  out.set(r)
  out[n] = r[0]
  out[n + 1] = r[1]
  return out
}

export interface AssembledPolygon {
  geometry: FlatGeometry | null
  /** Rings dropped for having fewer than three points, by their 1-based place in the record. */
  droppedRings: number[]
}

export function assemblePolygon(rawRings: Float64Array[]): AssembledPolygon {
  const rings: Float64Array[] = []
  const droppedRings: number[] = []
  for (const [i, raw] of rawRings.entries()) {
    if (raw.length === 0) continue
    // PostGIS refuses unclosed rings and rings under 4 points outright, failing the whole COPY.
    const ring = closed(raw)
    if (ring.length < 8) droppedRings.push(i + 1)
    else rings.push(ring)
  }
  if (rings.length === 0) return { geometry: null, droppedRings }
  if (rings.length === 1) return { geometry: { type: 'Polygon', parts: rings }, droppedRings }

  const areas = rings.map(signedArea2)
  let shells = rings.map((_, i) => i).filter((i) => areas[i] <= 0)
  // No clockwise ring at all: the writer wound every ring the other way, so all are shells.
  if (shells.length === 0) shells = rings.map((_, i) => i)
  const polygons = new Map<number, Float64Array[]>(shells.map((i) => [i, [rings[i]]]))
  const bySize = [...shells].sort((a, b) => Math.abs(areas[a]) - Math.abs(areas[b]))
  for (let i = 0; i < rings.length; i++) {
    if (polygons.has(i)) continue
    // A hole belongs to the smallest shell around it (islands in lakes in islands).
    const shell = shells.length === 1 ? shells[0] : bySize.find((s) => ringInside(rings[i], rings[s]))
    if (shell === undefined)
      polygons.set(i, [rings[i]]) // a hole in nothing: read it as a shell
    else polygons.get(shell)!.push(rings[i])
  }
  const parts = [...polygons.values()]
  const geometry: FlatGeometry =
    parts.length === 1
      ? { type: 'Polygon', parts: parts[0] }
      : { type: 'MultiPolygon', parts: parts.flat(), ringCounts: parts.map((p) => p.length) }
  return { geometry, droppedRings }
}
