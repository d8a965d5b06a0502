// The nearest reach as locate.sql finds it: the eight nearest by planar distance in degrees (the
// KNN `<->` of the geometry index), then the nearest of those on the spheroid.
import type Flatbush from 'flatbush'
import { closestOnSphere, type SphereClosest, spheroidMetres, type Unit, unit } from './geodesic-distance.ts'

type Line = readonly (readonly number[])[]

/** KNN candidates re-ranked on the spheroid (locate.sql's LIMIT 8). */
const KNN_CANDIDATES = 8
/**
 * Spheroid and sphere distances differ by well under 1 % here (the flattening is 0.34 %), so
 * only candidates within 1 % of the closest on the sphere can be nearest on the spheroid: the
 * costly geodesic inverse is solved for those alone.
 */
const SPHERE_MARGIN = 1.01
/**
 * Squared planar distance from (px, py) to segment a–b, as PostGIS lw_dist2d_pt_seg measures it
 * (projection clamped to the ends), squared: it only ranks lines, and ranks alike, without a root.
 */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const r = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2
  if (r <= 0) return (px - ax) * (px - ax) + (py - ay) * (py - ay)
  if (r >= 1) return (px - bx) * (px - bx) + (py - by) * (py - by)
  const s = ((ay - py) * dx - (ax - px) * dy) / len2
  return s * s * len2
}

/** Segments per run: a run's box lets a far part of a line go unmeasured (planarDistance2). */
const RUN_SEGMENTS = 8

/**
 * A line as planarDistance2 reads it, made once per line: its vertices as one Float64Array
 * (x0, y0, x1, y1, …: read in order, without a pointer per vertex) and the box
 * [minX, minY, maxX, maxY] of each run of RUN_SEGMENTS segments.
 */
interface PlanarLine {
  xy: Float64Array
  boxes: Float64Array
}

const planarLines = new WeakMap<Line, PlanarLine>()
function planarLineOf(line: Line): PlanarLine {
  let planar = planarLines.get(line)
  if (!planar) {
    // x and y only: a vertex with a z or m would shift every later one.
    const xy = new Float64Array(line.length * 2)
    for (let i = 0; i < line.length; i++) xy.set([line[i][0], line[i][1]], i * 2)
    const runs = Math.max(Math.ceil((line.length - 1) / RUN_SEGMENTS), 0)
    const boxes = new Float64Array(runs * 4)
    for (let r = 0; r < runs; r++) {
      const run = line.slice(r * RUN_SEGMENTS, Math.min(line.length - 1, (r + 1) * RUN_SEGMENTS) + 1)
      const xs = run.map((v) => v[0])
      const ys = run.map((v) => v[1])
      boxes.set([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], r * 4)
    }
    planar = { xy, boxes }
    planarLines.set(line, planar)
  }
  return planar
}

/**
 * Squared planar distance in degrees² from p to a line (ST_Distance on geometry, squared), when
 * it is under `within2`; otherwise some value ≥ `within2` (a caller that keeps only nearer lines
 * needs no more). A run of segments, or a segment, whose box is no nearer than the nearest
 * segment so far is not measured: it cannot be nearer, so the minimum is exact. The run whose
 * box is nearest goes first, to find a near segment early.
 */
export function planarDistance2(
  p: readonly number[],
  line: Line,
  within2 = Number.POSITIVE_INFINITY,
): number {
  const px = p[0]
  const py = p[1]
  const { xy, boxes } = planarLineOf(line)
  let best = Math.min(within2, (px - xy[0]) ** 2 + (py - xy[1]) ** 2)
  const runs = boxes.length / 4
  let first = 0
  let firstGap = Number.POSITIVE_INFINITY
  for (let r = 0; runs > 1 && r < runs; r++) {
    const gap = boxDistance2(px, py, boxes, r * 4)
    if (gap < firstGap) {
      firstGap = gap
      first = r
    }
  }
  const last = line.length - 1
  for (let k = 0; k < runs; k++) {
    const r = k === 0 ? first : k <= first ? k - 1 : k
    if (runs > 1 && boxDistance2(px, py, boxes, r * 4) >= best) continue
    const end = Math.min(last, (r + 1) * RUN_SEGMENTS)
    let ax = xy[r * RUN_SEGMENTS * 2]
    let ay = xy[r * RUN_SEGMENTS * 2 + 1]
    for (let i = r * RUN_SEGMENTS + 1; i <= end; i++) {
      const bx = xy[i * 2]
      const by = xy[i * 2 + 1]
      const gx = px < ax && px < bx ? Math.min(ax, bx) - px : px > ax && px > bx ? px - Math.max(ax, bx) : 0
      const gy = py < ay && py < by ? Math.min(ay, by) - py : py > ay && py > by ? py - Math.max(ay, by) : 0
      if (gx * gx + gy * gy < best) {
        const d = segmentDistance2(px, py, ax, ay, bx, by)
        if (d < best) best = d
      }
      ax = bx
      ay = by
    }
  }
  return best
}

