// POST /api/patrols on a hand-made fixture, on every engine: coverage, validity and the answer's
// measures against values computed here by GeographicLib and by hand (never by PostGIS), the
// GCJ-02 and GPX twins of a track, chief tokens, the 4xx of bad uploads (which leave no row), and
// re-evaluation of stale patrols after an assignment changes.
//
// Layout (lon/lat, EPSG:4490): reach PR1 along the meridian 102.7°E from 24.5° to 25.5°N (about
// 110.7 km; a meridian is a geodesic, so the straight line in lon/lat is the line on the
// ellipsoid), held by county chief K. PR2 along 102.9°E from 25.0° to 25.02°N, held by township
// chief T and county chief K2. Area AR1 (township chief A) holds PR3 (103.1°E) and PR4 (103.15°E),
// both from 25.0° to 25.03°N. Lake LK1, the square [103.3, 103.31]°E × [25.0, 25.01]°N, is held by
// lake chief L.
import gcoordModule from 'gcoord'
import geographiclib from 'geographiclib-geodesic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { evaluatePatrols } from '../../server/patrols/evaluate.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from '../tiles/decoded-tile.ts'
import { tileAt } from '../tiles/tile-math.ts'

const gcoord = gcoordModule as unknown as typeof gcoordModule.default
const { Geodesic } = geographiclib
type LonLat = [number, number]

const NEAR_M = 150
const RULES = { minMinutes: 30, minKmLocal: 2, maxKmh: 150, nearM: NEAR_M }

const FIXTURE = [
  `INSERT INTO chiefs (id, name, position) VALUES
     ('K', '县河长', '县长'), ('K2', '县河长二', '副县长'), ('T', '乡河长', '乡长'), ('A', '片区河长', '镇长'),
     ('L', '湖长', '副县长')`,
  `INSERT INTO lakes (code, name, kind, geom) VALUES
     ('LK1', '方湖', 'lake', 'SRID=4490;MULTIPOLYGON(((103.3 25.0, 103.31 25.0, 103.31 25.01, 103.3 25.01, 103.3 25.0)))')`,
  `INSERT INTO reaches (code, name, geom) VALUES
     ('PR1', '子午河', 'SRID=4490;LINESTRING(102.7 24.5, 102.7 25.5)'),
     ('PR2', '短河', 'SRID=4490;LINESTRING(102.9 25.0, 102.9 25.02)'),
     ('PR3', '甲沟', 'SRID=4490;LINESTRING(103.1 25.0, 103.1 25.03)'),
     ('PR4', '乙沟', 'SRID=4490;LINESTRING(103.15 25.0, 103.15 25.03)')`,
  `INSERT INTO chief_areas (code, name, level, geom) VALUES
     ('AR1', '片区', 'township', 'SRID=4490;MULTIPOLYGON(((103.05 24.99, 103.2 24.99, 103.2 25.04, 103.05 25.04, 103.05 24.99)))')`,
  `INSERT INTO assignments (chief_id, level, role, scope_kind, scope_code, valid_from) VALUES
     ('K', 'county', 'chief', 'reach', 'PR1', '2020-01-01'),
     ('T', 'township', 'chief', 'reach', 'PR2', '2020-01-01'),
     ('K2', 'county', 'chief', 'reach', 'PR2', '2020-01-01'),
     ('A', 'township', 'chief', 'area', 'AR1', '2020-01-01'),
     ('L', 'county', 'chief', 'lake', 'LK1', '2020-01-01')`,
]

/** Geodesic metres between two lon/lat points (GeographicLib on WGS 84; CGCS2000's f differs by 1e-11). */
const metres = (a: LonLat, b: LonLat) => Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).s12 as number
const lengthOf = (c: LonLat[]) => c.slice(1).reduce((sum, p, i) => sum + metres(c[i], p), 0)

/** n + 1 points on the meridian `lon` from `lat0` to `lat1`. */
const meridian = (lon: number, lat0: number, lat1: number, n: number): LonLat[] =>
  Array.from({ length: n + 1 }, (_, k) => [lon, lat0 + ((lat1 - lat0) * k) / n])

