// The frame every browser test file shares: one chromium for the file, and per engine a private
// demo database served over HTTP, as `npm start` serves it (the viewer built when stale).
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe } from 'vitest'
import { type RunningApp, serveApp } from '../../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../../support/test-database.ts'
import { ensureViewerBuilt } from './built-viewer.ts'
import { chromiumInstalled, launchChromium } from './chromium.ts'

// The first render of the whole city on the embedded engine builds every tile in WASM.
export const BROWSER_TIMEOUT = 300_000

export interface ViewerRun {
  engine: string
  browser(): Browser
  test(): TestDatabase
  app(): RunningApp
}

/** `body` once per engine with the browser, database and app of that engine (skipped without chromium). */
export function describeViewerOnEngines(name: string, body: (run: ViewerRun) => void): void {
  describe.skipIf(!chromiumInstalled())(name, { timeout: BROWSER_TIMEOUT }, () => {
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
      body({ engine, browser: () => browser, test: () => test, app: () => app })
    })
  })
}
