// One grid over a whole layer of areas that lists, per cell, the areas that may cover its points,
// each marked wholly covering or not: a point's areas are read from its cell, and only areas whose
// boundary crosses that cell are tested. It stands in for an R-tree search plus a
// point-in-polygon test per box hit, which were most of an area lookup (admin areas and chief
// areas tile the city in four levels, so every point has several).
import { boxOf } from './box-of.ts'
import { cellSides, EDGE, GridFrame, INSIDE, OUTSIDE } from './cell-sides.ts'
import { polygonCovers, type Rings } from './point-in-area.ts'

/**
 * Cells per side: four per √area, so that a small area spans a few cells, some of them wholly
 * inside it, and at least two per √vertex, so that a long boundary (the city's outline) crosses a
 * small share of the cells. Capped at 1 024 (4 MB of cell offsets) for the biggest layers.
 */
const cellsPerSide = (areas: number, vertices: number) =>
  Math.min(1024, Math.max(4, 4 * Math.ceil(Math.sqrt(areas)), 2 * Math.ceil(Math.sqrt(vertices))))

/**
 * The areas (MultiPolygon coordinates each: per part the outer ring, then holes) of one layer.
 * `covering(point)` gives the positions of those covering the point, boundary included, in
 * ascending order: for every point exactly the positions i with polygonCovers(areas[i], point).
 */
export class AreaGrid {
  private readonly frame: GridFrame
  /** Per cell, its entries: entries[offsets[c] .. offsets[c + 1]). */
  private readonly offsets: Uint32Array
  /** Position × 2, plus 1 when the area covers the whole cell. */
  private readonly entries: Uint32Array

  constructor(private readonly areas: readonly (readonly Rings[])[]) {
    const boxes = areas.map((polygons) => boxOf(polygons))
    const extent = boxes.reduce(
      (e, b) => [Math.min(e[0], b[0]), Math.min(e[1], b[1]), Math.max(e[2], b[2]), Math.max(e[3], b[3])],
      [Infinity, Infinity, -Infinity, -Infinity],
    )
    let vertices = 0
    for (const polygons of areas)
      for (const part of polygons) for (const ring of part) vertices += ring.length
    const frame = new GridFrame(extent, cellsPerSide(areas.length, vertices))
    this.frame = frame
    const n = frame.n
    // An empty geometry (no vertices: an inverted box) covers no point: an empty window.
    const windows = boxes.map((box) => (box[0] <= box[2] ? frame.windowOf(box) : [0, 0, -1, -1]))
    // Each area's side per cell of its window (its parts' sides merged: inside one part is inside).
    const sides = areas.map((polygons, i) => {
      const window = windows[i]
      if (window[2] < window[0]) return new Uint8Array(0)
      if (polygons.length === 1) return cellSides(frame, polygons[0], window)
      const merged = new Uint8Array((window[2] - window[0] + 1) * (window[3] - window[1] + 1))
      for (const part of polygons) {
        const partSides = cellSides(frame, part, window)
        for (let k = 0; k < merged.length; k++)
          if (partSides[k] === INSIDE || (partSides[k] === EDGE && merged[k] === OUTSIDE))
            merged[k] = partSides[k]
      }
      return merged
    })
    // Two passes (count, then fill) over the areas in order, so each cell's entries ascend.
    const offsets = new Uint32Array(n * n + 1)
    for (let i = 0; i < areas.length; i++) {
      const [c0, r0, c1] = windows[i]
      const width = c1 - c0 + 1
      const areaSides = sides[i]
      for (let k = 0; k < areaSides.length; k++)
        if (areaSides[k] !== OUTSIDE) offsets[(r0 + Math.floor(k / width)) * n + c0 + (k % width) + 1]++
    }
    for (let c = 1; c < offsets.length; c++) offsets[c] += offsets[c - 1]
    const entries = new Uint32Array(offsets[offsets.length - 1])
    const filled = offsets.slice(0, -1)
    for (let i = 0; i < areas.length; i++) {
      const [c0, r0, c1] = windows[i]
      const width = c1 - c0 + 1
      const areaSides = sides[i]
      for (let k = 0; k < areaSides.length; k++)
        if (areaSides[k] !== OUTSIDE)
          entries[filled[(r0 + Math.floor(k / width)) * n + c0 + (k % width)]++] =
            i * 2 + (areaSides[k] === INSIDE ? 1 : 0)
    }
    this.offsets = offsets
    this.entries = entries
  }

  /** Positions of the areas covering `point` ([lon, lat]), boundary included, ascending. */
  covering(point: readonly number[]): number[] {
    const found: number[] = []
    const cell = this.frame.cellOf(point)
    if (cell < 0) return found
    const end = this.offsets[cell + 1]
    for (let k = this.offsets[cell]; k < end; k++) {
      const entry = this.entries[k]
      const i = entry >>> 1
      if ((entry & 1) === 1 || polygonCovers(this.areas[i], point)) found.push(i)
    }
    return found
  }
}
