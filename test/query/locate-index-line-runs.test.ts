// The nearest-reach search skips runs of a line's segments (planar) and arcs (sphere) whose box
// or cap is farther than the best found so far. Skipping must never change the answer: the
// distance to a whole line must equal the least over its segments measured one by one, which
// no run is skipped for (a one-segment line is one run), on lines long enough for many runs.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { closestOnSphere } from '../../server/query/locate-index/geodesic-distance.ts'
import { planarDistance2 } from '../../server/query/locate-index/nearest-reach.ts'

/** A wandering line of `n` vertices near Kunming, some vertices repeated, as arbitrary as fast-check makes it. */
const line = fc
  .array(
    fc.tuple(
      fc.double({ min: -0.004, max: 0.004, noNaN: true }),
      fc.double({ min: -0.004, max: 0.004, noNaN: true }),
      fc.boolean(),
    ),
    { minLength: 2, maxLength: 60 },
  )
  .map((steps) => {
    const vertices: number[][] = [[102.7, 25.0]]
    for (const [dx, dy, again] of steps) {
      const [x, y] = vertices[vertices.length - 1]
      vertices.push(again ? [x, y] : [x + dx, y + dy])
    }
    return vertices
  })

const point = fc.tuple(
  fc.double({ min: 102.6, max: 102.8, noNaN: true }),
  fc.double({ min: 24.9, max: 25.1, noNaN: true }),
)

const segments = (vertices: number[][]) => vertices.slice(1).map((b, i) => [vertices[i], b])

describe('runs of a line skipped by the nearest-reach search', () => {
  it('planarDistance2 of a line is the least over its segments, and `within2` only cuts above', () => {
    fc.assert(
      fc.property(line, point, fc.double({ min: 0, max: 1e-4, noNaN: true }), (vertices, p, within2) => {
        const least = Math.min(...segments(vertices).map((s) => planarDistance2(p, s)))
        expect(planarDistance2(p, vertices)).toBe(least)
        const cut = planarDistance2(p, vertices, within2)
        if (least < within2) expect(cut).toBe(least)
        else expect(cut).toBeGreaterThanOrEqual(within2)
      }),
      { numRuns: 3_000 },
    )
  })

  it('closestOnSphere of a line is the nearest of its arcs, and `within` drops only farther lines', () => {
    fc.assert(
      fc.property(line, point, fc.double({ min: 0, max: 1e-3, noNaN: true }), (vertices, p, within) => {
        const each = segments(vertices).map((s) => closestOnSphere(p, [s]))
        const least = Math.min(...each.map((c) => c?.angle ?? Number.POSITIVE_INFINITY))
        const whole = closestOnSphere(p, [vertices])
        // Arcs ranked equal may swap (their angles then differ by rounding alone).
        expect(Math.abs((whole?.angle ?? Number.NaN) - least)).toBeLessThanOrEqual(least * 1e-12)
        const cut = closestOnSphere(p, [vertices], undefined, within)
        if (least < within * (1 - 1e-9)) expect(cut?.angle).toBe(whole?.angle)
        if (cut === null) expect(least).toBeGreaterThan(within * (1 - 1e-9))
      }),
      { numRuns: 3_000 },
    )
  })

  it('finds a far part of a long line that doubles back (the nearest run is not the first)', () => {
    // Out east along 25°N for 40 vertices, then back west 0.001° north: the nearest arcs to a
    // point just north of the return leg are in the last runs.
    const out = Array.from({ length: 40 }, (_, k) => [102.6 + k * 0.005, 25])
    const back = Array.from({ length: 40 }, (_, k) => [102.6 + (39 - k) * 0.005, 25.001])
    const vertices = [...out, ...back]
    const p = [102.7023, 25.0012]
    const least = Math.min(...segments(vertices).map((s) => closestOnSphere(p, [s])?.angle ?? 9))
    expect(closestOnSphere(p, [vertices])?.angle).toBe(least)
    // 0.0002° north of the return leg: about 22 m.
    expect(least * 6_371_000).toBeGreaterThan(21)
    expect(least * 6_371_000).toBeLessThan(23)
    expect(planarDistance2(p, vertices)).toBeCloseTo(0.0002 ** 2, 15)
  })
})
