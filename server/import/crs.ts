// Which coordinate system a source is in, and why: --crs, else the .prj (or a GeoJSON crs
// member), else a guess only where the coordinates leave no doubt. A wrong CRS moves every
// feature silently, so anything doubtful is refused with the option that settles it. The
// coordinates are judged by the records' own extent: a .shp header's bounding box is advisory
// (writers leave it at 0,0,0,0 or stale), so it is never quoted or trusted here.
import { type Datum, gaussKrugerInfo, prefixVariant, zoneCode } from '../crs/catalogue.ts'
import { parseCrsName } from '../crs/crs-name.ts'
import type { DatumShift } from '../crs/datum-policy.ts'
import { datumWarning } from '../crs/datum-policy.ts'
import { type Bounds, describeBounds, inside, WORLD } from '../crs/extent.ts'
import { crsFromEpsg, crsFromName, type NamedCrs } from '../crs/named-crs.ts'
import type { StorageTransform } from '../crs/to-storage.ts'
import { BadRequest } from '../errors.ts'
import type { ImportReport } from './import-report.ts'
import type { PrjCrs } from './prj.ts'

export type { Bounds }

export interface ResolvedCrs {
  /** 'EPSG:4543', 'GCJ-02', 'BD-09', or 'WKT "name"' for a .prj no EPSG code matched. */
  used: string
  name: string
  reason: string
  warnings: string[]
  /** How coordinates become EPSG:4490 lon/lat. */
  transform: StorageTransform
  geographic: boolean
  /** The source's own datum shift, when it states one (a .prj's TOWGS84): the one used. */
  datumShift?: DatumShift
}

export interface CrsEvidence {
  /** --crs */
  explicit?: string
  prj?: { crs: PrjCrs | null; fileName: string }
  /** A GeoJSON `crs` member's name, e.g. 'urn:ogc:def:crs:EPSG::4490'. */
  geojsonCrs?: string
  /** GeoJSON without a crs member is WGS 84 lon/lat by RFC 7946. */
  format: 'shapefile' | 'geojson'
  /**
   * The extent of the records' own coordinates (not a header's), when known; null when the
   * source holds no coordinates at all.
   */
  bounds?: Bounds | null
}

// Degrees inside this box are China (with its seas); the only case guessed without being told.
const CHINA: Bounds = [73, 3, 136, 54]

function resolved(named: NamedCrs, reason: string): ResolvedCrs {
  return {
    used: named.id,
    name: named.name,
    reason,
    warnings: named.warning ? [named.warning] : [],
    transform: named.transform,
    geographic: named.kind !== 'projected',
    datumShift: named.datumShift,
  }
}

function fromEpsg(code: number, reason: string, shift?: DatumShift): ResolvedCrs {
  const named = crsFromEpsg(code, shift)
  if (!named)
    throw new BadRequest(`EPSG:${code} is not a coordinate system this server knows; pass another --crs`)
  return resolved(named, reason)
}

/** 'EPSG:4543', '4543', 'gcj02', 'GCJ-02', 'bd09', 'wgs84', 'cgcs2000', 'urn:ogc:def:crs:EPSG::4490', 'CRS84'. */
function fromName(name: string, reason: string): ResolvedCrs {
  const parsed = parseCrsName(name)
  if (!parsed)
    throw new BadRequest(
      `'${name}' is not a coordinate system name: use EPSG:<code> (e.g. EPSG:4543), gcj02 or bd09`,
    )
  if (parsed.kind === 'epsg') return fromEpsg(parsed.code, reason)
  return resolved(crsFromName(parsed)!, reason)
}

/** A .prj: its EPSG code names the projection; a datum shift it states is used, not dropped. */
function fromPrj(prj: PrjCrs, fileName: string): ResolvedCrs {
  const shift = prj.towgs84 ? { towgs84: prj.towgs84, source: fileName } : undefined
  const shiftNote = shift
    ? `; the datum shift is the one ${fileName} states, TOWGS84[${shift.towgs84.join(',')}]`
    : ''
  if (prj.epsg) {
    const how = prj.how === 'authority' ? 'names' : 'matches'
    return fromEpsg(prj.epsg.code, `${fileName} ${how} EPSG:${prj.epsg.code}${shiftNote}`, shift)
  }
  const warning = datumWarning({
    label: `${fileName} ("${prj.wktName}")`,
    datum: prj.datum,
    proj4: null,
    shift,
  })
  return {
    used: `WKT "${prj.wktName}"`,
    name: prj.wktName,
    reason: `${fileName} (no EPSG code matches it; its WKT parameters are used as written)${shiftNote}`,
    warnings: warning ? [warning] : [],
    transform: { kind: 'proj4', definition: prj.wkt },
    geographic: prj.geographic,
    datumShift: shift,
  }
}

const extent = (b: Bounds) => `the records' extent: ${describeBounds(b)}`

/** The zone number carried in front of eastings, if every easting carries the same one. */
function eastingPrefix(b: Bounds): number | null {
  if (b[0] < 1e6) return null
  const zone = Math.floor(b[0] / 1e6)
  return Math.floor(b[2] / 1e6) === zone ? zone : null
}

/** Why a suggestion: eastings with a zone prefix name the zone; the datum stays unknown. */
function suggestion(b: Bounds): string {
  const zone = eastingPrefix(b)
  if (zone !== null && zone >= 25 && zone <= 45) {
    const codes = (['CGCS2000', 'Xian 1980', 'Beijing 1954'] as Datum[]).map(
      (d) => `${d}: EPSG:${zoneCode(d, 3, zone, true)}`,
    )
    return ` The eastings carry the 3° zone prefix ${zone}: pass --crs with the zone's code (${codes.join(', ')})`
  }
  if (zone !== null && zone >= 13 && zone <= 23)
    return ` The eastings carry the 6° zone prefix ${zone}: pass --crs with the zone's code (CGCS2000: EPSG:${zoneCode('CGCS2000', 6, zone, true)})`
  return ' Pass --crs, e.g. --crs EPSG:4543 (CGCS2000 3° Gauss–Krüger CM 102°E) or --crs EPSG:4490 (CGCS2000 lon/lat)'
}

