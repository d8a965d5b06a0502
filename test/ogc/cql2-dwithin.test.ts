// S_DWITHIN's index box (server/ogc/cql2/dwithin-envelope.ts): every point the distance reaches
// lies inside it, checked against PostGIS's own geodesic ST_Project (not our arithmetic), and
// with it the GiST index serves the filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer } from '../../server/layers/registry.ts'
import { dwithinEnvelope } from '../../server/ogc/cql2/dwithin-envelope.ts'
import { translateFilter } from '../../server/ogc/cql2/index.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe.each(ENGINES)('S_DWITHIN index box on the %s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
  })
  afterAll(() => t?.dispose())

  it('holds every point within the distance, at any latitude and bearing', async () => {
    const boxes: [number, number, number, number][] = [
      [102.7, 25.0, 102.7, 25.0],
      [102.5, 24.8, 103.1, 25.3],
      [10, 60, 11, 61],
      [-70, -78, -69, -77.5],
      [0, -1, 1, 1],
    ]
    let checked = 0
    for (const box of boxes) {
      for (const metres of [1, 500, 20_000, 300_000]) {
        const env = dwithinEnvelope(box, metres)
        if (!env) continue
        // Points at exactly `metres` from each corner and edge midpoint, every 15° of azimuth.
        const { rows } = await t.db.query<{ inside: boolean; n: string }>(
          `WITH src(x, y) AS (VALUES ($1::float8, $2::float8), ($3, $2), ($3, $4), ($1, $4),
                                     (($1 + $3) / 2, $2), (($1 + $3) / 2, $4), ($1, ($2 + $4) / 2), ($3, ($2 + $4) / 2)),
                reached AS (
                  SELECT ST_Project(ST_SetSRID(ST_Point(x, y), 4326)::geography, $5::float8, radians(az))::geometry AS g
                  FROM src, generate_series(0, 345, 15) AS az)
           SELECT bool_and(ST_X(g) BETWEEN $6 AND $8 AND ST_Y(g) BETWEEN $7 AND $9) AS inside, count(*) AS n FROM reached`,
          [...box, metres, ...env],
        )
        expect(rows[0].inside, `${box} ${metres} m`).toBe(true)
        checked += Number(rows[0].n)
      }
    }
    expect(checked).toBeGreaterThan(500)
    // No box exists over a pole or across the antimeridian; the filter then runs without one.
    expect(dwithinEnvelope([0, 88.5, 1, 88.9], 100_000)).toBeNull()
    expect(dwithinEnvelope([179.99, 0, 179.999, 1], 10_000)).toBeNull()
  })

  it('lets the GiST index choose the rows of an S_DWITHIN filter', async () => {
    const { sql, params } = translateFilter(
      { filter: 'S_DWITHIN(geometry, POINT(102.71 25.04), 2000)', lang: 'cql2-text' },
      // outfalls has only the planar GiST index (reaches also has a geography one).
      getLayer('outfalls'),
      1,
    )
    // With sequential scans priced out, a plan without an index scan means none is usable.
    const plan = await t.db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off')
      const { rows } = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT f.id FROM outfalls f WHERE ${sql}`,
        params,
      )
      return rows.map((r) => r['QUERY PLAN']).join('\n')
    })
    expect(plan).toMatch(/Index|Bitmap/)
  })
})
