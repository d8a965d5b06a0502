// The inverse of load/flat-geometry.ts's flatFromGeoJSON, for what leaves the pipeline as GeoJSON
// rather than EWKB: the dry run's sample features and a project outline for /api/intrusion.
import type { Geometry, Position } from 'geojson'
import type { FlatGeometry } from '../load/flat-geometry.ts'

/** 1e-7° ≈ 1 cm: finer digits only bloat a sample drawn on a map. */
const round = (v: number) => Math.round(v * 1e7) / 1e7

function positions(xy: Float64Array): Position[] {
  const out: Position[] = []
  for (let i = 0; i < xy.length; i += 2) out.push([round(xy[i]), round(xy[i + 1])])
  return out
}

/**
 * A flat geometry (x,y pairs, lon/lat once reprojected) as GeoJSON, coordinates rounded to 1e-7.
 * A MultiPolygon's rings are regrouped by `ringCounts` (one polygon when absent).
 */
export function geojsonFromFlat(g: FlatGeometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: g.parts[0] ? positions(g.parts[0])[0] : [] }
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.parts.flatMap(positions) }
    case 'LineString':
      return { type: 'LineString', coordinates: g.parts[0] ? positions(g.parts[0]) : [] }
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.parts.map(positions) }
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.parts.map(positions) }
    case 'MultiPolygon': {
      const counts = g.ringCounts ?? [g.parts.length]
      const polygons: Position[][][] = []
      let next = 0
      for (const n of counts) {
        polygons.push(g.parts.slice(next, next + n).map(positions))
        next += n
      }
      return { type: 'MultiPolygon', coordinates: polygons }
    }
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: (g.members ?? []).map(geojsonFromFlat) }
  }
}
