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
 * An arc between two vertices, with what does not depend on the point asked about worked out once:
 * the unit normal of its plane and the unit vector to its middle (PostGIS edge_distance_to_point
 * recomputes them for every point; the index asks about the same edges again and again). The
 * arithmetic is PostGIS's, in its order, so the angles are bit for bit those of a fresh computation.
 */
interface Arc {
  a: Unit
  b: Unit
  /** Both ends at one place: the arc is a point. */
  point: boolean
  nx: number
  ny: number
  nz: number
  mx: number
  my: number
  mz: number
  /** a · m: a projection at least this close to the middle lies on the arc. */
  endDot: number
}

function arcOf(a: Unit, b: Unit): Arc {
  if (a.lon === b.lon && a.lat === b.lat)
    return { a, b, point: true, nx: 0, ny: 0, nz: 0, mx: 0, my: 0, mz: 0, endDot: 0 }
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
  return { a, b, point: false, nx, ny, nz, mx, my, mz, endDot: a.x * mx + a.y * my + a.z * mz }
}

/** Arcs of a line (or the vertex of a one-point line), computed once per line. */
const lineArcs = new WeakMap<readonly Position[], Unit[] | Arc[]>()
function arcsOf(line: readonly Position[]): { single: Unit | null; arcs: Arc[] } {
  let cached = lineArcs.get(line)
  if (!cached) {
    const units = line.map(unit)
    cached = units.length === 1 ? units : units.slice(1).map((b, i) => arcOf(units[i], b))
    lineArcs.set(line, cached)
  }
  return line.length === 1 ? { single: cached[0] as Unit, arcs: [] } : { single: null, arcs: cached as Arc[] }
}

/** Where the last arcAngle call found the closest point: 0 the projection k, 1 end a, 2 end b. */
let closestAt = 0
let kx = 0
let ky = 0
let kz = 0

/**
 * The angle from p to the closest point of the arc on the unit sphere (PostGIS
 * edge_distance_to_point: project p on the arc's plane, keep it when inside the arc's cone, else
 * the nearer end); which point that is stays in closestAt/kx/ky/kz, so that only the best of many
 * arcs pays for turning it into longitude and latitude.
 */
function arcAngle(arc: Arc, p: Unit): number {
  if (arc.point) {
    closestAt = 1
    return sphereAngle(arc.a, p)
  }
  if (projectsOnArc(arc, p)) {
    closestAt = 0
    return vectorAngle(p.x, p.y, p.z, kx, ky, kz)
  }
  const da = sphereAngle(p, arc.a)
  const db = sphereAngle(p, arc.b)
  closestAt = da < db ? 1 : 2
  return Math.min(da, db)
}

/** p · n of the last projectsOnArc call. */
let planeDot = 0

/**
 * Projects p on the plane of an arc (not a point) into kx, ky, kz, normalised, and p · n into
 * planeDot; true when the projection lies on the arc (PostGIS edge_point_in_cone: at least as close
 * to the arc's middle as its ends). arcAngle and arcRank share it, so they agree on which point of
 * an arc is closest.
 */
function projectsOnArc(arc: Arc, p: Unit): boolean {
  planeDot = p.x * arc.nx + p.y * arc.ny + p.z * arc.nz
  kx = p.x - arc.nx * planeDot
  ky = p.y - arc.ny * planeDot
  kz = p.z - arc.nz * planeDot
  const kLen = Math.sqrt(kx * kx + ky * ky + kz * kz)
  kx /= kLen
  ky /= kLen
  kz /= kLen
  const kDot = kx * arc.mx + ky * arc.my + kz * arc.mz
  return kDot > arc.endDot || Math.abs(kDot - arc.endDot) < 2e-16
}

/**
 * sin² of arcAngle(arc, p), or 2 − sin² past a right angle: a key that orders arcs as their angles
 * do, without the square roots and arctangents of the angle itself (which were most of a nearest
 * reach). From the arc's plane, |p·n|² when p projects inside the arc (projectsOnArc, as for
 * arcAngle); else from the nearer end, |p×a|², which keeps its precision at small angles where 1 − (p·a)² would not.
 */
function arcRank(arc: Arc, p: Unit): number {
  if (!arc.point && projectsOnArc(arc, p)) return planeDot * planeDot
  const ra = endRank(p, arc.a)
  return arc.point ? ra : Math.min(ra, endRank(p, arc.b))
}

/** sin² of the angle between p and the vertex e (2 − sin² past a right angle): see arcRank. */
function endRank(p: Unit, e: Unit): number {
  const cx = p.y * e.z - p.z * e.y
  const cy = p.z * e.x - p.x * e.z
  const cz = p.x * e.y - p.y * e.x
  const sin2 = cx * cx + cy * cy + cz * cz
  return p.x * e.x + p.y * e.y + p.z * e.z >= 0 ? sin2 : 2 - sin2
}

/** The pair PostGIS picks: the point of `lines` closest to `point` on the sphere, and its angle (radians). */
export interface SphereClosest {
  angle: number
  lon: number
  lat: number
}

/**
 * The first half of geographyDistanceToLines: the closest point on the sphere (null for no lines).
 * `p` is `unit(point)`, passed when the caller asks about one point many times. Each line's arcs
 * are ranked by arcRank, and only the nearest one's angle and point are worked out (by arcAngle,
 * as PostGIS computes them); two arcs within rounding of each other may swap, which moves the
 * distance by far less than the 0.01 m answers are rounded to.
 */
export function closestOnSphere(
  point: Position,
  lines: readonly (readonly Position[])[],
  p: Unit = unit(point),
): SphereClosest | null {
  let best: SphereClosest | null = null
  for (const line of lines) {
    const { single, arcs } = arcsOf(line)
    if (single) {
      const angle = sphereAngle(p, single)
      if (!best || angle < best.angle) best = { angle, lon: single.lon, lat: single.lat }
      continue
    }
    if (arcs.length === 0) continue
    let nearest = arcs[0]
    let nearestRank = arcRank(nearest, p)
    for (let i = 1; i < arcs.length; i++) {
      const rank = arcRank(arcs[i], p)
      if (rank < nearestRank) {
        nearest = arcs[i]
        nearestRank = rank
      }
    }
    const angle = arcAngle(nearest, p)
    if (best && !(angle < best.angle)) continue
    if (closestAt === 0) {
      best = { angle, lon: Math.atan2(ky, kx), lat: Math.asin(Math.max(-1, Math.min(1, kz))) }
    } else {
      const end = closestAt === 1 ? nearest.a : nearest.b
      best = { angle, lon: end.lon, lat: end.lat }
    }
  }
  return best
}

/**
 * The angle (radians) on the unit sphere from `point` ([lon, lat] degrees) to a lon/lat box
 * [minX, minY, maxX, maxY] (degrees), taken at the box point nearest in longitude and latitude
 * separately (the clamp); 0 inside. Along a parallel, and along a meridian short of the foot of
 * the perpendicular, the angle falls toward the clamp, so the clamp is the nearest box point but
 * for meridians converging toward the pole, which moves the true nearest point a few hundred
 * metres at the 50 km locate looks at in Yunnan and the angle by far under 0.5 %.
 * A bound to prune with, not a distance. `p` is `unit(point)`, as for closestOnSphere.
 */
export function sphereAngleToBox(point: Position, box: readonly number[], p: Unit = unit(point)): number {
  const lon = Math.min(Math.max(point[0], box[0]), box[2])
  const lat = Math.min(Math.max(point[1], box[1]), box[3])
  if (lon === point[0] && lat === point[1]) return 0
  return sphereAngle(p, unit([lon, lat]))
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
