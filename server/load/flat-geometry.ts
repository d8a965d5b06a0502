// Geometry as flat coordinate arrays, the form shapes travel in from reader to COPY. A GeoJSON
// position is an array object per vertex; at two million vertices that allocation, and
// walking it again to write WKB, was most of an import's JavaScript time. Here a part is one
// Float64Array of x,y pairs: a shapefile's points are copied in with one memcpy, reprojected in
// place, and copied out into the EWKB with another (WKB doubles are little-endian, as are
// Float64Arrays on every platform Node runs on).
import type { Geometry, Position } from 'geojson'

export interface FlatGeometry {
  type:
    | 'Point'
    | 'MultiPoint'
    | 'LineString'
    | 'MultiLineString'
    | 'Polygon'
    | 'MultiPolygon'
    | 'GeometryCollection'
  /**
   * x,y pairs: the point (none for an empty point), all points of a MultiPoint, the line(s),
   * or the rings (of every polygon of a MultiPolygon, in order).
   */
  parts: Float64Array[]
  /** MultiPolygon: how many of `parts` each polygon has. */
  ringCounts?: number[]
  /** GeometryCollection members. */
  members?: FlatGeometry[]
}

export class GeometryEncodingError extends Error {}

const WKB_TYPE = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
} as const
const SRID_FLAG = 0x20000000

export function isFlat(g: Geometry | FlatGeometry): g is FlatGeometry {
  return Array.isArray((g as FlatGeometry).parts)
}

function fail(message: string): never {
  throw new GeometryEncodingError(message)
}

function pack(positions: unknown, what: string): Float64Array {
  if (!Array.isArray(positions)) fail(`${what} must be an array of positions`)
  const out = new Float64Array(positions.length * 2)
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i] as Position
    const x = p?.[0]
    const y = p?.[1]
    if (typeof x !== 'number' || typeof y !== 'number')
      fail(`position ${JSON.stringify(p)} is not a pair of numbers`)
    out[2 * i] = x
    out[2 * i + 1] = y
  }
  return out
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) fail(`${what} must be an array`)
  return value
}

/** Flattens GeoJSON (2D: Z and M are dropped), checking its structure on the way. */
export function flatFromGeoJSON(g: Geometry, depth = 0): FlatGeometry {
  if (depth > 8) fail('geometry collections nested too deeply')
  switch (g?.type) {
    case 'Point':
      return {
        type: 'Point',
        parts: list(g.coordinates, 'Point').length === 0 ? [] : [pack([g.coordinates], 'Point')],
      }
    case 'MultiPoint':
      return { type: 'MultiPoint', parts: [pack(g.coordinates, 'MultiPoint')] }
    case 'LineString':
      return { type: 'LineString', parts: [pack(g.coordinates, 'LineString')] }
    case 'MultiLineString':
      return { type: 'MultiLineString', parts: list(g.coordinates, g.type).map((l) => pack(l, 'a line')) }
    case 'Polygon':
      return { type: 'Polygon', parts: list(g.coordinates, g.type).map((r) => pack(r, 'a ring')) }
    case 'MultiPolygon': {
      const polygons = list(g.coordinates, g.type).map((p) => list(p, 'a polygon'))
      return {
        type: 'MultiPolygon',
        parts: polygons.flatMap((rings) => rings.map((r) => pack(r, 'a ring'))),
        ringCounts: polygons.map((rings) => rings.length),
      }
    }
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        parts: [],
        members: list(g.geometries, g.type).map((m) => flatFromGeoJSON(m as Geometry, depth + 1)),
      }
    default:
      return fail(`unknown geometry type ${JSON.stringify((g as { type?: unknown })?.type)}`)
  }
}

export function vertexCount(g: FlatGeometry): number {
  let n = 0
  for (const part of g.parts) n += part.length / 2
  for (const member of g.members ?? []) n += vertexCount(member)
  return n
}

