// Reads a .prj: WKT as ESRI, GDAL or QGIS write it, tolerating a BOM and refusing what is not
// WKT at all (an HTML error page saved by a browser, random bytes) with a message that says so.
// A WKT is named by the EPSG code it matches, so reports say EPSG:4522, not a 600-character WKT;
// a datum shift the WKT states (TOWGS84, or a WKT2 BOUNDCRS) is kept apart, since it is the
// file author's and a match by projection parameters must not throw it away.
import proj4 from 'proj4'
import { CHINESE_CODES, type Datum, type EpsgDefinition, epsgDefinition } from '../crs/catalogue.ts'
import { BadRequest } from '../errors.ts'

export interface PrjCrs {
  /** The matching EPSG definition, when one was found. */
  epsg: EpsgDefinition | null
  /** The WKT as read (used as the definition when no EPSG code matched). */
  wkt: string
  /** The WKT's own name, e.g. 'CGCS2000_3_Degree_GK_Zone_34'. */
  wktName: string
  geographic: boolean
  /** How the EPSG code was found, for the report. */
  how?: 'authority' | 'parameters'
  /**
   * The datum shift to WGS 84 the WKT states, as TOWGS84 writes it (metres, arc-seconds, ppm),
   * or null when it states none or only zeros.
   */
  towgs84: number[] | null
  /** The Chinese datum its ellipsoid points to, for a WKT no EPSG code matched. */
  datum?: Datum
}

