// Which coordinate system a source is in, and why: --crs, else the .prj (or a GeoJSON crs
// member), else a guess only where the coordinates leave no doubt. A wrong CRS moves every
// feature silently, so anything doubtful is refused with the option that settles it.
import {
  type Datum,
  datumOf,
  epsgDefinition,
  gaussKrugerInfo,
  prefixVariant,
  zoneCode,
} from '../crs/catalogue.ts'
import { parseCrsName } from '../crs/crs-name.ts'
import { epsgTransform, type StorageTransform } from '../crs/to-storage.ts'
import { BadRequest } from '../errors.ts'
import type { PrjCrs } from './prj.ts'

export type Bounds = [xmin: number, ymin: number, xmax: number, ymax: number]

export interface ResolvedCrs {
  /** 'EPSG:4543', 'GCJ-02', 'BD-09', or 'WKT "name"' for a .prj no EPSG code matched. */
  used: string
  name: string
  reason: string
  warnings: string[]
  /** How coordinates become EPSG:4490 lon/lat. */
  transform: StorageTransform
  geographic: boolean
}

export interface CrsEvidence {
  /** --crs */
  explicit?: string
  prj?: { crs: PrjCrs | null; fileName: string }
  /** A GeoJSON `crs` member's name, e.g. 'urn:ogc:def:crs:EPSG::4490'. */
  geojsonCrs?: string
  /** GeoJSON without a crs member is WGS 84 lon/lat by RFC 7946. */
  format: 'shapefile' | 'geojson'
  /** The header's bounding box, when the source has one; null when it holds no shapes. */
  bounds?: Bounds | null
}

// Degrees inside this box are China (with its seas); the only case guessed without being told.
const CHINA: Bounds = [73, 3, 136, 54]

const DATUM_WARNINGS: Partial<Record<Datum, string>> = {
  'Xian 1980':
    'Xian 1980 has no published transformation to CGCS2000 here (the local 7-parameter sets are not public): positions may be off by tens of metres',
  'Beijing 1954':
    'Beijing 1954 is shifted with the EPSG 3-parameter set only (local 7-parameter sets are not public): positions may be off by tens of metres',
}

function fromEpsg(code: number, reason: string): ResolvedCrs {
  const definition = epsgDefinition(code)
  if (!definition)
    throw new BadRequest(`EPSG:${code} is not a coordinate system this server knows; pass another --crs`)
  const datum = datumOf(code)
  const warning = datum ? DATUM_WARNINGS[datum] : undefined
  return {
    used: `EPSG:${code}`,
    name: definition.name,
    reason,
    warnings: warning ? [warning] : [],
    transform: epsgTransform(definition),
    geographic: definition.geographic,
  }
}

/** 'EPSG:4543', '4543', 'gcj02', 'GCJ-02', 'bd09', 'wgs84', 'cgcs2000', 'urn:ogc:def:crs:EPSG::4490', 'CRS84'. */
function fromName(name: string, reason: string): ResolvedCrs {
  const parsed = parseCrsName(name)
  if (!parsed)
    throw new BadRequest(
      `'${name}' is not a coordinate system name: use EPSG:<code> (e.g. EPSG:4543), gcj02 or bd09`,
    )
  if (parsed.kind === 'epsg') return fromEpsg(parsed.code, reason)
  return {
    used: parsed.id,
    name: parsed.name,
    reason,
    warnings: [],
    transform: { kind: parsed.kind },
    geographic: true,
  }
}

const fmt = (n: number) =>
  Math.abs(n) >= 1000 ? Math.round(n).toString() : n.toFixed(4).replace(/\.?0+$/, '')
const range = (b: Bounds) => `x ${fmt(b[0])}…${fmt(b[2])}, y ${fmt(b[1])}…${fmt(b[3])}`
/** Writers round world extents to 180.0000019 and the like: a hair over is still inside. */
const HAIR = 1e-3
const inside = (b: Bounds, box: Bounds) =>
  b[0] >= box[0] - HAIR && b[1] >= box[1] - HAIR && b[2] <= box[2] + HAIR && b[3] <= box[3] + HAIR

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
 * whose .prj names one form while its numbers are in the other would land on another continent.
 * When the prefix names the .prj's own zone the intent is unambiguous and the other form is
 * used (and said); any other contradiction is refused.
 */
