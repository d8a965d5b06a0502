// Polygons of one table: a grid over the layer (area-grid.ts) finds those covering a point, and a
// packed R-tree (flatbush) of their boxes those near one.
import Flatbush from 'flatbush'
import { AreaGrid } from './area-grid.ts'
import { boxOf } from './box-of.ts'
import { prepareCovers, type Rings } from './point-in-area.ts'

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
  private readonly grid: AreaGrid

  constructor(readonly areas: readonly Area<T>[]) {
    this.grid = new AreaGrid(areas.map((area) => area.polygons))
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
    return this.grid.covering(point)
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
