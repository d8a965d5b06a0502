// A geometry literal of a filter (WKT read by the grammar, GeoJSON in CQL2 JSON, or BBOX) as a
// storage-CRS geometry: axes in the order filter-crs's authority defines (OGC API Features
// Part 3 §8.3: filter-crs, default CRS84 lon/lat; EPSG:4326 and EPSG:4490 are lat/lon, the
// Gauss–Krüger zones northing/easting), checked and converted by the same code as bbox-crs
// (server/ogc/crs-uri.ts, bbox.ts) and API geometries (server/query/input-geometry.ts).
import type { Geometry } from 'geojson'
import { BadRequest } from '../../errors.ts'
import { resolveRequestCrs } from '../../query/input-crs.ts'
import { geometryToStorage } from '../../query/input-geometry.ts'
import { parseBbox } from '../bbox.ts'
import type { OgcCrs } from '../crs-uri.ts'
import { lonLatBounds } from './dwithin-envelope.ts'

/** A geometry literal as SQL text to bind: GeoJSON or WKT, in storage lon/lat, its size and box. */
export interface StorageLiteral {
  format: 'geojson' | 'wkt'
  text: string
  vertices: number
  /** [west, south, east, north] in storage lon/lat. */
  bounds: [number, number, number, number]
}

// RFC 7946 §3.1: the three simple types, their Multi forms, and collections.
const SIMPLE_TYPES = ['Point', 'LineString', 'Polygon']
const GEOJSON_TYPES = new Set([
  ...SIMPLE_TYPES,
  ...SIMPLE_TYPES.map((t) => `Multi${t}`),
  'GeometryCollection',
])

/** Whether a CQL2 JSON node is a geometry literal (a GeoJSON geometry object or {bbox}). */
export function isGeometryLiteral(node: unknown): node is object {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return false
  const o = node as { type?: unknown; bbox?: unknown; op?: unknown }
  return (typeof o.type === 'string' && GEOJSON_TYPES.has(o.type)) || ('bbox' in o && !('op' in o))
}

// North-first positions swapped to x, y; anything malformed is left for the checks that follow.
function swapAxes(value: unknown, depth = 0): unknown {
  if (!Array.isArray(value) || depth > 6) return value
  if (value.length >= 2 && value.every((v) => typeof v === 'number'))
    return [value[1], value[0], ...value.slice(2)]
  return value.map((v) => swapAxes(v, depth + 1))
}

function swapGeometry(g: { [key: string]: unknown }): unknown {
  if (Array.isArray(g.geometries))
    return { ...g, geometries: g.geometries.map((m) => (m && typeof m === 'object' ? swapGeometry(m) : m)) }
  return { ...g, coordinates: swapAxes(g.coordinates) }
}

/**
 * The literal in storage lon/lat.
 * Input: a GeoJSON geometry (Point … GeometryCollection) or `{bbox: [4 or 6 numbers]}`, with
 * positions in `crs`'s axis order. Output: GeoJSON text, or WKT for a projected BBOX (its edges
 * densified, since a projected rectangle is curved in lon/lat).
 * @throws BadRequest for a malformed geometry (unclosed ring, too few positions, over
 *   `maxVertices`), coordinates outside the CRS's range, or a malformed BBOX.
 */
export function geometryLiteralToStorage(node: object, crs: OgcCrs, maxVertices: number): StorageLiteral {
  try {
    return 'bbox' in node
      ? bboxToStorage(node as { bbox: unknown }, crs)
      : geoJsonToStorage(node, crs, maxVertices)
  } catch (error) {
    // The checks shared with bbox= and API geometries name their own parameter; here it is the filter.
    if (error instanceof BadRequest)
      throw new BadRequest(`filter: ${error.message}`, error.details, 'invalid_filter')
    throw error
  }
}

function bboxToStorage(node: { bbox: unknown }, crs: OgcCrs): StorageLiteral {
  const values = node.bbox
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v)))
    throw new BadRequest('BBOX takes 4 or 6 numbers')
  const area = parseBbox(values.join(','), crs)
  if (area.kind === 'polygon') {
    const numbers = area.wkt.match(/-?[\d.]+(?:e[+-]?\d+)?/gi)?.map(Number) ?? []
    const positions = numbers.flatMap((x, i) => (i % 2 === 0 ? [[x, numbers[i + 1]]] : []))
    return { format: 'wkt', text: area.wkt, vertices: 4, bounds: lonLatBounds(positions) }
  }
  const polygons = area.envelopes.map(([w, s, e, n]) => [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ])
  const text = JSON.stringify({ type: 'MultiPolygon', coordinates: polygons })
  return { format: 'geojson', text, vertices: 4 * polygons.length, bounds: lonLatBounds(polygons.flat(2)) }
}

function* positionsOf(g: Geometry): Generator<number[]> {
  if (g.type === 'GeometryCollection') {
    for (const member of g.geometries) yield* positionsOf(member)
    return
  }
  const walk = function* (c: unknown): Generator<number[]> {
    if (Array.isArray(c) && typeof c[0] === 'number') yield c as number[]
    else if (Array.isArray(c)) for (const x of c) yield* walk(x)
  }
  yield* walk(g.coordinates)
}

function geoJsonToStorage(node: object, crs: OgcCrs, maxVertices: number): StorageLiteral {
  const input = crs.northFirst ? swapGeometry(node as { [key: string]: unknown }) : node
  const { geometry, vertices } = geometryToStorage(input, resolveRequestCrs(crs.uri), maxVertices)
  return {
    format: 'geojson',
    text: JSON.stringify(geometry),
    vertices,
    bounds: lonLatBounds(positionsOf(geometry)),
  }
}
