// What to tell a user about the datum shift behind a conversion to storage lon/lat. The rule is
// the domain's (domain.md, "Coordinate systems"): Xian 1980 and Beijing 1954 reach CGCS2000 only
// through locally published 7-parameter transformations, which no public registry carries, so
// without them positions are off by tens of metres, and the user must be told. A source that
// states its own shift (a .prj's TOWGS84[…]) is converted with it, and the warning names it.
// GCJ-02 and BD-09 need no warning: their public formulas are inverted to < 1 mm of the
// formula (chinese-offsets.ts), and WGS 84 and CGCS2000 differ by centimetres.
import type { Datum } from './catalogue.ts'

/** A datum shift to WGS 84 that a source states itself, and where it says so. */
export interface DatumShift {
  /**
   * Bursa–Wolf parameters as TOWGS84 writes them (OGC 01-009 §12.3.15.2, position-vector
   * rotations as GDAL and proj read them): dx, dy, dz in metres, then rx, ry, rz in arc-seconds
   * and the scale in ppm; 3 values for a translation-only shift.
   */
  towgs84: number[]
  /** Where the parameters come from, e.g. 'roads.prj'. */
  source: string
}

/** Ellipsoids whose lon/lat is within centimetres of WGS 84 (GRS80 is CGCS2000's). */
const MODERN_ELLIPSOID = /\+(ellps=GRS80|datum=WGS84|ellps=WGS84)\b/

const TENS_OF_METRES = 'positions may be off by tens of metres'

/** `definition` (a proj4 string) with its datum shift replaced by `towgs84`. */
export function withDatumShift(definition: string, towgs84: number[]): string {
  const rest = definition.replace(/\s*\+(towgs84|datum|nadgrids)=\S*/g, '')
  return `${rest} +towgs84=${towgs84.join(',')}`
}

/**
 * The warning due for converting a CRS to storage lon/lat, or undefined when none is due.
 *
 * - `label`: how the user named the CRS, e.g. 'EPSG:2379 (Xian 1980 / 3-degree Gauss-Kruger CM 102E)'.
 * - `datum`: the Chinese datum family when known (catalogue.ts `datumOf`).
 * - `proj4`: the definition used without a stated shift (null for WKT used as written).
 * - `shift`: the source's own shift, which is then what the conversion uses.
 */
export function datumWarning(crs: {
  label: string
  datum?: Datum
  proj4: string | null
  shift?: DatumShift
}): string | undefined {
  const { label, datum, proj4, shift } = crs
  if (shift) {
    const kind =
      shift.towgs84.length === 3 || shift.towgs84.slice(3).every((v) => v === 0)
        ? '3-parameter (translation only)'
        : '7-parameter'
    return (
      `${label} is shifted to WGS 84/CGCS2000 with the ${kind} set that ${shift.source} states, ` +
      `TOWGS84[${shift.towgs84.join(',')}], not a registry's: positions are as accurate as those parameters`
    )
  }
  if (datum === 'Xian 1980')
    return (
      `${label}: Xian 1980 reaches CGCS2000 only through a locally published 7-parameter transformation, ` +
      `and none was given (a .prj with TOWGS84[…] supplies one): converted without a datum shift, ${TENS_OF_METRES}`
    )
  // EPSG publishes no Xian 1980 shift at all, and for Beijing 1954 one countrywide translation.
  const registryShift = proj4 ? /\+towgs84=(\S+)/.exec(proj4)?.[1].replace(/(,0)+$/, '') : undefined
  if (datum === 'Beijing 1954')
    return (
      `${label}: Beijing 1954 is shifted with the registry's 3-parameter set${registryShift ? ` TOWGS84[${registryShift}]` : ''} only, ` +
      `and no locally published 7-parameter transformation was given (a .prj with TOWGS84[…] supplies one): ${TENS_OF_METRES}`
    )
  if (proj4 && !MODERN_ELLIPSOID.test(proj4) && !/\+towgs84=/.test(proj4))
    return `${label} is converted without a datum shift (its definition states none): ${TENS_OF_METRES}`
  return undefined
}
