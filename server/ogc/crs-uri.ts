// OGC API – Features Part 2 (CRS by reference): the coordinate systems a collection offers, named
// by URI, with the axis order their authority defines. Definitions and conversions are
// server/crs's (the one catalogue); what is here is the OGC naming and the axis order.
import proj4 from 'proj4'
import { gaussKrugerInfo } from '../crs/catalogue.ts'
import { parseCrsName } from '../crs/crs-name.ts'
import { crsFromEpsg } from '../crs/named-crs.ts'
import { type Convert, storageConverter } from '../crs/to-storage.ts'
import { BadRequest } from '../errors.ts'

export const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const epsgUri = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`

/** The storage CRS (EPSG:4490, CGCS2000), which every collection declares as `storageCrs`. */
export const STORAGE_CRS_URI = epsgUri(4490)

/**
 * The systems every collection offers (issue 10 item 3): CRS84 and EPSG:4326 for web clients,
 * CGCS2000 geographic (storage) and its 3° Gauss–Krüger zones over Kunming (CM 102°E unprefixed
 * and prefixed zone 34, CM 105°E), and Web Mercator for tiles.
 */
const OFFERED_EPSG = [4490, 4326, 3857, 4543, 4544, 4522] as const

export interface OgcCrs {
  /** The URI the collection lists and Content-Crs echoes. */
  uri: string
  /**
   * Whether the authority's first axis is the northing or the latitude: EPSG geographic systems
   * are latitude, longitude (EPSG:4490 and EPSG:4326); the Chinese Gauss–Krüger systems are
   * "northing (X), easting (Y)" (EPSG registry, checked with `projinfo EPSG:4543`); CRS84, Web
   * Mercator and UTM are x first. GDAL and QGIS swap axes by this rule, so getting it wrong moves
   * every feature to the other side of the equator.
   */
  northFirst: boolean
  /** Storage lon/lat to this system's (easting, northing) or (lon, lat), before axis order. */
  fromStorage: Convert | null
  /** This system's (easting, northing) or (lon, lat) to storage lon/lat. */
  toStorage: Convert | null
  /** Whether coordinates are degrees (latitude within ±90 is then checked). */
  geographic: boolean
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs'

function offered(code: number | 'CRS84'): OgcCrs {
  if (code === 'CRS84')
    return { uri: CRS84_URI, northFirst: false, fromStorage: null, toStorage: null, geographic: true }
  const named = crsFromEpsg(code)
  if (!named) throw new Error(`EPSG:${code} is missing from the catalogue`)
  const toStorage = storageConverter(named.transform)
  let fromStorage: Convert | null = null
  if (named.transform.kind === 'proj4') {
    // The inverse of the catalogue's conversion to storage, so input and output round-trip.
    const c = proj4(named.transform.definition, WGS84)
    fromStorage = (lon, lat) => c.inverse([lon, lat]) as [number, number]
  }
  const geographic = named.kind === 'geographic'
  return {
    uri: epsgUri(code),
    northFirst: geographic || gaussKrugerInfo(code) !== undefined,
    fromStorage,
    toStorage,
    geographic,
  }
}

/** Every system a collection offers, CRS84 (the default) first. */
export const OFFERED_CRS: readonly OgcCrs[] = [offered('CRS84'), ...OFFERED_EPSG.map((c) => offered(c))]

/** The URIs of OFFERED_CRS, as a collection's `crs` lists them. */
export const OFFERED_CRS_URIS: readonly string[] = OFFERED_CRS.map((c) => c.uri)

/**
 * The offered system a `crs`, `bbox-crs` or `filter-crs` value names: a URI
 * (`http://www.opengis.net/def/crs/EPSG/0/4543`), or any form server/crs reads (`EPSG:4543`,
 * URNs, `CRS84`). Undefined gives CRS84, the default of Part 1.
 * @throws BadRequest (400, code `unknown_crs`) naming the parameter and listing the offered URIs.
 */
export function ogcCrs(value: string | undefined, parameter: string): OgcCrs {
  if (value === undefined) return OFFERED_CRS[0]
  const parsed = parseCrsName(value)
  // 'CRS84' reads as EPSG:4326 in server/crs (same datum); OGC keeps them apart by axis order.
  const wanted =
    parsed?.kind === 'epsg' ? (parsed.alias === 'CRS84' ? CRS84_URI : epsgUri(parsed.code)) : undefined
  const found = OFFERED_CRS.find((c) => c.uri === wanted)
  if (!found)
    throw new BadRequest(
      `${parameter}: '${value}' is not offered; use one of ${OFFERED_CRS_URIS.join(', ')}`,
      undefined,
      'unknown_crs',
    )
  return found
}

/** A position in `crs`'s axis order to storage lon/lat. */
export function positionToStorage(crs: OgcCrs, a: number, b: number): [number, number] {
  const [x, y] = crs.northFirst ? [b, a] : [a, b]
  return crs.toStorage ? crs.toStorage(x, y) : [x, y]
}

/** Storage lon/lat to a position in `crs`'s axis order. */
export function positionFromStorage(crs: OgcCrs, lon: number, lat: number): [number, number] {
  const [x, y] = crs.fromStorage ? crs.fromStorage(lon, lat) : [lon, lat]
  return crs.northFirst ? [y, x] : [x, y]
}
