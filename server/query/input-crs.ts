// Coordinates sent to the query API, in whatever CRS the caller digitised them, turned into the
// storage CRS (EPSG:4490, lon/lat). Definitions come from epsg-index; GCJ-02 and BD-09 (AMap,
// Tencent, Baidu basemaps) are inverted by iterating gcoord's forward formulas.
// TODO(lead): server/import (crs.ts, crs-registry.ts, chinese-offsets.ts) does the same for imports; the
// two should become one module.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import gcoordModule from 'gcoord'
import proj4 from 'proj4'
import { BadRequest } from '../errors.ts'

// gcoord is CommonJS whose types declare the object as `default`; at run time it is the module itself.
const gcoord = gcoordModule as unknown as typeof gcoordModule.default

export const STORAGE_CRS = 'EPSG:4490'
const STORAGE_DEF = '+proj=longlat +ellps=GRS80 +no_defs'

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
  convert(x: number, y: number): [number, number]
}

const WORLD: [number, number, number, number] = [-180, -90, 180, 90]
/**
 * Gauss–Krüger zones are defined 1.5° either side of the central meridian, but data for a city
 * straddling two zones (Kunming spans 102.1–103.7°E) is often kept in one; the projection stays
 * usable a little beyond its nominal edge, so projected input is accepted this far outside it.
 */
const PROJECTED_MARGIN_DEG = 1

const identity = (x: number, y: number): [number, number] => [x, y]

type Forward = (lon: number, lat: number) => [number, number]
const toGcj02: Forward = (lon, lat) =>
  gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
const toBd09: Forward = (lon, lat) =>
  gcoord.transform([lon, lat], gcoord.WGS84, gcoord.BD09) as [number, number]

/**
 * The offsets have no closed-form inverse, and gcoord's BD-09 inverse is a single step (off by
 * up to ~1 m): solve forward(x) = target by fixed-point iteration instead, to ~1e-9° (0.1 mm).
 */
function inverse(forward: Forward): Forward {
  return (lon, lat) => {
    let [x, y] = [lon, lat]
    for (let step = 0; step < 30; step++) {
      const [fx, fy] = forward(x, y)
      const [dx, dy] = [fx - lon, fy - lat]
      x -= dx
      y -= dy
      if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break
    }
    return [x, y]
  }
}

function geographic(id: string, name: string, warning?: string, convert = identity): InputCrs {
  return { id, name, kind: 'geographic', bounds: WORLD, warning, convert }
}

const ALIASES: Record<string, () => InputCrs> = {
  // CGCS2000 and WGS 84 differ by centimetres: both are taken as the storage CRS.
  WGS84: () => geographic('EPSG:4326', 'WGS 84'),
  CRS84: () => geographic('EPSG:4326', 'WGS 84 (lon/lat)'),
  CGCS2000: () => geographic(STORAGE_CRS, 'China Geodetic Coordinate System 2000'),
  GCJ02: () => ({
    id: 'GCJ-02',
    name: 'GCJ-02 (AMap, Tencent)',
    kind: 'gcj02',
    bounds: WORLD,
    convert: inverse(toGcj02),
  }),
  BD09: () => ({
    id: 'BD-09',
    name: 'BD-09 (Baidu)',
    kind: 'bd09',
    bounds: WORLD,
    convert: inverse(toBd09),
  }),
}

interface EpsgEntry {
  code: string
  kind: string
  name: string
  proj4: string | null
  /** [north, west, south, east] */
  bbox: [number, number, number, number] | null
  unit: string | null
}

const require = createRequire(import.meta.url)
const cache = new Map<string, InputCrs>()

function readEpsg(code: string): EpsgEntry | null {
  try {
    return JSON.parse(readFileSync(require.resolve(`epsg-index/s/${code}.json`), 'utf8')) as EpsgEntry
  } catch {
    return null
  }
}

// Xian 1980 and Beijing 1954 need locally published 7-parameter transformations, which no
// public index carries: without them expect tens of metres of error (domain.md), and say so.
const MODERN_DATUM = /\+(ellps=GRS80|datum=WGS84|ellps=WGS84)\b/

function fromEpsg(code: string): InputCrs | null {
  if (code === '4490' || code === '4326') return geographic(`EPSG:${code}`, readEpsg(code)?.name ?? code)
  const entry = readEpsg(code)
  if (!entry?.proj4 || entry.unit === 'grad') return null
  const isGeographic = entry.kind === 'CRS-GEOGCRS' || entry.kind === 'CRS-GEOG3DCRS'
  if (!isGeographic && entry.kind !== 'CRS-PROJCRS') return null
  const id = `EPSG:${code}`
  const warning = MODERN_DATUM.test(entry.proj4)
    ? undefined
    : `${id} (${entry.name}) is converted without a locally published 7-parameter transformation: positions may be off by tens of metres`
  const transform = proj4(entry.proj4, STORAGE_DEF)
  const convert = (x: number, y: number) => transform.forward([x, y]) as [number, number]
  if (isGeographic) return geographic(id, entry.name, warning, convert)
  const [north, west, south, east] = entry.bbox ?? [90, -180, -90, 180]
  const m = PROJECTED_MARGIN_DEG
  return {
    id,
    name: entry.name,
    kind: 'projected',
    bounds: [west - m, Math.max(south - m, -90), east + m, Math.min(north + m, 90)],
    warning,
    convert,
  }
}

/** The EPSG code in the forms clients send: 'EPSG:4543', '4543', OGC URN and URL forms. */
function epsgCode(name: string): string | null {
  const match =
    /^(?:EPSG:{1,2}|urn:ogc:def:crs:EPSG:[^:]*:|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/)?(\d{4,6})$/i.exec(
      name,
    )
  return match ? match[1] : null
}

/** Resolves a CRS name (default EPSG:4490); unknown names are a 400 that says which. */
export function resolveCrs(name: string | undefined): InputCrs {
  const raw = (name ?? STORAGE_CRS).trim()
  const key = raw.toUpperCase().replace(/^OGC:/, '').replace(/[-_ ]/g, '')
  const cached = cache.get(key)
  if (cached) return cached
  let crs: InputCrs | null = null
  if (ALIASES[key]) crs = ALIASES[key]()
  else {
    const code = epsgCode(raw)
    if (code) crs = fromEpsg(code)
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
    return ` (the easting carries zone prefix ${zone}: for CGCS2000 that is EPSG:${4488 + zone})`
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
