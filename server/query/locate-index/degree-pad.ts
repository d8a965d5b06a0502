// How many degrees around a point surely hold everything within a distance in metres: the box
// prefilter of the near rules (ST_DWithin on geography), never the measure itself.

/** A metre is at most this many degrees of latitude (the meridian degree is ≥ 110 574 m). */
const DEGREES_PER_METRE = 1 / 110_000

/**
 * [padLon, padLat] degrees around latitude `lat` (degrees) that cover `metres` on the ellipsoid,
 * with 1 % to spare; a longitude degree shrinks by cos(lat). Not for the poles (China is far).
 */
export function degreePad(metres: number, lat: number): [number, number] {
  const padLat = metres * DEGREES_PER_METRE * 1.01
  return [padLat / Math.max(Math.cos((lat * Math.PI) / 180), 0.01), padLat]
}
