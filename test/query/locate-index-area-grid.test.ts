// AreaGrid (the locate index's per-layer grid of candidate areas) must give exactly the areas
// the point-in-polygon test gives, boundary included, in ascending order: on shared borders and
// vertices of a tiling, in nested areas, in holes, in a thin strip, in a part far from its
// sibling, and anywhere over and around the layer.
import fc from 'fast-check'
import inside from 'point-in-polygon-hao'
import { describe, expect, it } from 'vitest'
import { AreaGrid } from '../../server/query/locate-index/area-grid.ts'
import type { Rings } from '../../server/query/locate-index/point-in-area.ts'

type Polygons = number[][][][]

/** A 6 × 4 tiling of cells over [102, 104] × [24, 26] whose inner borders wobble (shared exactly). */
function tiling(): Polygons[] {
  const cols = 6
  const rows = 4
  // Each vertex of the lattice moved a little, except on the outer border: neighbours share it.
  const at = (i: number, j: number) => {
    const wobble = i > 0 && i < cols && j > 0 && j < rows ? 0.03 * Math.sin(i * 7 + j * 3) : 0
    return [102 + (2 * i) / cols + wobble, 24 + (2 * j) / rows - wobble]
  }
  // Several vertices along each side, so that borders are not straight.
  const side = (a: number[], b: number[]) =>
    Array.from({ length: 5 }, (_, k) => [
      a[0] + ((b[0] - a[0]) * k) / 5 + (k % 2 ? 0.004 : 0),
      a[1] + ((b[1] - a[1]) * k) / 5,
    ])
  const tiles: Polygons[] = []
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < cols; i++) {
      const [a, b, c, d] = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)]
      tiles.push([[[...side(a, b), ...side(b, c), ...side(c, d), ...side(d, a), a]]])
    }
  return tiles
}

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
]

/** The layer: the tiling, one big area around it all with a hole, a thin strip, a two-part area. */
function layer(): Polygons[] {
  const outline: number[][] = []
  for (let k = 0; k < 400; k++) {
    const a = (2 * Math.PI * k) / 400
    outline.push([103 + 1.3 * Math.cos(a) * (1 + 0.05 * Math.sin(9 * a)), 25 + 1.3 * Math.sin(a)])
  }
  outline.push(outline[0])
  const hole = square(102.9, 24.9, 103.1, 25.1).reverse()
  return [
    ...tiling(),
    [[outline, hole]],
    [[square(102.2, 25.2, 103.8, 25.2004)]], // a strip 0.0004° (about 44 m) wide
    [[square(102.05, 24.05, 102.1, 24.1)], [[...square(103.9, 25.9, 103.95, 25.95)]]],
  ]
}

const exact = (polygons: readonly Rings[], p: number[]) =>
  polygons.some((part) => inside(p, part as number[][][]) !== false)

describe('AreaGrid', () => {
  const areas = layer()
  const grid = new AreaGrid(areas)
  const expected = (p: number[]) => areas.flatMap((polygons, i) => (exact(polygons, p) ? [i] : []))

  it('answers points named by hand', () => {
    const tiles = 24
    expect(grid.covering([102.01, 24.01])).toEqual([0]) // the south-west tile, outside the outline
    expect(grid.covering([102.95, 25])).toEqual(expected([102.95, 25])) // in the hole: a tile only
    expect(grid.covering([102.95, 25]).includes(tiles)).toBe(false)
    expect(grid.covering([103, 25.2002])).toContain(tiles + 1) // in the thin strip
    expect(grid.covering([103.92, 25.92])).toContain(tiles + 2) // the far part of the two-part area
    expect(grid.covering([101.5, 25])).toEqual([]) // west of the layer
    expect(grid.covering([Number.NaN, 25])).toEqual([])
  })

  it('agrees with the exact test at every vertex and edge midpoint (shared borders: both areas)', () => {
    let checked = 0
    let shared = 0
    for (const polygons of areas)
      for (const part of polygons)
        for (const ring of part)
          for (let i = 1; i < ring.length; i++) {
            const [a, b] = [ring[i - 1], ring[i]]
            for (const p of [a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]]) {
              const want = expected(p)
              expect(grid.covering(p), `${p}`).toEqual(want)
              checked++
              if (want.length > 1) shared++
            }
          }
    expect(checked).toBeGreaterThan(1_500)
    expect(shared).toBeGreaterThan(300)
  })

  it('agrees with the exact test at random points over and around the layer', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 101.5, max: 104.5, noNaN: true }),
        fc.double({ min: 23.5, max: 26.5, noNaN: true }),
        (x, y) => {
          expect(grid.covering([x, y])).toEqual(expected([x, y]))
        },
      ),
      { numRuns: 20_000 },
    )
  })

  it('holds no area for an empty layer, and none for an empty geometry', () => {
    expect(new AreaGrid([]).covering([103, 25])).toEqual([])
    const withEmpty = new AreaGrid([[], [[square(102, 24, 103, 25)]]])
    expect(withEmpty.covering([102.5, 24.5])).toEqual([1])
  })
})