/**
 * Gauss–Krüger eastings with and without the zone prefix differ by zone × 10⁶ m, so a file
 * whose CRS names one form while its numbers are in the other would land on another continent.
 * Which of the two is wrong cannot be known (a .prj copied from another dataset, or coordinates
 * edited), so every such contradiction is refused, naming both and the --crs that settles it.
 */
function checkZonePrefix(crs: ResolvedCrs, b: Bounds): ResolvedCrs {
  const code = Number(/^EPSG:(\d+)$/.exec(crs.used)?.[1])
  const info = gaussKrugerInfo(code)
  if (!info) return crs
  const zone = eastingPrefix(b)
  const said = `${crs.reason} (${crs.name}`
  const disagree = 'the coordinate system and the coordinates disagree, so nothing was imported'
  if (info.prefixed && b[2] < 1e6)
    throw new BadRequest(
      `${said}: eastings carry the zone prefix ${info.zone}), but the records' eastings carry no zone prefix ` +
        `(${extent(b)}): ${disagree}. If the coordinates are right, pass --crs EPSG:${prefixVariant(code, false)} (the same zone without the prefix)`,
    )
  if (!info.prefixed && zone !== null)
    throw new BadRequest(
      `${said}: ${info.width}° CM ${info.centralMeridian}°E, eastings without a zone prefix), but the records' eastings ` +
        `carry the prefix of zone ${zone} (${extent(b)}): ${disagree}.` +
        (zone === info.zone
          ? ` If the coordinates are right, pass --crs EPSG:${prefixVariant(code, true)} (the same zone with the prefix)`
          : suggestion(b)),
    )
  if (info.prefixed && zone !== null && zone !== info.zone)
    throw new BadRequest(
      `${said}: zone ${info.zone}), but the records' eastings carry the prefix of zone ${zone} (${extent(b)}): ${disagree}.${suggestion(b)}`,
    )
  return crs
}

/** Coordinates that cannot be in the system named are refused before anything is read. */
function checkBounds(crs: ResolvedCrs, b: Bounds | null | undefined): ResolvedCrs {
  if (!b || b.some((v) => !Number.isFinite(v))) return crs
  if (crs.geographic && !inside(b, WORLD))
    throw new BadRequest(
      `the data is said to be ${crs.used} (${crs.name}, degrees), but its coordinates are not degrees (${extent(b)}): ${crs.reason}.${suggestion(b)}`,
    )
  return checkZonePrefix(crs, b)
}

/**
 * The CRS of a dataset being imported, with why it was chosen and the warnings the report shows.
 *
 * Order (first that applies): `explicit` (--crs) → the .prj (named by its EPSG code, with any
 * datum shift it states) → a GeoJSON crs member → GeoJSON's WGS 84 (RFC 7946) → a guess of
 * EPSG:4490 only for degrees inside China. `bounds` is the records' extent in source units.
 *
 * Throws BadRequest (400) when the name is unknown, when the coordinates contradict the CRS
 * named (metres under a geographic CRS; zone-prefixed eastings under a prefix-less zone, or
 * the reverse, or another zone's prefix), or when nothing names the CRS and it cannot be guessed;
 * each message quotes the records' extent and the --crs that settles it.
 */
export function resolveImportCrs(evidence: CrsEvidence): ResolvedCrs {
  const { bounds } = evidence
  if (evidence.explicit) {
    const prj = evidence.prj?.crs
    const prjNote = prj
      ? ` (overriding ${evidence.prj!.fileName}, which says ${prj.epsg ? `EPSG:${prj.epsg.code}` : prj.wktName})`
      : ''
    return checkBounds(fromName(evidence.explicit, `--crs ${evidence.explicit}${prjNote}`), bounds)
  }
  if (evidence.prj?.crs) return checkBounds(fromPrj(evidence.prj.crs, evidence.prj.fileName), bounds)
  if (evidence.geojsonCrs)
    return checkBounds(
      fromName(evidence.geojsonCrs, `the GeoJSON crs member says ${evidence.geojsonCrs}`),
      bounds,
    )
  if (evidence.format === 'geojson')
    return fromEpsg(4326, 'GeoJSON without a crs member is WGS 84 lon/lat (RFC 7946)')

  if (bounds === null)
    return { ...fromEpsg(4490, 'no .prj and no --crs, but the file holds no shapes to place'), warnings: [] }
  if (bounds && inside(bounds, CHINA)) {
    const guessed = fromEpsg(
      4490,
      `guessed: no .prj and no --crs, and the coordinates are degrees within China (${extent(bounds)}); pass --crs if they are not CGCS2000`,
    )
    guessed.warnings.push(guessed.reason)
    return guessed
  }
  throw new BadRequest(
    `no .prj and no --crs, and the coordinates${bounds ? ` (${extent(bounds)})` : ''} are not degrees within China, so the coordinate system cannot be guessed.${bounds ? suggestion(bounds) : ' Pass --crs'}`,
  )
}

/** What the import report and log keep of the CRS: its name, why, and the datum shift used. */
export function crsReport(crs: ResolvedCrs): ImportReport['crs'] {
  return {
    used: crs.used,
    name: crs.name,
    reason: crs.reason,
    ...(crs.datumShift ? { datumShift: crs.datumShift } : {}),
  }
}
