// The coordinate readout's Gauss–Krüger numbers (web/map/gauss-kruger.ts) against PostGIS's own
// ST_Transform to EPSG:4522/4523 (PROJ with the EPSG registry's definitions), on each engine, and
// against what holds by definition: on the central meridian the easting is the false easting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gaussKruger } from '../../web/map/gauss-kruger.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// Points across the city: Dianchi, the zone 34/35 boundary (103.5°E), Dongchuan in the north.
const POINTS: [number, number][] = [
  [102.7, 24.85],
  [103.49, 25.1],
  [103.51, 25.1],
  [103.1, 26.1],
]

describe('gaussKruger', () => {
  it('puts a point on the central meridian at the false easting (zone × 10⁶ + 500 000)', () => {
    const [z34] = gaussKruger(102, 25)
    expect(z34.zone).toBe(34)
    expect(z34.easting).toBeCloseTo(34_500_000, 3)
    const z35 = gaussKruger(105, 25).find((g) => g.zone === 35)!
    expect(z35.easting).toBeCloseTo(35_500_000, 3)
    // Equal northings on the two central meridians at the same latitude: the same meridian arc.
    expect(z35.northing).toBeCloseTo(z34.northing, 3)
  })

  it('gives the zone whose central meridian is nearer first', () => {
    expect(gaussKruger(103.49, 25).map((g) => g.zone)).toEqual([34, 35])
    expect(gaussKruger(103.51, 25).map((g) => g.zone)).toEqual([35, 34])
  })

  describe.each(ENGINES)('matches ST_Transform on the %s engine', (engine) => {
    let test: TestDatabase
    beforeAll(async () => {
      test = await openTestDatabase(engine, 'empty')
    })
    afterAll(async () => {
      await test?.dispose()
    })

    it.each(POINTS)('at %f, %f to the millimetre in both zones', async (lon, lat) => {
      const { rows } = await test.db.query<{ srid: number; x: number; y: number }>(
        `SELECT srid, ST_X(p) AS x, ST_Y(p) AS y
           FROM (SELECT s AS srid, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), s) AS p
                   FROM unnest(ARRAY[4522, 4523]) AS s) t`,
        [lon, lat],
      )
      for (const g of gaussKruger(lon, lat)) {
        const expected = rows.find((r) => r.srid === g.epsg)!
        expect(g.easting).toBeCloseTo(expected.x, 3)
        expect(g.northing).toBeCloseTo(expected.y, 3)
      }
    })
  })
})
