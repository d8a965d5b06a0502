// Degree extents for index prefilters. Planar GiST indexes are in degrees; a box this many degrees
// around a geometry is sure to contain everything within `metres` of it, so the exact geography
// test that follows never misses a candidate.

const METRES_PER_DEGREE = 111_320 // along the equator, the largest

/** Degrees covering `metres` in longitude at latitude `maxAbsLat` (the worse of the two axes). */
export function degreesCovering(metres: number, maxAbsLat: number): number {
  const lat = Math.min(Math.abs(maxAbsLat) + 1, 89) * (Math.PI / 180)
  // Longitude degrees shrink with cos(lat); latitude degrees are never shorter than ~110.5 km.
  return (metres / (METRES_PER_DEGREE * Math.cos(lat))) * 1.02 + 1e-7
}
