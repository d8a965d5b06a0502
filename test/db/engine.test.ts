// The engine contract, on every engine: the same SQL gives the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, readMigrations } from '../../server/db/migrate.ts'
import { LAYERS } from '../../server/layers/registry.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(() => t?.dispose())

  it('reports PostGIS and the MVT capability it really has', async () => {
    expect(t.db.engine).toBe(engine)
    expect(t.db.capabilities.postgisVersion).toMatch(/^3\.\d+/)
    // Only protobuf-c builds have ST_AsMVT: never the WASM one.
    expect(t.db.capabilities.asMvt).toBe(engine === 'server')
  })

  it('has applied every migration exactly once, and a second run applies none', async () => {
    const files = await readMigrations()
    const { rows } = await t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1')
    expect(rows.map((r) => r.version)).toEqual(files.map((m) => m.version))
    expect(await migrate(t.db)).toEqual([])
  })

  it('has a table with the registry columns and a GiST index for every layer', async () => {
    for (const layer of LAYERS) {
      const { rows } = await t.db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1`,
        [layer.id],
      )
      const columns = rows.map((r) => r.column_name)
      for (const a of layer.attributes) expect(columns, `${layer.id}.${a.name}`).toContain(a.name)
      expect(columns).toEqual(expect.arrayContaining(['id', 'extra', 'import_id', 'geom']))
      const types = await t.db.query<{ type: string; srid: number }>(
        `SELECT type, srid FROM geometry_columns WHERE f_table_name = $1`,
        [layer.id],
      )
      expect(types.rows[0]).toEqual({ type: layer.geometry.toUpperCase(), srid: 4490 })
      const gist = await t.db.query(
        `SELECT 1 FROM pg_indexes WHERE tablename = $1 AND indexdef ILIKE '%gist%'`,
        [layer.id],
      )
      expect(gist.rowCount, `${layer.id} GiST index`).toBeGreaterThan(0)
    }
  })

  it('returns int8 as number and dates as YYYY-MM-DD on both engines', async () => {
    const { rows } = await t.db.query<{ n: number; d: string; j: unknown }>(
      `SELECT 42::int8 AS n, DATE '2018-03-01' AS d, '{"a":[1]}'::jsonb AS j`,
    )
    expect(rows[0]).toEqual({ n: 42, d: '2018-03-01', j: { a: [1] } })
  })

  it('rolls a failed transaction back completely', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO chiefs (id, name) VALUES ('TX1', '甲')`)
        await tx.query('SELECT 1/0')
      }),
    ).rejects.toThrow(/division by zero/)
    expect((await t.db.query(`SELECT 1 FROM chiefs WHERE id = 'TX1'`)).rowCount).toBe(0)
  })

  it('COPYs CSV, with quoting, NULLs and Chinese text intact', async () => {
    const n = await t.db.copyCsv(
      'chiefs',
      ['id', 'name', 'position', 'contact'],
      'C1,"张三","河长, ""县级""",\n',
    )
    expect(n).toBe(1)
    const { rows } = await t.db.query(`SELECT name, position, contact FROM chiefs WHERE id = 'C1'`)
    expect(rows[0]).toEqual({ name: '张三', position: '河长, "县级"', contact: null })
  })

  it('computes metres on the ellipsoid: a 0.1° square at 25°N matches the Gauss–Krüger area', async () => {
    // Independent value: the same square projected to CGCS2000 GK zone 34 (EPSG:4543, CM 102°E,
    // on which the square sits) has an area within 0.1 % of the geodesic one.
    const { rows } = await t.db.query<{ geodesic: number; gk: number }>(
      `SELECT ST_Area(g::geography) AS geodesic, ST_Area(ST_Transform(g, 4543)) AS gk
         FROM (SELECT ST_GeomFromText('POLYGON((102 25,102.1 25,102.1 25.1,102 25.1,102 25))', 4490) g) s`,
    )
    // By hand: 0.1° of latitude ≈ 11 075 m and 0.1° of longitude at 25.05°N ≈ 10 091 m.
    expect(rows[0].geodesic).toBeGreaterThan(11_075 * 10_091 * 0.995)
    expect(rows[0].geodesic).toBeLessThan(11_075 * 10_091 * 1.005)
    expect(Math.abs(rows[0].gk / rows[0].geodesic - 1)).toBeLessThan(0.001)
  })
})
