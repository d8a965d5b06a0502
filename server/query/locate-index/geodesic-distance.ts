// Metres from a point to a line or a ring boundary as PostGIS `geography` measures them, so the
// index's near-river rule and nearest reach agree with locate.sql to the centimetre. PostGIS
// (lwgeodetic.c, circ_tree_distance_tree) finds the closest pair on the sphere, treating each
// edge as a great-circle arc, and only then measures that pair on the spheroid with
// GeographicLib's inverse problem; we do the same, with geographiclib-geodesic for the last step.
import geographiclib from 'geographiclib-geodesic'

type Position = readonly number[]

// A CommonJS module: its namespace comes whole as the default export.
const { Geodesic } = geographiclib
/** CGCS2000 (EPSG:4490): the GRS 80 ellipsoid, a = 6 378 137 m, 1/f = 298.257222101. */
const CGCS2000 = new Geodesic.Geodesic(6378137, 1 / 298.257222101)
const RAD = Math.PI / 180

/** A position as radians and as a unit vector (PostGIS geog2cart), worked out once per position. */
export interface Unit {
  lon: number
  lat: number
  x: number
  y: number
  z: number
}

export function unit(p: Position): Unit {
  const lon = p[0] * RAD
  const lat = p[1] * RAD
  const c = Math.cos(lat)
  return { lon, lat, x: c * Math.cos(lon), y: c * Math.sin(lon), z: Math.sin(lat) }
}

/**
 * Great-circle angle between two unit vectors: the angle PostGIS sphere_distance gives, from the
 * vectors (atan2 of |a×b| and a·b, well conditioned at small angles) instead of per-call trig.
 */
function vectorAngle(sx: number, sy: number, sz: number, ex: number, ey: number, ez: number): number {
  const cx = sy * ez - sz * ey
  const cy = sz * ex - sx * ez
  const cz = sx * ey - sy * ex
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), sx * ex + sy * ey + sz * ez)
}

const sphereAngle = (s: Unit, e: Unit) => vectorAngle(s.x, s.y, s.z, e.x, e.y, e.z)

/**
 * The arcs of a line, between consecutive vertices, with what does not depend on the point asked
 * about worked out once: the unit normal of each arc's plane and the unit vector to its middle
 * (PostGIS edge_distance_to_point recomputes them for every point; the index asks about the same
 * edges again and again). The arithmetic is PostGIS's, in its order, so the angles are bit for bit
 * those of a fresh computation. ARC numbers an arc in one Float64Array per line, at these offsets:
 * ends a and b (unit vector, then longitude and latitude in radians), normal n, middle m, a · m
 * (a projection at least this close to the middle lies on the arc), and 1 when both ends are at
 * one place (the arc is a point). One array, not an object per arc: V8 keeps each double field of
 * an object as a heap number of its own, so ranking a line's arcs chased pointers through memory.
 */
const AX = 0
const AY = 1
const AZ = 2
const ALON = 3
const ALAT = 4
const BX = 5
const BY = 6
const BZ = 7
const BLON = 8
const BLAT = 9
const NX = 10
const NY = 11
const NZ = 12
const MX = 13
const MY = 14
const MZ = 15
const END_DOT = 16
const POINT = 17
const ARC = 18

/** The arc from a to b into arcs[o .. o + ARC). */
function arcOf(a: Unit, b: Unit, arcs: Float64Array, o: number): void {
  arcs.set([a.x, a.y, a.z, a.lon, a.lat, b.x, b.y, b.z, b.lon, b.lat], o)
  if (a.lon === b.lon && a.lat === b.lat) {
    arcs[o + POINT] = 1
    return
  }
  let nx = a.y * b.z - a.z * b.y
  let ny = a.z * b.x - a.x * b.z
  let nz = a.x * b.y - a.y * b.x
  // PostGIS normalize(): sqrt of the sum of squares (Math.hypot rescales, and is several times slower).
  const nLen = Math.sqrt(nx * nx + ny * ny + nz * nz)
  nx /= nLen
  ny /= nLen
  nz /= nLen
  let mx = a.x + b.x
  let my = a.y + b.y
  let mz = a.z + b.z
  const mLen = Math.sqrt(mx * mx + my * my + mz * mz)
  mx /= mLen
  my /= mLen
  mz /= mLen
  arcs.set([nx, ny, nz, mx, my, mz, a.x * mx + a.y * my + a.z * mz, 0], o + NX)
}

