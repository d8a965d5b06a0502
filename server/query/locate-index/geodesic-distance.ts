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

interface Unit {
  lon: number
  lat: number
  x: number
  y: number
  z: number
}

function unit(p: Position): Unit {
  const lon = p[0] * RAD
  const lat = p[1] * RAD
  const c = Math.cos(lat)
  return { lon, lat, x: c * Math.cos(lon), y: c * Math.sin(lon), z: Math.sin(lat) }
}

/**
 * Great-circle angle between two unit vectors: the angle PostGIS sphere_distance gives, from the
 * vectors (atan2 of |a×b| and a·b, well conditioned at small angles) instead of per-call trig.
 */
function sphereAngle(s: Unit, e: Unit): number {
  const cx = s.y * e.z - s.z * e.y
  const cy = s.z * e.x - s.x * e.z
  const cz = s.x * e.y - s.y * e.x
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), s.x * e.x + s.y * e.y + s.z * e.z)
}

/** Unit vectors of a line's vertices, computed once per line (the index asks about the same lines again and again). */
const unitLines = new WeakMap<readonly Position[], Unit[]>()
function unitLine(line: readonly Position[]): Unit[] {
  let units = unitLines.get(line)
  if (!units) {
    units = line.map(unit)
    unitLines.set(line, units)
  }
  return units
}

/**
 * The closest point of the arc a–b to p on the unit sphere, and its angle from p (PostGIS
 * edge_distance_to_point: project p on the arc's plane, keep it when inside the arc's cone,
 * else the nearer end).
 */
function closestOnArc(a: Unit, b: Unit, p: Unit): { angle: number; lon: number; lat: number } {
  if (a.lon === b.lon && a.lat === b.lat) return { angle: sphereAngle(a, p), lon: a.lon, lat: a.lat }
  let nx = a.y * b.z - a.z * b.y
  let ny = a.z * b.x - a.x * b.z
  let nz = a.x * b.y - a.y * b.x
  const nLen = Math.hypot(nx, ny, nz)
  nx /= nLen
  ny /= nLen
  nz /= nLen
  const dot = p.x * nx + p.y * ny + p.z * nz
  let kx = p.x - nx * dot
  let ky = p.y - ny * dot
  let kz = p.z - nz * dot
  const kLen = Math.hypot(kx, ky, kz)
  kx /= kLen
  ky /= kLen
  kz /= kLen
  // edge_point_in_cone: k lies on the arc when it is at least as close to the arc's middle as its ends.
  let mx = a.x + b.x
  let my = a.y + b.y
  let mz = a.z + b.z
  const mLen = Math.hypot(mx, my, mz)
  mx /= mLen
  my /= mLen
  mz /= mLen
  const endDot = a.x * mx + a.y * my + a.z * mz
  const kDot = kx * mx + ky * my + kz * mz
  if (kDot > endDot || Math.abs(kDot - endDot) < 2e-16) {
    const k: Unit = {
      lon: Math.atan2(ky, kx),
      lat: Math.asin(Math.max(-1, Math.min(1, kz))),
      x: kx,
      y: ky,
      z: kz,
    }
    return { angle: sphereAngle(p, k), lon: k.lon, lat: k.lat }
  }
  const da = sphereAngle(p, a)
  const db = sphereAngle(p, b)
  return da < db ? { angle: da, lon: a.lon, lat: a.lat } : { angle: db, lon: b.lon, lat: b.lat }
}

/** The pair PostGIS picks: the point of `lines` closest to `point` on the sphere, and its angle (radians). */
export interface SphereClosest {
  angle: number
  lon: number
  lat: number
}

/** The first half of geographyDistanceToLines: the closest point on the sphere (null for no lines). */
export function closestOnSphere(
  point: Position,
  lines: readonly (readonly Position[])[],
): SphereClosest | null {
  const p = unit(point)
  let best: SphereClosest | null = null
  for (const line of lines) {
    const units = unitLine(line)
    if (units.length === 1) {
      const angle = sphereAngle(p, units[0])
      if (!best || angle < best.angle) best = { angle, lon: units[0].lon, lat: units[0].lat }
      continue
    }
    for (let i = 1; i < units.length; i++) {
      const c = closestOnArc(units[i - 1], units[i], p)
      if (!best || c.angle < best.angle) best = c
    }
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
 * Returns Infinity for no lines.
 */
export function geographyDistanceToLines(point: Position, lines: readonly (readonly Position[])[]): number {
  const closest = closestOnSphere(point, lines)
  return closest ? spheroidMetres(point, closest) : Number.POSITIVE_INFINITY
}
