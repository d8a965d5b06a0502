// Geometry helpers for the demo generator: a local metric projection, distances, rounding and
// ring normalisation (RFC 7946 winding), and thin wrappers around turf's overlays (polyclip).
// Planar predicates and indexes that turf lacks, or has far too slowly for ~10^5 calls, are in
// planar.ts.
import * as turf from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'

export type XY = [number, number]
export type Ring = Position[]
/** Polygons as coordinate arrays: [polygon][ring][vertex]. */
export type MultiCoords = Position[][][]

/** Earth radius used by turf, so our metres agree with turf.length/turf.area. */
export const EARTH_R = 6371008.8
const DEG = Math.PI / 180

/** 7 decimals of a degree ≈ 1 cm: the output precision of every coordinate. */
export const r7 = (v: number) => Math.round(v * 1e7) / 1e7
export const round7 = (p: Position): Position => [r7(p[0]), r7(p[1])]
export const samePos = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]
export const posKey = (p: Position) => `${p[0]},${p[1]}`

/** Equirectangular projection around a prefecture's centre. Within ±1.5° of latitude the scale
 * error is <3 %, which is fine for *synthesising* shapes; lengths and areas that end up in the
 * output are measured with turf on the sphere. It is affine, so straight segments stay straight
 * and topology computed in metres holds in degrees. */
export class Projector {
  readonly kx: number
  readonly ky: number
  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.ky = EARTH_R * DEG
    this.kx = EARTH_R * DEG * Math.cos(lat0 * DEG)
  }
  fwd(p: Position): XY {
    return [(p[0] - this.lon0) * this.kx, (p[1] - this.lat0) * this.ky]
  }
  inv(p: XY): Position {
    return [this.lon0 + p[0] / this.kx, this.lat0 + p[1] / this.ky]
  }
}

/** Great-circle distance in metres (haversine, turf's radius). */
export function distM(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * DEG
  const dLon = (b[0] - a[0]) * DEG
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_R * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function lineLengthM(coords: Position[]): number {
  let s = 0
  for (let i = 1; i < coords.length; i++) s += distM(coords[i - 1], coords[i])
  return s
}

/** Point at `fraction` of the length of a polyline (lon/lat, linear interpolation per segment). */
export function pointAlong(coords: Position[], fraction: number): { pos: Position; seg: number } {
  const total = lineLengthM(coords)
  let target = total * Math.min(1, Math.max(0, fraction))
  for (let i = 1; i < coords.length; i++) {
    const d = distM(coords[i - 1], coords[i])
    if (target <= d || i === coords.length - 1) {
      const t = d > 0 ? Math.min(1, target / d) : 0
      const a = coords[i - 1]
      const b = coords[i]
      return { pos: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], seg: i - 1 }
    }
    target -= d
  }
  return { pos: coords[0], seg: 0 }
}

/** Signed planar area (shoelace); positive means counter-clockwise. */
export function ringSignedArea(r: Ring): number {
  let s = 0
  for (let i = 0, n = r.length - 1; i < n; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1]
  return s / 2
}

/** Round a ring to 7 decimals, drop repeated vertices and spikes that rounding created, close it.
 * Returns null when nothing with area is left. */
export function cleanRing(r: Ring): Ring | null {
  const out: Position[] = []
  for (const p of r) {
    const q = round7(p)
    if (out.length && samePos(out[out.length - 1], q)) continue
    out.push(q)
  }
  if (out.length && samePos(out[0], out[out.length - 1])) out.pop()
  // A-B-A spikes (zero-width) are invalid rings in OGC terms; rounding can create them.
  let changed = true
  while (changed && out.length >= 3) {
    changed = false
    for (let i = 0; i < out.length && out.length >= 3; i++) {
      const a = out[(i + out.length - 1) % out.length]
      const c = out[(i + 1) % out.length]
      if (samePos(a, c)) {
        out.splice(i, 1)
        // removing b leaves a,a adjacent: drop one of them too
        const j = i % out.length
        out.splice(j, 1)
        changed = true
      }
    }
  }
  if (out.length < 3) return null
  out.push(out[0])
  if (Math.abs(ringSignedArea(out)) < 1e-14) return null
  return out
}