/** Arcs per run: a run's cap lets a far part of a line go unranked (closestOnSphere). */
const RUN_ARCS = 8
/** Slack for rounding in the cap tests: 1e-12 rad (6 µm) bigger caps, 1e-12 on a cosine. */
const CAP_SLACK = 1e-12

/**
 * A line's arcs (or its one vertex), and per run of RUN_ARCS arcs a spherical cap holding them:
 * centre (unit vector) and the cosine and sine of its radius, five numbers a run in `caps`. A cap
 * narrower than a right angle is convex on the sphere, so it holds the great-circle arcs between
 * its vertices, not only the vertices; a run that needs a wider one gets none (cos −2: never skipped).
 */
interface LineArcs {
  single: Unit | null
  /** ARC numbers per arc (see AX…POINT). */
  arcs: Float64Array
  caps: Float64Array
}

const lineArcs = new WeakMap<readonly Position[], LineArcs>()
/** Arcs and caps of a line, computed once per line. */
function arcsOf(line: readonly Position[]): LineArcs {
  let cached = lineArcs.get(line)
  if (!cached) {
    const units = line.map(unit)
    if (units.length === 1)
      cached = { single: units[0], arcs: new Float64Array(0), caps: new Float64Array(0) }
    else {
      const count = units.length - 1
      const arcs = new Float64Array(count * ARC)
      for (let i = 0; i < count; i++) arcOf(units[i], units[i + 1], arcs, i * ARC)
      const runs = Math.ceil(count / RUN_ARCS)
      const caps = new Float64Array(runs * 5)
      for (let r = 0; r < runs; r++) capOf(units.slice(r * RUN_ARCS, (r + 1) * RUN_ARCS + 1), caps, r * 5)
      cached = { single: null, arcs, caps }
    }
    lineArcs.set(line, cached)
  }
  return cached
}

/** The cap around `vertices` (their normalised sum as centre) into caps[at..at+4]. */
function capOf(vertices: readonly Unit[], caps: Float64Array, at: number): void {
  let cx = 0
  let cy = 0
  let cz = 0
  for (const v of vertices) {
    cx += v.x
    cy += v.y
    cz += v.z
  }
  const len = Math.sqrt(cx * cx + cy * cy + cz * cz)
  let radius = 0
  for (const v of vertices)
    radius = Math.max(radius, vectorAngle(cx / len, cy / len, cz / len, v.x, v.y, v.z))
  radius += CAP_SLACK
  const usable = len > 0 && radius < Math.PI / 2
  caps.set([cx / len, cy / len, cz / len, usable ? Math.cos(radius) : -2, Math.sin(radius)], at)
}

/**
 * True when every arc of the run whose cap starts at caps[at] lies farther from p than the angle
 * whose cosine and sine are `cosT`, `sinT` (at most a right angle): by the triangle inequality
 * the arcs are no nearer than angle(p, centre) − radius, and that exceeds T when
 * p · centre < cos(T + radius) (less a slack for rounding).
 */
function capBeyond(caps: Float64Array, at: number, p: Unit, cosT: number, sinT: number): boolean {
  const cosR = caps[at + 3]
  if (cosR < -1) return false
  const dot = p.x * caps[at] + p.y * caps[at + 1] + p.z * caps[at + 2]
  return dot < cosT * cosR - sinT * caps[at + 4] - CAP_SLACK
}

/** Where the last arcAngle call found the closest point: 0 the projection k, 1 end a, 2 end b. */
let closestAt = 0
/**
 * Doubles the last calls leave for their callers: the projection k (x, y, z), p · n, and the
 * rank of rankArcs' nearest arc. A Float64Array, not module variables: V8 boxes a double written
 * to a module variable as a new heap number each time, which was a tenth of a locate's garbage.
 */
const last = new Float64Array(5)
const KX = 0
const KY = 1
const KZ = 2
const PLANE_DOT = 3
const NEAREST_RANK = 4

/**
 * The angle from p to the closest point of the arc on the unit sphere (PostGIS
 * edge_distance_to_point: project p on the arc's plane, keep it when inside the arc's cone, else
 * the nearer end); which point that is stays in closestAt and last[KX..KZ], so that only the best of many
 * arcs pays for turning it into longitude and latitude.
 */