const START = Date.parse('2026-05-01T08:00:00+08:00')
/** One time per fix, `stepS` seconds apart, from 08:00 Kunming time on 1 May 2026. */
const everySeconds = (n: number, stepS: number) =>
  Array.from({ length: n }, (_, i) => START + i * stepS * 1000)
const iso = (ms: number) => new Date(ms).toISOString()

const feature = (coordinates: LonLat[], times: number[], chiefId?: string) => ({
  type: 'Feature',
  properties: { times: times.map(iso), ...(chiefId ? { chief_id: chiefId } : {}) },
  geometry: { type: 'LineString', coordinates },
})

const gpxOf = (coordinates: LonLat[], times: number[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>巡河</name><trkseg>
${coordinates.map(([lon, lat], i) => `    <trkpt lat="${lat}" lon="${lon}"><time>${iso(times[i])}</time></trkpt>`).join('\n')}
  </trkseg></trk>
</gpx>`

/** Largest speed between consecutive fixes (km/h), by GeographicLib. */
const topSpeed = (c: LonLat[], times: number[]) =>
  Math.max(...c.slice(1).map((p, i) => (metres(c[i], p) / ((times[i + 1] - times[i]) / 1000)) * 3.6))

const near = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    Math.abs(expected) * relative,
  )

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let staff: string
  let chiefT: string

  const upload = async (
    body: unknown,
    {
      query = '',
      token = staff,
      type = 'application/geo+json',
    }: { query?: string; token?: string | null; type?: string } = {},
  ) => {
    const response = await fetch(`${app.url}/api/patrols${query}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await response.text()
    expect(text).not.toMatch(/\n\s+at /)
    return { status: response.status, body: JSON.parse(text) }
  }
  const patrolCount = async () =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM patrols')).rows[0].n

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    for (const statement of FIXTURE) await t.db.query(statement)
    app = await serveApp(t.db, { MAX_VERTICES: '60', PATROL_MAX_BYTES: '20000' })
    staff = (await createToken(t.db, 'staff', 'office')).token
    chiefT = (await createToken(t.db, 'chief', '乡河长', 'T')).token
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  const PR1 = meridian(102.7, 24.5, 25.5, 1)
  const half = meridian(102.7, 24.5, 25.0, 50)
  const halfTimes = everySeconds(51, 240)

  it('covers half of a straight reach, plus the near distance straight ahead of the track’s end', async () => {
    const { status, body } = await upload(feature(half, halfTimes), { query: '?chief_id=K' })
    expect(status).toBe(201)
    const length = lengthOf(PR1)
    // Within 150 m of a track that ends halfway along the reach: the first half and 150 m more.
    const covered = length / 2 + NEAR_M
    expect(body).toMatchObject({ chief_id: 'K', valid: true, flags: [] })
    expect(body.coverage).toHaveLength(1)
    expect(body.coverage[0]).toMatchObject({ scope_kind: 'reach', code: 'PR1', name: '子午河' })
    near(body.coverage[0].length_m, length, 1e-6)
    near(body.coverage[0].covered_m, covered, 5e-4)
    near(body.share, 0.5, 0.005)
    near(body.share, covered / length, 5e-4)
    near(body.length_m, lengthOf(half), 1e-6)
    expect(body.duration_s).toBe(50 * 240)
    near(body.max_speed_kmh, topSpeed(half, halfTimes), 1e-6)
    expect(body.started_at).toBe(iso(halfTimes[0]))
    expect(body.ended_at).toBe(iso(halfTimes[50]))
    const stored = await t.db.query<{ n: number }>(
      'SELECT cardinality(times) AS n FROM patrols WHERE id = $1 AND valid AND evaluated_with IS NOT NULL',
      [body.id],
    )
    expect(stored.rows).toEqual([{ n: 51 }])
  })

  it('evaluates a chief standing still on the bank: 2 000 fixes of GPS jitter crossing each other', async () => {
    // The default limits (MAX_VERTICES 100 000, 8 MB): this app's own are far smaller.
    const roomy = await serveApp(t.db)
    try {
      // Fixes within ±15 m of (102.7, 25.0) on the reach PR1, one a second, by a fixed LCG.
      let seed = 12345
      const next = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31
        return seed / 2 ** 31 - 0.5
      }
      const cloud: LonLat[] = Array.from({ length: 2000 }, () => {
        const east = Geodesic.WGS84.Direct(25.0, 102.7, 90, 30 * next())
        const moved = Geodesic.WGS84.Direct(east.lat2 as number, east.lon2 as number, 0, 30 * next())
        return [moved.lon2, moved.lat2] as LonLat
      })
      const response = await fetch(`${roomy.url}/api/patrols?chief_id=K`, {
        method: 'POST',
        headers: { 'content-type': 'application/geo+json', authorization: `Bearer ${staff}` },
        body: JSON.stringify(feature(cloud, everySeconds(2000, 1))),
      })
      const body = await response.json()
      expect(response.status, JSON.stringify(body)).toBe(201)
      // Covered: the meridian from 150 m south of the southmost reach of the fixes to 150 m north
      // of the northmost, each fix reaching sqrt(150² - east²) metres along it (the cloud is dense).
      const along = cloud.map(([lon, lat]) => {
        const dx = metres([102.7, lat], [lon, lat])
        const dy = metres([102.7, 25.0], [102.7, lat]) * Math.sign(lat - 25.0)
        const reach = Math.sqrt(NEAR_M ** 2 - dx ** 2)
        return [dy - reach, dy + reach]
      })
      const covered = Math.max(...along.map((a) => a[1])) - Math.min(...along.map((a) => a[0]))
      near(body.coverage[0].covered_m, covered, 0.02)
      expect(body.flags).toEqual([])
    } finally {
      await roomy.close()
    }
  })

  it('gives 0 and off_scope for the same track 300 m east of the river', async () => {
    const east = half.map(([lon, lat]) => {
      const moved = Geodesic.WGS84.Direct(lat, lon, 90, 300)
      return [moved.lon2, moved.lat2] as LonLat
    })
    const { status, body } = await upload(feature(east, halfTimes, 'K'))
    expect(status).toBe(201)
    expect(body).toMatchObject({ valid: false, flags: ['off_scope'], share: 0 })
    expect(body.coverage).toMatchObject([{ code: 'PR1', covered_m: 0 }])
  })

  it('answers a GCJ-02 track and a GPX track as their WGS 84 GeoJSON twin', async () => {
    const twin = (await upload(feature(half, halfTimes), { query: '?chief_id=K' })).body
    const phone = half.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as LonLat)
    expect(metres(phone[0], half[0])).toBeGreaterThan(100) // the offset is real
    const fromPhone = await upload(feature(phone, halfTimes), { query: '?chief_id=K&crs=gcj02' })
    expect(fromPhone.status).toBe(201)
    // gcj02 back to WGS 84 is an inverse by iteration: within a metre.
    expect(Math.abs(fromPhone.body.coverage[0].covered_m - twin.coverage[0].covered_m)).toBeLessThan(2)
    expect(Math.abs(fromPhone.body.length_m - twin.length_m)).toBeLessThan(2)
    expect(fromPhone.body.flags).toEqual(twin.flags)
    near(fromPhone.body.share, twin.share, 1e-4)

    const gpx = await upload(gpxOf(half, halfTimes), { query: '?chief_id=K', type: 'application/gpx+xml' })
    expect(gpx.status).toBe(201)
    const { id: _a, ...fromGpx } = gpx.body
    const { id: _b, ...fromGeoJson } = twin
    expect(fromGpx.coverage[0].covered_m).toBeCloseTo(fromGeoJson.coverage[0].covered_m, 3)
    expect({ ...fromGpx, coverage: undefined }).toEqual({ ...fromGeoJson, coverage: undefined })
  })

  it('takes times as 4th coordinates in epoch seconds', async () => {
    const track = meridian(102.7, 24.5, 24.6, 10).map(([lon, lat], i) => [
      lon,
      lat,
      1900,
      START / 1000 + i * 240,
    ])
    const { status, body } = await upload(
      { type: 'LineString', coordinates: track },
      { query: '?chief_id=K' },
    )
    expect(status).toBe(201)
    expect(body.duration_s).toBe(2400)
    expect(body.started_at).toBe(iso(START))
  })

  it('flags a short duration, a short length for a township chief only, and a speed jump', async () => {
    const short = meridian(102.7, 24.5, 24.6, 10)
    const quick = await upload(feature(short, everySeconds(11, 120), 'K'))
    expect(quick.body.flags).toEqual(['short_duration'])
    expect(quick.body.duration_s).toBe(1200)

    // About 1 km along PR2 in 36 minutes: too short for a township chief, enough for a county one.
    const km = meridian(102.9, 25.0, 25.009, 9)
    expect(lengthOf(km)).toBeLessThan(2000)
    const township = await upload(feature(km, everySeconds(10, 240), 'T'))
    expect(township.body).toMatchObject({ valid: false, flags: ['short_length'] })
    const county = await upload(feature(km, everySeconds(10, 240), 'K2'))
    expect(county.body).toMatchObject({ valid: true, flags: [] })
    near(county.body.coverage[0].covered_m, lengthOf(km) + NEAR_M, 5e-3)

    // Fix 6 20 s after fix 5, 1.1 km on: about 200 km/h.
    const times = everySeconds(11, 240)
    for (let i = 5; i < 11; i++) times[i] -= 220_000
    const jump = await upload(feature(short, times, 'K'))
    const speed = topSpeed(short, times)
    expect(speed).toBeGreaterThan(150)
    expect(jump.body.flags).toEqual(['speed_jump'])
    near(jump.body.max_speed_kmh, speed, 1e-6)
  })

  it('measures an area chief against each reach of the area', async () => {
    const pr3 = meridian(103.1, 25.0, 25.03, 10)
    const { body } = await upload(feature(pr3, everySeconds(11, 240), 'A'))
    expect(body.coverage.map((c: { code: string }) => c.code)).toEqual(['PR3', 'PR4'])
    const [three, four] = body.coverage
    near(three.covered_m, lengthOf(pr3), 1e-4)
    expect(three.share).toBeCloseTo(1, 4)
    expect(four.covered_m).toBe(0)
    near(body.share, lengthOf(pr3) / (lengthOf(pr3) + lengthOf(meridian(103.15, 25.0, 25.03, 1))), 1e-4)
    expect(body.flags).toEqual([])
  })

  it('measures a lake chief against the shoreline', async () => {
    const corners: LonLat[] = [
      [103.3, 25.0],
      [103.31, 25.0],
      [103.31, 25.01],
      [103.3, 25.01],
      [103.3, 25.0],
    ]
    // Along the south shore, corner to corner: that edge and PATROL_NEAR_M up each side from the corners.
    const south = Array.from({ length: 11 }, (_, k) => [103.3 + k * 0.001, 25.0] as LonLat)
    const { body } = await upload(feature(south, everySeconds(11, 240), 'L'))
    expect(body.coverage).toHaveLength(1)
    const [shore] = body.coverage
    expect(shore).toMatchObject({ scope_kind: 'lake', code: 'LK1', name: '方湖' })
    near(shore.length_m, lengthOf(corners), 1e-6)
    near(shore.covered_m, metres(corners[0], corners[1]) + 2 * NEAR_M, 1e-3)
    expect(body.flags).toEqual([])
  })

  it('lets a chief token upload its own chief’s patrols only', async () => {
    const km = meridian(102.9, 25.0, 25.02, 10)
    const own = await upload(feature(km, everySeconds(11, 240), 'T'), { token: chiefT })
    expect(own.status).toBe(201)
    const before = await patrolCount()
    const other = await upload(feature(km, everySeconds(11, 240), 'K2'), { token: chiefT })
    expect(other.status).toBe(403)
    expect(other.body.error.code).toBe('forbidden')
    expect((await upload(feature(km, everySeconds(11, 240), 'T'), { token: null })).status).toBe(401)
    expect(await patrolCount()).toBe(before)
  })

  it('refuses bad uploads with a clear 4xx and stores nothing', async () => {
    const before = await patrolCount()
    const two = meridian(102.7, 24.5, 24.51, 1)
    const cases: [unknown, number, string, { query?: string; type?: string }?][] = [
      [feature(two.slice(0, 1), everySeconds(1, 60), 'K'), 400, 'bad_track'],
      [feature(two, [START, START], 'K'), 400, 'bad_times'],
      [feature(two, [START + 60_000, START], 'K'), 400, 'bad_times'],
      [feature(two, everySeconds(3, 60), 'K'), 400, 'bad_times'],
      [{ ...feature(two, everySeconds(2, 60), 'K'), properties: { chief_id: 'K' } }, 400, 'bad_times'],
      [feature(two, everySeconds(2, 60)), 400, 'bad_chief'],
      [feature(two, everySeconds(2, 60), 'K'), 400, 'bad_chief', { query: '?chief_id=K2' }],
      [{ type: 'Point', coordinates: [102.7, 24.5] }, 400, 'bad_track'],
      [
        feature(
          [
            [102.7, 24.5],
            [202.7, 24.5],
          ],
          everySeconds(2, 60),
          'K',
        ),
        400,
        'coordinates_out_of_range',
      ],
      ['{"type": "Feature",', 400, 'bad_track'],
      ['<gpx><trk>', 400, 'bad_track', { query: '?chief_id=K', type: 'application/gpx+xml' }],
      // A time without its zone: the duration and the patrol date would be guesses.
      [
        {
          ...feature(two, everySeconds(2, 60)),
          properties: { chief_id: 'K', times: ['2026-05-01T08:00:00', '2026-05-01T09:00:00'] },
        },
        400,
        'bad_times',
      ],
      [feature(two, everySeconds(2, 60), 'NOBODY'), 404, 'not_found'],
      [feature(meridian(102.7, 24.5, 24.6, 60), everySeconds(61, 60), 'K'), 413, 'payload_too_large'],
      [feature(meridian(102.7, 24.5, 24.6, 55), everySeconds(56, 60), 'K'), 201, ''],
      ['x'.repeat(30_000), 413, 'payload_too_large', { query: '?chief_id=K', type: 'application/gpx+xml' }],
      ['a,b', 415, 'unsupported_media_type', { type: 'text/csv' }],
    ]
    let created = 0
    for (const [body, status, code, options] of cases) {
      const answer = await upload(body, options)
      expect(answer.status, JSON.stringify(answer.body)).toBe(status)
      if (status === 201) created++
      else expect(answer.body.error.code).toBe(code)
    }
    expect(await patrolCount()).toBe(before + created)
  })

  it('refuses a day that does not exist, an epoch time outside any date, and a GPX fix without numbers', async () => {
    const before = await patrolCount()
    const two = meridian(102.7, 24.5, 24.51, 1)
    const timed = (times: unknown[]) => ({
      ...feature(two, [0, 0], 'K'),
      properties: { chief_id: 'K', times },
    })
    // 30 February would otherwise be read as 2 March, moving the patrol to another window.
    const feb30 = await upload(timed(['2023-02-30T08:00:00+08:00', '2023-02-30T09:00:00+08:00']))
    expect(feb30.status).toBe(400)
    expect(feb30.body.error.code).toBe('bad_times')
    expect(feb30.body.error.message).toContain('properties.times[0]')
    expect((await upload(timed(['2023-04-31T08:00:00Z', '2023-05-01T09:00:00Z']))).body.error?.code).toBe(
      'bad_times',
    )
    // 1e16 ms and -1e14 s lie beyond the ±8.64e15 ms a date can hold.
    for (const times of [
      [1e16, 1e16 + 1],
      [-1e14, -1e14 + 60],
    ]) {
      const answer = await upload(timed(times))
      expect(answer.status, JSON.stringify(answer.body)).toBe(400)
      expect(answer.body.error.code).toBe('bad_times')
    }
    // A fix whose lat is no number must not vanish silently, taking its time with it.
    const gpx = gpxOf(two, everySeconds(2, 60)).replace(`lat="${two[0][1]}"`, 'lat="abc"')
    const unreadable = await upload(gpx, { query: '?chief_id=K', type: 'application/gpx+xml' })
    expect(unreadable.status, JSON.stringify(unreadable.body)).toBe(400)
    expect(unreadable.body.error.code).toBe('bad_coordinates')
    expect(unreadable.body.error.message).toContain('fix 1')
    // A segment of one fix is no line to togeojson: its fix must not vanish either.
    const lone = gpxOf(two, everySeconds(2, 60)).replace(
      '</trkseg>',
      `</trkseg><trkseg><trkpt lat="24.52" lon="102.7"><time>${iso(START + 600_000)}</time></trkpt></trkseg>`,
    )
    const dropped = await upload(lone, { query: '?chief_id=K', type: 'application/gpx+xml' })
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(400)
    expect(dropped.body.error.code).toBe('bad_track')
    expect(dropped.body.error.message).toContain('1 of 3 fixes')
    expect(await patrolCount()).toBe(before)
  })

  it('refuses two consecutive fixes at opposite ends of the earth (no one geodesic joins them)', async () => {
    const before = await patrolCount()
    const answer = await upload(
      feature(
        [
          [102.7, 24.5],
          [-77.3, -24.5],
          [102.7, 24.51],
        ],
        everySeconds(3, 600),
        'K',
      ),
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(400)
    expect(answer.body.error.code).toBe('bad_coordinates')
    expect(answer.body.error.message).toContain('fixes 1 and 2')
    expect(await patrolCount()).toBe(before)
  })

  it('takes a GPX route (<rte>) with the times of its fixes', async () => {
    const km = meridian(102.7, 24.6, 24.62, 4)
    const times = everySeconds(5, 600)
    const route = gpxOf(km, times)
      .replace('<trk><name>巡河</name><trkseg>', '<rte><name>巡河</name>')
      .replace('</trkseg></trk>', '</rte>')
      .replaceAll('trkpt', 'rtept')
    const answer = await upload(route, { query: '?chief_id=K', type: 'application/gpx+xml' })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    expect(answer.body.started_at).toBe(iso(times[0]))
    expect(answer.body.ended_at).toBe(iso(times[4]))
    near(answer.body.length_m, lengthOf(km), 1e-6)
  })

  it('tiles each track with its validity', async () => {
    const { z, x, y } = tileAt(102.7, 24.55, 14)
    const response = await fetch(`${app.url}/tiles/patrols/${z}/${x}/${y}.mvt`)
    expect(response.status).toBe(200)
    const features = decodeTile(new Uint8Array(await response.arrayBuffer())).get('patrols')?.features ?? []
    const { rows } = await t.db.query<{ id: number; valid: boolean }>('SELECT id, valid FROM patrols')
    const stored = new Map(rows.map((r) => [r.id, String(r.valid)]))
    for (const f of features) expect(f.properties.valid, `patrol ${f.id}`).toBe(stored.get(Number(f.id)))
    expect(new Set(features.map((f) => f.properties.valid))).toEqual(new Set(['true', 'false']))
  })

  it('evaluates again the patrols whose chief’s assignments changed, and only when stale', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      `SELECT id FROM patrols WHERE chief_id = 'K' AND valid ORDER BY id LIMIT 1`,
    )
    const [{ id }] = rows
    expect(await evaluatePatrols(t.db, { stale: true, rules: RULES })).toBe(0)
    // K hands PR1 over before the patrol date: the patrol no longer touches the chief's scope.
    await t.db.query(`UPDATE assignments SET valid_to = '2026-04-01' WHERE chief_id = 'K'`)
    const total = await patrolCount()
    expect(await evaluatePatrols(t.db, { stale: true, rules: RULES })).toBe(total)
    const after = await t.db.query<{ flags: string[]; valid: boolean; parts: number }>(
      `SELECT flags, valid, (SELECT count(*)::int FROM patrol_coverage WHERE patrol_id = $1) AS parts FROM patrols WHERE id = $1`,
      [id],
    )
    expect(after.rows).toEqual([{ flags: ['off_scope'], valid: false, parts: 0 }])
    expect(await evaluatePatrols(t.db, { stale: true, rules: RULES })).toBe(0)
    // Other rules make every patrol stale again; two evaluations at once do the work once
    // (without the lock the second collides with the first's coverage rows on the server engine).
    const other = { ...RULES, nearM: 100 }
    const both = await Promise.all([
      evaluatePatrols(t.db, { stale: true, rules: other }),
      evaluatePatrols(t.db, { stale: true, rules: other }),
    ])
    expect(both.sort((a, b) => a - b)).toEqual([0, total])
  })
})
