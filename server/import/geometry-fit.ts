// What of a source geometry the target layer can hold, decided before the loader sees it, so
// that nothing is dropped silently: the loader's ST_CollectionExtract would quietly lose a Point
// inside a GeometryCollection loaded into a polygon layer, and would call an empty MultiPolygon
// "not MultiPolygon". Here empties become skips and unfit collection members become listed
// drops, each with its record number (issue 8, kinds 4 and 5).
import type { GeometryKind } from '../layers/registry.ts'
import { type FlatGeometry, vertexCount } from '../load/flat-geometry.ts'

export type GeometryFit =
  /** Load this geometry; `dropped` says which collection members were left out, and why. */
  | { geometry: FlatGeometry; dropped: string[] }
  /** Handle like a null geometry: the reason names it an empty geometry. */
  | { empty: string }
  /** Nothing in it fits the layer: reject the record. */
  | { problem: string; dropped: string[] }

/** Topological dimension of a simple type: 0 points, 1 lines, 2 polygons. */
const DIMENSION: Record<Exclude<FlatGeometry['type'], 'GeometryCollection'>, number> = {
  Point: 0,
  MultiPoint: 0,
  LineString: 1,
  MultiLineString: 1,
  Polygon: 2,
  MultiPolygon: 2,
}

const LAYER_DIMENSION: Record<GeometryKind, number> = {
  Point: 0,
  LineString: 1,
  MultiLineString: 1,
  MultiPolygon: 2,
}

const NOUN = ['points', 'lines', 'polygons']

/** The simple geometries of a collection, nested collections opened, numbered from 1 in order. */
function leaves(g: FlatGeometry): FlatGeometry[] {
  return g.type === 'GeometryCollection' ? (g.members ?? []).flatMap(leaves) : [g]
}

/**
 * Decides what of `geometry` a layer of `kind` stores.
 * Input: a flat geometry as read (any type, lon/lat or source CRS: only structure is looked at).
 * Output: the geometry to load with the members dropped from it described; or `empty` (no
 * coordinate at all: `[]`, `[[]]`, an empty collection; RFC 7946 §3.1 allows them, and they
 * carry nothing to store); or `problem` when no member of a collection has the layer's dimension.
 * A simple geometry of another dimension is left to the loader, which rejects it by its type.
 */
export function fitGeometry(geometry: FlatGeometry, kind: GeometryKind): GeometryFit {
  if (vertexCount(geometry) === 0) {
    const what =
      geometry.type === 'GeometryCollection' && (geometry.members?.length ?? 0) === 0
        ? 'a GeometryCollection with no members'
        : `a ${geometry.type} with no coordinates`
    return { empty: `empty geometry (${what})` }
  }
  if (geometry.type !== 'GeometryCollection') return { geometry, dropped: [] }
  const want = LAYER_DIMENSION[kind]
  const kept: FlatGeometry[] = []
  const dropped: string[] = []
  for (const [i, member] of leaves(geometry).entries()) {
    const type = member.type as keyof typeof DIMENSION
    if (vertexCount(member) === 0) dropped.push(`GeometryCollection member ${i + 1} (${type}) is empty`)
    else if (DIMENSION[type] !== want)
      dropped.push(
        `GeometryCollection member ${i + 1} (${type}) dropped: layer kind ${kind} holds only ${NOUN[want]}`,
      )
    else kept.push(member)
  }
  if (kept.length === 0)
    return {
      problem: `no member of the GeometryCollection is one of the ${NOUN[want]} a ${kind} layer holds`,
      dropped,
    }
  return { geometry: { type: 'GeometryCollection', parts: [], members: kept }, dropped }
}
