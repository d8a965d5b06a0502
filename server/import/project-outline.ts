// A planner's project outline from an uploaded GeoJSON or shapefile (issue 12 item 4), read by the
// import's own readers, so DBF encodings, .prj files, zone-prefixed Gauss–Krüger eastings and
// GCJ-02 are understood exactly as an import understands them; nothing is written anywhere.
import type { Geometry } from 'geojson'
import { BadRequest } from '../errors.ts'
import { crsReport } from './crs.ts'
import { geojsonFromFlat } from './geojson-from-flat.ts'
import type { ImportLimits } from './import-limits.ts'
import { openSource } from './import-pipeline.ts'
import type { ImportReport } from './import-report.ts'
import { createReprojector, type Reprojector } from './reproject.ts'
import { discoverSource } from './source-files.ts'
import type { UnzipLimits } from './zip.ts'

export interface ProjectOutline {
  /** One geometry in EPSG:4490 lon/lat: the feature's own, or every feature's gathered in a Multi* (or a GeometryCollection when kinds mix). */
  geometry: Geometry
  features: number
  crs: ImportReport['crs']
  encoding: ImportReport['encoding']
  warnings: string[]
}

const FAMILY = {
  Point: 'MultiPoint',
  MultiPoint: 'MultiPoint',
  LineString: 'MultiLineString',
  MultiLineString: 'MultiLineString',
  Polygon: 'MultiPolygon',
  MultiPolygon: 'MultiPolygon',
} as const

/** The features' geometries as one: a single one as it is, one kind as its Multi*, else a collection. */
function gather(geometries: Geometry[]): Geometry {
  if (geometries.length === 1) return geometries[0]
  const families = new Set<string>(
    geometries.map((g) => FAMILY[g.type as keyof typeof FAMILY] ?? 'GeometryCollection'),
  )
  const [family] = families
  if (families.size > 1 || family === 'GeometryCollection') return { type: 'GeometryCollection', geometries }
  const coordinates = geometries.flatMap((g) =>
    g.type.startsWith('Multi')
      ? (g as { coordinates: unknown[] }).coordinates
      : [(g as { coordinates: unknown }).coordinates],
  )
  return { type: family, coordinates } as Geometry
}

/**
 * Reads the dataset in `paths` (a zip, the parts of one shapefile, or a GeoJSON) as an import
 * would — `crs` and `encoding` override the .prj and .cpg as `--crs`/`--encoding` do — and returns
 * its features' geometries as one, in EPSG:4490 lon/lat. Null shapes are passed over.
 * @throws BadRequest (400) when the files are not one dataset, a record is unusable or misplaced
 *   for its CRS (naming the record), or no record has a shape; what the readers throw (400/413).
 */
export async function readProjectOutline(
  paths: string[],
  options: { crs?: string; encoding?: string; limits: ImportLimits; unzip: UnzipLimits },
): Promise<ProjectOutline> {
  const found = await discoverSource(paths, options.unzip)
  try {
    const source = await openSource(found, options)
    try {
      const geometries: Geometry[] = []
      let reproject: Reprojector | null = null
      for await (const batch of source.records) {
        for (const record of batch) {
          if (record.problem)
            throw new BadRequest(`record #${record.recordNo} of ${found.primary.name}: ${record.problem}`)
          if (!record.geometry) continue
          reproject ??= createReprojector(source.crs())
          const misplaced = reproject(record.geometry)
          if (misplaced)
            throw new BadRequest(`record #${record.recordNo} of ${found.primary.name}: ${misplaced}`)
          geometries.push(geojsonFromFlat(record.geometry))
          if (geometries.length > options.limits.maxFeatures)
            throw new BadRequest(`${found.primary.name} has more than ${options.limits.maxFeatures} features`)
        }
      }
      if (geometries.length === 0) throw new BadRequest(`${found.primary.name} holds no shape to check`)
      return {
        geometry: gather(geometries),
        features: geometries.length,
        crs: crsReport(source.crs()),
        encoding: source.encoding,
        warnings: source.warnings(),
      }
    } finally {
      await source.close().catch(() => {})
    }
  } finally {
    await found.cleanup()
  }
}
