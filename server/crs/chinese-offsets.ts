// GCJ-02 (AMap, Tencent) and BD-09 (Baidu) are WGS 84 pushed through public obfuscation
// formulas; gcoord implements the forward formulas. Their inverses have no closed form: gcoord's
// BD-09 inverse is a one-step approximation, so both are solved here by fixed-point iteration
// on gcoord's forward functions, to far better than the 0.5 m an import must meet.
import gcoordModule from 'gcoord'

// gcoord is CommonJS with an ES-style .d.ts: Node hands over module.exports as the default
// export, while TypeScript expects it under .default. This works under both readings.
type Gcoord = typeof import('gcoord').default
const gcoord = ((gcoordModule as unknown as { default?: Gcoord }).default ?? gcoordModule) as Gcoord

/** 1e-9° is about 0.1 mm; the iteration stops there or after MAX_STEPS. */
const TOLERANCE = 1e-9
const MAX_STEPS = 30

type Forward = (lon: number, lat: number) => [number, number]

const wgs84ToGcj02: Forward = (lon, lat) =>
  gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]
const gcj02ToBd09: Forward = (lon, lat) =>
  gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.BD09) as [number, number]

/** Solves forward(x) = target for x, starting from x = target (the offsets are small). */
function invert(forward: Forward, lon: number, lat: number): [number, number] {
  let x = lon
  let y = lat
  for (let step = 0; step < MAX_STEPS; step++) {
    const [fx, fy] = forward(x, y)
    const dx = fx - lon
    const dy = fy - lat
    x -= dx
    y -= dy
    if (Math.abs(dx) < TOLERANCE && Math.abs(dy) < TOLERANCE) break
  }
  return [x, y]
}

/** GCJ-02 lon/lat to WGS 84 (outside China gcoord applies no offset, and neither does this). */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  return invert(wgs84ToGcj02, lon, lat)
}

export function bd09ToWgs84(lon: number, lat: number): [number, number] {
  const [gLon, gLat] = invert(gcj02ToBd09, lon, lat)
  return gcj02ToWgs84(gLon, gLat)
}

export { gcj02ToBd09, wgs84ToGcj02 }