/** Round, clean and wind polygons the RFC 7946 way: outer rings counter-clockwise, holes clockwise. */
export function normalizeMulti(mc: MultiCoords): MultiCoords {
  const out: MultiCoords = []
  for (const poly of mc) {
    const outer = poly.length ? cleanRing(poly[0]) : null
    if (!outer) continue
    if (ringSignedArea(outer) < 0) outer.reverse()
    const rings = [outer]
    for (const h of poly.slice(1)) {
      const hole = cleanRing(h)
      if (!hole) continue
      if (ringSignedArea(hole) > 0) hole.reverse()
      rings.push(hole)
    }
    out.push(rings)
  }
  return out
}

export function multiOf(g: Polygon | MultiPolygon | null | undefined): MultiCoords {
  if (!g) return []
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
}

export const mpFeature = (mc: MultiCoords): Feature<MultiPolygon> => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'MultiPolygon', coordinates: mc },
})

export function intersectMC(a: MultiCoords, b: MultiCoords): MultiCoords {
  if (!a.length || !b.length) return []
  const r = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([mpFeature(a), mpFeature(b)]))
  return normalizeMulti(multiOf(r?.geometry))
}

export function unionMC(parts: MultiCoords[]): MultiCoords {
  const fs = parts.filter((p) => p.length).map(mpFeature)
  if (!fs.length) return []
  if (fs.length === 1) return normalizeMulti(fs[0].geometry.coordinates)
  const r = turf.union(turf.featureCollection<Polygon | MultiPolygon>(fs))
  return normalizeMulti(multiOf(r?.geometry))
}

export function differenceMC(a: MultiCoords, ...minus: MultiCoords[]): MultiCoords {
  const m = minus.filter((p) => p.length)
  if (!a.length) return []
  if (!m.length) return a
  const r = turf.difference(
    turf.featureCollection<Polygon | MultiPolygon>([mpFeature(a), ...m.map(mpFeature)]),
  )
  return normalizeMulti(multiOf(r?.geometry))
}

export function bboxOfMC(mc: MultiCoords): [number, number, number, number] {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const poly of mc)
    for (const p of poly[0]) {
      if (p[0] < x0) x0 = p[0]
      if (p[0] > x1) x1 = p[0]
      if (p[1] < y0) y0 = p[1]
      if (p[1] > y1) y1 = p[1]
    }
  return [x0, y0, x1, y1]
}

/** Sutherland–Hodgman cut of a polygon to a box (turf.bboxClip), keeping only usable rings. The
 * result may contain zero-width bridges along the box edge, so use it only as an operand of an
 * overlay whose result does not depend on them (the other operand stays inside the box, or it is
 * subtracted). */
export function clipToBox(mc: MultiCoords, box: [number, number, number, number]): MultiCoords {
  const cut = turf.bboxClip(mpFeature(mc) as Feature<Polygon | MultiPolygon>, box)
  const pieces: MultiCoords = []
  for (const poly of multiOf(cut.geometry as Polygon | MultiPolygon)) {
    const rings = poly.filter((r) => r.length >= 4)
    if (rings.length && poly[0].length >= 4) pieces.push(rings)
  }
  return pieces
}

/** `small ∩ big` where `big` has thousands of vertices (a city outline, a basin).
 * polyclip-ts (turf.intersect) does exact arithmetic and costs ~80 ms against a 2,000-vertex
 * outline; cutting `big` down to the bbox of `small` first (Sutherland–Hodgman, via
 * turf.bboxClip) makes it ~4 ms. The degenerate "bridges" that Sutherland–Hodgman leaves on the
 * bbox edge lie outside `small` (the bbox is padded), so the intersection removes them. */
export function clipToBig(small: MultiCoords, big: MultiCoords): MultiCoords {
  if (!small.length || !big.length) return []
  const [x0, y0, x1, y1] = bboxOfMC(small)
  const pad = Math.max(x1 - x0, y1 - y0) * 0.01 + 1e-4
  const pieces = clipToBox(big, [x0 - pad, y0 - pad, x1 + pad, y1 + pad])
  if (!pieces.length) return []
  return intersectMC(small, pieces)
}

export function areaKm2(mc: MultiCoords): number {
  return mc.length ? turf.area(mpFeature(mc)) / 1e6 : 0
}

export const ringsOf = (mc: MultiCoords): Position[][] => mc.flat()
