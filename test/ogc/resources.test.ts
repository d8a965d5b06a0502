// OGC API – Features Part 1 resources over real HTTP on every engine: landing, conformance,
// OpenAPI 3.0, collections with extents and CRS lists, absolute links, HTML, and the OGC
// exception shape for bad requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAYERS } from '../../server/layers/registry.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const EPSG = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const STACK = /at .*\.(ts|js):\d+/

describe.each(ENGINES)('OGC API resources on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let proxied: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
    proxied = await serveApp(t.db, { PUBLIC_URL: 'https://gis.example.cn/rcgis/' })
  })
  afterAll(async () => {
    await app?.close()
    await proxied?.close()
    await t?.dispose()
  })

  const get = (path: string, headers: Record<string, string> = {}, on = app) =>
    fetch(`${on.url}${path}`, { headers })

  it('serves the landing page with absolute links to the API, conformance and collections', async () => {
    const res = await get('/ogc', {}, proxied)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await res.json()
    const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, l]))
    expect(rels.self.href).toBe('https://gis.example.cn/rcgis/ogc?f=json')
    expect(rels.alternate).toMatchObject({
      type: 'text/html',
      href: 'https://gis.example.cn/rcgis/ogc?f=html',
    })
    expect(rels['service-desc']).toMatchObject({
      href: 'https://gis.example.cn/rcgis/ogc/api',
      type: 'application/vnd.oai.openapi+json;version=3.0',
    })
    expect(rels.conformance.href).toBe('https://gis.example.cn/rcgis/ogc/conformance')
    expect(rels.data.href).toBe('https://gis.example.cn/rcgis/ogc/collections')
  })

  it('declares the Part 1 and Part 2 conformance classes', async () => {
    const { conformsTo } = await (await get('/ogc/conformance')).json()
    for (const c of ['core', 'oas30', 'html', 'geojson'])
      expect(conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${c}`)
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs')
  })

  it('serves OpenAPI 3.0 with limit bounded 1…10 000 on every collection', async () => {
    const res = await get('/ogc/api')
    expect(res.headers.get('content-type')).toBe('application/vnd.oai.openapi+json;version=3.0')
    const doc = await res.json()
    expect(doc.openapi).toMatch(/^3\.0\./)
    for (const layer of LAYERS) {
      const op = doc.paths[`/collections/${layer.id}/items`].get
      const limit = op.parameters.find((p: { name: string }) => p.name === 'limit')
      expect(limit.schema).toMatchObject({ minimum: 1, maximum: 10000, default: 10 })
      expect(op.parameters.some((p: { name: string }) => p.name === 'datetime')).toBe(!!layer.temporal)
    }
  })

  it('lists one collection per layer with titles, extent, CRS URIs and the storage CRS', async () => {
    const { collections, links } = await (await get('/ogc/collections')).json()
    expect(links[0].rel).toBe('self')
    expect(collections.map((c: { id: string }) => c.id)).toEqual(LAYERS.map((l) => l.id))
    for (const c of collections) {
      const layer = LAYERS.find((l) => l.id === c.id)!
      expect(c.titles).toEqual(layer.title)
      expect(c.itemType).toBe('feature')
      expect(c.storageCrs).toBe(EPSG(4490))
      for (const uri of [CRS84, EPSG(4490), EPSG(4326), EPSG(3857), EPSG(4543), EPSG(4544), EPSG(4522)])
        expect(c.crs).toContain(uri)
      const { rows } = await t.db.query<Record<string, number>>(
        `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n FROM (SELECT ST_Extent(geom) e FROM ${layer.id}) x`,
      )
      const [w, s, e, n] = c.extent.spatial.bbox[0]
      expect([w, s, e, n]).toEqual([rows[0].w, rows[0].s, rows[0].e, rows[0].n])
      expect(c.extent.spatial.crs).toBe(CRS84)
      expect(c.extent.temporal !== undefined).toBe(layer.temporal !== undefined)
    }
  })

  it('gives a layer with time its first and last instant as the temporal extent', async () => {
    const patrols = await (await get('/ogc/collections/patrols')).json()
    const { rows } = await t.db.query<{ t0: Date; t1: Date }>(
      'SELECT min(started_at) AS t0, max(coalesce(ended_at, started_at)) AS t1 FROM patrols',
    )
    const [t0, t1] = patrols.extent.temporal.interval[0]
    // The extent is given to the second; the data may carry fractions.
    expect(Math.abs(Date.parse(t0) - rows[0].t0.getTime())).toBeLessThan(1000)
    expect(Math.abs(Date.parse(t1) - rows[0].t1.getTime())).toBeLessThan(1000)
    const rels = patrols.links.map((l: { rel: string }) => l.rel)
    expect(rels).toEqual(expect.arrayContaining(['self', 'alternate', 'items']))
  })

  it('serves HTML to a browser and for f=html, and GeoJSON for Accept: application/geo+json', async () => {
    const browser = await get('/ogc/collections', {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    })
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await browser.text()).toContain('River reaches')
    const html = await get('/ogc/collections/reaches/items?f=html&limit=3')
    expect(html.headers.get('content-type')).toMatch(/^text\/html/)
    expect((await html.text()).match(/<tr>/g)?.length).toBe(4) // header and 3 features
    const geojson = await get('/ogc/collections/reaches/items?limit=1', { accept: 'application/geo+json' })
    expect(geojson.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    expect((await geojson.json()).type).toBe('FeatureCollection')
  })

  it('refuses unknown parameters with a 400 in the OGC shape that lists those accepted', async () => {
    const res = await get('/ogc/collections/reaches/items?bboxx=1,2,3,4')
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.code).toBe('unknown_parameter')
    expect(body.description).toMatch(/bboxx/)
    for (const p of ['limit', 'offset', 'bbox', 'bbox-crs', 'crs', 'filter', 'code', 'river_code'])
      expect(body.description).toContain(p)
    expect(body.description).not.toContain('datetime') // reaches have no time
    expect(body.error).toBeUndefined()
  })

  it.each([
    ['limit=abc', /limit/],
    ['limit=1.5', /limit/],
    ['limit=0', /limit/],
    ['offset=-1', /offset/],
    ['bbox=1,2,3', /bbox/],
    ['bbox=102,-91,103,25', /latitude/],
    ['crs=EPSG:2000', /crs/],
    ['sortby=-nope', /sortby/],
    ['properties=nope', /properties/],
    ['limit=1&limit=2', /limit/],
    ['from_node=x', /from_node/],
    ['f=xml', /f:/],
  ])('answers %s with a 400 naming the parameter, never a stack', async (query, named) => {
    const res = await get(`/ogc/collections/reaches/items?${query}`)
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).not.toMatch(STACK)
    expect(JSON.parse(text).description).toMatch(named)
  })

  it('answers an unknown collection, feature or path with a 404 in the OGC shape', async () => {
    for (const path of [
      '/ogc/collections/nope',
      '/ogc/collections/nope/items',
      '/ogc/collections/reaches/items/999999999',
      '/ogc/collections/reaches/items/abc',
      '/ogc/nothing-here',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      const body = await res.json()
      expect(body.code, path).toBe('not_found')
      expect(typeof body.description, path).toBe('string')
    }
    // Outside /ogc the API keeps its own shape.
    expect((await (await get('/api/nope')).json()).error.code).toBe('not_found')
  })

  it('serves one feature with self, alternate and collection links', async () => {
    const { rows } = await t.db.query<{ id: number; code: string }>(
      'SELECT id, code FROM reaches ORDER BY id LIMIT 1',
    )
    const res = await get(`/ogc/collections/reaches/items/${rows[0].id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/)
    expect(res.headers.get('content-crs')).toBe(`<${CRS84}>`)
    const f = await res.json()
    expect(f).toMatchObject({ type: 'Feature', id: Number(rows[0].id), properties: { code: rows[0].code } })
    expect(f.geometry.type).toBe('LineString')
    expect(f.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'alternate', 'collection'])
  })
})
