// Geometries read as WKB (ST_AsBinary), not GeoJSON text: GeoJSON prints at most 15 decimals, so
// a vertex could move by an ulp and a point exactly on a shared border would fall outside both
// areas in memory while ST_Intersects puts it in both. WKB carries the doubles themselves.
import wkx from 'wkx'

/** GeoJSON geometry of WKB bytes (a Buffer from pg, a Uint8Array from PGlite). Throws on bad WKB. */
export function geometryOfWkb<G>(bytes: Uint8Array): G {
  return wkx.Geometry.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toGeoJSON() as G
}
