// Which cells of a grid a polygon part's boundary reaches, and on which side of it every other
// cell lies: what lets the cover grid of a big part (cover-grid.ts) and the grid of a whole layer
// (area-grid.ts) answer most points without a point-in-polygon test.
//
// Why a cell no edge reaches is wholly on one side: a point on an edge falls in a cell that
// edge's box reaches (column and row are monotonic, and the same functions place both), so no
// point placed in such a cell is on the boundary; the points placed in 4-adjacent cells form a
// connected set, so a region of such cells lies on one side, which one exact test decides.
import inside from 'point-in-polygon-hao'
import type { Rings } from './point-in-area.ts'

export const OUTSIDE = 0
export const INSIDE = 1
/** A cell the boundary may cross: its points need the exact test. */
export const EDGE = 2
const UNKNOWN = 3

/** A grid of n × n cells over a box [minX, minY, maxX, maxY] (degrees), cells numbered row by row. */
export class GridFrame {
  readonly minX: number
  readonly minY: number
  readonly maxX: number
  readonly maxY: number

  constructor(
    box: readonly number[],
    readonly n: number,
  ) {
    ;[this.minX, this.minY, this.maxX, this.maxY] = box
  }

  /** The column of x: monotonic in x, clamped to the grid (a flat box is one column). */
  column(x: number): number {
    const c = Math.floor(((x - this.minX) / (this.maxX - this.minX)) * this.n)
    return c < 0 ? 0 : c >= this.n ? this.n - 1 : Number.isNaN(c) ? 0 : c
  }

  /** The row of y, as column() does for x. */
  row(y: number): number {
    const c = Math.floor(((y - this.minY) / (this.maxY - this.minY)) * this.n)
    return c < 0 ? 0 : c >= this.n ? this.n - 1 : Number.isNaN(c) ? 0 : c
  }

  /** The cell holding `point` ([lon, lat]), or −1 outside the box (or for NaN). */
  cellOf(point: readonly number[]): number {
    const [x, y] = point
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return -1
    return this.row(y) * this.n + this.column(x)
  }

  /** [column0, row0, column1, row1]: the cells (inclusive) a box [minX, minY, maxX, maxY] reaches. */
  windowOf(box: readonly number[]): [number, number, number, number] {
    return [this.column(box[0]), this.row(box[1]), this.column(box[2]), this.row(box[3])]
  }
}

/**
 * OUTSIDE, INSIDE or EDGE for each cell of `window` ([column0, row0, column1, row1] of `frame`,
 * row by row, column1 − column0 + 1 a row) as to one part (outer ring, then holes; [lon, lat]),
 * boundary included: an INSIDE cell's points are all covered by the part, an OUTSIDE cell's none,
 * and an EDGE cell's need the exact test (point-in-polygon-hao). The window must hold the part's
 * box. One exact test per region of edge-free cells (see the top of this file).
 */
export function cellSides(frame: GridFrame, part: Rings, window: readonly number[]): Uint8Array {
  const [c0, r0, c1, r1] = window
  const width = c1 - c0 + 1
  const sides = new Uint8Array(width * (r1 - r0 + 1)).fill(UNKNOWN)
  for (const ring of part)
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1]
      const [bx, by] = ring[i]
      const x0 = frame.column(Math.min(ax, bx)) - c0
      const x1 = frame.column(Math.max(ax, bx)) - c0
      const y0 = frame.row(Math.min(ay, by)) - r0
      const y1 = frame.row(Math.max(ay, by)) - r0
      for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) sides[cy * width + cx] = EDGE
    }
  const stack: number[] = []
  /** Marks cell m with `side` and stacks it, when it is in the window and not decided yet. */
  const reach = (m: number, side: number) => {
    if (m >= 0 && m < sides.length && sides[m] === UNKNOWN) {
      sides[m] = side
      stack.push(m)
    }
  }
  for (let start = 0; start < sides.length; start++) {
    if (sides[start] !== UNKNOWN) continue
    const side = sideOfCell(frame, part, c0 + (start % width), r0 + Math.floor(start / width))
    stack.push(start)
    sides[start] = side
    while (stack.length > 0) {
      const c = stack.pop() as number
      const cx = c % width
      if (cx > 0) reach(c - 1, side)
      if (cx < width - 1) reach(c + 1, side)
      reach(c - width, side)
      reach(c + width, side)
    }
  }
  return sides
}

/**
 * INSIDE or OUTSIDE for an edge-free cell, by the exact test at a point that the frame places in
 * that cell (its centre, or a corner-ward point when rounding places the centre elsewhere); EDGE
 * when no such point is found, which leaves the cell to the exact test.
 */
function sideOfCell(frame: GridFrame, part: Rings, column: number, row: number): number {
  const { minX, minY, maxX, maxY, n } = frame
  for (const f of [0.5, 0.25, 0.75]) {
    const x = minX + ((column + f) / n) * (maxX - minX)
    const y = minY + ((row + f) / n) * (maxY - minY)
    if (frame.column(x) !== column || frame.row(y) !== row) continue
    // Not on the boundary (no edge reaches the cell), so false or true, never 0.
    return inside([x, y], part as number[][][]) === false ? OUTSIDE : INSIDE
  }
  return EDGE
}
