// GET /api/patrols/compliance as CSV and GeoJSON, and its 400s and 404, on every engine, on the
// compliance city (compliance-fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMPLIANCE_CSV_HEADER } from '../../server/patrols/compliance-csv.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { loadComplianceCity } from './compliance-fixture.ts'

const HALF_YEAR = 'from=2023-01-01&to=2023-06-30'

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  const get = (query: string) => fetch(`${app.url}/api/patrols/compliance?${query}`)

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadComplianceCity(t.db)
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  it('format=csv: BOM, Chinese header, one CRLF record per chief', async () => {
    const res = await get(`${HALF_YEAR}&level=county&format=csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain('patrol-compliance-2023-01-01-2023-06-30.csv')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').split('\r\n')
    expect(lines).toEqual([
      COMPLIANCE_CSV_HEADER.join(','),
      'K1,县一,乙区区长,县级,河长,1,1,达标,',
      'K2,县二,乙区区长,县级,河长,2,2,未达标,',
      'LK1,湖一,甲区副区长,县级,河长,3,0,未达标,丁水库(L1)',
      '',
    ])
    const specialist = await (await get(`${HALF_YEAR}&level=village_group&format=csv`)).text()
    expect(specialist.split('\r\n')[1]).toBe('S1,专一,东村一组专管员,村小组,专管员,0,1,不考核,')
  })

  it('format=geojson: one feature per chief and scope, with its geometry and pass', async () => {
    const res = await get(`${HALF_YEAR}&format=geojson`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/geo+json')
    const fc = (await res.json()) as {
      type: string
      features: { geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }[]
    }
    expect(fc.type).toBe('FeatureCollection')
    // CITY1, CG1, K1, K2, LK1 one scope each; VIL1 two reaches; VIL2 one; S1 one area.
    expect(
      fc.features.map((f) => `${f.properties.chief_id}:${f.properties.scope_code}:${f.geometry.type}`),
    ).toEqual([
      'CITY1:R1-3:LineString',
      'CG1:T1-1:LineString',
      'K1:R1-2:LineString',
      'K2:R1-2:LineString',
      'LK1:L1:MultiPolygon',
      'VIL1:C1-1:LineString',
      'VIL1:R1-1:LineString',
      'VIL2:T1-2:LineString',
      'S1:VG1:MultiPolygon',
    ])
    expect(fc.features.map((f) => f.properties.pass)).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
      false,
      false,
      null,
    ])
    expect(fc.features[0].properties).toEqual({
      chief_id: 'CITY1',
      name: '城一',
      level: 'city',
      pass: true,
      scope_kind: 'reach',
      scope_code: 'R1-3',
    })
  })

  it.each([
    ['from=2023-02-30&to=2023-03-01', 'not a real calendar date'],
    ['from=2023-03-01&to=2023-02-01', 'after to'],
    ['from=2020-01-01&to=2023-12-31', 'at most 1100 days'],
    ['to=2023-03-01', 'from'],
    [`${HALF_YEAR}&level=park`, 'level must be one of'],
    [`${HALF_YEAR}&county=5301`, 'county must be a 12-digit division code'],
    [`${HALF_YEAR}&format=xlsx`, 'format must be one of'],
  ])('400 for %s', async (query, message) => {
    const res = await get(query)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe('bad_request')
    expect(body.error.message).toContain(message)
  })

  it('404 for a county code that names no county', async () => {
    const res = await get(`${HALF_YEAR}&county=530199000000`)
    expect(res.status).toBe(404)
  })
})
