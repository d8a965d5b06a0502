// The demo city's responsibility model as PostGIS sees it, on every engine (seed §3(一)2, §3(二)2,
// §3(二)3): one chief-in-general per level over every point, parks carved from counties, one
// chief per role per scope at a time, lake chiefs at their management level, mid-term changes.
// Checked with PostGIS itself and through /api/locate, independently of the generator's turf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, startClient } from '../query/http-client.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const DATES = ['2017-06-01', '2018-12-31', '2019-01-01', '2021-03-01', '2022-07-01', '2026-01-01']
// The chief areas of the chiefs-in-general of one level.
const GENERAL_AREAS = `SELECT DISTINCT c.code, c.level, c.admin_code, c.geom FROM chief_areas c
  JOIN assignments a ON a.scope_kind = 'area' AND a.scope_code = c.code AND a.role = 'chief_general' AND a.level = c.level`

interface Chief {
  id: string
  level: string
  role: string
  scope: { kind: string; code: string }
}

describe.each(ENGINES)('demo responsibility model on the %s engine', (engine) => {
  let t: TestDatabase
  let client: Client
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    client = await startClient(t.db)
  })
  afterAll(async () => {
    await client?.close()
    await t?.dispose()
  })

  it('tiles the city with the areas of the chiefs-in-general at city, county/park and township level', async () => {
    // Gap or spill: the union against the city; overlap: the sum of the areas against the union.
    const { rows } = await t.db.query<{ level: string; n: number; gap_m2: number; overlap_m2: number }>(
      `WITH g AS (${GENERAL_AREAS}), city AS (SELECT geom FROM admin_areas WHERE level = 'city')
       SELECT g.level, count(*)::int8 AS n,
              ST_Area(ST_SymDifference(ST_Union(g.geom), (SELECT geom FROM city))::geography) AS gap_m2,
              sum(ST_Area(g.geom::geography)) - ST_Area(ST_Union(g.geom)::geography) AS overlap_m2
         FROM g GROUP BY g.level ORDER BY g.level`,
    )
    expect(rows.map((r) => r.level)).toEqual(['city', 'county', 'township'])
    for (const r of rows) {
      expect(r.gap_m2, r.level).toBeLessThan(1)
      expect(r.overlap_m2, r.level).toBeLessThan(1)
    }
    const townships = await t.db.query<{ n: number }>(
      `SELECT count(*)::int8 AS n FROM admin_areas WHERE level = 'township'`,
    )
    expect(rows[2].n).toBe(townships.rows[0].n)
  })

  it.each(DATES)(
    'gives each of those areas exactly one chief-in-general and at least one deputy on %s',
    async (date) => {
      const { rows } = await t.db.query<{ code: string; generals: number; deputies: number }>(
        `WITH g AS (${GENERAL_AREAS})
       SELECT g.code, count(*) FILTER (WHERE a.role = 'chief_general')::int8 AS generals,
              count(*) FILTER (WHERE a.role = 'deputy_chief_general')::int8 AS deputies
         FROM g LEFT JOIN assignments_on($1::date) a ON a.scope_kind = 'area' AND a.scope_code = g.code AND a.level = g.level
        GROUP BY g.code
       HAVING count(*) FILTER (WHERE a.role = 'chief_general') <> 1 OR count(*) FILTER (WHERE a.role = 'deputy_chief_general') < 1`,
        [date],
      )
      expect(rows).toEqual([])
    },
  )

  it.each(['2018-06-01', '2021-03-01'])(
    'names one chief-in-general per level for a grid of points through /api/locate, the park in place of its county, on %s',
    async (date) => {
      const { rows } = await t.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat
           FROM admin_areas c,
                LATERAL (SELECT (ST_Dump(ST_GeneratePoints(c.geom, 300, 11))).geom) p
          WHERE c.level = 'city' ORDER BY 1, 2`,
      )
      // The click in 官渡区, 750 m from a river, besides the random points.
      const points = [[102.7, 25.03], ...rows.map((r) => [r.lon, r.lat])]
      const { status, body } = await client.post('/api/locate', { points, date })
      expect(status).toBe(200)
      for (const [i, answer] of body.results.entries()) {
        const generals = (answer.chiefs as Chief[]).filter((c) => c.role === 'chief_general')
        const where = `point ${points[i]}`
        expect(
          generals.map((c) => c.level),
          where,
        ).toEqual(['city', 'county', 'township'])
        const county = answer.admin.find((a: { level: string }) => a.level === 'county')
        const township = answer.admin.find((a: { level: string }) => a.level === 'township')
        expect(generals[1].scope.code, where).toBe(`CA-${answer.park ? answer.park.code : county.code}`)
        expect(answer.county_duty, where).toBe(answer.park ? 'park' : 'county')
        expect(generals[2].scope.code, where).toBe(`CA-${township.code}`)
        for (const level of ['city', 'county', 'township'])
          expect(
            (answer.chiefs as Chief[]).some((c) => c.role === 'deputy_chief_general' && c.level === level),
            `${where} ${level}`,
          ).toBe(true)
      }
      expect(body.results[0].admin.map((a: { name: string }) => a.name)).toEqual([
        '昆明市',
        '官渡区',
        '六甲街道',
        expect.any(String),
      ])
      expect(body.results.filter((r: { park: unknown }) => r.park).length).toBeGreaterThan(0)
    },
  )

  it('carves the parks out of whole townships of the city, without overlaps', async () => {
    const parks = await t.db.query<{ code: string; outside_m2: number; townships_m2: number; m2: number }>(
      `SELECT k.code, ST_Area(ST_Difference(k.geom, c.geom)::geography) AS outside_m2, ST_Area(k.geom::geography) AS m2,
              (SELECT sum(ST_Area(t.geom::geography)) FROM admin_areas t
                WHERE t.level = 'township' AND t.geom && k.geom
                  AND ST_Area(ST_Intersection(t.geom, k.geom)::geography) > 1) AS townships_m2
         FROM parks k, admin_areas c WHERE c.level = 'city' ORDER BY k.code`,
    )
    expect(parks.rows.map((r) => r.code)).toHaveLength(5)
    for (const r of parks.rows) {
      expect(r.outside_m2, r.code).toBeLessThan(1)
      // The townships a park touches by area add up to the park: it holds them whole.
      expect(Math.abs(r.townships_m2 - r.m2), r.code).toBeLessThan(10)
    }
    const overlaps = await t.db.query(
      `SELECT a.code, b.code FROM parks a JOIN parks b ON a.code < b.code AND a.geom && b.geom
        WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1`,
    )
    expect(overlaps.rows).toEqual([])
  })

  it('never has two chiefs-in-general or two river chiefs in one scope at one time', async () => {
    const overlapping = await t.db.query(
      `SELECT a.scope_code, a.level, a.role FROM assignments a JOIN assignments b
         ON a.id < b.id AND a.scope_kind = b.scope_kind AND a.scope_code = b.scope_code
        AND a.level = b.level AND a.role = b.role AND a.role IN ('chief_general', 'chief')
        AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)`,
    )
    expect(overlapping.rows).toEqual([])
  })

  it.each(DATES)('gives every lake and reservoir one chief at its management level on %s', async (date) => {
    const { rows } = await t.db.query<{ code: string; management_level: string; levels: string[] }>(
      `SELECT l.code, l.management_level, array_agg(a.level ORDER BY a.level) FILTER (WHERE a.level IS NOT NULL) AS levels
         FROM lakes l LEFT JOIN assignments_on($1::date) a ON a.scope_kind = 'lake' AND a.scope_code = l.code AND a.role = 'chief'
        GROUP BY l.code, l.management_level`,
      [date],
    )
    expect(rows.length).toBeGreaterThanOrEqual(10)
    for (const r of rows) {
      expect(r.code).not.toBeNull()
      expect(r.levels, r.code).toEqual([r.management_level])
    }
  })

  it('replaces a chief-in-general mid-term at county, park and township level', async () => {
    const { rows } = await t.db.query<{ unit: string; n: number }>(
      `SELECT CASE WHEN c.level = 'township' THEN 'township'
                   WHEN EXISTS (SELECT 1 FROM parks k WHERE k.code = c.admin_code) THEN 'park' ELSE 'county' END AS unit,
              count(*)::int8 AS n
         FROM assignments a JOIN chief_areas c ON a.scope_kind = 'area' AND c.code = a.scope_code
         JOIN assignments b ON b.scope_kind = 'area' AND b.scope_code = a.scope_code AND b.role = a.role
                            AND b.level = a.level AND b.valid_from = a.valid_to AND b.chief_id <> a.chief_id
        WHERE a.role = 'chief_general' AND c.level IN ('county', 'township') AND a.valid_to > '2017-06-01'
        GROUP BY 1 ORDER BY 1`,
    )
    expect(rows.map((r) => r.unit)).toEqual(['county', 'park', 'township'])
  })

  it("puts 滇池 and 阳宗海 under city-level lake chiefs and the seed's basin rule (§3(一)1, §3(二)3)", async () => {
    const { rows } = await t.db.query<{ name: string; lon: number; lat: number; body: string }>(
      `SELECT l.name, ST_X(p) AS lon, ST_Y(p) AS lat, b.authority AS body
         FROM lakes l CROSS JOIN LATERAL ST_PointOnSurface(ST_Intersection(l.geom, (SELECT geom FROM admin_areas WHERE level = 'city'))) p
         JOIN basins b ON ST_Intersects(b.geom, p)
        WHERE l.kind = 'lake' ORDER BY l.name`,
    )
    expect(rows.map((r) => r.name)).toEqual(['滇池', '阳宗海'])
    const expected = {
      滇池: {
        governance: 'dianchi',
        authority: '市滇池管理局',
        office: '滇池流域河长制办公室',
        oversight: '人大督察组',
      },
      阳宗海: {
        governance: 'yangzonghai',
        authority: '市水务局',
        office: '市河长制办公室',
        oversight: '人大督察组',
      },
    }
    for (const r of rows) {
      const { body } = await client.get(`/api/locate?lon=${r.lon}&lat=${r.lat}&date=2018-06-01`)
      expect(body.basin, r.name).toMatchObject({
        ...expected[r.name as keyof typeof expected],
        managing_body: r.body,
      })
      const lake = (body.chiefs as Chief[]).filter((c) => c.scope.kind === 'lake')
      expect(
        lake.map((c) => `${c.level}/${c.role}`),
        r.name,
      ).toEqual(['city/chief'])
    }
    // 阳宗海's own managing body is kept, and it is not the seed's authority.
    expect(rows.find((r) => r.name === '阳宗海')?.body).not.toBe('市水务局')
  })
})
