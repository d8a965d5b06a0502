// The command-line tools as a user runs them: `npm run import` and `npm run token`, on the
// store the configuration names, with exit codes 0 / 1 / 2 and no stack traces; and an import
// handed to the server that holds an embedded store.
import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { loadConfig } from '../../server/config.ts'
import { createApp } from '../../server/http/app.ts'
import { embeddedTemplatePath } from '../support/templates.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { CORPUS, ROOT, SHARED_DATA } from './corpus-inputs.ts'

const YUNNAN = join(SHARED_DATA, 'yunnan_gbk', 'yunnan_gbk.shp')

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(script: 'import' | 'token', args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', `${script}.ts`), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', RCGIS_TOKEN: '', ...env },
        timeout: 120_000,
        // A dry run's --json report carries a sample GeoJSON: more than execFile's 1 MB default.
        maxBuffer: 64 << 20,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const noStack = (r: Run) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at |\.ts:\d+:\d+/)

describe.each(ENGINES)('%s engine: CLI', (engine) => {
  let env: Record<string, string>
  let t: TestDatabase | null = null
  const dir = mkdtempSync(join(tmpdir(), 'rcgis-cli-'))

  beforeAll(async () => {
    if (engine === 'embedded') {
      // A store of its own, copied from the empty template, that only the CLI opens.
      cpSync(embeddedTemplatePath('empty'), join(dir, 'store', 'pgdata'), { recursive: true })
      env = { DATA_DIR: join(dir, 'store') }
    } else {
      t = await openTestDatabase('server', 'empty')
      env = { DATABASE_URL: t.url! }
    }
  })
  afterAll(async () => {
    await t?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('exits 2 with the usage for a usage error', async () => {
    const r = await run('import', [YUNNAN], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: layer is required[\s\S]*usage: npm run import/)
    noStack(r)
  })

  it('imports and prints a readable report, and refuses with exit 1 and a message', async () => {
    const ok = await run('import', [YUNNAN, '--layer', 'basins', '--mode', 'replace'], env)
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/^imported yunnan_gbk\.shp into basins \(replace\), import #\d+/)
    expect(ok.stdout).toMatch(/encoding {2}gbk — yunnan_gbk\.cpg says 'CP936'/)
    expect(ok.stdout).toMatch(/records {3}16 read, 16 inserted/)

    const refused = await run(
      'import',
      [join(CORPUS, 'shapefile-js/test/data/htmlprj.shp'), '--layer', 'signboards'],
      env,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr.trim()).toMatch(/^error: htmlprj\.prj is not a coordinate system.*--crs$/)
    noStack(refused)
  })

  it('creates a token, shows it once, and lists it without it', async () => {
    const created = await run('token', ['create', '--role', 'staff', '--label', 'surveyor'], env)
    expect(created.code, created.stderr).toBe(0)
    const token = /rcgis_[A-Za-z0-9_-]+/.exec(created.stdout)![0]
    const listed = await run('token', ['list'], env)
    expect(listed.stdout).toMatch(/#\d+\tstaff\tsurveyor/)
    expect(listed.stdout).not.toContain(token)
  })

  it.runIf(engine === 'embedded')(
    'hands the import to the server holding the store, or says what to do',
    async () => {
      // The "server": this process, with its own store, listening; the lock names it.
      const held = await openTestDatabase('embedded', 'empty')
      const server: Server = createServer(createApp({ db: held.db, config: loadConfig({}) }))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      const address = server.address()
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
      const busy = join(dir, 'busy')
      mkdirSync(busy, { recursive: true })
      writeFileSync(
        join(busy, 'rcgis.lock'),
        JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), url }),
      )
      try {
        const told = await run('import', [YUNNAN, '--layer', 'basins'], { DATA_DIR: busy })
        expect(told.code).toBe(1)
        expect(told.stderr).toMatch(`held by the server at ${url}`)
        expect(told.stderr).toMatch(/RCGIS_TOKEN/)
        const { token } = await createToken(held.db, 'staff', 'cli-user')
        const sent = await run('import', [YUNNAN, '--layer', 'basins', '--dry-run', '--json'], {
          DATA_DIR: busy,
          RCGIS_TOKEN: token,
        })
        expect(sent.code, sent.stderr).toBe(0)
        expect(JSON.parse(sent.stdout)).toMatchObject({ dryRun: true, counts: { inserted: 16 } })
        const real = await run('import', [YUNNAN, '--layer', 'basins', '--json'], {
          DATA_DIR: busy,
          RCGIS_TOKEN: token,
        })
        expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, importId: expect.any(Number) })
        const { rows } = await held.db.query<{ actor: string }>(
          `SELECT actor FROM import_log WHERE status = 'ok'`,
        )
        expect(rows.map((r) => r.actor)).toEqual(['token:cli-user'])
      } finally {
        server.close()
        await held.dispose()
      }
    },
  )
})
