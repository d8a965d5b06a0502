// Data versions (migration 008, tiles/data-versions.ts): every write to a table tiles read bumps
// its version — a load, an import, an edit straight in SQL, a TRUNCATE — and the listener hears
// of it; a rolled-back write bumps nothing. On the server engine the listener's own connection
// is killed with pg_terminate_backend and must come back having re-read every version.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAYERS } from '../../server/layers/registry.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { DataVersions, LISTENER_APPLICATION_NAME } from '../../tiles/data-versions.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

/** The tables tiles join besides layer tables (issue 9 §6). */
const JOINED = ['chiefs', 'assignments', 'measurements']

const square = (x: number, y: number, d = 0.01) => ({
  type: 'MultiPolygon' as const,
  coordinates: [
    [
      [
        [x, y],
        [x + d, y],
        [x + d, y + d],
        [x, y + d],
        [x, y],
      ],
    ],
  ],
})

async function versionOf(t: TestDatabase, table: string): Promise<number> {
  const { rows } = await t.db.query<{ version: number }>(
    'SELECT version FROM data_versions WHERE table_name = $1',
    [table],
  )
  return Number(rows[0]?.version ?? 0)
}

/** Waits (up to `ms`) until `check` holds: the server engine's notifications arrive over a socket. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 1000): Promise<number> {
  const start = performance.now()
  for (;;) {
    if (await check()) return performance.now() - start
    if (performance.now() - start > ms) throw new Error(`not within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let versions: DataVersions
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    versions = await DataVersions.listen(t.db, { listenUrl: t.url, reconnectDelayMs: 50 })
  })
  afterAll(async () => {
    await versions?.close()
    await t?.dispose()
  })

  const known = (table: string) => versions.known()?.versions.get(table) ?? 0

  it('puts a statement-level trigger on every layer table of the registry and on the joined tables', async () => {
    const { rows } = await t.db.query<{ table_name: string; tgtype: number }>(
      `SELECT c.relname AS table_name, t.tgtype
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE t.tgname = 'bump_data_version'`,
    )
    const tracked = new Map(rows.map((r) => [r.table_name, r.tgtype]))
    for (const table of [...LAYERS.map((l) => l.id), ...JOINED]) {
      // tgtype bits (pg_trigger.h): 1 ROW (must be clear), 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE.
      expect(tracked.get(table), `${table} has no bump_data_version trigger`).toBe(4 | 8 | 16 | 32)
    }
  })

  it('gives the store a random identity', async () => {
    const { rows } = await t.db.query<{ store_id: string }>('SELECT store_id::text FROM store_identity')
    expect(rows).toHaveLength(1)
    expect(rows[0].store_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/)
    expect(versions.known()?.storeId).toBe(rows[0].store_id)
  })

  it('bumps the version of a layer that loadLayer replaces, and the listener hears of it', async () => {
    const before = await versionOf(t, 'water_resource_zones')
    expect(known('water_resource_zones')).toBe(before)
    const records = [
      { recordNo: 1, geometry: square(102.7, 25.0), attributes: { name: '红区甲', colour: 'red' } },
      { recordNo: 2, geometry: square(102.8, 25.0), attributes: { name: '绿区乙', colour: 'green' } },
    ]
    await loadLayer(t.db, 'water_resource_zones', records, { mode: 'replace', actor: 'test' })
    const after = await versionOf(t, 'water_resource_zones')
    expect(after).toBeGreaterThan(before)
    await eventually(() => known('water_resource_zones') === after)
    // Another table was not touched.
    expect(known('lakes')).toBe(await versionOf(t, 'lakes'))
  })

  it('bumps on an edit straight in SQL (UPDATE, DELETE, TRUNCATE), as QGIS makes them', async () => {
    for (const edit of [
      `UPDATE water_resource_zones SET name = name || '（修）'`,
      `DELETE FROM water_resource_zones WHERE colour = 'green'`,
      'TRUNCATE water_resource_zones',
      `INSERT INTO measurements (section_code, measured_on, water_class) VALUES ('S1', '2026-01-01', 'III')`,
    ]) {
      const table = /(?:UPDATE|FROM|TRUNCATE|INTO)\s+(\w+)/.exec(edit)![1]
      const before = await versionOf(t, table)
      await t.db.query(edit)
      expect(await versionOf(t, table), edit).toBe(before + 1)
      await eventually(() => known(table) === before + 1)
    }
  })

  it('bumps nothing for a rolled-back write', async () => {
    const before = await versionOf(t, 'lakes')
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO lakes (name, geom) VALUES ('滇池', ST_GeomFromText($1, 4490))`, [
          'MULTIPOLYGON(((102.6 24.8,102.7 24.8,102.7 24.9,102.6 24.8)))',
        ])
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await versionOf(t, 'lakes')).toBe(before)
    await new Promise((r) => setTimeout(r, 100))
    expect(known('lakes')).toBe(before)
  })

  it.runIf(engine === 'server')(
    'bumps for an editor whose role may write a layer but not data_versions (a QGIS login)',
    async () => {
      const role = `rcgis_editor_${Math.random().toString(36).slice(2, 8)}`
      await t.db.exec(`CREATE ROLE ${role} LOGIN PASSWORD 'x'; GRANT SELECT, UPDATE ON lakes TO ${role}`)
      const url = new URL(t.url!)
      url.username = role
      url.password = 'x'
      const editor = new pg.Client({ connectionString: url.toString() })
      try {
        await editor.connect()
        await expect(editor.query('UPDATE data_versions SET version = 0')).rejects.toThrow(
          /permission denied/,
        )
        const before = await versionOf(t, 'lakes')
        await editor.query(`UPDATE lakes SET name = name`)
        expect(await versionOf(t, 'lakes')).toBe(before + 1)
        await eventually(() => known('lakes') === before + 1)
      } finally {
        await editor.end()
        await t.db.exec(`REVOKE ALL ON lakes FROM ${role}; DROP ROLE ${role}`)
      }
    },
  )

  it.runIf(engine === 'server')(
    're-reads every version after its connection is killed (notifications sent meanwhile are lost)',
    async () => {
      const admin = t.db
      const pids = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      )
      expect(pids.rows).toHaveLength(1)
      const before = await versionOf(t, 'basins')
      await admin.query('SELECT pg_terminate_backend($1)', [pids.rows[0].pid])
      await eventually(() => !versions.listening)
      // Written while nobody listens: no notification will ever arrive for it.
      await admin.query(`UPDATE basins SET name = name`)
      // Meanwhile a read asks the database rather than trusting memory.
      expect((await versions.read()).versions.get('basins')).toBe(before + 1)
      await eventually(() => versions.listening && known('basins') === before + 1, 3000)
      const again = await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
        [LISTENER_APPLICATION_NAME],
      )
      expect(again.rows).toHaveLength(1)
      expect(again.rows[0].pid).not.toBe(pids.rows[0].pid)
    },
  )
})
