// The demo-city stores the benchmarks share, one per scale and engine, built on first use: the
// server store is database rcgis_bench_s<scale> at the given URL, the embedded store is
// .cache/bench-locate/s<scale>.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { openDatabase } from '../../server/db/open-database.ts'
import { generateDemo } from '../../server/demo/generate.ts'
import { demoNeeded, loadDemo } from '../../server/demo/load-demo.ts'

export type Engine = 'server' | 'embedded'

/** Longitude/latitude box of the demo city (its admin areas). */
export interface Extent {
  xmin: number
  ymin: number
  xmax: number
  ymax: number
}

export interface DemoStore {
  /** The server store's URL. @throws Error without a base URL. */
  serverUrl(): string
  /** Opens the store with a pool of `poolSize`; close() also releases the embedded store's lock. */
  open(engine: Engine): Promise<Database>
  /** Creates the store (afresh with `fresh`) and loads the demo city unless it is there; its extent. */
  prepare(engine: Engine, fresh?: boolean): Promise<Extent>
}

/** `baseUrl`: any database of the PostgreSQL server (the server engine's store is created beside it). */
export function demoStore(scale: number, poolSize: number, baseUrl: string | undefined): DemoStore {
  const embeddedDir = join(import.meta.dirname, '..', '..', '.cache', 'bench-locate', `s${scale}`)
  const serverDb = `rcgis_bench_s${scale}`
  const serverUrl = () => {
    if (!baseUrl) throw new Error('the server engine needs --url or TEST_DATABASE_URL / DATABASE_URL')
    const u = new URL(baseUrl)
    u.pathname = `/${serverDb}`
    return u.toString()
  }
  const open = async (engine: Engine) => {
    const config = loadConfig({ DEMO: '0', DB_POOL_SIZE: String(poolSize), DATA_DIR: embeddedDir })
    const { db, lock } = await openDatabase(
      engine === 'server' ? { ...config, DATABASE_URL: serverUrl() } : config,
    )
    const close = db.close.bind(db)
    db.close = async () => {
      await close()
      lock?.release()
    }
    return db
  }
  const prepare = async (engine: Engine, fresh = false) => {
    if (engine === 'server') {
      const admin = new pg.Client({ connectionString: baseUrl })
      await admin.connect()
      if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${serverDb} WITH (FORCE)`)
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [serverDb])
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${serverDb}`)
      await admin.end()
    } else if (fresh) {
      rmSync(embeddedDir, { recursive: true, force: true })
    }
    const db = await open(engine)
    try {
      if (await demoNeeded(db)) {
        const t0 = Date.now()
        await loadDemo(db, generateDemo({ scale }))
        console.error(
          `${engine}: loaded the demo city at scale ${scale} in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
        )
      }
      const { rows } = await db.query<Extent>(
        `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
           FROM (SELECT ST_Extent(geom) AS e FROM admin_areas) s`,
      )
      return rows[0]
    } finally {
      await db.close()
    }
  }
  return { serverUrl, open, prepare }
}
