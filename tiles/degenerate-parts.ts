// The parts of a geojson-vt feature that ST_AsMVTGeom would not emit, removed so that both tile
// sources keep and drop the same things: after quantizing to whole tile units, a line part that
// has shrunk to one point or a ring that has shrunk to no area draws nothing, and MVT readers
// (spec 4.3.4.4: a ring has a non-zero area) may reject it.
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
 * dropped, line parts of fewer than two points and rings of zero area removed; null when nothing
 * is left. Points are returned as they are.
 */
export function dropDegenerateParts(feature: LegacyFeature): LegacyFeature | null {
  if (feature.type === 1) return feature
  const parts = feature.geometry
    .map(withoutRepeats)
    .filter((part) => (feature.type === 2 ? part.length >= 2 : part.length >= 4 && doubleArea(part) !== 0))
  return parts.length > 0 ? { ...feature, geometry: parts } : null
}
