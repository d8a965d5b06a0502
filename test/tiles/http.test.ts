// GET /tiles/{layers}/{z}/{x}/{y}.mvt over the demo city on every engine: addresses and layer ids
// checked (400/404), empty tiles 204, one ETag for identical requests and 304 for it, gzip made
// once and equal to the plain tile, CORS for other sites' pages, restricted layers without their
// personal fields. Staleness: stale.test.ts.
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer } from '../../server/layers/registry.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from './decoded-tile.ts'
import { serveTiles, type TileApp } from './tile-app.ts'
import { tileAt } from './tile-math.ts'

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: TileApp
  /** A z12 tile holding a point inside the first water-resource zone, and that zone. */
  let zoneTile: string
  let zone: { id: number; name: string; colour: string }

  async function pointInside(table: string): Promise<{ id: number; lon: number; lat: number }> {
    const { rows } = await t.db.query<{ id: number; lon: number; lat: number }>(
      `SELECT id, ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT id, ST_PointOnSurface(geom) AS p FROM ${table} ORDER BY id LIMIT 1) s`,
    )
    return rows[0]
  }
  const path = (layers: string, a: { z: number; x: number; y: number }) =>
    `/tiles/${layers}/${a.z}/${a.x}/${a.y}.mvt`

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveTiles(t.db, t.url)
    const inside = await pointInside('water_resource_zones')
    zoneTile = path('water_resource_zones', tileAt(inside.lon, inside.lat, 12))
    const { rows } = await t.db.query<{ id: number; name: string; colour: string }>(
      'SELECT id, name, colour FROM water_resource_zones WHERE id = $1',
      [inside.id],
    )
    zone = rows[0]
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('answers 400 for a z/x/y that is not a tile address, 404 for an unknown layer', async () => {
    for (const bad of [
      '/tiles/reaches/a/0/0.mvt',
      '/tiles/reaches/-1/0/0.mvt',
      '/tiles/reaches/31/0/0.mvt',
      '/tiles/reaches/2/4/0.mvt',
      '/tiles/reaches/2/0/4.mvt',
      '/tiles/reaches/0/0/1.mvt',
      '/tiles/reaches/1.5/0/0.mvt',
      '/tiles/reaches,reaches/0/0/0.mvt',
    ]) {
      const reply = await app.get(bad)
      expect(reply.status, bad).toBe(400)
      const body = JSON.parse(reply.body.toString())
      expect(body.error.code, bad).toBe('bad_request')
      expect(body.error.message, bad).not.toMatch(/\bat \w+ \(/) // no stack trace
    }
    for (const unknown of ['/tiles/rivers_x/0/0/0.mvt', '/tiles/reaches,nope/0/0/0.mvt']) {
      const reply = await app.get(unknown)
      expect(reply.status, unknown).toBe(404)
      expect(JSON.parse(reply.body.toString()).error.code).toBe('not_found')
    }
  })

  it('answers 204 for a tile where no feature falls, with an ETag', async () => {
    // z10 over the Atlantic at 0°N 30°W: the demo city is at ~25°N 102.7°E.
    const reply = await app.get(path('water_resource_zones,reaches', tileAt(-30, 0, 10)))
    expect(reply.status).toBe(204)
    expect(reply.body.length).toBe(0)
    expect(reply.headers.etag).toMatch(/^"[\w-]{27}"$/)
  })

  it('serves the layer with the row id as feature id and the declared fields', async () => {
    const reply = await app.get(zoneTile)
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    const layer = decodeTile(reply.body).get('water_resource_zones')
    const feature = layer?.features.find((f) => f.id === zone.id)
    expect(feature?.properties).toMatchObject({ name: zone.name, colour: zone.colour })
  })

  it('gives 20 identical requests one ETag, and If-None-Match that ETag a 304', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => app.get(zoneTile)))
    const etags = new Set(replies.map((r) => r.headers.etag))
    expect(etags.size).toBe(1)
    const [etag] = etags
    expect(etag).toMatch(/^"[\w-]{27}"$/)
    const revalidated = await app.get(zoneTile, { 'If-None-Match': etag! })
    expect(revalidated.status).toBe(304)
    expect(revalidated.body.length).toBe(0)
    expect(revalidated.headers.etag).toBe(etag)
    expect((await app.get(zoneTile, { 'If-None-Match': '"something-else"' })).status).toBe(200)
    // Another address or another layer set is another tile.
    const composite = await app.get(zoneTile.replace('water_resource_zones', 'water_resource_zones,reaches'))
    expect(composite.headers.etag).not.toBe(etag)
  })

  it('sends gzip when accepted, the same tile once decompressed', async () => {
    // A composite at z10 is several kilobytes: gzip pays there.
    const inside = await pointInside('water_resource_zones')
    const big = path(
      'admin_areas,water_resource_zones,reaches,chief_areas',
      tileAt(inside.lon, inside.lat, 10),
    )
    const plain = await app.get(big, { 'Accept-Encoding': 'identity' })
    const zipped = await app.get(big, { 'Accept-Encoding': 'gzip, deflate' })
    expect(plain.body.length).toBeGreaterThan(2000)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/)
    expect(zipped.body.length).toBeLessThan(plain.body.length)
    expect(Buffer.compare(gunzipSync(zipped.body), plain.body)).toBe(0)
    expect(zipped.headers.etag).toBe(plain.headers.etag)
    expect(
      (await app.get(big, { 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding'],
    ).toBeUndefined()
  })

  it('answers a cached tile (tile-hits.ts, before the router) exactly as the route made it', async () => {
    const inside = await pointInside('reaches')
    const url = path('reaches,monitoring_sections', tileAt(inside.lon, inside.lat, 13))
    const variants: Record<string, string>[] = [
      { 'Accept-Encoding': 'gzip, deflate, br' },
      {},
      { 'Accept-Encoding': 'br' },
    ]
    for (const headers of variants) {
      const made = await app.get(`${url}?fresh=${Math.random()}`, { ...headers, Origin: 'https://a.example' })
      const cached = await app.get(url, { ...headers, Origin: 'https://a.example' })
      const again = await app.get(url, { ...headers, Origin: 'https://a.example' })
      expect(made.status).toBe(200)
      for (const reply of [cached, again]) {
        expect(Buffer.compare(reply.body, made.body)).toBe(0)
        for (const name of [
          'etag',
          'content-type',
          'content-encoding',
          'content-length',
          'vary',
          'cache-control',
          'access-control-allow-origin',
        ])
          expect(reply.headers[name], name).toBe(made.headers[name])
        expect(String(reply.headers['access-control-expose-headers']).replace(/\s/g, '')).toBe(
          String(made.headers['access-control-expose-headers']).replace(/\s/g, ''),
        )
      }
    }
  })

  it('lets any origin read tiles by default, exposing ETag and Content-Range', async () => {
    const reply = await app.get(zoneTile, { Origin: 'https://maps.example.org' })
    expect(reply.headers['access-control-allow-origin']).toBe('*')
    const exposed = String(reply.headers['access-control-expose-headers']).split(/,\s*/)
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Content-Range']))
    expect(reply.headers['cache-control']).toBe('no-cache')
  })

  it('allows only the origins CORS_ORIGIN lists when it lists them', async () => {
    const listed = await serveTiles(t.db, t.url, { CORS_ORIGIN: 'https://a.example, https://b.example' })
    try {
      const allowed = await listed.get(zoneTile, { Origin: 'https://b.example' })
      expect(allowed.headers['access-control-allow-origin']).toBe('https://b.example')
      expect(allowed.headers.vary).toMatch(/Origin/)
      const refused = await listed.get(zoneTile, { Origin: 'https://evil.example' })
      expect(refused.status).toBe(200) // CORS leaves the answer alone; the browser withholds it
      expect(refused.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await listed.close()
    }
  })

  it('serves restricted layers without their personal fields', async () => {
    for (const id of ['reports', 'patrols'] as const) {
      const layer = getLayer(id)
      expect(layer.access).toBe('restricted')
      const inside = await pointInside(id)
      expect(inside, `the demo has ${id}`).toBeDefined()
      const reply = await app.get(path(id, tileAt(inside.lon, inside.lat, 14)))
      expect(reply.status).toBe(200)
      const features = decodeTile(reply.body).get(id)?.features ?? []
      expect(features.map((f) => f.id)).toContain(inside.id)
      for (const feature of features)
        for (const field of layer.personalFields ?? []) expect(feature.properties).not.toHaveProperty(field)
    }
  })
})
