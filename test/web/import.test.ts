// The import page in chromium (issue 12 item 6 tests), on each engine: a dry run of the shared GBK
// shapefile ../shared/data/yunnan_gbk/ with a staff token shows its CRS, its encoding and 昆明市
// decoded among the first rows, and leaves the layer as it was.
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { SHARED_DATA } from '../import/corpus-inputs.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { ensureViewerBuilt } from './support/built-viewer.ts'
import { chromiumInstalled, launchChromium, openViewer, waitForIdle } from './support/chromium.ts'

const BROWSER_TIMEOUT = 300_000
const YUNNAN = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) =>
  join(SHARED_DATA, 'yunnan_gbk', `yunnan_gbk.${e}`),
)

describe.skipIf(!chromiumInstalled())('import page in chromium', { timeout: BROWSER_TIMEOUT }, () => {
  let browser: Browser
  beforeAll(async () => {
    await ensureViewerBuilt()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  describe.each(ENGINES)('on the %s engine', (engine) => {
    let test: TestDatabase
    let app: RunningApp
    beforeAll(async () => {
      test = await openTestDatabase(engine, 'demo')
      app = await serveApp(test.db)
    })
    afterAll(async () => {
      await app?.close()
      await test?.dispose()
    })

    it('dry-runs the GBK shapefile: CRS, encoding and 昆明市 decoded, features on the map, nothing written', async () => {
      const { token } = await createToken(test.db, 'staff', 'browser')
      const count = async () =>
        Number((await test.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM basins')).rows[0].n)
      const before = await count()
      const tab = await openViewer(browser, `${app.url}/?page=import`)
      try {
        const { page } = tab
        await page.fill('#import-token', token)
        await page.setInputFiles('#import-file', YUNNAN)
        await page.selectOption('#import-layer', 'basins')
        await page.click('#import-dry')
        const table = await page.waitForSelector('#import-rows', { timeout: 120_000 })
        const cells = await table.$$eval('td', (tds) => tds.map((td) => td.textContent))
        expect(cells).toContain('昆明市')
        expect(await page.textContent('#import-crs-used')).toContain('EPSG:4326')
        expect(await page.textContent('#import-encoding-used')).toMatch(/gbk/i)
        expect(await table.$$eval('tbody tr', (trs) => trs.length)).toBeGreaterThan(0)
        expect(await page.textContent('#import-live')).not.toBe('')
        await waitForIdle(page)
        await tab.screenshot(`import-dry-run-${engine}`)
        expect(await count()).toBe(before)
        expect(tab.errors).toEqual([])
        expect(tab.foreign).toEqual([])
      } finally {
        await tab.close()
      }
    })
  })
})
