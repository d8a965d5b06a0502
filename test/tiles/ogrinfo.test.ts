// GDAL reads our tiles (issue 9 "Done when"): `ogrinfo -ro -al -so MVT:<url>` on a composite tile
// of the live server lists each layer with its feature count, the same as @mapbox/vector-tile
// finds in the same bytes. gdal-bin is installed by .ci/run.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from './decoded-tile.ts'
import { tileAt } from './tile-math.ts'

const run = promisify(execFile)

describe.each(ENGINES)('ogrinfo on a tile of the %s engine', (engine) => {
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

  it('lists every layer of a composite tile with its feature count', async () => {
    // The z12 tile of the first monitoring section: it also holds reaches and chief areas.
    const { rows } = await t.db.query<{ lon: number; lat: number }>(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM monitoring_sections ORDER BY id LIMIT 1',
    )
    const { z, x, y } = tileAt(rows[0].lon, rows[0].lat, 12)
    const url = `${app.url}/tiles/chief_areas,reaches,monitoring_sections/${z}/${x}/${y}.mvt`
    const expected = decodeTile(new Uint8Array(await (await fetch(url)).arrayBuffer()))
    expect(expected.get('monitoring_sections')?.features.length).toBeGreaterThan(0)

    const { stdout } = await run('ogrinfo', ['-ro', '-al', '-so', `MVT:${url}`], { timeout: 60_000 })
    const counts = new Map<string, number>()
    for (const block of stdout.split(/^Layer name: /m).slice(1)) {
      const name = block.split('\n')[0].trim()
      const count = /^Feature Count: (\d+)/m.exec(block)
      counts.set(name, Number(count?.[1]))
    }
    expect(counts).toEqual(new Map([...expected].map(([name, layer]) => [name, layer.features.length])))
  })
})