const WKT_START =
  /^(PROJCS|GEOGCS|GEOCCS|COMPD_CS|PROJCRS|GEOGCRS|GEODCRS|BOUNDCRS|COMPOUNDCRS|PROJECTEDCRS|GEOGRAPHICCRS|BASEGEOGCRS)\s*[[(]/i

/** The parameters that decide where a coordinate lands, from a proj4 definition or a WKT. */
interface Params {
  family: string
  a: number
  b: number
  long0: number
  lat0: number
  x0: number
  y0: number
  k0: number
  toMeter: number
  /** The stated shift in TOWGS84 units, when the definition states a non-zero one. */
  statedShift: number[] | null
}

type ProjLike = {
  names?: string[]
  projName?: string
  a: number
  b: number
  long0?: number
  lat0?: number
  x0?: number
  y0?: number
  k0?: number
  to_meter?: number
  /** The shift as written (TOWGS84 units); `datum.datum_params` holds it converted to radians. */
  datum_params?: (number | string)[]
}

function params(definition: string): Params | null {
  let p: ProjLike
  try {
    p = proj4.Proj(definition) as unknown as ProjLike
  } catch {
    return null
  }
  const names = (p.names ?? [p.projName ?? '']).map((n) => n.toLowerCase())
  const family = names.some((n) => n === 'tmerc' || n === 'utm' || n === 'etmerc')
    ? 'tm'
    : names.includes('longlat') || names.includes('identity')
      ? 'longlat'
      : names.includes('merc')
        ? 'merc'
        : names[0]
  const stated = (p.datum_params ?? []).map(Number)
  return {
    family,
    a: p.a,
    b: p.b,
    long0: p.long0 ?? 0,
    lat0: p.lat0 ?? 0,
    x0: p.x0 ?? 0,
    y0: p.y0 ?? 0,
    k0: p.k0 ?? 1,
    toMeter: p.to_meter ?? 1,
    statedShift: stated.length >= 3 && stated.some((v) => v !== 0) ? stated : null,
  }
}

/**
 * An explicit transformation in the WKT itself: WKT1 TOWGS84 (OGC 01-009), WKT2 BOUNDCRS with an
 * ABRIDGEDTRANSFORMATION (ISO 19162). proj4 also fills a shift in from its own table of datum
 * names; only what the file writes counts as the author's statement.
 */
const STATES_SHIFT = /\b(TOWGS84|ABRIDGEDTRANSFORMATION)\s*\[/i

/** Xian 1980 uses the IAG 1975 ellipsoid, Beijing 1954 Krassowsky's (domain.md). */
function datumOfEllipsoid(a: number): Datum | undefined {
  if (Math.abs(a - 6_378_140) < 0.01) return 'Xian 1980'
  if (Math.abs(a - 6_378_245) < 0.01) return 'Beijing 1954'
  return undefined
}

const near = (x: number, y: number, tolerance: number) => Math.abs(x - y) <= tolerance

function sameParams(p: Params, q: Params): boolean {
  // b to 1e-5 m tells GRS80 (CGCS2000) from WGS 84, whose flattenings differ in the 9th digit.
  return (
    p.family === q.family &&
    near(p.a, q.a, 1e-3) &&
    near(p.b, q.b, 1e-5) &&
    (p.family === 'longlat' ||
      (near(p.long0, q.long0, 1e-9) &&
        near(p.lat0, q.lat0, 1e-9) &&
        near(p.x0, q.x0, 1e-3) &&
        near(p.y0, q.y0, 1e-3) &&
        near(p.k0, q.k0, 1e-9) &&
        near(p.toMeter, q.toMeter, 1e-9)))
  )
}

let candidates: { definition: EpsgDefinition; params: Params }[] | null = null

function matchByParameters(wktParams: Params): EpsgDefinition | null {
  candidates ??= CHINESE_CODES.flatMap((code) => {
    const definition = epsgDefinition(code)
    const p = definition ? params(definition.proj4) : null
    return definition && p ? [{ definition, params: p }] : []
  })
  return candidates.find((c) => sameParams(c.params, wktParams))?.definition ?? null
}

/** The outermost AUTHORITY["EPSG","n"] (WKT1) or ID["EPSG",n] (WKT2): the last one in the text. */
function authorityCode(wkt: string): number | null {
  const m = /(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt)
  return m ? Number(m[1]) : null
}

/**
 * Reads a .prj's bytes (UTF-8, BOM allowed): null for an empty file, else the CRS it states,
 * named by the EPSG code its AUTHORITY/ID or its projection parameters match, with any datum
 * shift it states. Throws BadRequest naming `fileName` and --crs for HTML, non-WKT text or WKT
 * proj4 cannot interpret.
 */
export function readPrj(bytes: Buffer, fileName: string): PrjCrs | null {
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
  if (text === '') return null
  if (/^</.test(text) || /<(html|head|body|!doctype)/i.test(text))
    throw new BadRequest(
      `${fileName} is not a coordinate system: it holds an HTML page, not WKT. Replace it with the real .prj or pass --crs`,
    )
  if (!WKT_START.test(text))
    throw new BadRequest(
      `${fileName} is not a coordinate system: it does not start like WKT (${JSON.stringify(text.slice(0, 40))}). ` +
        'Replace it with the real .prj or pass --crs',
    )
  const wktParams = params(text)
  if (!wktParams)
    throw new BadRequest(`${fileName} holds WKT this server cannot interpret; pass --crs to name the system`)
  const wktName = /^\w+\s*\[\s*"([^"]*)"/.exec(text)?.[1] ?? 'unnamed'
  const geographic = wktParams.family === 'longlat'
  const towgs84 = STATES_SHIFT.test(text) ? wktParams.statedShift : null

  const code = authorityCode(text)
  const byAuthority = code ? epsgDefinition(code) : null
  if (byAuthority)
    return {
      epsg: byAuthority,
      wkt: text,
      wktName,
      geographic: byAuthority.geographic,
      how: 'authority',
      towgs84,
    }
  const byParameters = matchByParameters(wktParams)
  if (byParameters) return { epsg: byParameters, wkt: text, wktName, geographic, how: 'parameters', towgs84 }
  return { epsg: null, wkt: text, wktName, geographic, towgs84, datum: datumOfEllipsoid(wktParams.a) }
}
