// GET /api/chiefs and /api/chiefs/{id} on the mini city, on every engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChiefResponse, ChiefSearchResponse } from '../../server/http/routes/chiefs.ts'
import { ENGINES } from '../support/test-database.ts'
import { type MiniCity, openMiniCity } from './mini-city-store.ts'

describe.each(ENGINES)('%s engine', (engine) => {
  let city: MiniCity
  beforeAll(async () => {
    city = await openMiniCity(engine)
  })
  afterAll(() => city?.dispose())

  it('gives a chief with every assignment and the scopes held on the date as GeoJSON', async () => {
    const { status, body } = await city.client.get('/api/chiefs/K1?date=2018-06-01')
    expect(status).toBe(200)
    ChiefResponse.parse(body)
    expect(body).toMatchObject({ id: 'K1', name: '李县', position: '甲区区长', contact: '0871-201' })
    expect(body.assignments).toMatchObject([
      { level: 'county', role: 'chief', active: true, scope: { kind: 'reach', code: 'R1-1' } },
    ])
    expect(Math.abs(body.assignments[0].scope.length_m - 5000)).toBeLessThan(25)
    expect(body.scopes.type).toBe('FeatureCollection')
    expect(body.scopes.features).toHaveLength(1)
    const [feature] = body.scopes.features
    expect(feature.geometry.type).toBe('LineString')
    expect(feature.geometry.crs).toBeUndefined()
    expect(feature.properties).toMatchObject({
      level: 'county',
      scope_code: 'R1-1',
      scope_kind: 'reach',
      river_code: 'R1',
    })
    // After valid_to the assignment stays in the history but is no longer a scope.
    const later = (await city.client.get('/api/chiefs/K1?date=2019-01-01')).body
    expect(later.assignments[0].active).toBe(false)
    expect(later.scopes.features).toEqual([])
  })

  it('gives an area chief their polygon with its geodesic area', async () => {
    const { body } = await city.client.get('/api/chiefs/S1?date=2018-06-01')
    const [feature] = body.scopes.features
    expect(feature.geometry.type).toBe('MultiPolygon')
    expect(feature.properties).toMatchObject({
      scope_kind: 'area',
      scope_code: 'VG1',
      area_level: 'village_group',
      role: 'specialist',
    })
    expect(Math.abs(feature.properties.area_m2 / 4_000_000 - 1)).toBeLessThan(0.005)
  })

  it('searches by name, case-insensitively by id, by level, with paging', async () => {
    const county = (await city.client.get(`/api/chiefs?q=${encodeURIComponent('县')}&date=2018-06-01`)).body
    ChiefSearchResponse.parse(county)
    expect(county.total).toBe(4)
    expect(county.chiefs.map((c: { id: string }) => c.id).sort()).toEqual(['K1', 'K2', 'K3', 'K4'])
    const k2 = county.chiefs.find((c: { id: string }) => c.id === 'K2')
    expect(k2.scopes).toEqual([]) // not yet in office on 2018-06-01
    expect(
      (await city.client.get('/api/chiefs?q=c-city')).body.chiefs.map((c: { id: string }) => c.id),
    ).toEqual(['C-CITY'])
    const village = (await city.client.get('/api/chiefs?level=village_group')).body
    expect(village.chiefs.map((c: { id: string }) => c.id)).toEqual(['S1'])
    const page = (await city.client.get('/api/chiefs?limit=2&offset=2')).body
    expect(page).toMatchObject({ total: 9, limit: 2, offset: 2 })
    expect(page.chiefs).toHaveLength(2)
  })

  it('treats LIKE wildcards in q as plain text', async () => {
    for (const q of ['%', '_', '\\']) {
      const { status, body } = await city.client.get(`/api/chiefs?q=${encodeURIComponent(q)}`)
      expect(status).toBe(200)
      expect(body.total).toBe(0)
    }
  })

  it.each([
    ['/api/chiefs/NOBODY', 404, /no chief with id 'NOBODY'/],
    ['/api/chiefs?limit=0', 400, /limit/],
    ['/api/chiefs?limit=ten', 400, /limit must be a finite number/],
    ['/api/chiefs?level=emperor', 400, /level/],
    ['/api/chiefs?q=', 400, /q must not be empty/],
    ['/api/chiefs/K1?date=2018-13-01', 400, /date/],
  ])('%s → %d', async (path, status, message) => {
    const reply = await city.client.get(path)
    expect(reply.status).toBe(status)
    expect(reply.body.error.message).toMatch(message)
  })
})
