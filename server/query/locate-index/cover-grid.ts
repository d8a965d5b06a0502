// A grid over one big polygon part that answers most points without walking its rings: every
// point of Kunming lies in the city's outline (2 000+ vertices), tested for the admin areas,
// the chief areas and the basins, which was the largest cost of a locate from the index.
// Cells that an edge's box reaches are left to the exact test (point-in-polygon-hao); every other
// cell lies wholly on one side, decided once (cell-sides.ts).
import inside from 'point-in-polygon-hao'
import { boxOf } from './box-of.ts'
import { cellSides, EDGE, GridFrame, INSIDE } from './cell-sides.ts'
import type { Rings } from './point-in-area.ts'

/** Parts with fewer vertices than this are tested directly: their walk is already short. */
export const GRID_MIN_VERTICES = 64
/**
 * Cells per side: about four times √vertices, so an edge reaches a few cells and most cells none;
 * finer than the layer grid (area-grid.ts), whose boundary cells lead here. Eight times measured
 * no faster and took 44 MB at demo scale 10 (four: about 11).
 */
const cellsPerSide = (vertices: number) => Math.min(1024, Math.max(8, 4 * Math.ceil(Math.sqrt(vertices))))

/**
 * One polygon part (outer ring, then holes; [lon, lat] positions) with its grid.
 * `covers(point)` equals `inside(point, part) !== false` — boundary included — for every point.
 */
export class CoverGrid {
  private readonly frame: GridFrame
  private readonly sides: Uint8Array

  constructor(private readonly part: Rings) {
    const vertices = part.reduce((sum, ring) => sum + ring.length, 0)
    const n = cellsPerSide(vertices)
    this.frame = new GridFrame(boxOf([part]), n)
    this.sides = cellSides(this.frame, part, [0, 0, n - 1, n - 1])
  }

  /** True when the part covers `point` ([lon, lat]), its boundary included. */
  covers(point: readonly number[]): boolean {
    const cell = this.frame.cellOf(point)
    if (cell < 0) return false
    const side = this.sides[cell]
    if (side === EDGE) return inside(point as number[], this.part as number[][][]) !== false
    return side === INSIDE
  }
}
