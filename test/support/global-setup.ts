// Builds the template stores every database test copies: an empty migrated store and one with
// the demo city, on the embedded engine always and on TEST_DATABASE_URL when it is set.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { Database } from '../../server/db/database.ts'
import { migrate } from '../../server/db/migrate.ts'
import { PgDatabase } from '../../server/db/pg-engine.ts'
import { PgliteDatabase } from '../../server/db/pglite-engine.ts'
import { embeddedTemplatePath, serverTemplateName, TEMPLATE_DIR, type TemplateKind } from './templates.ts'
import { databaseUrl } from './test-database.ts'

async function fill(db: Database, kind: TemplateKind) {
  await migrate(db)
  if (kind === 'demo') {
    // Imported lazily: a store without the demo must not pay for (or depend on) the generator.
    const { generateDemo } = await import('../../server/demo/generate.ts')
    const { loadDemo } = await import('../../server/demo/load-demo.ts')
    await loadDemo(db, generateDemo({ scale: 1 }))
  }
}

async function buildEmbedded(kind: TemplateKind) {
  const target = embeddedTemplatePath(kind)
  if (existsSync(target)) return
  mkdirSync(TEMPLATE_DIR, { recursive: true })
  const building = `${target}.building-${process.pid}`
  rmSync(building, { recursive: true, force: true })
  const db = await PgliteDatabase.open(building)
  try {
    await fill(db, kind)
  } finally {
    await db.close()
  }
  try {
    renameSync(building, target) // atomic: a half-built template is never used
  } catch (error) {
    // Another run built the same template meanwhile; theirs is as good as ours.
    if (!existsSync(target)) throw error
    rmSync(building, { recursive: true, force: true })
  }
}

/** Templates of earlier schema or demo versions only take disk space. */
function pruneEmbedded(keep: string[]) {
  if (!existsSync(TEMPLATE_DIR)) return
  for (const name of readdirSync(TEMPLATE_DIR)) {
    const path = join(TEMPLATE_DIR, name)
    // Older than an hour: surely neither being built nor copied by a concurrent run. A
    // concurrent run may have pruned or renamed it since readdir: nothing left to do then.
    const mtime = statSync(path, { throwIfNoEntry: false })?.mtimeMs
    const old = mtime !== undefined && Date.now() - mtime > 3_600_000
    if (!keep.includes(path) && old) rmSync(path, { recursive: true, force: true })
  }
}

async function buildServer(url: string, kind: TemplateKind) {
  const name = serverTemplateName(kind)
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount) return
    // One building database per process: concurrent runs (several worktrees' suites on one
    // cluster) each build their own and the first rename wins.
    const building = `${name}_b${process.pid}`
    await admin.query(`DROP DATABASE IF EXISTS ${building}`)
    await admin.query(`CREATE DATABASE ${building}`)
    const db = await PgDatabase.open(databaseUrl(url, building), 2)
    try {
      await fill(db, kind)
    } finally {
      await db.close()
    }
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)
    } catch (error) {
      // 42P04 duplicate_database: another run finished the same template first.
      if ((error as { code?: string }).code !== '42P04') throw error
      await admin.query(`DROP DATABASE ${building}`)
    }
  } finally {
    await admin.end()
  }
}

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL
  const kinds: TemplateKind[] = ['empty', 'demo']
  pruneEmbedded(kinds.map(embeddedTemplatePath))
  // The two engines build in parallel: PGlite is CPU-bound here, PostgreSQL in its own process.
  await Promise.all([
    (async () => {
      for (const kind of kinds) await buildEmbedded(kind)
    })(),
    (async () => {
      if (url) for (const kind of kinds) await buildServer(url, kind)
    })(),
  ])
}
