// The Hausdorff distance of two decoded features inside a tile, for the parity test: the farthest
// point of either side's linework inside [0, extent]² from the other side's linework (all of it,
// so that the sliver a clip at the tile edge leaves on one side only is not a difference). Both
// sides are sampled every STEP units along their segments, so the figure is within STEP/2 of the
// exact one while it is under `near`; points within `near` are looked up in a grid of cells
// `near` wide, and only linework within `near` of the tile is sampled.
type Part = [number, number][]

const STEP = 0.5

/**
 * Points every STEP units along each segment of `parts` (the points themselves for a point
 * feature), only those within `margin` of the tile [0, extent]²: a point farther out is nearest to
 * nothing inside the tile that passes (within `margin`), so leaving it out changes no passing figure.
 */
function samples(parts: readonly Part[], isPoint: boolean, extent: number, margin: number): number[] {
  const all: number[] = []
  const out: number[] = []
  for (const part of parts) {
    if (isPoint || part.length === 1) {
      for (const [x, y] of part) all.push(x, y)
      continue
    }
    for (let i = 0; i + 1 < part.length; i++) {
      const [x0, y0] = part[i]
      const [x1, y1] = part[i + 1]
      const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / STEP))
      // Segments wholly outside the margin contribute nothing.
      if (Math.max(x0, x1) < -margin || Math.min(x0, x1) > extent + margin) continue
      if (Math.max(y0, y1) < -margin || Math.min(y0, y1) > extent + margin) continue
      for (let k = 0; k < n; k++) all.push(x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n)
    }
    const [xl, yl] = part[part.length - 1]
    all.push(xl, yl)
  }
  for (let i = 0; i < all.length; i += 2) {
    const [x, y] = [all[i], all[i + 1]]
    if (x >= -margin && y >= -margin && x <= extent + margin && y <= extent + margin) out.push(x, y)
  }
  return out
}

class PointGrid {
  readonly #cells = new Map<number, number[]>()
  constructor(
    readonly points: number[],
    readonly cell: number,
  ) {
    for (let i = 0; i < points.length; i += 2) {
      const key = this.#key(Math.floor(points[i] / cell), Math.floor(points[i + 1] / cell))
      const list = this.#cells.get(key)
      if (list) list.push(i)
      else this.#cells.set(key, [i])
    }
  }
  #key = (cx: number, cy: number) => (cx + 100_000) * 1_000_000 + (cy + 100_000)
  /** Distance from (x, y) to the nearest point, exact when under `cell`, else found by a full scan. */
  nearest(x: number, y: number): number {
    const cx = Math.floor(x / this.cell)
    const cy = Math.floor(y / this.cell)
    let best = Number.POSITIVE_INFINITY
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const i of this.#cells.get(this.#key(cx + dx, cy + dy)) ?? [])
          best = Math.min(best, Math.hypot(this.points[i] - x, this.points[i + 1] - y))
    if (best <= this.cell) return best
    for (let i = 0; i < this.points.length; i += 2)
      best = Math.min(best, Math.hypot(this.points[i] - x, this.points[i + 1] - y))
    return best
  }
}

function directed(from: number[], to: PointGrid, extent: number): number {
  let worst = 0
  for (let i = 0; i < from.length; i += 2) {
    const x = from[i]
    const y = from[i + 1]
    if (x < 0 || y < 0 || x > extent || y > extent) continue
    worst = Math.max(worst, to.nearest(x, y))
  }
  return worst
}

/** Hausdorff distance, in tile units, of two features' linework inside the tile [0, extent]². */
export function hausdorffInTile(
  a: readonly Part[],
  b: readonly Part[],
  isPoint: boolean,
  extent: number,
  near = 4,
) {
  const sa = samples(a, isPoint, extent, near)
  const sb = samples(b, isPoint, extent, near)
  return Math.max(
    directed(sa, new PointGrid(sb, near), extent),
    directed(sb, new PointGrid(sa, near), extent),
  )
}
