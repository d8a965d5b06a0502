// Moves a shape's coordinates, in place, from the source CRS to EPSG:4490 lon/lat, and says
// which vertex could not be placed (non-finite, or off the globe) so the record is rejected.
import { ROUNDING_HAIR_DEG } from '../crs/extent.ts'
import { storageConverter } from '../crs/to-storage.ts'
import type { FlatGeometry } from '../load/flat-geometry.ts'
import type { ResolvedCrs } from './crs.ts'

export interface Reprojector {
  (geometry: FlatGeometry): string | null
  /** Vertices a hair beyond ±180°/±90° that were moved onto the limit. */
  clamped: number
}

export function createReprojector(crs: ResolvedCrs): Reprojector {
  const convert = storageConverter(crs.transform)
  const part = (xy: Float64Array): string | null => {
    for (let i = 0; i < xy.length; i += 2) {
      const x0 = xy[i]
      const y0 = xy[i + 1]
      let x = x0
      let y = y0
      if (convert) {
        if (!Number.isFinite(x0) || !Number.isFinite(y0)) return `coordinate (${x0}, ${y0}) is not a number`
        ;[x, y] = convert(x0, y0)
        xy[i] = x
        xy[i + 1] = y
      }
      // A hair beyond ±180/±90 is a writer's rounding (180.0000019): clamped and counted.
      if (x > 180 || x < -180 || y > 90 || y < -90) {
        if (Math.abs(x) <= 180 + ROUNDING_HAIR_DEG && Math.abs(y) <= 90 + ROUNDING_HAIR_DEG) {
          xy[i] = x = Math.max(-180, Math.min(180, x))
          xy[i + 1] = y = Math.max(-90, Math.min(90, y))
          reprojector.clamped++
        }
      }
      // Also false for NaN: every vertex must land on the globe.
      if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90))
        return convert
          ? `coordinate (${x0}, ${y0}) in ${crs.used} does not land on the globe (${x}, ${y})`
          : `coordinate (${x0}, ${y0}) is not longitude/latitude, as ${crs.used} requires`
    }
    return null
  }
  const walk = (g: FlatGeometry): string | null => {
    for (const xy of g.parts) {
      const problem = part(xy)
      if (problem) return problem
    }
    for (const member of g.members ?? []) {
      const problem = walk(member)
      if (problem) return problem
    }
    return null
  }
  const reprojector: Reprojector = Object.assign(
    (geometry: FlatGeometry) => {
      try {
        return walk(geometry)
      } catch (error) {
        return `coordinates could not be transformed (${(error as Error).message})`
      }
    },
    { clamped: 0 },
  )
  return reprojector
}
