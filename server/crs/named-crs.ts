// A coordinate system as both entry points need it once named: its canonical id, what its
// coordinates are, how they become storage lon/lat, where it is meant to be used, and the datum
// warning due (datum-policy.ts). The import (server/import/crs.ts) adds why it was chosen and
// checks it against a file's extent; the query API (server/query/input-crs.ts) adds valid ranges.
import { type Datum, datumOf, epsgDefinition } from './catalogue.ts'
import type { CrsName } from './crs-name.ts'
import { type DatumShift, datumWarning, withDatumShift } from './datum-policy.ts'
import { epsgTransform, type StorageTransform } from './to-storage.ts'

export interface NamedCrs {
  /** Canonical name: 'EPSG:4543', 'GCJ-02', 'BD-09'. */
  id: string
  name: string
  kind: 'geographic' | 'projected' | 'gcj02' | 'bd09'
  /** How coordinates become storage lon/lat (EPSG:4490). */
  transform: StorageTransform
  /** Area of use in lon/lat, [west, south, east, north], when the registry gives one. */
  areaOfUse: [number, number, number, number] | null
  datum?: Datum
  /** The source's own datum shift, when one replaced the registry's. */
  datumShift?: DatumShift
  /** Set when the conversion is known to be approximate (datum-policy.ts). */
  warning?: string
}

/**
 * An EPSG system this server can convert, or null when epsg-index has no usable definition.
 * With `shift`, the registry's datum shift (or its absence) is replaced by the source's own.
 */
export function crsFromEpsg(code: number, shift?: DatumShift): NamedCrs | null {
  const definition = epsgDefinition(code)
  if (!definition) return null
  const id = `EPSG:${code}`
  const datum = datumOf(code)
  const transform: StorageTransform = shift
    ? { kind: 'proj4', definition: withDatumShift(definition.proj4, shift.towgs84) }
    : epsgTransform(definition)
  return {
    id,
    name: definition.name,
    kind: definition.geographic ? 'geographic' : 'projected',
    transform,
    areaOfUse: definition.bounds,
    datum,
    datumShift: shift,
    warning:
      transform.kind === 'none'
        ? undefined
        : datumWarning({ label: `${id} (${definition.name})`, datum, proj4: definition.proj4, shift }),
  }
}

/** The system a parsed name stands for, or null for an EPSG code this server cannot convert. */
export function crsFromName(name: CrsName): NamedCrs | null {
  if (name.kind === 'epsg') return crsFromEpsg(name.code)
  return { id: name.id, name: name.name, kind: name.kind, transform: { kind: name.kind }, areaOfUse: null }
}
