// The extent of a .shp's records, from their vertices. The header's bounding box is advisory:
// writers leave it at 0,0,0,0 or stale after edits (issue 8, kind 3), and the CRS is guessed and
// checked from where the coordinates really are. The records are read with the same reader the
// import uses, so the extent covers exactly the shapes that will be imported.
import type { Bounds } from '../crs/extent.ts'
import type { FlatGeometry } from '../load/flat-geometry.ts'
import type { ImportLimits } from './import-limits.ts'
import { ShpReader } from './shapefile-reader.ts'

function widen(b: Bounds, g: FlatGeometry) {
  for (const xy of g.parts)
    for (let i = 0; i < xy.length; i += 2) {
      const x = xy[i]
      const y = xy[i + 1]
      // A NaN or infinite vertex is the record's own problem (reproject.ts rejects it), not extent.
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue
      if (x < b[0]) b[0] = x
      if (y < b[1]) b[1] = y
      if (x > b[2]) b[2] = x
      if (y > b[3]) b[3] = y
    }
  for (const member of g.members ?? []) widen(b, member)
}

/**
 * [xmin, ymin, xmax, ymax] over every finite vertex of the .shp at `path`, in its own units,
 * or null when no record has one (an empty file, or null shapes only). Reads the whole file
 * once; throws what ShpReader.open throws for a file that is not a shapefile.
 */
export async function recordsExtent(
  path: string,
  fileName: string,
  limits: ImportLimits,
): Promise<Bounds | null> {
  // The limits are enforced by the import's own pass over the records, in its order (the feature
  // count from the headers first): this pass only measures.
  const shp = await ShpReader.open(path, fileName, { ...limits, maxVertices: Number.POSITIVE_INFINITY })
  const b: Bounds = [Infinity, Infinity, -Infinity, -Infinity]
  try {
    for (let shape = await shp.next(); shape; shape = await shp.next())
      if (shape.geometry) widen(b, shape.geometry)
  } finally {
    await shp.close()
  }
  return b[0] <= b[2] ? b : null
}
