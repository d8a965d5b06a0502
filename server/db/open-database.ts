// Opens the store named by the configuration, brings its schema up to date and probes it.
import { join } from 'node:path'
import type { Config } from '../config.ts'
import { detectCapabilities } from './capabilities.ts'
import type { Database } from './database.ts'
import { migrate } from './migrate.ts'
import { PgDatabase } from './pg-engine.ts'
import { PgliteDatabase } from './pglite-engine.ts'
import { StoreLock } from './store-lock.ts'

export interface OpenedDatabase {
  db: Database
  /** Held for an embedded store; null on the server engine, where PostgreSQL arbitrates. */
  lock: StoreLock | null
  /** Migrations applied by this open. */
  migrated: string[]
}

export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DB_POOL_SIZE'>,
  options: { inMemory?: boolean } = {},
): Promise<OpenedDatabase> {
  let db: Database
  let lock: StoreLock | null = null
  if (config.DATABASE_URL) {
    db = await PgDatabase.open(config.DATABASE_URL, config.DB_POOL_SIZE)
  } else if (options.inMemory) {
    db = await PgliteDatabase.open()
  } else {
    lock = StoreLock.acquire(config.DATA_DIR)
    try {
      db = await PgliteDatabase.open(join(config.DATA_DIR, 'pgdata'))
    } catch (error) {
      lock.release()
      throw error
    }
  }
  try {
    const migrated = await migrate(db)
    db.capabilities = await detectCapabilities(db)
    return { db, lock, migrated }
  } catch (error) {
    await db.close()
    lock?.release()
    throw error
  }
}
