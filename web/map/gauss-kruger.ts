// CGCS2000 3° Gauss–Krüger eastings and northings for the coordinate readout. Kunming spans
// 102.2°–103.7°E, across the zone 34 (CM 102°E) and zone 35 (CM 105°E) of the 3° system that
// survey drawings of the city use. The definitions are epsg-index's, the same as server/crs reads.

import zone34 from 'epsg-index/s/4522.json' with { type: 'json' }
import zone35 from 'epsg-index/s/4523.json' with { type: 'json' }
import proj4 from 'proj4'

export interface GaussKrugerXY {
  /** EPSG code of the zone's projected system (4522: zone 34, 4523: zone 35). */
  epsg: number
  zone: 34 | 35
  /** Metres, with the zone number in front (false easting zone × 10⁶ + 500 000). */
  easting: number
  /** Metres from the equator. */
  northing: number
}

// EPSG:4490, geographic CGCS2000 on the GRS80 ellipsoid: the storage CRS.
const CGCS2000 = '+proj=longlat +ellps=GRS80 +no_defs'
const ZONES = [
  { zone: 34 as const, epsg: 4522, convert: proj4(CGCS2000, zone34.proj4!) },
  { zone: 35 as const, epsg: 4523, convert: proj4(CGCS2000, zone35.proj4!) },
]

/**
 * `[lon, lat]` (EPSG:4490 degrees) in both zones 34 and 35, the zone whose central meridian is
 * nearer first (a 3° zone covers CM ± 1.5°; the other is shown too because drawings near 103.5°E
 * use either).
 */
export function gaussKruger(lon: number, lat: number): GaussKrugerXY[] {
  const xy = ZONES.map(({ zone, epsg, convert }) => {
    const [easting, northing] = convert.forward([lon, lat])
    return { zone, epsg, easting, northing }
  })
  return Math.abs(lon - 102) <= Math.abs(lon - 105) ? xy : xy.reverse()
}
