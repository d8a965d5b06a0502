// Every CQL2 operator, in both encodings, selects on the demo city exactly the rows that the same
// predicate written by hand in SQL selects, on every engine. A DATE is a day in Kunming (UTC+8),
// as the datetime parameter reads one. Geometry literals in other filter
// CRSs are converted here with proj4 (not the server's code), and S_DWITHIN is checked against
// turf's great-circle distance as well.
import { distance, point } from '@turf/turf'
import proj4 from 'proj4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer, type LayerId } from '../../server/layers/registry.ts'
import { translateFilter } from '../../server/ogc/cql2/index.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

type Lang = 'cql2-text' | 'cql2-json'

interface Case {
  name: string
  layer: LayerId
  text: string
  json: unknown
  /** The same predicate in SQL over the table aliased f. */
  sql: string
  params?: unknown[]
  filterCrs?: string
}

// A box over central Kunming (lon/lat) and a point on the Dianchi shore.
const [W, S, E, N] = [102.6, 24.85, 102.85, 25.1]
const BOX_WKT = `POLYGON((${W} ${S}, ${E} ${S}, ${E} ${N}, ${W} ${N}, ${W} ${S}))`
/** The closed ring of a box, corners counter-clockwise from (x1, y1). */
const boxRing = (x1: number, y1: number, x2: number, y2: number) => [
  [x1, y1],
  [x2, y1],
  [x2, y2],
  [x1, y2],
  [x1, y1],
]
const BOX_JSON = { type: 'Polygon', coordinates: [boxRing(W, S, E, N)] }
const P = [102.71, 25.04]

// EPSG:4543 (CGCS2000 / 3-degree Gauss-Kruger CM 102E) from the EPSG registry; its axes are
// northing, easting, so the literal is written N E.
const GK102 = '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'
const gk = (lon: number, lat: number) => proj4('EPSG:4326', GK102, [lon, lat]) as [number, number]
const GK_RING = boxRing(W, S, E, N).map(([lon, lat]) => gk(lon, lat))

const prop = (property: string) => ({ property })

