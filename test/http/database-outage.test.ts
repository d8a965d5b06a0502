// A database that cannot be reached is a 503 with Retry-After and our words, on real engines: a
// closed store, and on a real PostGIS a database whose backends are terminated and that is gone
// (renamed away), then back. Also: the driver errors a real server raises are classified right.
import { createServer } from 'node:net'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isDatabaseUnreachable, isDataException } from '../../server/db/db-errors.ts'
import { DATABASE_UNREACHABLE } from '../../server/http/error-handler.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { databaseUrl, ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const SERVER_URL = process.env.TEST_DATABASE_URL

async function expectUnavailable(res: Response) {
  const text = await res.text()
  expect(res.status, text).toBe(503)
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(JSON.parse(text)).toEqual({ error: { code: 'unavailable', message: DATABASE_UNREACHABLE } })
  // PostgreSQL's and the driver's words stay in the log.
  expect(text).not.toMatch(/does not exist|terminat|ECONN|PGlite|pool/i)
}

describe.each(ENGINES)('a closed %s database', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose().catch(() => {}) // the database is closed already
  })

  it('answers health with 200, then 503 with Retry-After once the database is closed', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200)
    await t.db.close()
    await expectUnavailable(await fetch(`${app.url}/api/health`))
    await expectUnavailable(await fetch(`${app.url}/api/chiefs?q=a`))
  })
})

describe.skipIf(!SERVER_URL)('a PostGIS server that goes away and comes back', () => {
  let t: TestDatabase
  let app: RunningApp
  let admin: pg.Client
  let name: string
  let away: string
  let renamed = false
  beforeAll(async () => {
    t = await openTestDatabase('server', 'empty')
    app = await serveApp(t.db)
    name = new URL(t.url!).pathname.slice(1)
    away = `${name}_away`
    admin = new pg.Client({ connectionString: SERVER_URL })
    await admin.connect()
  })
  afterAll(async () => {
    await app?.close()
    if (renamed) await admin.query(`ALTER DATABASE ${away} RENAME TO ${name}`)
    await admin?.end()
    await t?.dispose()
  })

  /** Terminates every backend of the test database, then renames it away (3D000 on reconnect). */
  async function takeAway() {
    for (let attempt = 0; ; attempt++) {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name])
      try {
        await admin.query(`ALTER DATABASE ${name} RENAME TO ${away}`)
        renamed = true
        return
      } catch (error) {
        // A terminated backend takes a moment to exit (55006: still being accessed).
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
  }

  it('answers 503 with Retry-After while the database is gone, and 200 again once it is back', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200)
    await takeAway()
    await expectUnavailable(await fetch(`${app.url}/api/health`))
    await expectUnavailable(await fetch(`${app.url}/api/locate?lon=102.7&lat=25`))
    await expectUnavailable(
      await fetch(`${app.url}/api/intrusion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ geometry: { type: 'Point', coordinates: [102.7, 25] } }),
      }),
    )
    await admin.query(`ALTER DATABASE ${away} RENAME TO ${name}`)
    renamed = false
    const back = await fetch(`${app.url}/api/health`)
    expect(back.status).toBe(200)
    expect((await back.json()).status).toBe('ok')
  })

  it('classifies the real driver errors of an unreachable database, and only those', async () => {
    const caught = async (run: () => Promise<unknown>) => {
      try {
        await run()
      } catch (error) {
        return error
      }
      throw new Error('expected a failure')
    }
    // A port with nothing listening: bind one, then free it.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number }
        probe.close(() => resolve(port))
      })
    })
    const refused = await caught(() => new pg.Client({ host: '127.0.0.1', port, user: 'x' }).connect())
    expect((refused as { code?: string }).code).toBe('ECONNREFUSED')
    expect(isDatabaseUnreachable(refused)).toBe(true)

    const missing = await caught(() =>
      new pg.Client({ connectionString: databaseUrl(SERVER_URL!, `${name}_never`) }).connect(),
    )
    expect((missing as { code?: string }).code).toBe('3D000')
    expect(isDatabaseUnreachable(missing)).toBe(true)

    const victim = new pg.Client({ connectionString: t.url })
    await victim.connect()
    victim.on('error', () => {}) // the lost connection is reported to the query below as well
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid
    const sleeping = caught(() => victim.query('SELECT pg_sleep(30)'))
    await new Promise((resolve) => setTimeout(resolve, 200))
    await admin.query('SELECT pg_terminate_backend($1)', [pid])
    const terminated = await sleeping
    expect((terminated as { code?: string }).code).toBe('57P01')
    expect(isDatabaseUnreachable(terminated)).toBe(true)
    const afterwards = await caught(() => victim.query('SELECT 1'))
    expect(isDatabaseUnreachable(afterwards)).toBe(true)

    const yearZero = await caught(() => admin.query("SELECT '0000-01-01'::date"))
    expect(isDatabaseUnreachable(yearZero)).toBe(false)
    expect(isDataException(yearZero)).toBe(true)
    const syntax = await caught(() => admin.query('SELEC 1'))
    expect(isDatabaseUnreachable(syntax)).toBe(false)
    expect(isDataException(syntax)).toBe(false)
  })
})
