// The lon/lat box that surely holds every point within a geodesic distance of a box. S_DWITHIN
// compares on geography (metres on the ellipsoid), which the GiST index on the geometry column
// cannot serve; ANDing `geom && <this box>` lets it, without changing the answer, because the
// box is never smaller than the distance reaches.

/** GRS80 semi-major axis (m): a degree of longitude at latitude φ is at least (π/180)·a·cos φ. */
const A = 6_378_137
/** The shortest degree of latitude on GRS80 (at the equator), in metres. */
const MIN_LAT_DEGREE_M = 110_574
/** Rounding room: the box is made this much larger. */
const MARGIN = 1.001

/**
 * `[west, south, east, north]` (degrees) grown by `metres` on every side, or null when no such
 * lon/lat box exists: near a pole, or across the antimeridian (the filter then runs without it).
 */
export function dwithinEnvelope(
  [west, south, east, north]: [number, number, number, number],
  metres: number,
): [number, number, number, number] | null {
  const dLat = (metres / MIN_LAT_DEGREE_M) * MARGIN
  const s = south - dLat
  const n = north + dLat
  // A degree of longitude is shortest at the latitude furthest from the equator.
  const phi = Math.max(Math.abs(s), Math.abs(n))
  if (phi >= 89) return null
  const lonDegree = (Math.PI / 180) * A * Math.cos((phi * Math.PI) / 180)
  const dLon = (metres / lonDegree) * MARGIN
  const [w, e] = [west - dLon, east + dLon]
  if (w < -180 || e > 180) return null
  return [w, s, e, n]
}

/** [west, south, east, north] of lon/lat positions. */
export function lonLatBounds(positions: Iterable<number[]>): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of positions) {
    w = Math.min(w, x)
    e = Math.max(e, x)
    s = Math.min(s, y)
    n = Math.max(n, y)
  }
  return [w, s, e, n]
}