function byteSize(g: FlatGeometry): number {
  switch (g.type) {
    case 'Point':
      return 21
    case 'MultiPoint':
      return 9 + 21 * (g.parts[0].length / 2)
    case 'LineString':
      return 9 + g.parts[0].length * 8
    case 'MultiLineString':
      return g.parts.reduce((n, l) => n + 9 + l.length * 8, 9)
    case 'Polygon':
      return g.parts.reduce((n, r) => n + 4 + r.length * 8, 9)
    case 'MultiPolygon':
      return g.parts.reduce((n, r) => n + 4 + r.length * 8, 9 + 9 * (g.ringCounts?.length ?? 0))
    case 'GeometryCollection':
      return (g.members ?? []).reduce((n, m) => n + byteSize(m), 9)
  }
}

class Writer {
  offset = 0
  constructor(readonly bytes: Buffer) {}
  header(type: number, srid?: number) {
    this.bytes[this.offset] = 1 // little-endian
    if (srid === undefined) {
      this.bytes.writeUInt32LE(type, this.offset + 1)
      this.offset += 5
    } else {
      this.bytes.writeUInt32LE((type | SRID_FLAG) >>> 0, this.offset + 1)
      this.bytes.writeUInt32LE(srid, this.offset + 5)
      this.offset += 9
    }
  }
  uint(n: number) {
    this.bytes.writeUInt32LE(n, this.offset)
    this.offset += 4
  }
  /** The doubles, copied as they lie in memory; NaN would silently become EMPTY in PostGIS. */
  doubles(values: Float64Array) {
    for (let i = 0; i < values.length; i++)
      if (!Number.isFinite(values[i])) fail(`coordinate ${values[i]} is not a finite number`)
    this.offset += Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(
      this.bytes,
      this.offset,
    )
  }
  points(part: Float64Array) {
    this.uint(part.length / 2)
    this.doubles(part)
  }
}

function write(w: Writer, g: FlatGeometry, srid?: number) {
  w.header(WKB_TYPE[g.type], srid)
  switch (g.type) {
    case 'Point':
      if (g.parts.length === 0) {
        w.bytes.writeDoubleLE(Number.NaN, w.offset) // WKB's EMPTY point
        w.bytes.writeDoubleLE(Number.NaN, w.offset + 8)
        w.offset += 16
      } else w.doubles(g.parts[0].subarray(0, 2))
      return
    case 'LineString':
      return w.points(g.parts[0])
    case 'Polygon':
      w.uint(g.parts.length)
      for (const ring of g.parts) w.points(ring)
      return
    case 'MultiPoint': {
      const all = g.parts[0]
      w.uint(all.length / 2)
      for (let i = 0; i < all.length; i += 2) {
        w.header(WKB_TYPE.Point)
        w.doubles(all.subarray(i, i + 2))
      }
      return
    }
    case 'MultiLineString':
      w.uint(g.parts.length)
      for (const line of g.parts) {
        w.header(WKB_TYPE.LineString)
        w.points(line)
      }
      return
    case 'MultiPolygon': {
      const counts = g.ringCounts ?? []
      w.uint(counts.length)
      let ring = 0
      for (const count of counts) {
        w.header(WKB_TYPE.Polygon)
        w.uint(count)
        for (let k = 0; k < count; k++) w.points(g.parts[ring++])
      }
      return
    }
    case 'GeometryCollection':
      w.uint(g.members?.length ?? 0)
      for (const member of g.members ?? []) write(w, member)
      return
  }
}

/** EWKB (little-endian, 2D, with SRID) as hex, the text form PostGIS's geometry input reads. */
export function flatToEwkbHex(g: FlatGeometry, srid: number): string {
  const bytes = Buffer.allocUnsafe(byteSize(g) + 4)
  const w = new Writer(bytes)
  write(w, g, srid)
  return bytes.toString('hex', 0, w.offset)
}
