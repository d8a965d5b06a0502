// A track sent as GPX 1.1 (application/gpx+xml): read with @xmldom/xmldom and @tmcw/togeojson,
// never by hand. The upload holds one track (<trk>, or a <rte>); the segments of a track are
// joined in order, each fix keeping its <time>. Waypoints are ignored.
import { gpx } from '@tmcw/togeojson'
import { DOMParser } from '@xmldom/xmldom'
import type { Feature, LineString, MultiLineString } from 'geojson'
import { BadRequest } from '../errors.ts'
import { fixTime } from './fix-time.ts'
import type { RawTrack } from './track.ts'

const bad = (message: string) => new BadRequest(message, undefined, 'bad_track')

/**
 * Reads GPX text as a track, coordinates untouched (GPX is WGS 84 lon/lat, or whatever `?crs=`
 * says the device wrote, e.g. gcj02).
 * @throws BadRequest 'bad_track' when the text is not well-formed XML or holds no track, or more
 *   than one, or when a fix is in no line (a one-fix <trkseg>); 'bad_coordinates' when a fix's lat
 *   or lon is no number; 'bad_times' when some fixes have a <time> and others not, or a time is
 *   unreadable. A <rte>'s fix times are read beside togeojson, which keeps only a <trk>'s.
 */
export function parseGpxTrack(text: string): RawTrack {
  let document: ReturnType<DOMParser['parseFromString']>
  try {
    document = new DOMParser({ onError: () => {} }).parseFromString(text, 'application/xml')
  } catch (error) {
    throw bad(`the GPX is not well-formed XML: ${(error as Error).message.split('\n')[0]}`)
  }
  if (document.documentElement?.localName !== 'gpx') throw bad('the body is no GPX document (<gpx> root)')
  refuseFixesWithoutNumbers(document)
  const lines = gpx(document as unknown as Document).features.filter(
    (f): f is Feature<LineString | MultiLineString> =>
      f.geometry?.type === 'LineString' || f.geometry?.type === 'MultiLineString',
  )
  if (lines.length !== 1)
    throw bad(`a GPX upload holds one track (<trk> or <rte>) with its fixes, this one holds ${lines.length}`)
  const [line] = lines
  const parts = line.geometry.type === 'LineString' ? [line.geometry.coordinates] : line.geometry.coordinates
  const fix = line.properties?._gpxType === 'rte' ? 'rtept' : 'trkpt'
  const sent = document.getElementsByTagName(fix).length
  const read = parts.reduce((n, part) => n + part.length, 0)
  if (read !== sent)
    throw bad(
      `${sent - read} of ${sent} fixes (<${fix}>) are in no line: a <trkseg> needs at least 2 fixes, and an upload holds one <trk>`,
    )
  // togeojson keeps the <time> of track fixes only; a route's are read beside it, fix by fix.
  const given =
    fix === 'rtept'
      ? routeTimes(document)
      : (line.properties?.coordinateProperties as { times?: unknown } | undefined)?.times
  const partTimes: unknown[][] | undefined =
    given === undefined
      ? undefined
      : line.geometry.type === 'LineString'
        ? [given as unknown[]]
        : (given as unknown[][])
  const coordinates: [number, number][] = parts.flat().map((p) => [p[0], p[1]])
  if (partTimes === undefined) return { coordinates, times: null }
  const flatTimes = partTimes.flat()
  if (flatTimes.length !== coordinates.length || flatTimes.some((t) => t === null || t === undefined))
    throw new BadRequest('every fix (<trkpt>) of the track needs its <time>, or none', undefined, 'bad_times')
  return { coordinates, times: flatTimes.map((t, i) => fixTime(t, `fix ${i + 1}'s <time>`)) }
}

/**
 * togeojson skips a fix whose lat or lon does not parse as a number, and its time with it, so
 * the track would be stored short of it without a word: such a fix is refused instead.
 * @throws BadRequest 'bad_coordinates' naming the fix (1-based, per element name).
 */
function refuseFixesWithoutNumbers(document: ReturnType<DOMParser['parseFromString']>): void {
  for (const name of ['trkpt', 'rtept']) {
    const fixes = document.getElementsByTagName(name)
    for (let i = 0; i < fixes.length; i++) {
      const lat = fixes[i].getAttribute('lat')
      const lon = fixes[i].getAttribute('lon')
      if (Number.isNaN(Number.parseFloat(lat ?? '')) || Number.isNaN(Number.parseFloat(lon ?? '')))
        throw new BadRequest(
          `fix ${i + 1} (<${name}>): lat and lon are numbers, got lat=${JSON.stringify(lat)} lon=${JSON.stringify(lon)}`,
          undefined,
          'bad_coordinates',
        )
    }
  }
}

/** The <time> text of each <rtept> in order (null where it has none), or undefined when none has one. */
function routeTimes(document: ReturnType<DOMParser['parseFromString']>): (string | null)[] | undefined {
  const fixes = document.getElementsByTagName('rtept')
  const times = Array.from({ length: fixes.length }, (_, i) => {
    const time = fixes[i].getElementsByTagName('time')[0]
    return time ? (time.textContent ?? '') : null
  })
  return times.some((t) => t !== null) ? times : undefined
}
