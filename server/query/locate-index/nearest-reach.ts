// The nearest reach as locate.sql finds it: the eight nearest by planar distance in degrees (the
// KNN `<->` of the geometry index), then the nearest of those on the spheroid.
import type Flatbush from 'flatbush'
import { closestOnSphere, type SphereClosest, sphereAngleToBox, spheroidMetres } from './geodesic-distance.ts'

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
 * A candidate whose box lies farther than this times the closest line found so far cannot be
 * within SPHERE_MARGIN of the nearest: sphereAngleToBox overstates the angle to a box point by
 * under 0.5 % (1.05 > 1.01 × 1.005), so its line is skipped without measuring every arc.
 */
const BOX_MARGIN = 1.05

/** Planar distance from p to segment a–b, as PostGIS lw_dist2d_pt_seg computes it. */
function segmentDistance(p: readonly number[], a: readonly number[], b: readonly number[]): number {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  if (dx === 0 && dy === 0) return Math.hypot(p[0] - a[0], p[1] - a[1])
  const r = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)
  if (r <= 0) return Math.hypot(p[0] - a[0], p[1] - a[1])
  if (r >= 1) return Math.hypot(p[0] - b[0], p[1] - b[1])
  const s = ((a[1] - p[1]) * dx - (a[0] - p[0]) * dy) / (dx * dx + dy * dy)
  return Math.abs(s) * Math.sqrt(dx * dx + dy * dy)
}

/** Planar distance in degrees from p to a line (ST_Distance on geometry). */
export function planarDistance(p: readonly number[], line: Line): number {
  if (line.length === 1) return Math.hypot(p[0] - line[0][0], p[1] - line[0][1])
  let best = Number.POSITIVE_INFINITY
  for (let i = 1; i < line.length; i++) best = Math.min(best, segmentDistance(p, line[i - 1], line[i]))
  return best
}

/** Planar distance in degrees from p to a box [minX, minY, maxX, maxY] (0 inside). */
function boxDistance(p: readonly number[], box: readonly number[]): number {
  const dx = Math.max(box[0] - p[0], 0, p[0] - box[2])
  const dy = Math.max(box[1] - p[1], 0, p[1] - box[3])
  return Math.hypot(dx, dy)
}

/**
 * Inserts `value` into `smallest`, kept ascending and at most `k` long (k is eight: an insertion
 * beats sorting every time a line is measured). Output: the k-th smallest so far, or Infinity.
 */
function keepSmallest(smallest: number[], value: number, k: number): number {
  if (smallest.length < k || value < smallest[k - 1]) {
    let i = smallest.length < k ? smallest.length : k - 1
    while (i > 0 && smallest[i - 1] > value) {
      smallest[i] = smallest[i - 1]
      i--
    }
    smallest[i] = value
  }
  return smallest.length < k ? Number.POSITIVE_INFINITY : smallest[k - 1]
}

/**
 * The position (in `lines`) of the nearest line within `maxM` metres, with its distance, or null.
 * `ids` break ties as `ORDER BY d, id`. `tree` indexes `boxes`, the lines' boxes, in the same order.
 */
export function nearestLine(
  tree: Flatbush | null,
  boxes: readonly (readonly number[])[],
  lines: readonly Line[],
  ids: readonly number[],
  point: readonly number[],
  maxM: number,
): { index: number; distance: number } | null {
  if (!tree) return null
  // Box distance never exceeds the line's distance: fetch boxes nearest first until the eighth
  // nearest line found is no farther than the next box could be.
  let k = KNN_CANDIDATES * 2
  let ranked: { index: number; planar: number }[] = []
  for (;;) {
    const found = tree.neighbors(point[0], point[1], k)
    // Boxes come nearest first; a line whose box is farther than the eighth nearest line measured
    // so far cannot be among the eight (its distance is at least its box's, strictly more than
    // the eighth's), so it is not measured: the eight, and their order, are unchanged.
    ranked = []
    const smallest: number[] = []
    let eighth = Number.POSITIVE_INFINITY
    for (const index of found) {
      if (boxDistance(point, boxes[index]) > eighth) continue
      const planar = planarDistance(point, lines[index])
      ranked.push({ index, planar })
      eighth = keepSmallest(smallest, planar, KNN_CANDIDATES)
    }
    ranked.sort((a, b) => a.planar - b.planar)
    if (found.length < k) break
    const last = found[found.length - 1]
    if (
      ranked.length >= KNN_CANDIDATES &&
      boxDistance(point, boxes[last]) >= ranked[KNN_CANDIDATES - 1].planar
    )
      break
    k *= 2
  }
  // The candidates nearest by box first, so that the first lines measured prune the rest.
  const candidates = ranked
    .slice(0, KNN_CANDIDATES)
    .map(({ index }) => ({ index, bound: sphereAngleToBox(point, boxes[index]) }))
    .sort((a, b) => a.bound - b.bound)
  const onSphere: { index: number; closest: SphereClosest }[] = []
  let minAngle = Number.POSITIVE_INFINITY
  for (const { index, bound } of candidates) {
    if (bound > minAngle * BOX_MARGIN) break
    const closest = closestOnSphere(point, [lines[index]])
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