function arcAngle(arcs: Float64Array, o: number, p: Unit): number {
  if (arcs[o + POINT] === 1) {
    closestAt = 1
    return vectorAngle(arcs[o + AX], arcs[o + AY], arcs[o + AZ], p.x, p.y, p.z)
  }
  if (projectsOnArc(arcs, o, p)) {
    closestAt = 0
    return vectorAngle(p.x, p.y, p.z, last[KX], last[KY], last[KZ])
  }
  const da = vectorAngle(p.x, p.y, p.z, arcs[o + AX], arcs[o + AY], arcs[o + AZ])
  const db = vectorAngle(p.x, p.y, p.z, arcs[o + BX], arcs[o + BY], arcs[o + BZ])
  closestAt = da < db ? 1 : 2
  return Math.min(da, db)
}

/**
 * Projects p on the plane of an arc (not a point) into last[KX..KZ], normalised, and p · n into
 * last[PLANE_DOT]; true when the projection lies on the arc (PostGIS edge_point_in_cone: at least as close
 * to the arc's middle as its ends). arcAngle and arcRank share it, so they agree on which point of
 * an arc is closest.
 */
function projectsOnArc(arcs: Float64Array, o: number, p: Unit): boolean {
  const nx = arcs[o + NX]
  const ny = arcs[o + NY]
  const nz = arcs[o + NZ]
  const planeDot = p.x * nx + p.y * ny + p.z * nz
  let kx = p.x - nx * planeDot
  let ky = p.y - ny * planeDot
  let kz = p.z - nz * planeDot
  const kLen = Math.sqrt(kx * kx + ky * ky + kz * kz)
  kx /= kLen
  ky /= kLen
  kz /= kLen
  last[PLANE_DOT] = planeDot
  last[KX] = kx
  last[KY] = ky
  last[KZ] = kz
  const kDot = kx * arcs[o + MX] + ky * arcs[o + MY] + kz * arcs[o + MZ]
  const endDot = arcs[o + END_DOT]
  return kDot > endDot || Math.abs(kDot - endDot) < 2e-16
}

/**
 * sin² of arcAngle(arc, p), or 2 − sin² past a right angle: a key that orders arcs as their angles
 * do, without the square roots and arctangents of the angle itself (which were most of a nearest
 * reach). From the arc's plane, |p·n|² when p projects inside the arc (projectsOnArc, as for
 * arcAngle); else from the nearer end, |p×a|², which keeps its precision at small angles where 1 − (p·a)² would not.
 */
function arcRank(arcs: Float64Array, o: number, p: Unit): number {
  const point = arcs[o + POINT] === 1
  if (!point && projectsOnArc(arcs, o, p)) return last[PLANE_DOT] * last[PLANE_DOT]
  const ra = endRank(p, arcs[o + AX], arcs[o + AY], arcs[o + AZ])
  return point ? ra : Math.min(ra, endRank(p, arcs[o + BX], arcs[o + BY], arcs[o + BZ]))
}

/** sin² of the angle between p and the vertex e (2 − sin² past a right angle): see arcRank. */
function endRank(p: Unit, ex: number, ey: number, ez: number): number {
  const cx = p.y * ez - p.z * ey
  const cy = p.z * ex - p.x * ez
  const cz = p.x * ey - p.y * ex
  const sin2 = cx * cx + cy * cy + cz * cz
  return p.x * ex + p.y * ey + p.z * ez >= 0 ? sin2 : 2 - sin2
}

/** The pair PostGIS picks: the point of `lines` closest to `point` on the sphere, and its angle (radians). */
export interface SphereClosest {
  angle: number
  lon: number
  lat: number
}

/** The arc of a line nearest p by arcRank (−1 for none; its rank in last[NEAREST_RANK]); the first of equals. */
let lineNearestAt = -1

/**
 * Ranks the arcs of one line against p as a scan from the first arc would (the first of equal
 * ranks wins), into lineNearestAt and last[NEAREST_RANK], but skips each run of arcs whose cap shows them
 * all farther than `limit` (an arcRank): such arcs could not be nearest, nor within the limit.
 * The run whose cap centre is nearest is ranked first, so that its best sets a tight limit.
 */
