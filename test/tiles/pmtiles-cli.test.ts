// The export CLI refuses bad arguments with a message naming the argument and exit code 2, before
// it opens any store.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/templates.ts'

const run = promisify(execFile)

async function exportCli(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/export-pmtiles.ts'), ...args], {
      cwd: ROOT,
      // A store that does not exist: a refused argument must be reported before any open.
      env: { ...process.env, DATA_DIR: '/nonexistent/rcgis-store', DATABASE_URL: '' },
    })
    return { code: 0, stderr: '' }
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string }
    return { code, stderr }
  }
}

describe('npm run export:pmtiles', () => {
  it.each([
    [['--maxzoom', '12'], /--out <file>\.pmtiles is required/],
    [['--out', 'demo.mbtiles'], /--out must end in \.pmtiles/],
    [['--out', 'a.pmtiles', '--layers', 'reaches,lakez'], /unknown layer lakez/],
    [['--out', 'a.pmtiles', '--minzoom', '9', '--maxzoom', '3'], /--minzoom 9 is above --maxzoom 3/],
    [['--out', 'a.pmtiles', '--bbox', '102,24,103'], /--bbox must be four numbers/],
    [['--out', 'a.pmtiles', '--colour', 'red'], /Unknown option '--colour'/],
  ])('refuses %j', async (args, message) => {
    const { code, stderr } = await exportCli(...args)
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
    expect(stderr).toMatch(/^usage: npm run export:pmtiles/m)
    expect(stderr).not.toMatch(/ at .*\.ts:\d+/) // no stack trace
  })
})
