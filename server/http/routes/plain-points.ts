// A batch's points read without a zod parse per point (issue 14: 10 000 points in well under a
// second end to end). Only the common well-formed case is read here; anything else goes through
// the route's zod schema, so malformed input gets the same 400 message as before.

/**
 * The points of a locate batch when every one is well formed as the schema's PointInput has it:
 * `[x, y]` (further numbers allowed and ignored, as z.tuple's rest) or `{ lon, lat }` (other keys
 * ignored, as z.object strips them), all finite numbers. Output: `[x, y]` pairs in input order,
 * in the request's CRS (not converted); null when `value` is not a non-empty array of such
 * points, for the caller to validate it in full. Throws nothing.
 */
export function plainPoints(value: unknown): [number, number][] | null {
  if (!Array.isArray(value) || value.length === 0) return null
  const points: [number, number][] = new Array(value.length)
  for (let i = 0; i < value.length; i++) {
    const p = value[i]
    if (Array.isArray(p)) {
      if (p.length < 2) return null
      for (const n of p) if (typeof n !== 'number' || !Number.isFinite(n)) return null
      points[i] = [p[0], p[1]]
    } else if (p !== null && typeof p === 'object') {
      const { lon, lat } = p as { lon?: unknown; lat?: unknown }
      if (
        typeof lon !== 'number' ||
        !Number.isFinite(lon) ||
        typeof lat !== 'number' ||
        !Number.isFinite(lat)
      )
        return null
      points[i] = [lon, lat]
    } else return null
  }
  return points
}