const CASES: Case[] = [
  {
    name: '= on text',
    layer: 'water_source_zones',
    text: "grade = 'first'",
    json: { op: '=', args: [prop('grade'), 'first'] },
    sql: "f.grade = 'first'",
  },
  {
    name: '<> and AND, IS NOT NULL',
    layer: 'water_source_zones',
    text: "grade <> 'first' AND source_type IS NOT NULL",
    json: {
      op: 'and',
      args: [
        { op: '<>', args: [prop('grade'), 'first'] },
        { op: 'not', args: [{ op: 'isNull', args: [prop('source_type')] }] },
      ],
    },
    sql: "f.grade <> 'first' AND f.source_type IS NOT NULL",
  },
  {
    name: '< <= > >= on numbers, OR',
    layer: 'outfalls',
    text: 'yearly_discharge_t < 5 OR (yearly_discharge_t >= 100 AND yearly_discharge_t <= 1000.5) OR yearly_discharge_t > 3000',
    json: {
      op: 'or',
      args: [
        { op: '<', args: [prop('yearly_discharge_t'), 5] },
        {
          op: 'and',
          args: [
            { op: '>=', args: [prop('yearly_discharge_t'), 100] },
            { op: '<=', args: [prop('yearly_discharge_t'), 1000.5] },
          ],
        },
        { op: '>', args: [prop('yearly_discharge_t'), 3000] },
      ],
    },
    sql: 'f.yearly_discharge_t < 5 OR f.yearly_discharge_t BETWEEN 100 AND 1000.5 OR f.yearly_discharge_t > 3000',
  },
  {
    name: 'NOT, IS NULL',
    layer: 'rivers',
    text: 'NOT (grade IS NULL) AND NOT grade > 1',
    json: {
      op: 'and',
      args: [
        { op: 'not', args: [{ op: 'isNull', args: [prop('grade')] }] },
        { op: 'not', args: [{ op: '>', args: [prop('grade'), 1] }] },
      ],
    },
    sql: 'f.grade IS NOT NULL AND f.grade <= 1',
  },
  {
    name: 'LIKE and NOT LIKE',
    layer: 'water_source_zones',
    text: "name LIKE '%一级%' AND name NOT LIKE '松华坝%'",
    json: {
      op: 'and',
      args: [
        { op: 'like', args: [prop('name'), '%一级%'] },
        { op: 'not', args: [{ op: 'like', args: [prop('name'), '松华坝%'] }] },
      ],
    },
    sql: "strpos(f.name, '一级') > 0 AND left(f.name, 3) <> '松华坝'",
  },
  {
    name: 'BETWEEN',
    layer: 'outfalls',
    text: 'yearly_discharge_t BETWEEN 10 AND 200',
    json: { op: 'between', args: [prop('yearly_discharge_t'), 10, 200] },
    sql: 'f.yearly_discharge_t >= 10 AND f.yearly_discharge_t <= 200',
  },
  {
    name: 'IN and NOT IN, on text and on the id',
    layer: 'reports',
    text: "status IN ('received', 'assigned') OR id NOT IN (1, 2, 3) AND id < 10",
    json: {
      op: 'or',
      args: [
        { op: 'in', args: [prop('status'), ['received', 'assigned']] },
        {
          op: 'and',
          args: [
            { op: 'not', args: [{ op: 'in', args: [prop('id'), [1, 2, 3]] }] },
            { op: '<', args: [prop('id'), 10] },
          ],
        },
      ],
    },
    sql: "f.status = 'received' OR f.status = 'assigned' OR (f.id > 3 AND f.id < 10)",
  },
  {
    name: 'CASEI with LIKE and =',
    layer: 'reaches',
    text: "CASEI(code) LIKE casei('km-npj-001-r00%') OR CASEI(code) = CASEI('Km-Jsj-001-R002')",
    json: {
      op: 'or',
      args: [
        {
          op: 'like',
          args: [
            { op: 'casei', args: [prop('code')] },
            { op: 'casei', args: ['km-npj-001-r00%'] },
          ],
        },
        {
          op: '=',
          args: [
            { op: 'casei', args: [prop('code')] },
            { op: 'casei', args: ['Km-Jsj-001-R002'] },
          ],
        },
      ],
    },
    sql: "f.code ILIKE 'km-npj-001-r00%' OR f.code ILIKE 'KM-JSJ-001-R002'",
  },
  {
    name: 'boolean literals',
    layer: 'lakes',
    text: 'TRUE AND NOT FALSE',
    json: { op: 'and', args: [true, { op: 'not', args: [false] }] },
    sql: 'true',
  },
  {
    name: 'S_INTERSECTS with a polygon',
    layer: 'reaches',
    text: `S_INTERSECTS(geometry, ${BOX_WKT})`,
    json: { op: 's_intersects', args: [prop('geometry'), BOX_JSON] },
    sql: `ST_Intersects(f.geom, ST_GeomFromText('${BOX_WKT}', 4490))`,
  },
  {
    name: 'S_INTERSECTS with a BBOX',
    layer: 'reaches',
    text: `S_INTERSECTS(geometry, BBOX(${W}, ${S}, ${E}, ${N}))`,
    json: { op: 's_intersects', args: [prop('geometry'), { bbox: [W, S, E, N] }] },
    sql: `ST_Intersects(f.geom, ST_MakeEnvelope(${W}, ${S}, ${E}, ${N}, 4490))`,
  },
  {
    name: 'S_INTERSECTS with a point',
    layer: 'admin_areas',
    text: `S_INTERSECTS(geometry, POINT(${P[0]} ${P[1]}))`,
    json: { op: 's_intersects', args: [prop('geometry'), { type: 'Point', coordinates: P }] },
    sql: `ST_Intersects(f.geom, ST_SetSRID(ST_Point(${P[0]}, ${P[1]}), 4490))`,
  },
  {
    name: 'S_WITHIN with a polygon',
    layer: 'reaches',
    text: `S_WITHIN(geometry, ${BOX_WKT})`,
    json: { op: 's_within', args: [prop('geometry'), BOX_JSON] },
    sql: `ST_Within(f.geom, ST_GeomFromText('${BOX_WKT}', 4490))`,
  },
  {
    name: 'S_CROSSES, S_DISJOINT and S_CONTAINS',
    layer: 'chief_areas',
    text: `S_CONTAINS(geometry, POINT(${P[0]} ${P[1]})) OR S_CROSSES(LINESTRING(${W} ${S}, ${E} ${N}), geometry) AND NOT S_DISJOINT(geometry, BBOX(${W}, ${S}, ${E}, ${N}))`,
    json: {
      op: 'or',
      args: [
        { op: 's_contains', args: [prop('geometry'), { type: 'Point', coordinates: P }] },
        {
          op: 'and',
          args: [
            {
              op: 's_crosses',
              args: [
                {
                  type: 'LineString',
                  coordinates: [
                    [W, S],
                    [E, N],
                  ],
                },
                prop('geometry'),
              ],
            },
            { op: 'not', args: [{ op: 's_disjoint', args: [prop('geometry'), { bbox: [W, S, E, N] }] }] },
          ],
        },
      ],
    },
    sql: `ST_Contains(f.geom, ST_SetSRID(ST_Point(${P[0]}, ${P[1]}), 4490)) OR (ST_Crosses(ST_GeomFromText('LINESTRING(${W} ${S}, ${E} ${N})', 4490), f.geom) AND ST_Intersects(f.geom, ST_MakeEnvelope(${W}, ${S}, ${E}, ${N}, 4490)))`,
  },
  {
    name: 'S_DWITHIN in metres on the ellipsoid',
    layer: 'outfalls',
    text: `S_DWITHIN(geometry, POINT(${P[0]} ${P[1]}), 5000)`,
    json: { op: 's_dwithin', args: [prop('geometry'), { type: 'Point', coordinates: P }, 5000] },
    sql: `ST_Distance(f.geom::geography, ST_SetSRID(ST_Point(${P[0]}, ${P[1]}), 4490)::geography) <= 5000`,
  },
  {
    name: 'filter-crs EPSG:4326 reads latitude first',
    layer: 'reaches',
    filterCrs: 'http://www.opengis.net/def/crs/EPSG/0/4326',
    text: `S_INTERSECTS(geometry, POLYGON((${S} ${W}, ${S} ${E}, ${N} ${E}, ${N} ${W}, ${S} ${W})))`,
    json: {
      op: 's_intersects',
      args: [
        prop('geometry'),
        { type: 'Polygon', coordinates: [boxRing(W, S, E, N).map(([lon, lat]) => [lat, lon])] },
      ],
    },
    sql: `ST_Intersects(f.geom, ST_GeomFromText('${BOX_WKT}', 4490))`,
  },
  {
    name: 'filter-crs EPSG:4490 BBOX reads latitude first',
    layer: 'outfalls',
    filterCrs: 'http://www.opengis.net/def/crs/EPSG/0/4490',
    text: `S_INTERSECTS(geometry, BBOX(${S}, ${W}, ${N}, ${E}))`,
    json: { op: 's_intersects', args: [prop('geometry'), { bbox: [S, W, N, E] }] },
    sql: `ST_Intersects(f.geom, ST_MakeEnvelope(${W}, ${S}, ${E}, ${N}, 4490))`,
  },
  {
    name: 'filter-crs EPSG:4543 reads northing, easting',
    layer: 'outfalls',
    filterCrs: 'http://www.opengis.net/def/crs/EPSG/0/4543',
    text: `S_WITHIN(geometry, POLYGON((${GK_RING.map(([e, n]) => `${n} ${e}`).join(', ')})))`,
    json: {
      op: 's_within',
      args: [prop('geometry'), { type: 'Polygon', coordinates: [GK_RING.map(([e, n]) => [n, e])] }],
    },
    // The polygon's straight edges in the projection, as lon/lat by proj4 (a point here is far
    // from any edge, so the edges' curvature in lon/lat does not decide any row).
    sql: `ST_Within(f.geom, ST_GeomFromText('POLYGON((${GK_RING.map(([e, n]) => proj4(GK102, 'EPSG:4326', [e, n]).join(' ')).join(', ')}))', 4490))`,
  },
  {
    name: 'T_INTERSECTS of a feature interval and a date interval',
    layer: 'patrols',
    text: "T_INTERSECTS(INTERVAL(started_at, ended_at), INTERVAL('2023-10-01', '2023-11-30'))",
    json: {
      op: 't_intersects',
      args: [
        { interval: [prop('started_at'), prop('ended_at')] },
        { interval: ['2023-10-01', '2023-11-30'] },
      ],
    },
    sql: "f.started_at < '2023-12-01T00:00:00+08:00' AND f.ended_at >= '2023-10-01T00:00:00+08:00'",
  },
  {
    name: 'T_INTERSECTS of an instant and an open interval',
    layer: 'reports',
    text: "T_INTERSECTS(reported_at, INTERVAL('2023-06-01T00:00:00Z', '..'))",
    json: { op: 't_intersects', args: [prop('reported_at'), { interval: ['2023-06-01T00:00:00Z', '..'] }] },
    sql: "f.reported_at >= '2023-06-01T00:00:00Z'",
  },
  {
    name: 'T_INTERSECTS with a DATE and with a TIMESTAMP',
    layer: 'patrols',
    text: "T_INTERSECTS(started_at, DATE('2023-11-17')) OR T_INTERSECTS(INTERVAL(started_at, ended_at), TIMESTAMP('2023-11-02T02:00:00Z'))",
    json: {
      op: 'or',
      args: [
        { op: 't_intersects', args: [prop('started_at'), { date: '2023-11-17' }] },
        {
          op: 't_intersects',
          args: [{ interval: [prop('started_at'), prop('ended_at')] }, { timestamp: '2023-11-02T02:00:00Z' }],
        },
      ],
    },
    sql: "(f.started_at >= '2023-11-17T00:00:00+08:00' AND f.started_at < '2023-11-18T00:00:00+08:00') OR (f.started_at <= '2023-11-02T02:00:00Z' AND f.ended_at >= '2023-11-02T02:00:00Z')",
  },
  {
    name: 'timestamp properties against DATE and TIMESTAMP literals',
    layer: 'reports',
    text: "reported_at < DATE('2022-01-01') OR reported_at = DATE('2023-03-15') OR reported_at >= TIMESTAMP('2023-11-01T00:00:00Z')",
    json: {
      op: 'or',
      args: [
        { op: '<', args: [prop('reported_at'), { date: '2022-01-01' }] },
        { op: '=', args: [prop('reported_at'), { date: '2023-03-15' }] },
        { op: '>=', args: [prop('reported_at'), { timestamp: '2023-11-01T00:00:00Z' }] },
      ],
    },
    sql: "f.reported_at < '2022-01-01T00:00:00+08:00' OR (f.reported_at >= '2023-03-15T00:00:00+08:00' AND f.reported_at < '2023-03-16T00:00:00+08:00') OR f.reported_at >= '2023-11-01T00:00:00Z'",
  },
  {
    // 2022-07-13T18:12Z is 02:12 on 14 July in Kunming: the day is Kunming's, not Greenwich's.
    name: 'DATE is a day in Kunming',
    layer: 'reports',
    text: "reported_at = DATE('2022-07-14') OR T_INTERSECTS(reported_at, DATE('2021-08-27'))",
    json: {
      op: 'or',
      args: [
        { op: '=', args: [prop('reported_at'), { date: '2022-07-14' }] },
        { op: 't_intersects', args: [prop('reported_at'), { date: '2021-08-27' }] },
      ],
    },
    sql: "(f.reported_at AT TIME ZONE 'Asia/Shanghai')::date IN ('2022-07-14', '2021-08-27')",
  },
]

