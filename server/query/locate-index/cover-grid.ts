// A grid over one big polygon part that answers most points without walking its rings: every
// point of Kunming lies in the city's outline (2 000+ vertices), tested for the admin areas,
// the chief areas and the basins, which was the largest cost of a locate from the index.
// Cells that an edge's box reaches are left to the exact test (point-in-polygon-hao); every other
// cell lies wholly on one side, decided once, with the same test, at a point of the cell.
import inside from 'point-in-polygon-hao'
import { boxOf } from './box-of.ts'
import type { Rings } from './point-in-area.ts'

/** Parts with fewer vertices than this are tested directly: their walk is already short. */
export const GRID_MIN_VERTICES = 64
/** Cells per side: about twice √vertices, so an edge reaches a few cells and most cells none. */
const cellsPerSide = (vertices: number) => Math.min(256, Math.max(8, 2 * Math.ceil(Math.sqrt(vertices))))

const OUTSIDE = 0
const INSIDE = 1
const EDGE = 2
const UNKNOWN = 3

/**
 * One polygon part (outer ring, then holes; [lon, lat] positions) with its grid.
 * `covers(point)` equals `inside(point, part) !== false` — boundary included — for every point:
 * a point on an edge falls in a cell that edge's box reaches (cellOf is monotonic, and the same
 * function places both), so it is tested exactly; the cells no edge reaches form regions free of
 * boundary, each wholly inside or outside, which one exact test per region decides.
 */
export class CoverGrid {
  private readonly minX: number
  private readonly minY: number
  private readonly maxX: number
  private readonly maxY: number
  private readonly n: number
  private readonly cells: Uint8Array

  constructor(private readonly part: Rings) {
    const [minX, minY, maxX, maxY] = boxOf([part])
    this.minX = minX
    this.minY = minY
    this.maxX = maxX
    this.maxY = maxY
    const vertices = part.reduce((sum, ring) => sum + ring.length, 0)
    const n = cellsPerSide(vertices)
    this.n = n
    const cells = new Uint8Array(n * n).fill(UNKNOWN)
    this.cells = cells
    for (const ring of part)
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1]
        const [bx, by] = ring[i]
        const [x0, x1] = [this.column(Math.min(ax, bx)), this.column(Math.max(ax, bx))]
        const [y0, y1] = [this.row(Math.min(ay, by)), this.row(Math.max(ay, by))]
        for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) cells[cy * n + cx] = EDGE
      }
    // Each region of edge-free cells (4-connected) is on one side: one exact test per region.
    const stack: number[] = []
    for (let start = 0; start < cells.length; start++) {
      if (cells[start] !== UNKNOWN) continue
      const side = this.sideOfCell(start)
      stack.push(start)
      cells[start] = side
      while (stack.length > 0) {
        const c = stack.pop()!
        const cx = c % n
        const neighbours = [cx > 0 ? c - 1 : -1, cx < n - 1 ? c + 1 : -1, c - n, c + n]
        for (const m of neighbours)
          if (m >= 0 && m < cells.length && cells[m] === UNKNOWN) {
            cells[m] = side
            stack.push(m)
          }
      }
    }
  }

  /** True when the part covers `point` ([lon, lat]), its boundary included. */
  covers(point: readonly number[]): boolean {
    const [x, y] = point
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return false
    const state = this.cells[this.row(y) * this.n + this.column(x)]
    if (state === EDGE) return inside(point as number[], this.part as number[][][]) !== false
    return state === INSIDE
  }

  private column(x: number): number {
    const c = Math.floor(((x - this.minX) / (this.maxX - this.minX)) * this.n)
    return c < 0 ? 0 : c >= this.n ? this.n - 1 : Number.isNaN(c) ? 0 : c
  }

  private row(y: number): number {
    const c = Math.floor(((y - this.minY) / (this.maxY - this.minY)) * this.n)
    return c < 0 ? 0 : c >= this.n ? this.n - 1 : Number.isNaN(c) ? 0 : c
  }

  /**
   * INSIDE or OUTSIDE for an edge-free cell, by the exact test at a point that the grid places in
   * that cell (its centre, or a corner-ward point when rounding places the centre elsewhere).
   */
  private sideOfCell(c: number): number {
    const n = this.n
    const [cx, cy] = [c % n, Math.floor(c / n)]
    for (const f of [0.5, 0.25, 0.75]) {
      const x = this.minX + ((cx + f) / n) * (this.maxX - this.minX)
      const y = this.minY + ((cy + f) / n) * (this.maxY - this.minY)
      if (this.column(x) !== cx || this.row(y) !== cy) continue
      // Not on the boundary (no edge reaches the cell), so false or true, never 0.
      return inside([x, y], this.part as number[][][]) === false ? OUTSIDE : INSIDE
    }
    return EDGE // no point of the cell found: it keeps the exact test
  }
}
