// The extent of GeoJSON we draw ourselves (a project outline, the compliance page's scopes), to
// frame the map on it.

/** [west, south, east, north] of a GeoJSON geometry's coordinates. */
export function geometryBounds(geometry: GeoJSON.Geometry): [number, number, number, number] {
  const box: [number, number, number, number] = [180, 90, -180, -90]
  const walk = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as number[]
      box[0] = Math.min(box[0], x)
      box[1] = Math.min(box[1], y)
      box[2] = Math.max(box[2], x)
      box[3] = Math.max(box[3], y)
    } else for (const part of c as unknown[]) walk(part)
  }
  if (geometry.type !== 'GeometryCollection') walk(geometry.coordinates)
  else
    for (const g of geometry.geometries) {
      const b = geometryBounds(g)
      walk([b[0], b[1]])
      walk([b[2], b[3]])
    }
  return box
}

/** [west, south, east, north] of every geometry of `features`; null when none has one. */
export function featuresBounds(features: GeoJSON.Feature[]): [number, number, number, number] | null {
  const geometries = features.map((f) => f.geometry).filter((g): g is GeoJSON.Geometry => Boolean(g))
  if (geometries.length === 0) return null
  return geometryBounds({ type: 'GeometryCollection', geometries })
}
