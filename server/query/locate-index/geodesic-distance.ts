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

/** Great-circle angle between two points (PostGIS sphere_distance). */
function sphereAngle(s: Unit, e: Unit): number {
  const dLon = e.lon - s.lon
  const cosDLon = Math.cos(dLon)
  const cosLatE = Math.cos(e.lat)
  const sinLatE = Math.sin(e.lat)
  const cosLatS = Math.cos(s.lat)
  const sinLatS = Math.sin(s.lat)
  const a1 = (cosLatE * Math.sin(dLon)) ** 2
  const a2 = (cosLatS * sinLatE - sinLatS * cosLatE * cosDLon) ** 2
  return Math.atan2(Math.sqrt(a1 + a2), sinLatS * sinLatE + cosLatS * cosLatE * cosDLon)
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

/**
 * Geodesic metres on the CGCS2000 ellipsoid from `point` ([lon, lat] degrees) to the nearest of
 * `lines` (each a list of [lon, lat] vertices, a LineString or a polygon ring), as PostGIS
 * ST_Distance(geography, geography) gives it: the pair closest on the sphere, measured on the
 * spheroid. Does not test containment (a point inside a polygon is 0 m: the caller's test).
 * Returns Infinity for no lines.
 */
export function geographyDistanceToLines(point: Position, lines: readonly (readonly Position[])[]): number {
  const p = unit(point)
  let best = Number.POSITIVE_INFINITY
  let bestLon = 0
  let bestLat = 0
  for (const line of lines) {
    if (line.length === 1) {
      const only = unit(line[0])
      const angle = sphereAngle(p, only)
      if (angle < best) [best, bestLon, bestLat] = [angle, only.lon, only.lat]
      continue
    }
    let a = unit(line[0])
    for (let i = 1; i < line.length; i++) {
      const b = unit(line[i])
      const c = closestOnArc(a, b, p)
      if (c.angle < best) [best, bestLon, bestLat] = [c.angle, c.lon, c.lat]
      a = b
    }
  }
  if (best === Number.POSITIVE_INFINITY) return best
  return (
    CGCS2000.Inverse(point[1], point[0], bestLat / RAD, bestLon / RAD, Geodesic.DISTANCE).s12 ?? Number.NaN
  )
}
