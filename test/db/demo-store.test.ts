// The demo city as PostGIS sees it, on every engine: the invariants the generator promises are
// checked with PostGIS itself, independently of the generator's own (turf) arithmetic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_LEVELS } from '../../server/layers/registry.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe.each(ENGINES)('demo city on the %s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
  })
  afterAll(() => t?.dispose())

  it('has a nested administrative partition: 1 city, ~14 counties, ~140 townships, ~1,400 villages', async () => {
    const { rows } = await t.db.query<{ level: string; n: number }>(
      'SELECT level, count(*)::int8 AS n FROM admin_areas GROUP BY level',
    )
    const n = Object.fromEntries(rows.map((r) => [r.level, r.n]))
    expect(n.city).toBe(1)
    expect(n.county).toBeGreaterThanOrEqual(10)
    expect(n.county).toBeLessThanOrEqual(20)
    expect(n.township).toBeGreaterThanOrEqual(100)
    expect(n.village).toBeGreaterThanOrEqual(1000)
    const orphans = await t.db.query(
      `SELECT c.code FROM admin_areas c LEFT JOIN admin_areas p ON p.code = c.parent_code
        WHERE c.level <> 'city' AND (p.code IS NULL OR array_position($1::text[], p.level) <> array_position($1::text[], c.level) - 1)`,
      [ADMIN_LEVELS],
    )
    expect(orphans.rows).toEqual([])
  })

  it('children tile their parent with no gap and no overlap (to 1 m² per area)', async () => {
    // Gap or spill: the symmetric difference between a parent and the union of its children.
    const mismatch = await t.db.query<{ code: string; m2: number }>(
      `SELECT p.code, ST_Area(ST_SymDifference(p.geom, ST_Union(c.geom))::geography) AS m2
         FROM admin_areas p JOIN admin_areas c ON c.parent_code = p.code
        GROUP BY p.code, p.geom
       HAVING ST_Area(ST_SymDifference(p.geom, ST_Union(c.geom))::geography) > 1`,
    )
    expect(mismatch.rows).toEqual([])
    // Overlap: siblings whose interiors share area.
    const overlaps = await t.db.query<{ a: string; b: string; m2: number }>(
      `SELECT a.code AS a, b.code AS b, ST_Area(ST_Intersection(a.geom, b.geom)::geography) AS m2
         FROM admin_areas a JOIN admin_areas b
           ON a.level = b.level AND a.code < b.code AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')
        WHERE ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 1`,
    )
    expect(overlaps.rows).toEqual([])
  })

  it('has a river network that is acyclic and drains every reach to an outlet', async () => {
    // Walk downstream from every reach; a revisited node is a cycle, a walk must end where no
    // reach leaves the node (a lake mouth or the city edge).
    const { rows } = await t.db.query<{ code: string; cyclic: boolean; steps: number }>(
      `WITH RECURSIVE walk(start, node, path, cyclic) AS (
         SELECT code, to_node, ARRAY[from_node, to_node], from_node = to_node FROM reaches
         UNION ALL
         SELECT w.start, r.to_node, w.path || r.to_node, r.to_node = ANY(w.path)
           FROM walk w JOIN reaches r ON r.from_node = w.node
          WHERE NOT w.cyclic
       )
       SELECT start AS code, bool_or(cyclic) AS cyclic, max(array_length(path, 1))::int8 AS steps
         FROM walk GROUP BY start`,
    )
    const reaches = await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM reaches')
    expect(rows).toHaveLength(reaches.rows[0].n)
    expect(rows.filter((r) => r.cyclic)).toEqual([])
    const outlets = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT to_node)::int8 AS n FROM reaches WHERE to_node NOT IN (SELECT from_node FROM reaches)`,
    )
    expect(outlets.rows[0].n).toBeGreaterThan(0)
    // A reach never forks downstream: water from one reach goes one way.
    const forks = await t.db.query(
      `SELECT from_node FROM reaches GROUP BY from_node HAVING count(*) > 1
        INTERSECT SELECT to_node FROM reaches`,
    )
    expect(forks.rows).toEqual([])
  })

  it.each(['2017-06-01', '2018-03-01', '2020-07-15', '2026-01-01'])(
    'gives every reach exactly one river chief per level on %s',
    async (date) => {
      // Reach chiefs are assigned to the reach; city chiefs outside the Dianchi basin hold an
      // area, which covers a reach when it contains the reach's midpoint.
      const { rows } = await t.db.query<{ code: string; level: string; n: number }>(
        `WITH chiefs_at AS (
           SELECT * FROM assignments
            WHERE role = 'chief' AND valid_from <= $1::date AND (valid_to IS NULL OR $1::date < valid_to)
         ),
         held AS (
           SELECT r.code, a.level FROM reaches r JOIN chiefs_at a ON a.scope_kind = 'reach' AND a.scope_code = r.code
           UNION ALL
           SELECT r.code, a.level FROM reaches r
             JOIN chief_areas ca ON ca.level = 'city' AND ST_Intersects(ca.geom, ST_LineInterpolatePoint(r.geom, 0.5))
             JOIN chiefs_at a ON a.scope_kind = 'area' AND a.scope_code = ca.code AND a.level = 'city'
         ),
         levels AS (SELECT unnest(ARRAY['city', 'county', 'township', 'village']) AS level)
         SELECT r.code, l.level, count(h.code)::int8 AS n
           FROM reaches r CROSS JOIN levels l
           LEFT JOIN held h ON h.code = r.code AND h.level = l.level
          GROUP BY r.code, l.level
         HAVING count(h.code) <> 1`,
        [date],
      )
      expect(rows.slice(0, 10)).toEqual([])
    },
  )

  it('changes some chiefs over time, without overlapping terms for one scope', async () => {
    const changed = await t.db.query('SELECT 1 FROM assignments WHERE valid_to IS NOT NULL')
    expect(changed.rowCount).toBeGreaterThan(0)
    const overlapping = await t.db.query(
      `SELECT a.id FROM assignments a JOIN assignments b
         ON a.id < b.id AND a.scope_kind = b.scope_kind AND a.scope_code = b.scope_code
        AND a.level = b.level AND a.role = b.role AND a.role = 'chief'
        AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)`,
    )
    expect(overlapping.rows).toEqual([])
  })

  it('puts every reach inside the village it names', async () => {
    const { rows } = await t.db.query(
      `SELECT r.code FROM reaches r LEFT JOIN admin_areas a ON a.code = r.admin_code
        WHERE a.code IS NULL OR a.level <> 'village'
           OR NOT ST_Covers(ST_SetSRID(ST_Buffer(a.geom::geography, 1)::geometry, 4490), r.geom)`,
    )
    expect(rows).toEqual([])
  })
})
