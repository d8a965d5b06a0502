// The `bbox` and `bbox-crs` parameters of /items (OGC API – Features Part 1 §7.15.3, Part 2 §6.2)
// turned into areas in storage lon/lat that the item query intersects.
import { BadRequest } from '../errors.ts'
import { type OgcCrs, positionToStorage } from './crs-uri.ts'

/** [west, south, east, north] in storage lon/lat, west ≤ east. */
export type Envelope = [number, number, number, number]

/**
 * Storage-CRS areas a feature must intersect: envelopes (two when a geographic box crosses the
 * antimeridian), or for a projected `bbox-crs` the box's outline as a storage polygon in WKT
 * (a projected rectangle is curved in lon/lat, so its edges are densified, not just its corners).
 */
export type BboxArea = { kind: 'envelopes'; envelopes: Envelope[] } | { kind: 'polygon'; wkt: string }

// Points per edge of a projected box: a 3° Gauss–Krüger edge of ~300 km bends by metres between
// 32 points, well under any box a client draws.
const EDGE_POINTS = 32

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * Parses `bbox` (4 or 6 numbers: lower corner, then upper corner, in `crs`'s axis order; the
 * heights of a 6-number box are ignored, every layer is 2D).
 * @throws BadRequest for anything but 4 or 6 finite numbers, a latitude outside ±90, or a
 * projected box whose lower corner is not below and left of its upper corner.
 */
export function parseBbox(value: string, crs: OgcCrs): BboxArea {
  const parts = value.split(',').map((s) => s.trim())
  if ((parts.length !== 4 && parts.length !== 6) || !parts.every((p) => NUMBER.test(p)))
    throw new BadRequest(`bbox: '${value}' must be 4 or 6 comma-separated numbers`)
  const n = parts.map(Number)
  const [a1, b1, a2, b2] = parts.length === 4 ? n : [n[0], n[1], n[3], n[4]]
  if (crs.geographic) {
    // Latitude is the first axis in EPSG order and the second in CRS84's.
    const [lat1, lat2, lon1, lon2] = crs.northFirst ? [a1, a2, b1, b2] : [b1, b2, a1, a2]
    if (Math.abs(lat1) > 90 || Math.abs(lat2) > 90)
      throw new BadRequest(`bbox: latitude must lie within ±90 degrees, got ${lat1} and ${lat2}`)
    if (lat1 > lat2) throw new BadRequest('bbox: the lower latitude is above the upper one')
    // A west edge east of the east edge crosses the antimeridian (Part 1 §7.15.3).
    const envelopes: Envelope[] =
      lon1 <= lon2
        ? [[lon1, lat1, lon2, lat2]]
        : [
            [lon1, lat1, 180, lat2],
            [-180, lat1, lon2, lat2],
          ]
    return { kind: 'envelopes', envelopes }
  }
  if (a1 > a2 || b1 > b2)
    throw new BadRequest('bbox: the lower corner must be below and left of the upper corner')
  const ring: [number, number][] = []
  const edge = (from: [number, number], to: [number, number]) => {
    for (let i = 0; i < EDGE_POINTS; i++) {
      const t = i / EDGE_POINTS
      ring.push(positionToStorage(crs, from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t))
    }
  }
  edge([a1, b1], [a2, b1])
  edge([a2, b1], [a2, b2])
  edge([a2, b2], [a1, b2])
  edge([a1, b2], [a1, b1])
  ring.push(ring[0])
  return { kind: 'polygon', wkt: `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(',')}))` }
}
