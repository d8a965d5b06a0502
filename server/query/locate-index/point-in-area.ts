// Whether a polygon covers a point, its boundary included, as ST_Intersects(geometry) answers
// for a point: with point-in-polygon-hao (exact orientation from robust-predicates), so a point on
// a shared border belongs to both areas (locate.sql) and never to neither. Not
// robust-point-in-polygon: it answers "outside" for some vertices of a ring (the city's outline
// has such a vertex; test/query/locate-index-parity.test.ts throws points exactly on vertices).
import inside from 'point-in-polygon-hao'

export type Rings = readonly (readonly (readonly number[])[])[]

/**
 * True when `point` ([lon, lat]) lies in `polygons` (MultiPolygon coordinates: per part the outer
 * ring, then holes) or on its boundary.
 */
export function polygonCovers(polygons: readonly Rings[], point: readonly number[]): boolean {
  for (const polygon of polygons) {
    if (inside(point as number[], polygon as number[][][]) !== false) return true
  }
  return false
}
