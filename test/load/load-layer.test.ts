// The loader builds an import's result in a table of its own, batch by batch in short
// transactions, and puts it in place in one short step (issue 7 item 4): readers are served
// between batches and see the old layer until the end; a replace swaps the new table in
// keeping indexes, constraints, ids, triggers and views; the import's table never outlives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayerRecord } from '../../server/load/layer-record.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

/** n 20-vertex clockwise polygons (the loader makes them CCW), in a grid near Kunming. */
function lakes(n: number, prefix: string): LayerRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const cx = 102.5 + (i % 200) * 0.005
    const cy = 24.8 + Math.floor(i / 200) * 0.005
    const ring = Array.from({ length: 20 }, (_, k) => {
      const angle = (-2 * Math.PI * k) / 20
      return [cx + 0.001 * Math.cos(angle), cy + 0.001 * Math.sin(angle)]
    })
    ring.push(ring[0])
    return {
      recordNo: i + 1,
      geometry: { type: 'Polygon', coordinates: [ring] },
      attributes: { name: `${prefix}${i + 1}`, kind: 'lake' },
    }
  })
}

const replace = { mode: 'replace' as const, actor: 'test' }

describe.each(ENGINES)('%s engine: loading without holding the database', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await loadLayer(t.db, 'lakes', lakes(50, '旧'), replace)
  })
  afterAll(async () => {
    await t?.dispose()
  })

  const count = async () =>
    Number((await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM lakes')).rows[0].n)
  const importTables = async () =>
    (
      await t.db.query<{ relname: string }>(
        `SELECT relname FROM pg_class WHERE relname LIKE '%\\_\\_import\\_%' AND relkind = 'r' ORDER BY 1`,
      )
    ).rows.map((r) => r.relname)

  it('serves reads between the batches of a replace, and they see the old rows until it ends', async () => {
    // ~9 MB of staging CSV: several batches on the embedded engine (2 MB each), two on the server.
    const n = 12_000
    let done = false
    const importing = loadLayer(t.db, 'lakes', lakes(n, '新'), replace).finally(() => {
      done = true
    })
    const seenDuring: number[] = []
    while (!done) {
      const seen = await count()
      if (!done) seenDuring.push(seen)
      // A viewer's clicks arrive as I/O events; a loop of microtasks alone would starve the
      // encoder, which yields to the event loop between chunks.
      await new Promise((resolve) => setImmediate(resolve))
    }
    await importing
    // Before: the whole import was one transaction, and PGlite's one connection served no read
    // until it committed; the first read then saw the new rows. Now reads see the old rows,
    // then (once it has committed, before the import's cleanup ends) all the new: never a part.
    const old = seenDuring.filter((seen) => seen === 50).length
    expect(old).toBeGreaterThanOrEqual(2)
    expect(seenDuring).toEqual([...Array(old).fill(50), ...Array(seenDuring.length - old).fill(n)])
    expect(await count()).toBe(n)
    expect(await importTables()).toEqual([])
  }, 120_000)

  it('swaps the new table in with the names, constraints, ids and triggers of the old', async () => {
    const catalogue = async () => ({
      indexes: (
        await t.db.query<{ name: string; def: string }>(
          `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def
             FROM pg_index WHERE indrelid = 'lakes'::regclass ORDER BY 1`,
        )
      ).rows,
      constraints: (
        await t.db.query<{ conname: string; def: string }>(
          `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
            WHERE conrelid = 'lakes'::regclass ORDER BY 1`,
        )
      ).rows,
      sequence: (await t.db.query<{ s: string }>(`SELECT pg_get_serial_sequence('lakes', 'id') AS s`)).rows[0]
        .s,
    })
    // A statement-level trigger like the tiles issue's data-version one, counting writes.
    await t.db.exec(`
      CREATE TABLE lake_writes (n integer NOT NULL);
      INSERT INTO lake_writes VALUES (0);
      CREATE FUNCTION count_lake_writes() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN UPDATE lake_writes SET n = n + 1; RETURN NULL; END $$;
      CREATE TRIGGER lakes_written AFTER INSERT OR UPDATE OR DELETE ON lakes
        FOR EACH STATEMENT EXECUTE FUNCTION count_lake_writes();`)
    const version = async () =>
      Number(
        (await t.db.query<{ v: number }>(`SELECT version AS v FROM data_versions WHERE table_name = 'lakes'`))
          .rows[0].v,
      )
    const before = await catalogue()
    const versionBefore = await version()
    const oldIds = (await t.db.query<{ max: number }>('SELECT max(id)::int8 AS max FROM lakes')).rows[0]
    const result = await loadLayer(t.db, 'lakes', lakes(30, '换'), replace)
    expect(result.inserted).toBe(30)
    expect(await catalogue()).toEqual(before)
    // The swap is no DML, so no trigger told the tile caches: the swap bumps the version itself.
    expect(await version()).toBe(versionBefore + 1)
    expect(before.sequence).toBe('public.lakes_id_seq')
    const ids = (
      await t.db.query<{ id: number; name: string }>('SELECT id::int8 AS id, name FROM lakes ORDER BY id')
    ).rows
    expect(ids.map((r) => r.name)).toEqual(Array.from({ length: 30 }, (_, i) => `换${i + 1}`))
    expect(Number(ids[0].id)).toBeGreaterThan(Number(oldIds.max))
    // The trigger is on the new table and fires for a later write.
    const writes = async () => (await t.db.query<{ n: number }>('SELECT n FROM lake_writes')).rows[0].n
    const w0 = await writes()
    await loadLayer(t.db, 'lakes', lakes(3, '加'), { mode: 'append', actor: 'test' })
    expect(await writes()).toBe(w0 + 1)
    // The CHECK constraint still holds on the new table.
    await expect(
      t.db.query(`INSERT INTO lakes (name, kind, geom) SELECT 'x', 'sea', geom FROM lakes LIMIT 1`),
    ).rejects.toThrow(/lakes_kind_check/)
    await t.db.exec(
      'DROP TRIGGER lakes_written ON lakes; DROP FUNCTION count_lake_writes(); DROP TABLE lake_writes',
    )
  })

  it('keeps a view on the layer working across a replace (rows copied in, not swapped)', async () => {
    await t.db.exec(`CREATE VIEW lake_names AS SELECT name FROM lakes`)
    await loadLayer(t.db, 'lakes', lakes(4, '视'), replace)
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM lake_names ORDER BY name')
    expect(rows.map((r) => r.name)).toEqual(['视1', '视2', '视3', '视4'])
    await t.db.exec('DROP VIEW lake_names')
  })

  it('drops the import’s table after a failure, and one left by an import that died', async () => {
    // A table as an import killed mid-way leaves it (created at epoch ms 1: old on any engine).
    await t.db.exec(`CREATE TABLE "lakes__import_1_abcdef" (LIKE lakes)`)
    const bad = lakes(3, '坏')
    bad[1].geometry = { type: 'Point', coordinates: [102.7, 25] }
    await expect(loadLayer(t.db, 'lakes', bad, replace)).rejects.toThrow(/#2 \(POINT is not MultiPolygon\)/)
    expect(await importTables()).toEqual([])
    const names = (await t.db.query<{ name: string }>('SELECT name FROM lakes ORDER BY id')).rows
    expect(names.map((r) => r.name)).toEqual(['视1', '视2', '视3', '视4'])
  })

  it('an append puts its rows after the existing ones, in record order', async () => {
    const result = await loadLayer(t.db, 'lakes', lakes(5, '续'), { mode: 'append', actor: 'test' })
    const { rows } = await t.db.query<{ name: string; import_id: number }>(
      'SELECT name, import_id::int8 AS import_id FROM lakes ORDER BY id',
    )
    expect(rows.map((r) => r.name)).toEqual(['视1', '视2', '视3', '视4', '续1', '续2', '续3', '续4', '续5'])
    expect(rows.slice(4).every((r) => Number(r.import_id) === result.importId)).toBe(true)
    const log = await t.db.query<{ status: string; inserted_count: number }>(
      'SELECT status, inserted_count FROM import_log WHERE id = $1',
      [result.importId],
    )
    expect(log.rows).toEqual([{ status: 'ok', inserted_count: 5 }])
    expect(await importTables()).toEqual([])
  })
})
