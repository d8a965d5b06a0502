// Output geometry in the CRS a request asked for (Part 2): every position of a GeoJSON geometry
// read from storage is converted and put in the authority's axis order.
import type { Geometry, Position } from 'geojson'
import { type OgcCrs, positionFromStorage } from './crs-uri.ts'

const reposition = (crs: OgcCrs, p: Position): Position => positionFromStorage(crs, p[0], p[1])

/**
 * `geometry` (storage lon/lat, as ST_AsGeoJSON writes it) with every position in `crs`, axes in
 * the authority's order (crs-uri.ts). A CRS84 request gets the geometry back unchanged.
 */
export function reprojectGeometry(geometry: Geometry, crs: OgcCrs): Geometry {
  if (!crs.fromStorage && !crs.northFirst) return geometry
  const one = (p: Position) => reposition(crs, p)
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: one(geometry.coordinates) }
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(one) } as Geometry
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((r) => r.map(one)) } as Geometry
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map((r) => r.map(one))) }
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((g) => reprojectGeometry(g, crs)),
      }
  }
}
