// Coordinates sent to the query API, in whatever CRS the caller digitised them, turned into the
// storage CRS (EPSG:4490, lon/lat). Names, definitions and conversions are server/crs's (shared
// with imports); what is here is the query API's own: valid ranges, and 400s that say what is wrong.
import { zoneCode } from '../crs/catalogue.ts'
import { parseCrsName } from '../crs/crs-name.ts'
import { WORLD } from '../crs/extent.ts'
import { crsFromName } from '../crs/named-crs.ts'
import { type Convert, STORAGE_CRS, storageConverter } from '../crs/to-storage.ts'
import { BadRequest } from '../errors.ts'

export { STORAGE_CRS }

export interface InputCrs {
  /** Canonical name: 'EPSG:4543', 'GCJ-02', 'BD-09'. */
  id: string
  name: string
  kind: 'geographic' | 'projected' | 'gcj02' | 'bd09'
  /** Area of use in lon/lat, [west, south, east, north]; where its coordinates are meaningful. */
  bounds: [number, number, number, number]
  /** Set when the conversion is known to be approximate (server/crs/datum-policy.ts). */
  warning?: string
  /** x/y (lon/lat or easting/northing) to storage lon/lat; no validation. */
  convert: Convert
}

/**
 * Gauss–Krüger zones are defined 1.5° either side of the central meridian, but data for a city
 * straddling two zones (Kunming spans 102.1–103.7°E) is often kept in one; the projection stays
 * usable a little beyond its nominal edge, so projected input is accepted this far outside it.
 */
const PROJECTED_MARGIN_DEG = 1

const identity: Convert = (x, y) => [x, y]

const cache = new Map<string, InputCrs>()

/**
 * The CRS of an API request's `crs=` parameter (default EPSG:4490, storage lon/lat), with the
 * range its coordinates may take and the conversion to storage lon/lat.
 *
 * Input: any name parseCrsName reads ('EPSG:4543', '4543', OGC URN/URL, 'CRS84', 'gcj02', 'bd09').
 * Output: geographic systems accept the whole globe in degrees; projected ones their EPSG area
 * of use widened by PROJECTED_MARGIN_DEG. `warning` is the datum policy's (server/crs/datum-policy.ts).
 * Throws BadRequest 'unknown_crs' (400) naming the value for anything else.
 */
export function resolveRequestCrs(name: string | undefined): InputCrs {
  const raw = (name ?? STORAGE_CRS).trim()
  const key = raw.toUpperCase().replace(/^OGC:/, '').replace(/[-_ ]/g, '')
  const cached = cache.get(key)
  if (cached) return cached
  const parsed = parseCrsName(raw)
  const named = parsed ? crsFromName(parsed) : null
  if (!named) {
    throw new BadRequest(
      `unknown or unsupported CRS '${raw}': use an EPSG code (e.g. EPSG:4490, EPSG:4543), CRS84, gcj02 or bd09`,
      undefined,
      'unknown_crs',
    )
  }
  const m = PROJECTED_MARGIN_DEG
  const [west, south, east, north] = named.areaOfUse ?? WORLD
  const crs: InputCrs = {
    id: named.id,
    // CRS84 names lon/lat order explicitly; WGS 84 itself is named as the registry names it.
    name: parsed?.kind === 'epsg' && parsed.alias === 'CRS84' ? `${named.name} (lon/lat)` : named.name,
    kind: named.kind,
    bounds:
      named.kind === 'projected'
        ? [west - m, Math.max(south - m, -90), east + m, Math.min(north + m, 90)]
        : [...WORLD],
    warning: named.warning,
    convert: storageConverter(named.transform) ?? identity,
  }
  cache.set(key, crs)
  return crs
}

function hint(crs: InputCrs, x: number, y: number): string {
  const inBounds = ([lon, lat]: [number, number]) =>
    lon >= crs.bounds[0] && lon <= crs.bounds[2] && lat >= crs.bounds[1] && lat <= crs.bounds[3]
  if (crs.kind !== 'projected') {
    return Math.abs(y) > 90 && Math.abs(x) <= 90 ? ' (are lon and lat swapped?)' : ''
  }
  if (Number.isFinite(x) && Math.abs(x) >= 1e7) {
    // A Gauss–Krüger easting with the zone number in front (34 500 000 is zone 34).
    const zone = Math.floor(x / 1e6)
    const code = zoneCode('CGCS2000', 3, zone, true) ?? zoneCode('CGCS2000', 6, zone, true)
    return ` (the easting carries zone prefix ${zone}${code ? `: for CGCS2000 that is EPSG:${code}` : ''})`
  }
  try {
    if (inBounds(crs.convert(y, x))) return ' (are easting and northing swapped?)'
  } catch {}
  return ''
}

/** One point to storage lon/lat, or a 400 naming `label` and what is wrong with it. */
export function pointToStorage(crs: InputCrs, x: number, y: number, label = 'point'): [number, number] {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    throw new BadRequest(
      `${label}: coordinates must be finite numbers, got [${x}, ${y}]`,
      undefined,
      'bad_coordinates',
    )
  }
  let lonLat: [number, number] | null = null
  try {
    lonLat = crs.convert(x, y)
  } catch {
    lonLat = null
  }
  const [west, south, east, north] = crs.bounds
  const ok =
    lonLat !== null &&
    Number.isFinite(lonLat[0]) &&
    Number.isFinite(lonLat[1]) &&
    lonLat[0] >= west &&
    lonLat[0] <= east &&
    lonLat[1] >= south &&
    lonLat[1] <= north
  // Inputs already checked against their own range in their own units for geographic CRSs.
  const inputOk = crs.kind === 'projected' || (Math.abs(x) <= 180 && Math.abs(y) <= 90)
  if (!ok || !inputOk) {
    throw new BadRequest(
      `${label}: [${x}, ${y}] is outside the valid range of ${crs.id} ` +
        `(${west}…${east}°E, ${south}…${north}°N)${hint(crs, x, y)}`,
      undefined,
      'coordinates_out_of_range',
    )
  }
  return lonLat as [number, number]
}
