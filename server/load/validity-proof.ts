// ST_IsValid costs about 8 µs for a 20-vertex polygon: most of a bulk load's SQL time. Most
// delivered shapes are plainly valid (points, lines, one simple ring), and that can be proven
// here in a fraction of that. Only a proof counts: anything unsure (holes, several parts, long
// rings, collinear or nearly touching segments) is left to ST_IsValid, so GEOS still decides
// every shape that could be invalid.
import type { FlatGeometry } from './flat-geometry.ts'

/** Rings longer than this are left to GEOS, whose noding is not quadratic. */
const MAX_RING_VERTICES = 256
/** Shewchuk's error bound for the first stage of orient2d: (3 + 16ε)ε. */
const ORIENT_BOUND = 3.3306690738754716e-16

/** Sign of the turn a→b→c: 1 left, -1 right, 0 when floating point cannot say for certain. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const left = (ax - cx) * (by - cy)
  const right = (ay - cy) * (bx - cx)
  const det = left - right
  const bound = ORIENT_BOUND * (Math.abs(left) + Math.abs(right))
  return det > bound ? 1 : -det > bound ? -1 : 0
}

/** The closed ring without consecutive repeated vertices, or null if too short or long to prove. */
function cleanRing(ring: Float64Array): Float64Array | null {
  const n = ring.length / 2
  if (n < 4 || n > MAX_RING_VERTICES) return null
  if (ring[0] !== ring[2 * n - 2] || ring[1] !== ring[2 * n - 1]) return null
  let repeats = false
  for (let i = 2; i < ring.length; i += 2)
    if (ring[i] === ring[i - 2] && ring[i + 1] === ring[i - 1]) {
      repeats = true
      break
    }
  if (!repeats) return ring
  const out: number[] = [ring[0], ring[1]]
  for (let i = 2; i < ring.length; i += 2)
    if (ring[i] !== out[out.length - 2] || ring[i + 1] !== out[out.length - 1]) out.push(ring[i], ring[i + 1])
  return out.length >= 8 ? Float64Array.from(out) : null
}

/** Whether the closed ring certainly neither touches nor crosses itself. */
function ringIsSimple(r: Float64Array): boolean {
  const n = r.length / 2 - 1 // segments
  // Consecutive segments must turn: folding back or running straight on is left to GEOS.
  for (let i = 0; i < n; i++) {
    const j = ((i + 1) % n) * 2
    const k = ((i + 2) % n) * 2
    if (orient(r[2 * i], r[2 * i + 1], r[j], r[j + 1], r[k], r[k + 1]) === 0) return false
  }
  for (let i = 0; i < n; i++) {
    const ax = r[2 * i]
    const ay = r[2 * i + 1]
    const bx = r[2 * i + 2]
    const by = r[2 * i + 3]
    const minX = Math.min(ax, bx)
    const maxX = Math.max(ax, bx)
    const minY = Math.min(ay, by)
    const maxY = Math.max(ay, by)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue // they share the closing vertex
      const cx = r[2 * j]
      const cy = r[2 * j + 1]
      const dx = r[2 * j + 2]
      const dy = r[2 * j + 3]
      if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX)) continue
      if ((cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue
      const o1 = orient(ax, ay, bx, by, cx, cy)
      const o2 = orient(ax, ay, bx, by, dx, dy)
      if (o1 === 0 || o2 === 0) return false
      if (o1 === o2) continue
      const o3 = orient(cx, cy, dx, dy, ax, ay)
      const o4 = orient(cx, cy, dx, dy, bx, by)
      if (o3 === 0 || o4 === 0 || o3 !== o4) return false // touching or crossing: GEOS decides
    }
  }
  return true
}

function lineHasLength(line: Float64Array): boolean {
  for (let i = 2; i < line.length; i += 2) if (line[i] !== line[0] || line[i + 1] !== line[1]) return true
  return false
}

/** True only when the geometry is certainly valid by OGC rules, as GEOS would find. */
export function provenValid(g: FlatGeometry): boolean {
  switch (g.type) {
    case 'Point':
    case 'MultiPoint':
      return true // finite coordinates are checked when encoding
    case 'LineString':
    case 'MultiLineString':
      return g.parts.length > 0 && g.parts.every(lineHasLength)
    case 'Polygon': {
      if (g.parts.length !== 1) return false
      const ring = cleanRing(g.parts[0])
      return ring !== null && ringIsSimple(ring)
    }
    default:
      return false
  }
}
