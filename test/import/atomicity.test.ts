// A failed import leaves the layer exactly as it was and the import log as it was plus one
// failure row: a bad record in the middle, a table that ends early, a constraint the database
// enforces, a connection killed mid-load. A dry run changes nothing at all.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ring } from '../support/shapefile-writer.ts'
import { writeShapefile } from '../support/shapefile-writer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { attempt, importFile, snapshot, storedRows } from './import-helpers.ts'

/** A small clockwise square near Kunming, i-th in a row. */
function square(i: number, size = 0.001): Ring {
  const x = 102.7 + i * 0.002
  const y = 25.0
  return [
    [x, y],
    [x, y + size],
    [x + size, y + size],
    [x + size, y],
    [x, y],
  ]
}

const NAME_FIELDS = [
  { name: '名称', type: 'C' as const, length: 30 },
  { name: 'BM', type: 'C' as const, length: 12 },
]

describe.each(ENGINES)('%s engine: all or nothing', (engine) => {
  let t: TestDatabase
  const dir = mkdtempSync(join(tmpdir(), 'rcgis-atomic-'))
  const lakes = (
    name: string,
    names: (string | null)[],
    extra: Partial<Parameters<typeof writeShapefile>[2]> = {},
  ) =>
    writeShapefile(dir, name, {
      shapeType: 'Polygon',
      encoding: 'gbk',
      cpg: 'GBK',
      fields: NAME_FIELDS,
      records: names.map((n, i) => ({
        shape: { type: 'Polygon', rings: [square(i)] },
        values: [n, `L${i + 1}`],
      })),
      ...extra,
    })

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    // Something to lose: the layer holds an earlier import.
    await importFile(t.db, lakes('before', ['草海', '外海', '宝象河水库']), 'lakes')
  })
  afterAll(async () => {
    await t?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  async function expectUnchanged(run: () => Promise<unknown>, message: RegExp) {
    const before = await snapshot(t.db, 'lakes')
    const outcome = await attempt(run as never)
    expect(outcome.error?.message).toMatch(message)
    const after = await snapshot(t.db, 'lakes')
    expect(after.rows).toBe(before.rows)
    expect(after.digest).toBe(before.digest)
    expect(after.log).toEqual({ ...before.log, failed: (before.log.failed ?? 0) + 1 })
    const { rows } = await t.db.query<{ status: string; message: string }>(
      `SELECT status, message FROM import_log ORDER BY id DESC LIMIT 1`,
    )
    expect(rows[0]).toMatchObject({ status: 'failed', message: expect.stringMatching(message) })
    return outcome.error!
  }

  it('a record of the wrong geometry type in the middle refuses the file, naming it', async () => {
    const shp = writeShapefile(dir, 'mixed', {
      shapeType: 'Polygon',
      fields: NAME_FIELDS,
      records: [0, 1, 2, 3, 4].map((i) => ({
        // Record 3 is a polygon of two rings that are both degenerate lines: nothing of area.
        shape: {
          type: 'Polygon',
          rings: i === 2 ? [[square(i)[0], square(i)[1], square(i)[0], square(i)[1]]] : [square(i)],
        },
        values: [`湖${i}`, `X${i}`],
      })),
    })
    const error = await expectUnchanged(() => importFile(t.db, shp, 'lakes', { mode: 'replace' }), /#3 \(/)
    expect(error.details).toMatchObject({ rejected: [{ recordNo: 3 }] })
  })

  it('a required value missing in the middle refuses the file, naming the record', async () => {
    await expectUnchanged(
      () => importFile(t.db, lakes('missing', ['甲', '乙', '丙', null, '戊']), 'lakes', { mode: 'replace' }),
      /#4 \(name is required but field 名称 is empty\)/,
    )
  })

  it('a .dbf that ends before the .shp refuses the file after streaming', async () => {
    const shp = lakes('short', ['甲', '乙', '丙', '丁', '戊'], { shx: false })
    const dbf = shp.replace(/\.shp$/, '.dbf')
    truncateSync(dbf, statSync(dbf).size - 2 * 43) // the last two rows and the end marker
    await expectUnchanged(() => importFile(t.db, shp, 'lakes', { mode: 'replace' }), /ends at row/)
  })

  it('a value the database refuses (a duplicate river code) fails cleanly as a 400', async () => {
    const shp = writeShapefile(dir, 'dupes', {
      shapeType: 'PolyLine',
      fields: [
        { name: 'HLBM', type: 'C', length: 10 },
        { name: 'MC', type: 'C', length: 10 },
      ],
      records: [0, 1, 2].map((i) => ({
        shape: { type: 'PolyLine', parts: [square(i).slice(0, 2)] },
        values: ['R1', `河${i}`],
      })),
    })
    const before = await snapshot(t.db, 'rivers')
    const { error } = await attempt(() => importFile(t.db, shp, 'rivers'))
    expect(error?.status).toBe(400)
    expect(error?.message).toMatch(/layer rivers refused the data: attribute code must be unique.*R1/)
    expect((await snapshot(t.db, 'rivers')).digest).toBe(before.digest)
  })

  it('a dry run reports what would happen and changes nothing, not even the log', async () => {
    const before = await snapshot(t.db, 'lakes')
    const report = await importFile(t.db, lakes('dry', ['甲', '乙']), 'lakes', {
      mode: 'replace',
      dryRun: true,
    })
    expect(report).toMatchObject({ dryRun: true, importId: null, counts: { read: 2, inserted: 2 } })
    expect(await snapshot(t.db, 'lakes')).toEqual(before)
  })

  it('with --skip-rejected the good records load and the rest are listed', async () => {
    const report = await importFile(t.db, lakes('skip', ['甲', null, '丙']), 'lakes', {
      mode: 'append',
      onReject: 'skip',
    })
    expect(report.counts).toMatchObject({ read: 3, inserted: 2, rejected: 1 })
    expect(report.rejected).toEqual([{ recordNo: 2, reason: 'name is required but field 名称 is empty' }])
  })

  it('values that cannot be converted are reported per record and kept in extra', async () => {
    const shp = writeShapefile(dir, 'patrols', {
      shapeType: 'PolyLine',
      encoding: 'gbk',
      cpg: 'CP936',
      fields: [
        { name: '河长编号', type: 'C', length: 10 },
        { name: '开始时间', type: 'C', length: 20 },
        { name: 'LENGTH', type: 'N', length: 10, decimals: 1 },
      ],
      records: [
        {
          shape: { type: 'PolyLine', parts: [square(0).slice(0, 3)] },
          values: ['C1', '2018-03-01 08:30', 1.5],
        },
        { shape: { type: 'PolyLine', parts: [square(1).slice(0, 3)] }, values: ['C2', '昨天上午', 2] },
      ],
    })
    const report = await importFile(t.db, shp, 'patrols')
    expect(report.mapping).toEqual({ 河长编号: 'chief_id', 开始时间: 'started_at' })
    expect(report.unmappedFields).toEqual(['LENGTH'])
    expect(report.conversionProblems).toEqual([
      {
        recordNo: 2,
        field: '开始时间',
        attribute: 'started_at',
        value: '昨天上午',
        problem: '"昨天上午" is not a date and time',
      },
    ])
    const rows = await storedRows(t.db, 'patrols', report.importId!)
    expect(new Date(rows[0].attributes.started_at as string).toISOString()).toBe('2018-03-01T00:30:00.000Z') // 08:30 Beijing time
    expect(rows[1].attributes.started_at).toBeNull()
    expect(rows[1].extra).toEqual({ 开始时间: '昨天上午', LENGTH: 2 })
  })

  it.runIf(engine === 'server')(
    'a connection killed during the load leaves the layer as it was',
    async () => {
      const many = Array.from({ length: 20_000 }, (_, i) => `湖${i}`)
      const shp = writeShapefile(dir, 'big', {
        shapeType: 'Polygon',
        fields: NAME_FIELDS,
        records: many.map((n, i) => ({
          shape: { type: 'Polygon', rings: [square(i % 500, 0.0005)] },
          values: [n, `B${i}`],
        })),
      })
      // No 'error' listener here on purpose: a killed backend must not surface as an uncaught
      // exception (which vitest reports as a failure), since in a server it would crash the process.
      const before = await snapshot(t.db, 'lakes')
      const killer = new pg.Client({ connectionString: t.url })
      await killer.connect()
      let killed = 0
      const watching = (async () => {
        for (let i = 0; i < 2000 && killed === 0; i++) {
          const { rows } = await killer.query(
            // Killed while settling a batch into the replace's shadow of the layer (quoted
            // "lakes__import_…"): the import has staged part of its rows by then.
            `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
              AND query ILIKE 'INSERT INTO "lakes%'`,
          )
          killed = rows.length
          await new Promise((r) => setTimeout(r, 2))
        }
      })()
      const outcome = await importFile(t.db, shp, 'lakes', { mode: 'replace' }).then(
        () => 'finished',
        (error: Error) => error.message,
      )
      await watching
      await killer.end()
      expect(killed).toBe(1)
      expect(outcome).not.toBe('finished')
      const after = await snapshot(t.db, 'lakes')
      expect(after.digest).toBe(before.digest)
      expect(after.log).toEqual({ ...before.log, failed: (before.log.failed ?? 0) + 1 })
    },
  )
})
