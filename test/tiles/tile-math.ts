// Web Mercator tile arithmetic for the tests, from the slippy-map formulas (OSM wiki,
// "Slippy map tilenames"), written apart from the code under test.

/** The XYZ tile of zoom z holding (lon, lat). */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  const x = Math.floor(((lon + 180) / 360) * n)
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
  return { z, x: Math.min(n - 1, x), y: Math.min(n - 1, y) }
}

/** (lon, lat) in tile units of tile z/x/y with the given extent (y down). */
export function toTileUnits(
  lon: number,
  lat: number,
  { z, x, y }: { z: number; x: number; y: number },
  extent: number,
) {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  const wx = ((lon + 180) / 360) * n
  const wy = ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n
  return [(wx - x) * extent, (wy - y) * extent] as const
}
