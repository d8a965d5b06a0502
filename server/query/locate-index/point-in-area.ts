// Whether a polygon covers a point, its boundary included, as ST_Intersects(geometry) answers
// for a point: with point-in-polygon-hao (exact orientation from robust-predicates), so a point on
// a shared border belongs to both areas (locate.sql) and never to neither. Not
// robust-point-in-polygon: it answers "outside" for some vertices of a ring (the city's outline
// has such a vertex; test/query/locate-index-parity.test.ts throws points exactly on vertices).
import inside from 'point-in-polygon-hao'
import { CoverGrid, GRID_MIN_VERTICES } from './cover-grid.ts'

export type Rings = readonly (readonly (readonly number[])[])[]

/**
 * True when `point` ([lon, lat]) lies in `polygons` (MultiPolygon coordinates: per part the outer
 * ring, then holes) or on its boundary.
 */
export function polygonCovers(polygons: readonly Rings[], point: readonly number[]): boolean {
  for (const polygon of polygons) {
    const grid = grids.get(polygon)
    if (grid ? grid.covers(point) : inside(point as number[], polygon as number[][][]) !== false) return true
  }
  return false
}

/** The grids of big parts, made by prepareCovers; a part without one is tested directly. */
const grids = new WeakMap<Rings, CoverGrid>()

/**
 * Makes polygonCovers answer `polygons`' big parts (GRID_MIN_VERTICES and more) from a grid
 * (cover-grid.ts) — the same answers, sooner. Called once per area when the index is built;
 * the grids go with the parts (a WeakMap).
 */
export function prepareCovers(polygons: readonly Rings[]): void {
  for (const polygon of polygons) {
    const vertices = polygon.reduce((sum, ring) => sum + ring.length, 0)
    if (vertices >= GRID_MIN_VERTICES && !grids.has(polygon)) grids.set(polygon, new CoverGrid(polygon))
  }
}
