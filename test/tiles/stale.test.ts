// A tile is never served from the cache after the data it read changed (issue 9 item 6): not
// after an edit straight in SQL (as QGIS makes them), not after an import, not after a change to
// a table it only joins (a section's latest class reads measurements). On the server engine a
// second app instance on the same database, with its own pool and listener, stops serving the
// old tile within one second of the import committing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectCapabilities } from '../../server/db/capabilities.ts'
import { PgDatabase } from '../../server/db/pg-engine.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from './decoded-tile.ts'
import { type RawReply, serveTiles, type TileApp } from './tile-app.ts'
import { tileAt } from './tile-math.ts'

const path = (layers: string, a: { z: number; x: number; y: number }) =>
  `/tiles/${layers}/${a.z}/${a.x}/${a.y}.mvt`
const ids = (reply: RawReply, layer: string) =>
  (decodeTile(reply.body).get(layer)?.features ?? []).map((f) => f.id)

/** A square of side `d` degrees at (lon, lat): inside one z14 tile when d is small. */
const square = (lon: number, lat: number, d = 0.0005) => ({
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
      ],
    ],
  ],
})

/** Asks `app` for `url` until its ETag is not `old`; the milliseconds that took, or throws after `ms`. */
async function untilChanged(
  app: TileApp,
  url: string,
  old: string,
  ms: number,
): Promise<{ took: number; reply: RawReply }> {
  const start = performance.now()
  for (;;) {
    const reply = await app.get(url)
    if (reply.headers.etag !== old) return { took: performance.now() - start, reply }
    if (performance.now() - start > ms) throw new Error(`still ETag ${old} after ${ms} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

async function pointInside(t: TestDatabase, table: string) {
  const { rows } = await t.db.query<{ id: number; lon: number; lat: number }>(
    `SELECT id, ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT id, ST_PointOnSurface(geom) AS p FROM ${table} ORDER BY id LIMIT 1) s`,
  )
  return rows[0]
}

describe.each(ENGINES)('%s engine, one instance', (engine) => {
  let t: TestDatabase
  let app: TileApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveTiles(t.db, t.url)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  // The embedded engine delivers the notification at commit, in process: the very next request
  // sees the change. The server engine hears of it over its listener's socket: up to a second.
  const allowMs = engine === 'embedded' ? 0 : 1000

  it('serves the new tile after an edit straight in SQL, also to the old ETag', async () => {
    const zone = await pointInside(t, 'water_resource_zones')
    const url = path('water_resource_zones', tileAt(zone.lon, zone.lat, 12))
    const before = await app.get(url)
    expect((await app.get(url)).headers.etag).toBe(before.headers.etag) // cached
    await t.db.query(`UPDATE water_resource_zones SET name = '改名区' WHERE id = $1`, [zone.id])
    const { reply } = await untilChanged(app, url, String(before.headers.etag), allowMs)
    const feature = decodeTile(reply.body)
      .get('water_resource_zones')
      ?.features.find((f) => f.id === zone.id)
    expect(feature?.properties.name).toBe('改名区')
    const revalidated = await app.get(url)
    expect(revalidated.headers.etag).toBe(reply.headers.etag)
    // A table the tile does not read leaves its ETag alone.
    await t.db.query('UPDATE lakes SET name = name')
    await new Promise((r) => setTimeout(r, 100))
    expect((await app.get(url)).headers.etag).toBe(reply.headers.etag)
  })

  it('serves the new tile after an import replaces the layer', async () => {
    const zone = await pointInside(t, 'water_resource_zones')
    const address = tileAt(zone.lon, zone.lat, 14)
    const url = path('water_resource_zones', address)
    const before = await app.get(url)
    expect(ids(before, 'water_resource_zones')).toContain(zone.id)
    const records = [
      { recordNo: 1, geometry: square(zone.lon, zone.lat), attributes: { name: '新区', colour: 'red' } },
    ]
    await loadLayer(t.db, 'water_resource_zones', records, { mode: 'replace', actor: 'test' })
    const { reply } = await untilChanged(app, url, String(before.headers.etag), allowMs)
    const after = ids(reply, 'water_resource_zones')
    expect(after).not.toContain(zone.id)
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM water_resource_zones')
    expect(after).toEqual(rows.map((r) => r.id))
  })

  it('serves the new tile after a change to a table it joins (a section’s latest class)', async () => {
    const section = await pointInside(t, 'monitoring_sections')
    const url = path('monitoring_sections', tileAt(section.lon, section.lat, 12))
    const before = await app.get(url)
    const { rows } = await t.db.query<{ code: string }>(
      'SELECT code FROM monitoring_sections WHERE id = $1',
      [section.id],
    )
    await t.db.query(
      `INSERT INTO measurements (section_code, measured_on, water_class) VALUES ($1, '2099-12-31', 'worse_than_V')`,
      [rows[0].code],
    )
    const { reply } = await untilChanged(app, url, String(before.headers.etag), allowMs)
    const feature = decodeTile(reply.body)
      .get('monitoring_sections')
      ?.features.find((f) => f.id === section.id)
    expect(feature?.properties.latest_class).toBe('worse_than_V')
  })
})

describe.runIf(ENGINES.includes('server'))('server engine, two instances on one database', () => {
  let t: TestDatabase
  let second: PgDatabase
  let a: TileApp
  let b: TileApp
  beforeAll(async () => {
    t = await openTestDatabase('server', 'demo')
    // The second instance has a pool and a listener of its own, as another process would.
    second = await PgDatabase.open(t.url!, 4)
    second.capabilities = await detectCapabilities(second)
    a = await serveTiles(t.db, t.url)
    b = await serveTiles(second, t.url)
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await second?.close()
    await t?.dispose()
  })

  it('stops serving the old tile on the other instance within one second of an import committing', async () => {
    const zone = await pointInside(t, 'water_resource_zones')
    const url = path('water_resource_zones', tileAt(zone.lon, zone.lat, 14))
    const before = await b.get(url)
    expect((await b.get(url)).headers.etag).toBe(before.headers.etag) // b has it cached
    const records = [
      { recordNo: 1, geometry: square(zone.lon, zone.lat), attributes: { name: '新增红区', colour: 'red' } },
    ]
    const result = await loadLayer(t.db, 'water_resource_zones', records, { mode: 'append', actor: 'a' })
    const { took, reply } = await untilChanged(b, url, String(before.headers.etag), 1000)
    expect(took).toBeLessThan(1000)
    const { rows } = await t.db.query<{ id: number }>(
      'SELECT id FROM water_resource_zones WHERE import_id = $1',
      [result.importId],
    )
    expect(ids(reply, 'water_resource_zones')).toContain(rows[0].id)
    expect((await a.get(url)).headers.etag).toBe(reply.headers.etag) // both instances agree
  })
})
