// Part 3 over real HTTP on every engine: /items with filter (both encodings, filter-crs) returns
// the rows the same predicate selects in SQL; bad filters are 400s in the OGC exception shape
// with no stack trace; the queryables document is the registry's; /ogc/conformance lists the
// filter classes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { getLayer } from '../../server/layers/registry.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const STACK = /at .*\.(ts|js):\d+/
const CQL2 = 'http://www.opengis.net/spec/cql2/1.0/conf'
const FEATURES_3 = 'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf'

describe.each(ENGINES)('CQL2 filtering over HTTP on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  const items = async (layer: string, params: Record<string, string>) => {
    const query = new URLSearchParams({ limit: '10000', ...params })
    const res = await fetch(`${app.url}/ogc/collections/${layer}/items?${query}`)
    return { status: res.status, body: await res.json() }
  }
  const sqlIds = async (layer: string, where: string) =>
    (await t.db.query<{ id: string }>(`SELECT id FROM ${layer} f WHERE ${where} ORDER BY id`)).rows.map((r) =>
      Number(r.id),
    )
  const featureIds = (body: { features: { id: number | string }[] }) =>
    body.features.map((f) => Number(f.id)).sort((a, b) => a - b)

  it('filters with CQL2 text by default and with CQL2 JSON on request', async () => {
    const expected = await sqlIds('water_source_zones', "grade = 'first' OR name LIKE '%准%'")
    expect(expected.length).toBeGreaterThan(0)
    const text = await items('water_source_zones', { filter: "grade = 'first' OR name LIKE '%准%'" })
    expect(text.status).toBe(200)
    expect(featureIds(text.body)).toEqual(expected)
    expect(text.body.numberMatched).toBe(expected.length)
    const json = await items('water_source_zones', {
      filter: JSON.stringify({
        op: 'or',
        args: [
          { op: '=', args: [{ property: 'grade' }, 'first'] },
          { op: 'like', args: [{ property: 'name' }, '%准%'] },
        ],
      }),
      'filter-lang': 'cql2-json',
    })
    expect(json.status).toBe(200)
    expect(featureIds(json.body)).toEqual(expected)
  })

  it('reads filter-crs in its authority axis order', async () => {
    const expected = await sqlIds(
      'outfalls',
      'ST_Intersects(geom, ST_MakeEnvelope(102.6, 24.85, 102.85, 25.1, 4490))',
    )
    expect(expected.length).toBeGreaterThan(0)
    const lonLat = await items('outfalls', {
      filter: 'S_INTERSECTS(geometry, BBOX(102.6, 24.85, 102.85, 25.1))',
    })
    const latLon = await items('outfalls', {
      filter: 'S_INTERSECTS(geometry, BBOX(24.85, 102.6, 25.1, 102.85))',
      'filter-crs': 'http://www.opengis.net/def/crs/EPSG/0/4326',
    })
    expect(featureIds(lonLat.body)).toEqual(expected)
    expect(featureIds(latLon.body)).toEqual(expected)
  })

  it('answers a bad filter with 400 in the OGC exception shape, naming the fault', async () => {
    const cases: [string, Record<string, string>, RegExp][] = [
      ['reaches', { filter: "name = 'x" }, /syntax error at character/],
      ['reaches', { filter: "nmae = 'x'" }, /'nmae' is not a queryable of reaches/],
      ['reaches', { filter: 'name = 3' }, /one type/],
      ['reaches', { filter: "T_INTERSECTS(geometry, DATE('2020-01-01'))" }, /reaches has no time/],
      ['reaches', { filter: "ACCENTI(name) = 'x'" }, /ACCENTI is not supported/],
      ['reaches', { filter: '{"op":', 'filter-lang': 'cql2-json' }, /not valid CQL2 JSON/],
      [
        'reaches',
        { filter: 'S_INTERSECTS(geometry, POINT(102 25))', 'filter-crs': 'EPSG:9999' },
        /filter-crs/,
      ],
      ['patrols', { filter: "started_at > DATE('2021-02-30')" }, /'2021-02-30' is not a valid date/],
    ]
    for (const [layer, params, message] of cases) {
      const { status, body } = await items(layer, params)
      expect(status, JSON.stringify(params)).toBe(400)
      expect(body.code).toBeTypeOf('string')
      expect(body.description).toMatch(message)
      expect(JSON.stringify(body)).not.toMatch(STACK)
    }
  })

  it('serves the queryables of a collection as a JSON Schema built from the registry', async () => {
    const res = await fetch(`${app.url}/ogc/collections/water_source_zones/queryables`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/)
    const body = await res.json()
    expect(body.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(body.$id).toBe(`${app.url}/ogc/collections/water_source_zones/queryables`)
    expect(body.type).toBe('object')
    const attributes = getLayer('water_source_zones').attributes.map((a) => a.name)
    expect(Object.keys(body.properties)).toEqual(['id', 'geometry', ...attributes])
    expect(body.properties.grade).toMatchObject({ type: 'string', enum: ['first', 'second', 'quasi'] })
    expect(body.properties.geometry).toMatchObject({ format: 'geometry-multipolygon' })
  })

  it('keeps personal fields of restricted layers out of anonymous queryables and filters', async () => {
    const { properties } = await (await fetch(`${app.url}/ogc/collections/reports/queryables`)).json()
    expect(Object.keys(properties)).toContain('status')
    expect(Object.keys(properties)).not.toContain('body')
    const { status, body } = await items('reports', { filter: "body LIKE '%a%'" })
    expect(status).toBe(400)
    expect(body.description).toMatch(/'body' is not a queryable of reports/)
  })

  it('lets staff filter on the personal fields they read', async () => {
    const { token } = await createToken(t.db, 'staff', 'cql2 test')
    const headers = { authorization: `Bearer ${token}` }
    const doc = await (await fetch(`${app.url}/ogc/collections/reports/queryables`, { headers })).json()
    expect(Object.keys(doc.properties)).toContain('body')
    const expected = await sqlIds('reports', "strpos(body, '垃圾') > 0")
    expect(expected.length).toBeGreaterThan(0)
    const filter = encodeURIComponent("body LIKE '%垃圾%'")
    const res = await fetch(`${app.url}/ogc/collections/reports/items?limit=10000&filter=${filter}`, {
      headers,
    })
    expect(res.status).toBe(200)
    expect(featureIds(await res.json())).toEqual(expected)
  })

  it('declares the filter conformance classes', async () => {
    const body = await (await fetch(`${app.url}/ogc/conformance`)).json()
    for (const c of [
      `${FEATURES_3}/filter`,
      `${FEATURES_3}/features-filter`,
      `${CQL2}/cql2-text`,
      `${CQL2}/cql2-json`,
      `${CQL2}/basic-cql2`,
      `${CQL2}/advanced-comparison-operators`,
      `${CQL2}/case-insensitive-comparison`,
      `${CQL2}/basic-spatial-functions`,
      `${CQL2}/basic-spatial-functions-plus`,
      `${CQL2}/spatial-functions`,
    ])
      expect(body.conformsTo).toContain(c)
    // Classes whose operators are refused must not be declared.
    for (const c of ['accent-insensitive-comparison', 'temporal-functions', 'array-functions', 'arithmetic'])
      expect(body.conformsTo).not.toContain(`${CQL2}/${c}`)
  })
})
