// Migration 015 on a store that already holds reports under the old statuses, on every engine:
// open → received, in_progress → assigned, closed → resolved, no status → received, each row's
// history starting with its new status and naming the old one; afterwards the old words are refused.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database, EngineName } from '../../server/db/database.ts'
import { migrate, readMigrations } from '../../server/db/migrate.ts'
import { PgDatabase } from '../../server/db/pg-engine.ts'
import { PgliteDatabase } from '../../server/db/pglite-engine.ts'
import { databaseUrl, ENGINES } from '../support/test-database.ts'

const REPORTS = 15

/** A new database with no migration applied, and how to drop it. */
async function blankDatabase(engine: EngineName): Promise<{ db: Database; dispose: () => Promise<void> }> {
  if (engine === 'embedded') {
    const db = await PgliteDatabase.open()
    return { db, dispose: () => db.close() }
  }
  const url = process.env.TEST_DATABASE_URL as string
  const name = `rcgis_t_mig_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const db = await PgDatabase.open(databaseUrl(url, name), 2)
  return {
    db,
    async dispose() {
      await db.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}

describe.each(ENGINES)('%s engine', (engine) => {
  let store: Awaited<ReturnType<typeof blankDatabase>>
  const ids: Record<string, number> = {}
  beforeAll(async () => {
    store = await blankDatabase(engine)
    const all = await readMigrations()
    await migrate(
      store.db,
      all.filter((m) => m.version < REPORTS),
    )
    for (const status of ['open', 'in_progress', 'closed', null]) {
      const { rows } = await store.db.query<{ id: string }>(
        `INSERT INTO reports (body, reported_at, status, geom)
         VALUES ($1, '2023-05-01T10:00:00+08:00', $2, ST_SetSRID(ST_MakePoint(102.7, 25.0), 4490)) RETURNING id`,
        [`report ${status}`, status],
      )
      ids[String(status)] = Number(rows[0].id)
    }
    expect(
      await migrate(
        store.db,
        all.filter((m) => m.version === REPORTS),
      ),
    ).toEqual(['015_public_reports'])
  })
  afterAll(() => store?.dispose())

  it('maps every old status to its new name', async () => {
    const { rows } = await store.db.query<{ id: string; status: string }>(
      'SELECT id, status FROM reports ORDER BY id',
    )
    expect(rows.map((r) => [Number(r.id), r.status])).toEqual([
      [ids.open, 'received'],
      [ids.in_progress, 'assigned'],
      [ids.closed, 'resolved'],
      [ids.null, 'received'],
    ])
  })

  it('starts each history with the new status, naming the old one', async () => {
    const { rows } = await store.db.query<{ report_id: string; status: string; actor: string; note: string }>(
      'SELECT report_id, status, actor, note FROM report_history ORDER BY report_id',
    )
    expect(rows.map((r) => [Number(r.report_id), r.status, r.actor, r.note])).toEqual([
      [ids.open, 'received', 'migration 015', 'status before migration 015: open'],
      [ids.in_progress, 'assigned', 'migration 015', 'status before migration 015: in_progress'],
      [ids.closed, 'resolved', 'migration 015', 'status before migration 015: closed'],
      [ids.null, 'received', 'migration 015', 'status before migration 015: none'],
    ])
  })

  it('refuses the old words afterwards, and files a new row as received', async () => {
    await expect(
      store.db.query(
        `INSERT INTO reports (status, geom) VALUES ('open', ST_SetSRID(ST_MakePoint(102.7, 25.0), 4490))`,
      ),
    ).rejects.toThrow(/reports_status_check/)
    const { rows } = await store.db.query<{ status: string }>(
      `INSERT INTO reports (geom) VALUES (ST_SetSRID(ST_MakePoint(102.7, 25.0), 4490)) RETURNING status`,
    )
    expect(rows[0].status).toBe('received')
  })
})
