// Opens a private database for one test file, on either engine, copied from a template.
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { detectCapabilities } from '../../server/db/capabilities.ts'
import type { Database, EngineName } from '../../server/db/database.ts'
import { PgDatabase } from '../../server/db/pg-engine.ts'
import { PgliteDatabase } from '../../server/db/pglite-engine.ts'
import { embeddedTemplatePath, serverTemplateName, type TemplateKind } from './templates.ts'

/** Every engine the integration tests run on here: embedded always, server when configured. */
export const ENGINES: EngineName[] = process.env.TEST_DATABASE_URL ? ['embedded', 'server'] : ['embedded']

export function databaseUrl(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

export interface TestDatabase {
  db: Database
  /** For the server engine, the URL of the private database (for psql-style cross-checks). */
  url?: string
  dispose(): Promise<void>
}

export async function openTestDatabase(
  engine: EngineName,
  kind: TemplateKind = 'demo',
): Promise<TestDatabase> {
  if (engine === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'rcgis-test-'))
    cpSync(embeddedTemplatePath(kind), dir, { recursive: true })
    const db = await PgliteDatabase.open(dir)
    db.capabilities = await detectCapabilities(db)
    return {
      db,
      async dispose() {
        await db.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  const name = `rcgis_t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${serverTemplateName(kind)}`)
  await admin.end()
  const privateUrl = databaseUrl(url, name)
  const db = await PgDatabase.open(privateUrl, 4)
  db.capabilities = await detectCapabilities(db)
  return {
    db,
    url: privateUrl,
    async dispose() {
      await db.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await cleanup.end()
    },
  }
}