function checkZonePrefix(crs: ResolvedCrs, b: Bounds): ResolvedCrs {
  const code = Number(/^EPSG:(\d+)$/.exec(crs.used)?.[1])
  const info = gaussKrugerInfo(code)
  if (!info) return crs
  const zone = eastingPrefix(b)
  if (info.prefixed && b[2] < 1e6) {
    const plain = prefixVariant(code, false)!
    return {
      ...fromEpsg(plain, crs.reason),
      reason: `${crs.reason}; its eastings have no zone prefix, so read as EPSG:${plain}`,
    }
  }
  if (!info.prefixed && zone !== null) {
    if (zone !== info.zone)
      throw new BadRequest(
        `${crs.used} is ${info.width}° zone ${info.zone} (CM ${info.centralMeridian}°E), but the eastings carry the prefix of zone ${zone} (${range(b)}); pass the right --crs`,
      )
    const prefixed = prefixVariant(code, true)!
    return {
      ...fromEpsg(prefixed, crs.reason),
      reason: `${crs.reason}; its eastings carry the zone prefix ${zone}, so read as EPSG:${prefixed}`,
    }
  }
  if (info.prefixed && zone !== null && zone !== info.zone)
    throw new BadRequest(
      `${crs.used} is zone ${info.zone}, but the eastings carry the prefix of zone ${zone} (${range(b)}); pass the right --crs`,
    )
  return crs
}

/** Coordinates that cannot be in the system named are refused before anything is read. */
function checkBounds(crs: ResolvedCrs, b: Bounds | null | undefined): ResolvedCrs {
  if (!b || b.some((v) => !Number.isFinite(v))) return crs
  if (crs.geographic && !inside(b, [-180, -90, 180, 90]))
    throw new BadRequest(
      `the data is said to be ${crs.used} (${crs.name}, degrees), but its coordinates are not degrees (${range(b)}): ${crs.reason}.${suggestion(b)}`,
    )
  return checkZonePrefix(crs, b)
}

export function resolveCrs(evidence: CrsEvidence): ResolvedCrs {
  const { bounds } = evidence
  if (evidence.explicit) {
    const prjNote = evidence.prj?.crs
      ? ` (overriding ${evidence.prj.fileName}, which says ${evidence.prj.crs.epsg ? `EPSG:${evidence.prj.crs.epsg.code}` : evidence.prj.crs.wktName})`
      : ''
    return checkBounds(fromName(evidence.explicit, `--crs ${evidence.explicit}${prjNote}`), bounds)
  }
  const prj = evidence.prj?.crs
  if (prj) {
    const fileName = evidence.prj!.fileName
    if (prj.epsg) {
      const how = prj.how === 'authority' ? 'names' : 'matches'
      return checkBounds(fromEpsg(prj.epsg.code, `${fileName} ${how} EPSG:${prj.epsg.code}`), bounds)
    }
    return checkBounds(
      {
        used: `WKT "${prj.wktName}"`,
        name: prj.wktName,
        reason: `${fileName} (no EPSG code matches it; its WKT parameters are used as written)`,
        warnings: [],
        transform: { kind: 'proj4', definition: prj.wkt },
        geographic: prj.geographic,
      },
      bounds,
    )
  }
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
      `guessed: no .prj and no --crs, and the coordinates are degrees within China (${range(bounds)}); pass --crs if they are not CGCS2000`,
    )
    guessed.warnings.push(guessed.reason)
    return guessed
  }
  throw new BadRequest(
    `no .prj and no --crs, and the coordinates${bounds ? ` (${range(bounds)})` : ''} are not degrees within China, so the coordinate system cannot be guessed.${bounds ? suggestion(bounds) : ' Pass --crs'}`,
  )
}
