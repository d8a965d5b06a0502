// CoverGrid (the locate index's shortcut for big polygon parts) must answer exactly as the
// point-in-polygon test it stands in for, boundary included, everywhere: at vertices, on edges,
// on cell borders, on the box's border, in holes and far outside.
import fc from 'fast-check'
import inside from 'point-in-polygon-hao'
import { describe, expect, it } from 'vitest'
import { CoverGrid } from '../../server/query/locate-index/cover-grid.ts'

/** A ring of `n` vertices around (cx, cy), radius wobbling between r·0.6 and r, closed. */
function wobblyRing(n: number, cx: number, cy: number, r: number, clockwise = false): number[][] {
  const ring = Array.from({ length: n }, (_, k) => {
    const a = ((clockwise ? -1 : 1) * 2 * Math.PI * k) / n
    const radius = r * (0.8 + 0.2 * Math.sin(7 * a))
    return [cx + radius * Math.cos(a), cy + radius * Math.sin(a)]
  })
  return [...ring, ring[0]]
}

/**
 * A part with straight axis-parallel sides of many vertices (points exactly on them are easy to
 * name: x = 102 or y = 25 exactly), a wobbly east side, and a wobbly hole.
 */
function part(): number[][][] {
  const outer: number[][] = []
  for (let k = 0; k <= 100; k++) outer.push([102 + k / 100, 25]) // south side, y = 25
  for (const [x, y] of wobblyRing(200, 103, 25.5, 0.5).slice(150, 200)) outer.push([Math.max(x, 103), y])
  for (let k = 100; k >= 0; k--) outer.push([102 + k / 100, 26]) // north side, y = 26
  for (let k = 100; k >= 0; k--) outer.push([102, 25 + k / 100]) // west side, x = 102
  const hole = wobblyRing(80, 102.5, 25.5, 0.2, true)
  return [outer, hole]
}

const exact = (p: number[], rings: number[][][]) => inside(p, rings) !== false

describe('CoverGrid', () => {
  const rings = part()
  const grid = new CoverGrid(rings)

  it('answers points named by hand: on the west side, inside the ring, in the hole, outside', () => {
    expect(grid.covers([102, 25.37])).toBe(true) // on the edge x = 102
    expect(grid.covers([102.5, 25])).toBe(true) // on the edge y = 25
    expect(grid.covers([102.1, 25.1])).toBe(true) // between the outer ring and the hole
    expect(grid.covers([102.5, 25.5])).toBe(false) // the hole's centre
    expect(grid.covers([101.99, 25.5])).toBe(false) // just west of the part
    expect(grid.covers([102.5, 26.01])).toBe(false) // just north
  })

  it('agrees with the exact test at every vertex and every edge midpoint of both rings', () => {
    let checked = 0
    for (const ring of rings)
      for (let i = 1; i < ring.length; i++) {
        const [a, b] = [ring[i - 1], ring[i]]
        for (const p of [a, [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]]) {
          expect(grid.covers(p), `${p}`).toBe(exact(p, rings))
          checked++
        }
      }
    expect(checked).toBeGreaterThan(800)
  })

  it('agrees with the exact test at random points over and around the box', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 101.9, max: 103.7, noNaN: true }),
        fc.double({ min: 24.9, max: 26.1, noNaN: true }),
        (x, y) => grid.covers([x, y]) === exact([x, y], rings),
      ),
      { numRuns: 20_000 },
    )
  })

  it('agrees on the straight sides at random positions (exactly on the boundary: covered)', () => {
    fc.assert(
      fc.property(fc.double({ min: 25, max: 26, noNaN: true }), (y) => grid.covers([102, y])),
      { numRuns: 2_000 },
    )
    fc.assert(
      fc.property(
        fc.double({ min: 102, max: 103, noNaN: true }),
        (x) => grid.covers([x, 25]) && grid.covers([x, 26]),
      ),
      { numRuns: 2_000 },
    )
  })
})
