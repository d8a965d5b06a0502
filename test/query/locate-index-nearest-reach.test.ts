// nearestLine (the locate index's nearest reach) must pick what locate.sql picks: of the eight
// lines nearest in plane degrees (the KNN `<->`), the nearest on the ellipsoid within the limit,
// ties by id. Checked against that rule written plainly (every line measured), on lines with long
// east-west edges, whose great-circle arcs bulge poleward out of their lon/lat boxes (a box bound
// once let such a line lose to a farther one), and on random networks.
import fc from 'fast-check'
import Flatbush from 'flatbush'
import { describe, expect, it } from 'vitest'
import { geographyDistanceToLines } from '../../server/query/locate-index/geodesic-distance.ts'
import { nearestLine, planarDistance2 } from '../../server/query/locate-index/nearest-reach.ts'

type Line = number[][]

const boxOf = (line: Line) => [
  Math.min(...line.map((v) => v[0])),
  Math.min(...line.map((v) => v[1])),
  Math.max(...line.map((v) => v[0])),
  Math.max(...line.map((v) => v[1])),
]

/** locate.sql's rule, every line measured: eight nearest in the plane, then the spheroid. */
function plainly(lines: Line[], ids: number[], point: number[], maxM: number) {
  const eight = lines
    .map((line, index) => ({ index, d2: planarDistance2(point, line) }))
    .sort((a, b) => a.d2 - b.d2 || a.index - b.index)
    .slice(0, 8)
  let best: { index: number; distance: number } | null = null
  for (const { index } of eight) {
    const distance = geographyDistanceToLines(point, [lines[index]])
    if (distance > maxM) continue
    if (!best || distance < best.distance || (distance === best.distance && ids[index] < ids[best.index]))
      best = { index, distance }
  }
  return best
}

function nearest(lines: Line[], point: number[], maxM = 50_000) {
  const boxes = lines.map(boxOf)
  const tree = new Flatbush(lines.length)
  for (const [x0, y0, x1, y1] of boxes) tree.add(x0, y0, x1, y1)
  tree.finish()
  const ids = lines.map((_, i) => i + 1)
  return {
    found: nearestLine(tree, boxes, lines, ids, point, maxM),
    expected: plainly(lines, ids, point, maxM),
  }
}

describe('nearestLine', () => {
  it('finds a line whose arc bulges out of its box toward the point (long east-west edges)', () => {
    const cases: [Line[], number[], number][] = [
      // A 22 km edge along 25°N; its arc runs ~3.7 m north of its box at the middle.
      [
        [
          [
            [100, 25],
            [100.2, 25],
          ],
          [
            [100.1, 25.000694],
            [100.1001, 25.000694],
          ],
        ],
        [100.1, 25.00036],
        50_000,
      ],
      [
        [
          [
            [100, 25],
            [101, 25],
          ],
          [
            [100.5, 25.01027],
            [100.5001, 25.01027],
          ],
        ],
        [100.5, 25.0054],
        50_000,
      ],
      [
        [
          [
            [-30, 30],
            [30, 30],
          ],
          [
            [0, 32],
            [0.001, 32],
          ],
        ],
        [0, 35],
        1e7,
      ],
    ]
    for (const [lines, point, maxM] of cases) {
      const { found, expected } = nearest(lines, point, maxM)
      expect(expected?.index, 'the long edge is the nearer').toBe(0)
      expect(found).toEqual(expected)
    }
  })

  it('agrees with the plain rule on random networks of short and long edges', () => {
    const edge = fc.tuple(
      fc.double({ min: 102.2, max: 103.6, noNaN: true }),
      fc.double({ min: 24.4, max: 26.5, noNaN: true }),
      fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      fc.double({ min: -0.02, max: 0.02, noNaN: true }),
      fc.integer({ min: 1, max: 12 }),
    )
    // A line of `n` vertices from (x, y), stepping (dx / n, dy / n) with a little wobble.
    const line = edge.map(([x, y, dx, dy, n]) =>
      Array.from({ length: n + 1 }, (_, k) => [x + (dx * k) / n, y + (dy * k) / n + (k % 2 ? 1e-4 : 0)]),
    )
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.double({ min: 102.2, max: 103.6, noNaN: true }),
        fc.double({ min: 24.4, max: 26.5, noNaN: true }),
        (lines, x, y) => {
          const { found, expected } = nearest(lines, [x, y])
          expect(found?.index).toBe(expected?.index)
          if (found && expected) expect(Math.abs(found.distance - expected.distance)).toBeLessThan(1e-6)
        },
      ),
      { numRuns: 1_500 },
    )
  })
})
