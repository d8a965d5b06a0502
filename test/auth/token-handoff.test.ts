// Getting a token while the server runs (issue 12 item 6), with real processes as a new user meets
// them: `npm start` on an embedded store prints the one command that makes an admin token and
// leaves an owner-only secret in the store folder; `npm run token` then hands create, list and
// revoke to that server instead of refusing, and the token it prints opens POST /api/import.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STORE_SECRET_FILE, STORE_SECRET_HEADER } from '../../server/auth/store-secret.ts'
import { ROOT } from '../import/corpus-inputs.ts'
import { embeddedTemplatePath } from '../support/templates.ts'

interface Run {
  code: number
  stdout: string
  stderr: string
}

const dir = mkdtempSync(join(tmpdir(), 'rcgis-handoff-'))
const store = join(dir, 'store')
const env = {
  ...process.env,
  DATABASE_URL: '',
  DATA_DIR: store,
  DEMO: 'false',
  PORT: '0',
  HOST: '127.0.0.1',
  RCGIS_TOKEN: '',
}

function token(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'token.ts'), ...args],
      { cwd: ROOT, env, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('token CLI beside a running server on the embedded store', { timeout: 300_000 }, () => {
  let server: ChildProcess
  let url: string
  let output = ''
  beforeAll(async () => {
    cpSync(embeddedTemplatePath('empty'), join(store, 'pgdata'), { recursive: true })
    server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], { cwd: ROOT, env })
    server.stderr?.on('data', (chunk) => {
      output += chunk
    })
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 240_000)
      server.stdout?.on('data', (chunk) => {
        output += chunk
        const match = /listening on (http:\/\/\S+)/.exec(output)
        if (match && /no admin token yet/.test(output)) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
      server.once('exit', (code) => reject(new Error(`the server exited (${code}): ${output}`)))
    })
  }, 300_000)
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints the one command that makes an admin token, and keeps the secret owner-only', () => {
    expect(output).toMatch(/no admin token yet.*npm run token -- create --role admin/)
    expect(statSync(join(store, STORE_SECRET_FILE)).mode & 0o777).toBe(0o600)
  })

  it('creates, lists and revokes through the server, and the token opens /api/import', async () => {
    const created = await token(['create', '--role', 'staff', '--label', 'newcomer'])
    expect(created.code, created.stderr).toBe(0)
    expect(created.stderr).toContain(`held by the server at ${url}`)
    const secret = /\s(rcgis_\S+)/.exec(created.stdout)?.[1] ?? ''
    const id = /created token #(\d+) \(staff, newcomer\)/.exec(created.stdout)?.[1]
    expect(secret).not.toBe('')
    expect(id).toBeDefined()
    // The token is known: an upload without files is refused for what it is (400), not as a 401.
    const importWith = (bearer: string) =>
      fetch(`${url}/api/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}` },
        body: new FormData(),
      })
    expect((await importWith(secret)).status).toBe(400)
    expect((await importWith('rcgis_wrong')).status).toBe(401)

    const listed = await token(['list'])
    expect(listed.code, listed.stderr).toBe(0)
    expect(listed.stdout).toMatch(new RegExp(`#${id}\\tstaff\\tnewcomer`))

    const revoked = await token(['revoke', String(id)])
    expect(revoked.code, revoked.stderr).toBe(0)
    expect(revoked.stdout).toContain(`revoked token #${id}`)
    expect((await importWith(secret)).status).toBe(401)
    const again = await token(['revoke', String(id)])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`no live token #${id}`)
    expect(`${again.stdout}${again.stderr}`).not.toMatch(/\n\s+at |\.ts:\d+:\d+/)
  })

  it('refuses /api/tokens without the secret or with a wrong one', async () => {
    for (const headers of [{}, { [STORE_SECRET_HEADER]: 'not-it' }] as Record<string, string>[]) {
      const res = await fetch(`${url}/api/tokens`, { headers })
      expect(res.status).toBe(403)
      expect((await res.json()).error.code).toBe('forbidden')
    }
  })
})