describe.each(ENGINES)('CQL2 filters against hand-written SQL on the %s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
  })
  afterAll(() => t?.dispose())

  const ids = async (layer: LayerId, where: string, params: unknown[] = []) =>
    (
      await t.db.query<{ id: string }>(`SELECT f.id FROM ${layer} f WHERE ${where} ORDER BY f.id`, params)
    ).rows.map((r) => Number(r.id))

  const filtered = async (c: Case, lang: Lang) => {
    const filter = lang === 'cql2-text' ? c.text : JSON.stringify(c.json)
    // Two parameters before the filter's, as the items query binds its own first.
    const { sql, params } = translateFilter({ filter, lang, filterCrs: c.filterCrs }, getLayer(c.layer), 3)
    return ids(c.layer, `$1::int = $2::int AND ${sql}`, [1, 1, ...params])
  }

  for (const c of CASES) {
    it(`${c.name}: text and JSON select what SQL selects`, async () => {
      const expected = await ids(c.layer, c.sql, c.params)
      const all = await ids(c.layer, 'true')
      // A case that selects nothing, or everything, would not tell a right filter from a wrong one.
      if (c.name !== 'boolean literals') {
        expect(expected.length).toBeGreaterThan(0)
        expect(expected.length).toBeLessThan(all.length)
      } else expect(expected).toEqual(all)
      expect(await filtered(c, 'cql2-text')).toEqual(expected)
      expect(await filtered(c, 'cql2-json')).toEqual(expected)
    })
  }

  it('CASEI folds case beyond ASCII, in =, LIKE and IN', async () => {
    const names = ['Élan', 'ÉLAN', 'élan', 'Straße', 'STRASSE', 'Ǆemal', 'Ωmega', '滇池']
    const layer = getLayer('lakes')
    const matching = async (filter: string) => {
      const { sql, params } = translateFilter({ filter, lang: 'cql2-text' }, layer, 1)
      const values = names.map((_, i) => `($${params.length + i + 1}::text)`).join(', ')
      const { rows } = await t.db.query<{ name: string }>(
        `SELECT f.name FROM (VALUES ${values}) AS f(name) WHERE ${sql} ORDER BY f.name`,
        [...params, ...names],
      )
      return rows.map((r) => r.name).sort()
    }
    expect(await matching("CASEI(name) = casei('éLAN')")).toEqual(['Élan', 'ÉLAN', 'élan'].sort())
    expect(await matching("CASEI(name) LIKE casei('ǅ%')")).toEqual(['Ǆemal'])
    expect(await matching("CASEI(name) IN (casei('ωMEGA'), CASEI('滇池'))")).toEqual(['Ωmega', '滇池'].sort())
    // Without CASEI the comparison keeps case.
    expect(await matching("name = 'élan'")).toEqual(['élan'])
  })

  it('S_DWITHIN agrees with the great-circle distance away from its edge', async () => {
    const c = CASES.find((x) => x.name.startsWith('S_DWITHIN'))!
    const selected = new Set(await filtered(c, 'cql2-text'))
    const rows = (
      await t.db.query<{ id: string; lon: number; lat: number }>(
        'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM outfalls',
      )
    ).rows
    let near = 0
    for (const r of rows) {
      // turf measures on a sphere; the ellipsoid differs by well under 0.5 % here.
      const km = distance(point(P), point([r.lon, r.lat]), { units: 'kilometers' })
      if (km < 5 * 0.995) expect(selected.has(Number(r.id))).toBe(true)
      if (km > 5 * 1.005) expect(selected.has(Number(r.id))).toBe(false)
      if (km < 5) near++
    }
    expect(near).toBeGreaterThan(0)
  })
})
