// Polygons behind a packed R-tree (flatbush): the boxes find the candidates, polygonCovers decides.
import Flatbush from 'flatbush'
import { boxOf } from './box-of.ts'
import { polygonCovers, prepareCovers, type Rings } from './point-in-area.ts'

/** A GeoJSON Polygon or MultiPolygon (from WKB, wkb.ts). */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: Rings }
  | { type: 'MultiPolygon'; coordinates: Rings[] }

export interface Area<T> {
  polygons: Rings[]
  item: T
}

export const polygonsOf = (g: AreaGeometry): Rings[] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates

/** Areas of one table, in the order given (the build reads them by id). */
export class AreaIndex<T> {
  private readonly tree: Flatbush | null

  constructor(readonly areas: readonly Area<T>[]) {
    this.tree = areas.length > 0 ? new Flatbush(areas.length) : null
    if (!this.tree) return
    for (const area of areas) {
      this.tree.add(...boxOf(area.polygons))
      prepareCovers(area.polygons)
    }
    this.tree.finish()
  }

  /** The positions of the areas covering `point` (boundary included), ascending, i.e. by id. */
  covering(point: readonly number[]): number[] {
    if (!this.tree) return []
    const [x, y] = point
    // The test as flatbush's filter: no array of box hits to filter after.
    const found = this.tree.search(x, y, x, y, (i) => polygonCovers(this.areas[i].polygons, point))
    if (found.length > 1) found.sort((a, b) => a - b)
    return found
  }

  /** The items of the areas covering `point`, in covering()'s order. */
  coveringItems(point: readonly number[]): T[] {
    return this.covering(point).map((i) => this.areas[i].item)
  }

  /** The positions of the areas whose box meets the box around `point` grown by `padX`, `padY` degrees. */
  near(point: readonly number[], padX: number, padY: number): number[] {
    if (!this.tree) return []
    const [x, y] = point
    return this.tree.search(x - padX, y - padY, x + padX, y + padY)
  }
}
