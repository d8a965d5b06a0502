// npm run export:signboards on the demo city, on every engine: one board per reach of the county
// (counted again here with SQL of its own), clear errors, and the same file when the boards are
// read from a server (the hand-off used when a server holds the embedded store).
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { PgliteDatabase } from '../../server/db/pglite-engine.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { remoteBoardSource } from '../../server/http/signboards-client.ts'
import { exportCountyBoards } from '../../server/signboards/export-boards.ts'
import { embeddedTemplatePath, ROOT } from '../support/templates.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { chromiumInstalled, launchChromium } from '../web/support/chromium.ts'

const COUNTY = '530111000000'
const DATE = '2023-06-01'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function exportBoards(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'export-signboards.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env }, timeout: 300_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })
}

const noStack = (r: Run) => expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at |\.ts:\d+:\d+/)
const boardsIn = (html: string) =>
  [...html.matchAll(/<section class="board" data-reach="([^"]*)"/g)].map((m) => m[1])

describe.each(ENGINES)('%s engine', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcgis-boards-'))
  let env: Record<string, string>
  let t: TestDatabase | null = null
  /** Opens the store for the checks below, once the CLI has let go of it. */
  let openStore: () => Promise<{ db: Database; close(): Promise<void> }>
  let first: Run
  const out = join(dir, 'boards.html')

  beforeAll(async () => {
    if (engine === 'embedded') {
      cpSync(embeddedTemplatePath('demo'), join(dir, 'store', 'pgdata'), { recursive: true })
      env = { DATA_DIR: join(dir, 'store') }
      openStore = async () => {
        const db = await PgliteDatabase.open(join(dir, 'store', 'pgdata'))
        return { db, close: () => db.close() }
      }
    } else {
      t = await openTestDatabase('server', 'demo')
      env = { DATABASE_URL: t.url as string }
      const db = (t as TestDatabase).db
      openStore = async () => ({ db, close: async () => {} })
    }
    first = await exportBoards(['--county', COUNTY, '--out', out, '--date', DATE], env)
  }, 600_000)
  afterAll(async () => {
    await t?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes one board per reach of the county, as counted with SQL of its own', async () => {
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toMatch(/^wrote .*boards\.html: \d+ boards of \S+ \(530111000000\) as of 2023-06-01/)
    noStack(first)
    const html = readFileSync(out, 'utf8')
    const printed = boardsIn(html)
    const store = await openStore()
    try {
      // The demo names each reach's village in admin_code; the village code starts with its county's.
      const byCode = await store.db.query<{ code: string }>(
        `SELECT code FROM reaches WHERE left(admin_code, 6) = left($1, 6) ORDER BY code`,
        [COUNTY],
      )
      // And by geometry: more than half of the reach's geodesic length inside the county.
      const byLength = await store.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM reaches r JOIN admin_areas a ON a.code = $1
          WHERE ST_Length(ST_Intersection(r.geom, a.geom)::geography) > ST_Length(r.geom::geography) / 2`,
        [COUNTY],
      )
      expect(byCode.rows.length).toBeGreaterThan(10)
      expect(printed.length).toBe(byCode.rows.length)
      expect(printed.length).toBe(byLength.rows[0].n)
      expect([...printed].sort()).toEqual(byCode.rows.map((r) => r.code))
    } finally {
      await store.close()
    }
    expect(html).toMatch(/^<!doctype html>/)
    expect(html.trimEnd()).toMatch(/<\/html>$/)
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([])
  })

  it('refuses an unknown county, an area that is not a county, a bad code and an unwritable --out', async () => {
    const nowhere = join(dir, 'nowhere.html')
    const unknown = await exportBoards(['--county', '530199000000', '--out', nowhere], env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^error: no administrative area with code '530199000000'/)
    noStack(unknown)
    const city = await exportBoards(['--county', '530100000000', '--out', nowhere], env)
    expect(city.code).toBe(1)
    expect(city.stderr).toMatch(/530100000000 \(\S+\) is a city, not a county/)
    const bad = await exportBoards(['--county', '5301', '--out', nowhere], env)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(
      /--county must be a 12-digit division code[\s\S]*usage: npm run export:signboards/,
    )
    const badDate = await exportBoards(['--county', COUNTY, '--out', nowhere, '--date', '2023-02-30'], env)
    expect(badDate.code).toBe(2)
    const unwritable = await exportBoards(['--county', COUNTY, '--out', join(dir, 'missing', 'b.html')], env)
    expect(unwritable.code).toBe(1)
    expect(unwritable.stderr).toMatch(/^error: cannot write .*missing\/b\.html: no such folder/)
    noStack(unwritable)
    expect(existsSync(nowhere)).toBe(false)
    expect(existsSync(join(dir, 'missing'))).toBe(false)
  }, 300_000)

  it('writes the same file from a server as from the store', async () => {
    const store = await openStore()
    const server = listen(createApp({ db: store.db, config: loadConfig({ DEMO: '0' }) }), 0, '127.0.0.1')
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()))
      const remote = join(dir, 'remote.html')
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const summary = await exportCountyBoards(remoteBoardSource(base), {
        county: COUNTY,
        date: DATE,
        out: remote,
      })
      expect(summary.boards).toBe(boardsIn(readFileSync(out, 'utf8')).length)
      expect(readFileSync(remote, 'utf8')).toBe(readFileSync(out, 'utf8'))
      await expect(
        exportCountyBoards(remoteBoardSource(base), { county: '530199000000', date: DATE, out: remote }),
      ).rejects.toMatchObject({ status: 404 })
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await store.close()
    }
  }, 300_000)

  it.skipIf(!chromiumInstalled())(
    'prints one A4 page per board',
    async () => {
      const browser = await launchChromium()
      try {
        const page = await browser.newPage()
        await page.setContent(readFileSync(out, 'utf8'), { waitUntil: 'load' })
        const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
        const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length
        expect(pages).toBe(boardsIn(readFileSync(out, 'utf8')).length)
        // A4 is 210 × 297 mm: 595.3 × 841.9 points, every page.
        const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)]
        expect(boxes.length).toBe(pages)
        for (const [, w, h] of boxes) {
          expect(Math.abs(Number(w) - 595.3)).toBeLessThan(1)
          expect(Math.abs(Number(h) - 841.9)).toBeLessThan(1)
        }
      } finally {
        await browser.close()
      }
    },
    300_000,
  )
})