function rankArcs({ arcs, caps }: LineArcs, p: Unit, limit: number): void {
  last[NEAREST_RANK] = Number.POSITIVE_INFINITY
  lineNearestAt = -1
  const runs = caps.length / 5
  let first = 0
  if (runs > 1) {
    let nearestDot = Number.NEGATIVE_INFINITY
    for (let r = 0; r < runs; r++) {
      const dot = p.x * caps[r * 5] + p.y * caps[r * 5 + 1] + p.z * caps[r * 5 + 2]
      if (dot > nearestDot) {
        nearestDot = dot
        first = r
      }
    }
  }
  for (let k = 0; k < runs; k++) {
    const r = k === 0 ? first : k <= first ? k - 1 : k
    const bound = Math.min(limit, last[NEAREST_RANK])
    // Past a right angle the cap test does not hold (and a locate never looks that far).
    if (bound <= 1 && capBeyond(caps, r * 5, p, Math.sqrt(1 - bound), Math.sqrt(bound))) continue
    const end = Math.min(arcs.length / ARC, (r + 1) * RUN_ARCS)
    for (let i = r * RUN_ARCS; i < end; i++) {
      const rank = arcRank(arcs, i * ARC, p)
      // Runs are visited out of order: an equal rank wins only from an earlier arc.
      if (rank < last[NEAREST_RANK] || (rank === last[NEAREST_RANK] && i < lineNearestAt)) {
        last[NEAREST_RANK] = rank
        lineNearestAt = i
      }
    }
  }
}

/**
 * The first half of geographyDistanceToLines: the closest point on the sphere, or null for no
 * lines or none within `within` radians (a closest point a little beyond `within` may still be
 * returned: callers compare angles). `p` is `unit(point)`, passed when the caller asks about one
 * point many times. Each line's arcs are ranked by arcRank (rankArcs: runs of arcs beyond the best
 * so far are skipped whole), and only the nearest one's angle and point are worked out (by
 * arcAngle, as PostGIS computes them); two arcs within rounding of each other may swap, which
 * moves the distance by far less than the 0.01 m answers are rounded to. Not so near a right
 * angle or a half turn, where sin² flattens: arcs up to about 1e-8 rad apart rank equal there and
 * the first wins (773 m off at 10 000 km, found by a helper). Locate asks within 50 km.
 */
export function closestOnSphere(
  point: Position,
  lines: readonly (readonly Position[])[],
  p: Unit = unit(point),
  within = Number.POSITIVE_INFINITY,
): SphereClosest | null {
  // `within` as an arcRank, a hair wider so that rounding never loses a point just within.
  const sinW = Math.sin(Math.min(within, Math.PI / 2))
  const withinRank =
    within < Math.PI / 2 ? sinW * sinW * (1 + 1e-9) : within < Math.PI ? 2 : Number.POSITIVE_INFINITY
  let best: SphereClosest | null = null
  let bestRank = withinRank
  for (const line of lines) {
    const arcs = arcsOf(line)
    if (arcs.single) {
      const angle = sphereAngle(p, arcs.single)
      if (!best || angle < best.angle) best = { angle, lon: arcs.single.lon, lat: arcs.single.lat }
      continue
    }
    rankArcs(arcs, p, bestRank)
    if (lineNearestAt < 0 || last[NEAREST_RANK] > withinRank) continue
    const o = lineNearestAt * ARC
    const angle = arcAngle(arcs.arcs, o, p)
    if (best && !(angle < best.angle)) continue
    if (closestAt === 0) {
      best = {
        angle,
        lon: Math.atan2(last[KY], last[KX]),
        lat: Math.asin(Math.max(-1, Math.min(1, last[KZ]))),
      }
    } else {
      const atA = closestAt === 1
      best = { angle, lon: arcs.arcs[o + (atA ? ALON : BLON)], lat: arcs.arcs[o + (atA ? ALAT : BLAT)] }
    }
    bestRank = Math.min(bestRank, last[NEAREST_RANK])
  }
  return best
}

/** The second half: metres on the CGCS2000 ellipsoid from `point` to the closest pair's other end. */
export const spheroidMetres = (point: Position, closest: SphereClosest): number =>
  CGCS2000.Inverse(point[1], point[0], closest.lat / RAD, closest.lon / RAD, Geodesic.DISTANCE).s12 ??
  Number.NaN

/**
 * Geodesic metres on the CGCS2000 ellipsoid from `point` ([lon, lat] degrees) to the nearest of
 * `lines` (each a list of [lon, lat] vertices, a LineString or a polygon ring), as PostGIS
 * ST_Distance(geography, geography) gives it: the pair closest on the sphere, measured on the
 * spheroid. Does not test containment (a point inside a polygon is 0 m: the caller's test).
 * Returns Infinity for no lines. `p` is `unit(point)`, as for closestOnSphere.
 */
export function geographyDistanceToLines(
  point: Position,
  lines: readonly (readonly Position[])[],
  p: Unit = unit(point),
): number {
  const closest = closestOnSphere(point, lines, p)
  return closest ? spheroidMetres(point, closest) : Number.POSITIVE_INFINITY
}
