// A track sent as GeoJSON (RFC 7946): a Feature whose geometry is a LineString, or a bare
// LineString. Per-fix times come in properties.times (one per vertex) or as each position's 4th
// value ([x, y, z, t]); the chief may be named in properties.chief_id.
import { BadRequest } from '../errors.ts'
import { fixTime } from './fix-time.ts'
import type { RawTrack } from './track.ts'

const bad = (message: string) => new BadRequest(message, undefined, 'bad_track')

/**
 * Reads the parsed JSON `body` as a track, coordinates untouched (request CRS).
 * @throws BadRequest 'bad_track' when it is no Feature/LineString or a position is not numbers;
 *   'bad_times' when both kinds of times are given, or a time is unreadable (fix-time.ts).
 */
export function parseGeoJsonTrack(body: unknown): RawTrack {
  const object = body as { type?: unknown; geometry?: unknown; properties?: unknown } | null
  if (!object || typeof object !== 'object' || Array.isArray(object))
    throw bad('the body is a GeoJSON Feature with a LineString geometry, or a LineString')
  const feature = object.type === 'Feature'
  const geometry = (feature ? object.geometry : object) as { type?: unknown; coordinates?: unknown } | null
  if (geometry?.type !== 'LineString' || !Array.isArray(geometry.coordinates))
    throw bad(
      `the track must be a LineString (a Feature's geometry or the body itself), got ${String(geometry?.type ?? object.type)}`,
    )
  const properties = (
    feature && object.properties && typeof object.properties === 'object' ? object.properties : {}
  ) as {
    times?: unknown
    chief_id?: unknown
  }
  const positions = geometry.coordinates as unknown[]
  const coordinates: [number, number][] = []
  const fourth: unknown[] = []
  positions.forEach((p, i) => {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      p.length > 4 ||
      !p.slice(0, 3).every((v) => typeof v === 'number')
    )
      throw bad(`coordinates[${i}] is [x, y], [x, y, z] or [x, y, z, time], got ${JSON.stringify(p)}`)
    coordinates.push([p[0], p[1]])
    if (p.length === 4) fourth.push(p[3])
  })
  if (fourth.length > 0 && properties.times !== undefined)
    throw new BadRequest(
      'times come either in properties.times or as 4th coordinates, not both',
      undefined,
      'bad_times',
    )
  let times: number[] | null = null
  if (properties.times !== undefined) {
    if (!Array.isArray(properties.times))
      throw new BadRequest('properties.times is an array of times, one per vertex', undefined, 'bad_times')
    times = properties.times.map((t, i) => fixTime(t, `properties.times[${i}]`))
  } else if (fourth.length > 0) {
    if (fourth.length !== coordinates.length)
      throw new BadRequest(
        `${fourth.length} of ${coordinates.length} positions carry a 4th value (time): all or none`,
        undefined,
        'bad_times',
      )
    times = fourth.map((t, i) => fixTime(t, `coordinates[${i}][3]`))
  }
  const chief = properties.chief_id
  if (chief !== undefined && (typeof chief !== 'string' || chief.trim() === ''))
    throw bad('properties.chief_id is the chief id as a string')
  return { coordinates, times, chiefId: typeof chief === 'string' ? chief.trim() : undefined }
}
