// The locate index never answers from old data (issue 14 item 3): an import followed at once by
// a locate gives the new answer on both engines, even while the server engine's notifications
// lag, and on the server engine a second app instance with its own pool and listener answers the
// new data within one second of the import committing, then from a rebuilt index again.
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectCapabilities } from '../../server/db/capabilities.ts'
import { PgDatabase } from '../../server/db/pg-engine.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type LocateApp, serveLocate } from './locate-index-app.ts'

/** A square of side `d` degrees at (lon, lat). */
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

async function zonePoint(t: TestDatabase) {
  const { rows } = await t.db.query<{ id: number; lon: number; lat: number }>(
    `SELECT id, ST_X(p) AS lon, ST_Y(p) AS lat
       FROM (SELECT id, ST_PointOnSurface(geom) AS p FROM water_resource_zones ORDER BY id LIMIT 1) s`,
  )
  return rows[0]
}

const zoneIds = (text: string) => (JSON.parse(text).zones.water_resource as { id: number }[]).map((z) => z.id)

describe.each(ENGINES)('%s engine, one instance', (engine) => {
  let t: TestDatabase
  let app: LocateApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveLocate(t.db, t.url)
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('gives the new answer right after an import commits, then from a rebuilt index', async () => {
    const zone = await zonePoint(t)
    const url = `/api/locate?lon=${zone.lon}&lat=${zone.lat}&date=2018-06-01`
    const before = await app.get(url)
    expect(zoneIds(before.text)).toContain(zone.id)
    expect(await app.kept.fresh()).not.toBeNull() // answered from the index
    const records = [
      { recordNo: 1, geometry: square(zone.lon, zone.lat), attributes: { name: '新区', colour: 'red' } },
    ]
    await loadLayer(t.db, 'water_resource_zones', records, { mode: 'replace', actor: 'test' })
    // Asked at once, before anything else reaches the database (on the embedded engine a query
    // would queue behind the rebuild the import's NOTIFY started, and hide a stale index).
    const after = await app.get(url)
    const { rows } = await t.db.query<{ id: number }>('SELECT id FROM water_resource_zones')
    expect(zoneIds(after.text)).toEqual(rows.map((r) => r.id))
    // An edit straight in SQL to a table the index reads (chiefs) is seen at once too.
    const chief = JSON.parse(after.text).chiefs[0]
    await t.db.query('UPDATE chiefs SET name = $1 WHERE id = $2', ['新河长', chief.id])
    const renamed = JSON.parse((await app.get(url)).text).chiefs.find(
      (c: { id: string }) => c.id === chief.id,
    )
    expect(renamed.name).toBe('新河长')
    // The rebuilt index holds the new data and answers the same.
    const rebuilt = await app.kept.ready()
    expect(await app.kept.fresh()).toBe(rebuilt)
    expect((await app.get(url)).text).toBe((await app.get(`${url}&engine=sql`)).text)
    expect(zoneIds((await app.get(url)).text)).toEqual(rows.map((r) => r.id))
  }, 120_000)
})

describe.runIf(ENGINES.includes('server'))('server engine, notifications held back', () => {
  let t: TestDatabase
  let app: LocateApp
  beforeAll(async () => {
    t = await openTestDatabase('server', 'demo')
    app = await serveLocate(t.db, t.url)
  }, 120_000)
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('answers this process’s own writes at once, though their NOTIFY has not arrived', async () => {
    const zone = await zonePoint(t)
    const url = `/api/locate?lon=${zone.lon}&lat=${zone.lat}&date=2018-06-01`
    const before = zoneIds((await app.get(url)).text)
    expect(await app.kept.fresh()).not.toBeNull()
    // The listener's socket stops being read: every notification waits in the kernel, a lag as
    // long as the test wants, on the real connection.
    const socket = (app.versions as unknown as { client: { connection: { stream: Socket } } }).client
      .connection.stream
    socket.pause()
    try {
      const known = app.versions.known()
      const records = [
        {
          recordNo: 1,
          geometry: square(zone.lon, zone.lat),
          attributes: { name: '新增红区', colour: 'red' },
        },
      ]
      const result = await loadLayer(t.db, 'water_resource_zones', records, { mode: 'append', actor: 'a' })
      const { rows } = await t.db.query<{ id: number }>(
        'SELECT id FROM water_resource_zones WHERE import_id = $1',
        [result.importId],
      )
      expect(app.versions.known()).toEqual(known) // nothing was heard
      const expected = [...before, rows[0].id].sort((x, y) => x - y)
      // Asked at once, and again: the notifications still say the old versions, and are not trusted.
      for (let i = 0; i < 3; i++) expect(zoneIds((await app.get(url)).text)).toEqual(expected)
      // The index rebuilt from the new data answers, still without the notification.
      await app.kept.ready()
      await app.get(url)
      expect(await app.kept.fresh()).not.toBeNull()
      expect(zoneIds((await app.get(url)).text)).toEqual(expected)
      expect((await app.get(url)).text).toBe((await app.get(`${url}&engine=sql`)).text)
      // A single statement outside a transaction is seen at once too.
      const chief = JSON.parse((await app.get(url)).text).chiefs[0]
      await t.db.query('UPDATE chiefs SET name = $1 WHERE id = $2', ['另一位河长', chief.id])
      const renamed = JSON.parse((await app.get(url)).text).chiefs.find(
        (c: { id: string }) => c.id === chief.id,
      )
      expect(renamed.name).toBe('另一位河长')
    } finally {
      socket.resume()
    }
  }, 120_000)
})

describe.runIf(ENGINES.includes('server'))('server engine, two instances on one database', () => {
  let t: TestDatabase
  let second: PgDatabase
  let a: LocateApp
  let b: LocateApp
  beforeAll(async () => {
    t = await openTestDatabase('server', 'demo')
    second = await PgDatabase.open(t.url!, 4)
    second.capabilities = await detectCapabilities(second)
    a = await serveLocate(t.db, t.url)
    b = await serveLocate(second, t.url)
  }, 120_000)
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await second?.close()
    await t?.dispose()
  })

  it('the second instance answers the new data within one second of an import committing', async () => {
    const zone = await zonePoint(t)
    const url = `/api/locate?lon=${zone.lon}&lat=${zone.lat}&date=2018-06-01`
    const before = zoneIds((await b.get(url)).text)
    expect(await b.kept.fresh()).not.toBeNull()
    const records = [
      { recordNo: 1, geometry: square(zone.lon, zone.lat), attributes: { name: '新增红区', colour: 'red' } },
    ]
    const result = await loadLayer(t.db, 'water_resource_zones', records, { mode: 'append', actor: 'a' })
    const committed = performance.now()
    // b learns of a's import from its NOTIFY (as tiles do), and answers the new data from then on.
    const { rows } = await t.db.query<{ id: number }>(
      'SELECT id FROM water_resource_zones WHERE import_id = $1',
      [result.importId],
    )
    let seen = zoneIds((await b.get(url)).text)
    while (!seen.includes(rows[0].id) && performance.now() - committed < 1000) {
      await new Promise((r) => setTimeout(r, 10))
      seen = zoneIds((await b.get(url)).text)
    }
    expect(performance.now() - committed).toBeLessThan(1000)
    expect(seen).toEqual([...before, rows[0].id].sort((x, y) => x - y))
    // b heard the NOTIFY and rebuilds in the background; then it answers from memory again.
    const deadline = performance.now() + 60_000
    while (!(await b.kept.fresh()) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(await b.kept.fresh()).not.toBeNull()
    expect((await b.get(url)).text).toBe((await a.get(`${url}&engine=sql`)).text)
  }, 120_000)
})
