// The box of polygons: what the R-trees index, and what a big part's cover grid spans.
import type { Rings } from './point-in-area.ts'

/** [minX, minY, maxX, maxY] of the outer rings of `polygons` (MultiPolygon coordinates). */
export function boxOf(polygons: readonly Rings[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const polygon of polygons)
    for (const [x, y] of polygon[0] ?? []) {
      if (x < box[0]) box[0] = x
      if (y < box[1]) box[1] = y
      if (x > box[2]) box[2] = x
      if (y > box[3]) box[3] = y
    }
  return box
}
