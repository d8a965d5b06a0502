// The parts of a geojson-vt feature that ST_AsMVTGeom would not emit, removed so that both tile
// sources keep and drop the same things: after quantizing to whole tile units, a line part that
// has shrunk to one point or a ring that has shrunk to no area draws nothing, and MVT readers
// (spec 4.3.4.4: a ring has a non-zero area) may reject it; and ST_AsMVTGeom snaps before it
// clips, so a point is kept when its rounded position is in the buffered tile, edges included.
import type { LegacyFeature } from 'geojson-vt'

type Ring = [number, number][]

/** The ring without repeats of the previous point. */
function withoutRepeats(ring: Ring): Ring {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1])
}

/** Twice the signed area of a closed ring (shoelace), in square tile units. */
function doubleArea(ring: Ring): number {
  let sum = 0
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return sum
}

/**
 * `feature` (a geojson-vt legacy feature in tile units) without its empty parts: repeated points
 * dropped, line parts of fewer than two points and rings of zero area removed, points outside
 * [-buffer, extent + buffer]² removed; null when nothing is left.
 */
export function dropDegenerateParts(
  feature: LegacyFeature,
  extent: number,
  buffer: number,
): LegacyFeature | null {
  if (feature.type === 1) {
    const inside = (v: number) => v >= -buffer && v <= extent + buffer
    const points = feature.geometry.filter(([x, y]) => inside(x) && inside(y))
    return points.length > 0 ? { ...feature, geometry: points } : null
  }
  const parts = feature.geometry
    .map(withoutRepeats)
    .filter((part) => (feature.type === 2 ? part.length >= 2 : part.length >= 4 && doubleArea(part) !== 0))
  const kept = feature.type === 3 ? withoutEmptyPolygons(parts) : parts
  return kept.length > 0 ? { ...feature, geometry: kept } : null
}

/**
 * Rings grouped into polygons (an exterior ring, positive area in tile units as MVT and the
 * shared SQL wind it, then its holes), keeping the polygons with area left: clipping a ring-shaped
 * zone to a tile inside its hole leaves an exterior and a hole that are the same box.
 */
function withoutEmptyPolygons(rings: Ring[]): Ring[] {
  const polygons: { rings: Ring[]; area: number }[] = []
  for (const ring of rings) {
    const area = doubleArea(ring)
    if (area > 0 || polygons.length === 0) polygons.push({ rings: [ring], area })
    else {
      const last = polygons[polygons.length - 1]
      last.rings.push(ring)
      last.area += area
    }
  }
  return polygons.filter((p) => p.area > 0).flatMap((p) => p.rings)
}
