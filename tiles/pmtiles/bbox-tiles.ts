// The XYZ tiles (Web Mercator, y down from the north) that cover a lon/lat box at one zoom, as
// Hilbert tile ids: the order a clustered PMTiles archive stores them in (spec v3 "clustered").
import { zxyToTileId } from 'pmtiles'

/** Web Mercator stops at ±85.0511° (atan(sinh π)): the square world of the XYZ scheme. */
const MAX_LATITUDE = 85.0511287798066

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value))

/** Column of the tile holding `lon` at zoom z. */
export function tileColumn(lon: number, z: number): number {
  const n = 2 ** z
  return clamp(Math.floor(((lon + 180) / 360) * n), 0, n - 1)
}

/** Row of the tile holding `lat` at zoom z (0 at the north). */
export function tileRow(lat: number, z: number): number {
  const n = 2 ** z
  const phi = (clamp(lat, -MAX_LATITUDE, MAX_LATITUDE) * Math.PI) / 180
  const y = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n
  return clamp(Math.floor(y), 0, n - 1)
}

/** How many tiles cover `bbox` ([west, south, east, north], degrees, west ≤ east) at zoom z. */
export function countBboxTiles(bbox: readonly [number, number, number, number], z: number): number {
  const [west, south, east, north] = bbox
  return (tileColumn(east, z) - tileColumn(west, z) + 1) * (tileRow(south, z) - tileRow(north, z) + 1)
}

/** The Hilbert tile ids of the tiles covering `bbox` at zoom z, ascending. */
export function bboxTileIds(bbox: readonly [number, number, number, number], z: number): number[] {
  const [west, south, east, north] = bbox
  const ids: number[] = []
  for (let x = tileColumn(west, z); x <= tileColumn(east, z); x++) {
    for (let y = tileRow(north, z); y <= tileRow(south, z); y++) ids.push(zxyToTileId(z, x, y))
  }
  return ids.sort((a, b) => a - b)
}
