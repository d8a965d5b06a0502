// Coordinates sent to the query API, in whatever CRS the caller digitised them, turned into the
// storage CRS (EPSG:4490, lon/lat). Names, definitions and conversions are server/crs's (shared
// with imports); what is here is the query API's own: valid ranges, and 400s that say what is wrong.
import { epsgDefinition, zoneCode } from '../crs/catalogue.ts'
import { parseCrsName } from '../crs/crs-name.ts'
import { type Convert, epsgTransform, STORAGE_CRS, storageConverter } from '../crs/to-storage.ts'
import { BadRequest } from '../errors.ts'

export { STORAGE_CRS }

export interface InputCrs {
  /** Canonical name: 'EPSG:4543', 'GCJ-02', 'BD-09'. */
  id: string
  name: string
  kind: 'geographic' | 'projected' | 'gcj02' | 'bd09'
  /** Area of use in lon/lat, [west, south, east, north]; where its coordinates are meaningful. */
  bounds: [number, number, number, number]
  /** Set when the conversion is known to be approximate (old datums without local parameters). */
  warning?: string
  /** x/y (lon/lat or easting/northing) to storage lon/lat; no validation. */
  convert: Convert
}

const WORLD: [number, number, number, number] = [-180, -90, 180, 90]
/**
 * Gauss–Krüger zones are defined 1.5° either side of the central meridian, but data for a city
 * straddling two zones (Kunming spans 102.1–103.7°E) is often kept in one; the projection stays
 * usable a little beyond its nominal edge, so projected input is accepted this far outside it.
 */
const PROJECTED_MARGIN_DEG = 1

const identity: Convert = (x, y) => [x, y]

function geographic(id: string, name: string, warning?: string, convert = identity): InputCrs {
  return { id, name, kind: 'geographic', bounds: WORLD, warning, convert }
}

const cache = new Map<string, InputCrs>()

// Xian 1980 and Beijing 1954 need locally published 7-parameter transformations, which no
// public index carries: without them expect tens of metres of error (domain.md), and say so.
const MODERN_DATUM = /\+(ellps=GRS80|datum=WGS84|ellps=WGS84)\b/

/** CRS84 names lon/lat order explicitly; WGS 84 itself is named as the registry names it. */
function fromEpsg(code: number, lonLatOrder: boolean): InputCrs | null {
  const definition = epsgDefinition(code)
  if (!definition) return null
  const id = `EPSG:${code}`
  const transform = epsgTransform(definition)
  const convert = storageConverter(transform) ?? identity
  const warning =
    transform.kind === 'none' || MODERN_DATUM.test(definition.proj4)
      ? undefined
      : `${id} (${definition.name}) is converted without a locally published 7-parameter transformation: positions may be off by tens of metres`
  if (definition.geographic)
    return geographic(id, lonLatOrder ? `${definition.name} (lon/lat)` : definition.name, warning, convert)
  const [west, south, east, north] = definition.bounds ?? WORLD
  const m = PROJECTED_MARGIN_DEG
  return {
    id,
    name: definition.name,
    kind: 'projected',
    bounds: [west - m, Math.max(south - m, -90), east + m, Math.min(north + m, 90)],
    warning,
    convert,
  }
}

/** Resolves a CRS name (default EPSG:4490); unknown names are a 400 that says which. */
export function resolveCrs(name: string | undefined): InputCrs {
  const raw = (name ?? STORAGE_CRS).trim()
  const key = raw.toUpperCase().replace(/^OGC:/, '').replace(/[-_ ]/g, '')
  const cached = cache.get(key)
  if (cached) return cached
  const parsed = parseCrsName(raw)
  let crs: InputCrs | null = null
  if (parsed?.kind === 'epsg') crs = fromEpsg(parsed.code, parsed.alias === 'CRS84')
  else if (parsed) {
    const convert = storageConverter({ kind: parsed.kind }) ?? identity
    crs = { id: parsed.id, name: parsed.name, kind: parsed.kind, bounds: WORLD, convert }
  }
  if (!crs) {
    throw new BadRequest(
      `unknown or unsupported CRS '${raw}': use an EPSG code (e.g. EPSG:4490, EPSG:4543), CRS84, gcj02 or bd09`,
      undefined,
      'unknown_crs',
    )
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
