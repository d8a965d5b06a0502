// Extents in a source's own units, and the lon/lat limits every stored vertex must meet. Shared
// by the import (guessing and checking a CRS from the records' extent, moving vertices) and the
// query API (the valid range of a request CRS).

/** [xmin, ymin, xmax, ymax] in the source's units: degrees, or metres for projected systems. */
export type Bounds = [xmin: number, ymin: number, xmax: number, ymax: number]

/** The whole globe in lon/lat. */
export const WORLD: Bounds = [-180, -90, 180, 90]

/**
 * Writers round world extents and poles to 180.0000019 or 90.0002 (Natural Earth): a value this
 * far beyond a limit, in degrees, is rounding, not a different system.
 */
export const ROUNDING_HAIR_DEG = 1e-3

/** Whether `b` lies inside `box`, allowing a rounding hair on every side. */
export const inside = (b: Bounds, box: Bounds): boolean =>
  b[0] >= box[0] - ROUNDING_HAIR_DEG &&
  b[1] >= box[1] - ROUNDING_HAIR_DEG &&
  b[2] <= box[2] + ROUNDING_HAIR_DEG &&
  b[3] <= box[3] + ROUNDING_HAIR_DEG

const fmt = (n: number) =>
  Math.abs(n) >= 1000 ? Math.round(n).toString() : n.toFixed(4).replace(/\.?0+$/, '')

/** 'x 102.65…102.7123, y 24.9…25.0406': metres to the metre, degrees to 4 decimals (~10 m). */
export const describeBounds = (b: Bounds): string =>
  `x ${fmt(b[0])}…${fmt(b[2])}, y ${fmt(b[1])}…${fmt(b[3])}`
