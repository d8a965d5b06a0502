// How coordinates in a source CRS become storage lon/lat (EPSG:4490): proj4 for EPSG systems,
// the iterated inverses of chinese-offsets.ts for GCJ-02 and BD-09, nothing for lon/lat already
// on CGCS2000 or WGS 84 (they differ by centimetres).
import proj4 from 'proj4'
import type { EpsgDefinition } from './catalogue.ts'
import { bd09ToWgs84, gcj02ToWgs84 } from './chinese-offsets.ts'

export const STORAGE_CRS = 'EPSG:4490'

export type StorageTransform =
  | { kind: 'none' }
  | { kind: 'proj4'; definition: string }
  | { kind: 'gcj02' }
  | { kind: 'bd09' }

/** x/y (lon/lat or easting/northing) to storage lon/lat; no validation. */
export type Convert = (x: number, y: number) => [number, number]

/** The target: lon/lat on WGS 84, which proj4 reaches from any datum shift it knows. */
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs'

/** The transform for an EPSG system: none for the two lon/lat systems stored as they are. */
export function epsgTransform(definition: EpsgDefinition): StorageTransform {
  return definition.code === 4490 || definition.code === 4326
    ? { kind: 'none' }
    : { kind: 'proj4', definition: definition.proj4 }
}

/** The conversion to storage lon/lat, or null when coordinates are stored as they are. */
export function storageConverter(transform: StorageTransform): Convert | null {
  switch (transform.kind) {
    case 'none':
      return null
    case 'gcj02':
      return gcj02ToWgs84
    case 'bd09':
      return bd09ToWgs84
    case 'proj4': {
      const c = proj4(transform.definition, WGS84)
      return (x, y) => c.forward([x, y]) as [number, number]
    }
  }
}
