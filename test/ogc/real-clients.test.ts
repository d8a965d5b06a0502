// Real clients against a live server on the demo city, on every engine (issue 10 "Real clients"):
// GDAL's OAPIF driver (Debian's ogrinfo/ogr2ogr 3.6) and OWSLib (Debian's python3-owslib), as
// .ci/run installs them. What they report is checked against /api/layers and PostGIS.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAYERS } from '../../server/layers/registry.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// Asynchronous on purpose: the server answering the client runs in this very process.
const run = promisify(execFile)
// Debian's interpreter, which sees python3-owslib (a pyenv `python3` first on PATH would not).
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'

// The west half of the demo city (lon 102.17…102.92 of 102.17…103.67).
const WEST_HALF = [102.0, 24.3, 102.92, 26.6]

const OWSLIB_SCRIPT = `
import json, sys
from owslib.ogcapi.features import Features
api = Features(sys.argv[1])
out = {"collections": [c["id"] for c in api.collections()["collections"]]}
out["reaches_items"] = len(api.collection_items("reaches", limit=7)["features"])
try:
    out["queryables"] = sorted(api.collection_queryables("water_source_zones")["properties"].keys())
except Exception as e:
    out["queryables_error"] = repr(e)
try:
    page = api.collection_items("water_source_zones", filter="grade = 'first'", limit=100)
    out["filtered"] = sorted(f["id"] for f in page["features"])
    out["filtered_matched"] = page.get("numberMatched")
except Exception as e:
    out["filtered_error"] = repr(e)
print(json.dumps(out))
`

describe.each(ENGINES)('real OGC API clients on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let source: string
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
    source = `OAPIF:${app.url}/ogc`
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  const sqlIds = async (sql: string, params: unknown[] = []) =>
    (await t.db.query<{ id: string }>(sql, params)).rows.map((r) => Number(r.id))

  /** FIDs of the features ogr2ogr copies (GDAL keeps our integer ids as FIDs). */
  async function ogr2ogrIds(args: string[]): Promise<number[]> {
    const { stdout } = await run(
      'ogr2ogr',
      ['-f', 'GeoJSON', '-preserve_fid', '/vsistdout/', source, ...args],
      {
        maxBuffer: 64 << 20,
      },
    )
    const collection = JSON.parse(stdout) as { features: { id: number }[] }
    return collection.features.map((f) => Number(f.id)).sort((a, b) => a - b)
  }

  it('ogrinfo lists every collection', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', source])
    const listed = [...stdout.matchAll(/^\d+: (\w+)/gm)].map((m) => m[1])
    expect(listed).toEqual(LAYERS.map((l) => l.id))
  }, 60_000)

  it('ogrinfo gives reaches the feature count of /api/layers', async () => {
    const { layers } = await (await fetch(`${app.url}/api/layers`)).json()
    const reaches = layers.find((l: { id: string }) => l.id === 'reaches')
    const { stdout } = await run('ogrinfo', ['-ro', '-so', source, 'reaches'])
    expect(Number(/Feature Count: (\d+)/.exec(stdout)?.[1])).toBe(reaches.count)
    expect(reaches.count).toBeGreaterThan(100)
  }, 60_000)

  it('ogr2ogr -spat over half the city returns the ids PostGIS ST_Intersects gives', async () => {
    const want = await sqlIds(
      'SELECT id FROM reaches WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490)) ORDER BY id',
      WEST_HALF,
    )
    expect(want.length).toBeGreaterThan(100)
    const got = await ogr2ogrIds(['reaches', '-spat', ...WEST_HALF.map(String)])
    expect(got).toEqual(want)
  }, 120_000)

  it('ogr2ogr -where "grade = \'first\'" on water_source_zones returns exactly the first-grade zones', async () => {
    const want = await sqlIds("SELECT id FROM water_source_zones WHERE grade = 'first' ORDER BY id")
    expect(want.length).toBeGreaterThan(0)
    const got = await ogr2ogrIds(['water_source_zones', '-where', "grade = 'first'"])
    expect(got).toEqual(want)
  }, 60_000)

  it('OWSLib reads the collections, a page, queryables and a CQL2-filtered page', async () => {
    const { stdout } = await run(PYTHON, ['-c', OWSLIB_SCRIPT, `${app.url}/ogc`])
    const out = JSON.parse(stdout)
    expect(out.collections).toEqual(LAYERS.map((l) => l.id))
    expect(out.reaches_items).toBe(7)
    // Part 3 (queryables, CQL2) is served by server/ogc/cql2 and queryables.ts.
    expect(out.queryables_error).toBeUndefined()
    expect(out.queryables).toEqual(expect.arrayContaining(['grade', 'name', 'source_name']))
    expect(out.filtered_error).toBeUndefined()
    const want = await sqlIds("SELECT id FROM water_source_zones WHERE grade = 'first' ORDER BY id")
    expect(out.filtered).toEqual(want)
    expect(out.filtered_matched).toBe(want.length)
  }, 60_000)
})
