// The checks a track passes before it is stored, each a 400 that says what is wrong, and its
// conversion to storage lon/lat (EPSG:4490) from the request's CRS (e.g. gcj02 from a phone).
import { BadRequest, PayloadTooLarge } from '../errors.ts'
import { type InputCrs, pointToStorage } from '../query/input-crs.ts'
import type { RawTrack, Track } from './track.ts'

/**
 * The track in storage lon/lat with its times.
 * @param maxVertices MAX_VERTICES: more vertices is a 413.
 * @throws BadRequest 'bad_track' for fewer than 2 vertices; 'bad_times' without times, with a
 *   count of times other than of vertices, or times not strictly increasing; 'bad_coordinates' /
 *   'coordinates_out_of_range' for a position outside the CRS's range (input-crs.ts);
 *   'bad_coordinates' for two consecutive fixes at opposite ends of the earth.
 *   PayloadTooLarge for more than `maxVertices` vertices.
 */
export function validateTrack(raw: RawTrack, crs: InputCrs, maxVertices: number): Track {
  const n = raw.coordinates.length
  if (n < 2) throw new BadRequest(`a track has at least 2 fixes, this one has ${n}`, undefined, 'bad_track')
  if (n > maxVertices)
    throw new PayloadTooLarge(`a track has at most ${maxVertices} fixes (MAX_VERTICES), this one has ${n}`)
  const times = raw.times
  if (!times)
    throw new BadRequest(
      'each fix needs its time (GeoJSON properties.times or 4th coordinates, GPX <time>): duration and speed are judged from them',
      undefined,
      'bad_times',
    )
  if (times.length !== n)
    throw new BadRequest(`${times.length} times for ${n} fixes: one time per fix`, undefined, 'bad_times')
  for (let i = 1; i < n; i++)
    if (!(times[i] > times[i - 1]))
      throw new BadRequest(
        `times must increase from fix to fix: fix ${i + 1} (${new Date(times[i]).toISOString()}) is not after fix ${i} (${new Date(times[i - 1]).toISOString()})`,
        undefined,
        'bad_times',
      )
  const coordinates = raw.coordinates.map(([x, y], i) => pointToStorage(crs, x, y, `fix ${i + 1}`))
  for (let i = 1; i < n; i++)
    if (antipodal(coordinates[i - 1], coordinates[i]))
      throw new BadRequest(
        `fixes ${i} and ${i + 1} lie at opposite ends of the earth: no one geodesic joins them`,
        undefined,
        'bad_coordinates',
      )
  return { coordinates, times }
}

/**
 * Whether two lon/lat points (degrees) are antipodal, to within 1e-9 of the unit sphere: PostGIS
 * geography refuses such an edge with an internal error ("Antipodal edge detected").
 */
function antipodal([x1, y1]: [number, number], [x2, y2]: [number, number]): boolean {
  const unit = (lon: number, lat: number) => {
    const [l, p] = [(lon * Math.PI) / 180, (lat * Math.PI) / 180]
    return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)]
  }
  const a = unit(x1, y1)
  const b = unit(x2, y2)
  return a.every((v, k) => Math.abs(v + b[k]) < 1e-9)
}