/**
 * Squared planar distance in degrees² from (px, py) to the box [minX, minY, maxX, maxY] at
 * box[at..at+3] (0 inside): a line's box in the R-tree, or a run's in a line's Float64Array.
 */
function boxDistance2(px: number, py: number, box: ArrayLike<number>, at = 0): number {
  const dx = Math.max(box[at] - px, 0, px - box[at + 2])
  const dy = Math.max(box[at + 1] - py, 0, py - box[at + 3])
  return dx * dx + dy * dy
}

/**
 * The position (in `lines`) of the nearest line within `maxM` metres, with its distance, or null.
 * `ids` break ties as `ORDER BY d, id`. `tree` indexes `boxes`, the lines' boxes, in the same order.
 * `p` is `unit(point)` when the caller has it.
 */
export function nearestLine(
  tree: Flatbush | null,
  boxes: readonly (readonly number[])[],
  lines: readonly Line[],
  ids: readonly number[],
  point: readonly number[],
  maxM: number,
  p: Unit = unit(point),
): { index: number; distance: number } | null {
  if (!tree) return null
  // The eight nearest lines by planar distance (squared), ascending; a line measured later that
  // ties goes after (as a stable sort of all measured would place it).
  const near: number[] = []
  const near2: number[] = []
  // Box distance never exceeds the line's distance: fetch boxes nearest first until the eighth
  // nearest line found is no farther than the next box could be.
  for (let k = KNN_CANDIDATES * 2; ; k *= 2) {
    const found = tree.neighbors(point[0], point[1], k)
    near.length = 0
    near2.length = 0
    for (const index of found) {
      // A line whose box is farther than the eighth nearest line measured so far cannot be among
      // the eight (its distance is at least its box's): it is not measured.
      const full = near.length === KNN_CANDIDATES
      if (full && boxDistance2(point[0], point[1], boxes[index]) > near2[KNN_CANDIDATES - 1]) continue
      const d2 = planarDistance2(
        point,
        lines[index],
        full ? near2[KNN_CANDIDATES - 1] : Number.POSITIVE_INFINITY,
      )
      if (full && d2 >= near2[KNN_CANDIDATES - 1]) continue
      let i = full ? KNN_CANDIDATES - 1 : near.length
      while (i > 0 && near2[i - 1] > d2) {
        near[i] = near[i - 1]
        near2[i] = near2[i - 1]
        i--
      }
      near[i] = index
      near2[i] = d2
    }
    if (found.length < k) break
    const last = found[found.length - 1]
    if (
      near.length === KNN_CANDIDATES &&
      boxDistance2(point[0], point[1], boxes[last]) >= near2[KNN_CANDIDATES - 1]
    )
      break
  }
  // In planar order, nearest first, so that the first lines measured prune the rest: each line
  // is asked only for a point within SPHERE_MARGIN of the closest so far, which its runs' caps
  // rule out cheaply when it has none. (Not by a lon/lat box bound: an east-west edge's arc
  // bulges poleward out of its box, so a box overstates how far its line is, and a nearer line
  // was once skipped for it: test/query/locate-index-nearest-reach.test.ts.)
  const onSphere: { index: number; closest: SphereClosest }[] = []
  let minAngle = Number.POSITIVE_INFINITY
  for (const index of near) {
    const closest = closestOnSphere(point, [lines[index]], p, minAngle * SPHERE_MARGIN)
    if (!closest) continue
    onSphere.push({ index, closest })
    if (closest.angle < minAngle) minAngle = closest.angle
  }
  let best: { index: number; distance: number } | null = null
  for (const { index, closest } of onSphere) {
    if (closest.angle > minAngle * SPHERE_MARGIN) continue
    const distance = spheroidMetres(point, closest)
    if (distance > maxM) continue
    if (!best || distance < best.distance || (distance === best.distance && ids[index] < ids[best.index]))
      best = { index, distance }
  }
  return best
}
