// A GeoJSON geometry (or Feature) sent to the API: checked for structure and size, each problem a
// 400 that names where it is, and reprojected to storage lon/lat. Topology (self-intersection) is
// PostGIS's judgement and is checked in SQL, beside the query that would otherwise trip on it.
import type { Geometry, GeometryCollection, Position } from 'geojson'
import { BadRequest } from '../errors.ts'
import { type InputCrs, pointToStorage } from './input-crs.ts'

const bad = (message: string) => new BadRequest(message, undefined, 'invalid_geometry')

export interface StorageGeometry {
  geometry: Geometry
  vertices: number
}

/** The geometry of a Geometry or a Feature; anything else is a 400. */
export function unwrapGeometry(input: unknown): unknown {
  if (input && typeof input === 'object' && (input as { type?: unknown }).type === 'Feature') {
    const geometry = (input as { geometry?: unknown }).geometry
    if (!geometry) throw bad('geometry: the Feature has no geometry')
    return geometry
  }
  return input
}

class Walker {
  vertices = 0
  constructor(
    private readonly crs: InputCrs,
    private readonly maxVertices: number,
  ) {}

  position(value: unknown, path: string): Position {
    if (!Array.isArray(value) || value.length < 2 || value.length > 4) {
      throw bad(`${path}: a position is an array of 2 (or 3) numbers`)
    }
    if (++this.vertices > this.maxVertices) {
      throw bad(`geometry: more than ${this.maxVertices} vertices (the configured MAX_VERTICES limit)`)
    }
    const [x, y] = value as unknown[]
    if (typeof x !== 'number' || typeof y !== 'number') throw bad(`${path}: coordinates must be numbers`)
    // Z and M are dropped: every question here is asked in two dimensions.
    return pointToStorage(this.crs, x, y, path)
  }

  positions(value: unknown, path: string, min: number, what: string): Position[] {
    if (!Array.isArray(value)) throw bad(`${path}: expected an array of positions`)
    if (value.length < min) throw bad(`${path}: ${what} needs at least ${min} positions, got ${value.length}`)
    return value.map((p, i) => this.position(p, `${path}[${i}]`))
  }

  ring(value: unknown, path: string): Position[] {
    const ring = this.positions(value, path, 4, 'a linear ring')
    const [first, last] = [(value as number[][])[0], (value as number[][])[ring.length - 1]]
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw bad(`${path}: a linear ring must be closed (first and last positions equal)`)
    }
    return ring
  }

  polygon(value: unknown, path: string): Position[][] {
    if (!Array.isArray(value) || value.length === 0) throw bad(`${path}: a polygon needs at least one ring`)
    return value.map((r, i) => this.ring(r, `${path}[${i}]`))
  }

  list<T>(value: unknown, path: string, each: (v: unknown, p: string) => T): T[] {
    if (!Array.isArray(value) || value.length === 0) throw bad(`${path}: expected a non-empty array`)
    return value.map((v, i) => each(v, `${path}[${i}]`))
  }

  geometry(value: unknown, path: string, depth = 0): Geometry {
    if (!value || typeof value !== 'object') throw bad(`${path}: expected a GeoJSON geometry object`)
    const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown }
    const c = `${path}.coordinates`
    switch (g.type) {
      case 'Point':
        return { type: 'Point', coordinates: this.position(g.coordinates, c) }
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: this.positions(g.coordinates, c, 1, 'a MultiPoint') }
      case 'LineString':
        return { type: 'LineString', coordinates: this.positions(g.coordinates, c, 2, 'a LineString') }
      case 'MultiLineString':
        return {
          type: 'MultiLineString',
          coordinates: this.list(g.coordinates, c, (v, p) => this.positions(v, p, 2, 'a LineString')),
        }
      case 'Polygon':
        return { type: 'Polygon', coordinates: this.polygon(g.coordinates, c) }
      case 'MultiPolygon':
        return {
          type: 'MultiPolygon',
          coordinates: this.list(g.coordinates, c, (v, p) => this.polygon(v, p)),
        }
      case 'GeometryCollection': {
        if (depth > 0) throw bad(`${path}: nested GeometryCollections are not accepted`)
        const geometries = this.list(g.geometries, `${path}.geometries`, (v, p) => this.geometry(v, p, 1))
        return { type: 'GeometryCollection', geometries } satisfies GeometryCollection
      }
      default:
        throw bad(
          `${path}: unknown geometry type ${JSON.stringify(g.type)} (expected Point, MultiPoint, LineString, ` +
            'MultiLineString, Polygon, MultiPolygon, GeometryCollection or a Feature)',
        )
    }
  }
}

/** Validates and reprojects; `maxVertices` is the configured MAX_VERTICES. */
export function geometryToStorage(input: unknown, crs: InputCrs, maxVertices: number): StorageGeometry {
  const walker = new Walker(crs, maxVertices)
  const geometry = walker.geometry(unwrapGeometry(input), 'geometry')
  return { geometry, vertices: walker.vertices }
}
