// The coordinate systems Chinese survey data arrives in, by EPSG code. The definitions come
// from the epsg-index package (the EPSG registry as proj4 strings); this file only says which
// codes form which family, so a .prj can be named and a zone prefix recognised. Shared by
// imports (server/import) and the query API (server/query).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export type Datum = 'CGCS2000' | 'Xian 1980' | 'Beijing 1954' | 'WGS 84'

export interface GaussKrugerInfo {
  datum: Datum
  /** Zone width in degrees. */
  width: 3 | 6
  zone: number
  /** Central meridian, degrees east. */
  centralMeridian: number
  /** Whether eastings carry the zone number in front (false easting zone × 10⁶ + 500 000). */
  prefixed: boolean
}

export interface EpsgDefinition {
  code: number
  name: string
  proj4: string
  geographic: boolean
  /** Area of use in lon/lat, [west, south, east, north], when the registry gives one. */
  bounds: [number, number, number, number] | null
}

interface Family {
  datum: Datum
  geographic: number
  /** First codes of the runs: 3° zones 25–45 and CM 75°–135°E; 6° zones 13–23 and CM 75°–135°E. */
  zone3: number
  cm3: number
  zone6: number
  cm6: number
}

// From the EPSG registry (checked against epsg-index's names in test/import/crs.test.ts).
const FAMILIES: Family[] = [
  { datum: 'CGCS2000', geographic: 4490, zone3: 4513, cm3: 4534, zone6: 4491, cm6: 4502 },
  { datum: 'Xian 1980', geographic: 4610, zone3: 2349, cm3: 2370, zone6: 2327, cm6: 2338 },
  { datum: 'Beijing 1954', geographic: 4214, zone3: 2401, cm3: 2422, zone6: 21413, cm6: 21453 },
]

const gaussKruger = new Map<number, GaussKrugerInfo>()
for (const f of FAMILIES) {
  for (let i = 0; i < 21; i++) {
    const zone = 25 + i
    gaussKruger.set(f.zone3 + i, {
      datum: f.datum,
      width: 3,
      zone,
      centralMeridian: 3 * zone,
      prefixed: true,
    })
    gaussKruger.set(f.cm3 + i, { datum: f.datum, width: 3, zone, centralMeridian: 3 * zone, prefixed: false })
  }
  for (let i = 0; i < 11; i++) {
    const zone = 13 + i
    const cm = 6 * zone - 3
    gaussKruger.set(f.zone6 + i, { datum: f.datum, width: 6, zone, centralMeridian: cm, prefixed: true })
    gaussKruger.set(f.cm6 + i, { datum: f.datum, width: 6, zone, centralMeridian: cm, prefixed: false })
  }
}

/** WGS 84 / UTM north zones 43–53 cover China; surveyors' GPS exports use them. */
const UTM_NORTH = Array.from({ length: 11 }, (_, i) => 32643 + i)

/** Every code a .prj is matched against, geographic first. */
export const CHINESE_CODES: readonly number[] = [
  4490,
  4326,
  4610,
  4214,
  3857,
  ...gaussKruger.keys(),
  ...UTM_NORTH,
]

const DATUM_OF_GEOGRAPHIC: Record<number, Datum> = {
  4490: 'CGCS2000',
  4326: 'WGS 84',
  4610: 'Xian 1980',
  4214: 'Beijing 1954',
}

export function gaussKrugerInfo(code: number): GaussKrugerInfo | undefined {
  return gaussKruger.get(code)
}

/** The code of the same zone with the prefix added or removed. */
export function prefixVariant(code: number, prefixed: boolean): number | undefined {
  const info = gaussKruger.get(code)
  if (!info) return undefined
  for (const [other, o] of gaussKruger)
    if (o.datum === info.datum && o.width === info.width && o.zone === info.zone && o.prefixed === prefixed)
      return other
  return undefined
}

/** The code of `datum`'s Gauss–Krüger zone with this width and zone number. */
export function zoneCode(datum: Datum, width: 3 | 6, zone: number, prefixed: boolean): number | undefined {
  for (const [code, o] of gaussKruger)
    if (o.datum === datum && o.width === width && o.zone === zone && o.prefixed === prefixed) return code
  return undefined
}

export function datumOf(code: number): Datum | undefined {
  return gaussKruger.get(code)?.datum ?? DATUM_OF_GEOGRAPHIC[code]
}

const cache = new Map<number, EpsgDefinition | null>()

interface EpsgIndexEntry {
  name: string
  proj4: string | null
  kind: string
  /** [north, west, south, east] */
  bbox: [number, number, number, number] | null
  unit: string | null
}

/**
 * Any EPSG coordinate system epsg-index has a proj4 definition for, or null: geographic (2D or
 * 3D) and projected systems only, and none measured in grads (proj4 strings do not carry them).
 */
export function epsgDefinition(code: number): EpsgDefinition | null {
  if (!Number.isInteger(code) || code <= 0) return null
  if (cache.has(code)) return cache.get(code)!
  let definition: EpsgDefinition | null = null
  try {
    const entry = require(`epsg-index/s/${code}.json`) as EpsgIndexEntry
    if (entry.proj4 && entry.unit !== 'grad' && /^CRS-(GEOGCRS|GEOG3DCRS|PROJCRS)$/.test(entry.kind)) {
      const bbox = entry.bbox
      definition = {
        code,
        name: entry.name,
        proj4: entry.proj4,
        geographic: /\+proj=longlat\b/.test(entry.proj4),
        bounds: bbox ? [bbox[1], bbox[2], bbox[3], bbox[0]] : null,
      }
    }
  } catch {
    definition = null
  }
  cache.set(code, definition)
  return definition
}
