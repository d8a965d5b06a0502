// The import page in chromium (issue 12 item 6 tests), on each engine: a dry run of the shared GBK
// shapefile ../shared/data/yunnan_gbk/ with a staff token shows its CRS, its encoding and 昆明市
// decoded among the first rows, and leaves the layer as it was.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createToken } from '../../server/auth/tokens.ts'
import { SHARED_DATA } from '../import/corpus-inputs.ts'
import { openViewer, waitForIdle } from './support/chromium.ts'
import { describeViewerOnEngines } from './support/viewer-on-engines.ts'

const YUNNAN = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) =>
  join(SHARED_DATA, 'yunnan_gbk', `yunnan_gbk.${e}`),
)

describeViewerOnEngines('import page in chromium', ({ engine, browser, test: db, app }) => {
  it('dry-runs the GBK shapefile: CRS, encoding and 昆明市 decoded, features on the map, nothing written', async () => {
    const { token } = await createToken(db().db, 'staff', 'browser')
    const count = async () =>
      Number((await db().db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM basins')).rows[0].n)
    const before = await count()
    const tab = await openViewer(browser(), `${app().url}/?page=import#11/25.04/102.71`)
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
