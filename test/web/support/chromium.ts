// Debian's chromium driven by playwright-core (never a downloaded browser), with every request
// that would leave 127.0.0.1 refused and recorded, and every console error kept, so a test can
// assert the page is offline-clean (issue 12 tests).
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { ROOT } from '../../support/templates.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const ARTIFACTS = join(ROOT, 'test', 'artifacts')

// How MapLibre renders on these machines: WebGL through SwiftShader, nothing phoning home.
const ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export const chromiumInstalled = () => existsSync(CHROMIUM)

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true })
}

export interface ViewerTab {
  page: Page
  context: BrowserContext
  /** console.error lines and uncaught page errors, in order. */
  errors: string[]
  /** URLs the page tried outside 127.0.0.1 (each was refused). */
  foreign: string[]
  /** Milliseconds from navigation start to the map's first full render (body[data-first-render-ms]). */
  firstRenderMs(): Promise<number>
  screenshot(name: string): Promise<Buffer>
  close(): Promise<void>
}

/**
 * A fresh context at `url` (the viewer on 127.0.0.1) of `viewport` size; resolves once the map has
 * rendered fully for the first time (MapLibre's first `idle`) or throws with the errors seen.
 */
export async function openViewer(
  browser: Browser,
  url: string,
  viewport = { width: 1366, height: 768 },
  locale = 'zh-CN',
): Promise<ViewerTab> {
  const context = await browser.newContext({ viewport, locale, serviceWorkers: 'block' })
  const errors: string[] = []
  const foreign: string[] = []
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url())
    if (target.hostname === '127.0.0.1') return route.continue()
    foreign.push(target.href)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`))
  await page.goto(url)
  try {
    // Generous: a cold tile cache on a loaded two-core machine has taken over 90 s.
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 180_000 })
  } catch (error) {
    throw new Error(
      `the map never became ready; errors: ${errors.join(' | ') || 'none'}; ${(error as Error).message}`,
    )
  }
  mkdirSync(ARTIFACTS, { recursive: true })
  return {
    page,
    context,
    errors,
    foreign,
    firstRenderMs: async () => Number(await page.getAttribute('body', 'data-first-render-ms')),
    screenshot: (name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) }),
    close: () => context.close(),
  }
}

/** Clicks the middle of the map: the point of the URL hash `#zoom/lat/lon` the page was opened at. */
export async function clickMapCentre(page: Page): Promise<void> {
  const box = (await page.locator('#map').boundingBox())!
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
}

/** Waits until MapLibre has no tile or render pending (the page sets body[data-map-idle]). */
export async function waitForIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.mapIdle === 'true', undefined, { timeout: 60_000 })
}

export interface PixelCounts {
  /** Distinct RGB colours: a blank or single-colour frame gives 1–2, a drawn map thousands. */
  distinct: number
  /** River-blue pixels (blue clearly above red and green). */
  blue: number
}

/** Counts of the pixels of a PNG (a screenshot), decoded by the browser's own decoder in `page`. */
export function pixelCounts(page: Page, png: Buffer): Promise<PixelCounts> {
  return page.evaluate(async (base64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${base64}`
    await img.decode()
    const canvas = new OffscreenCanvas(img.width, img.height)
    const g = canvas.getContext('2d')!
    g.drawImage(img, 0, 0)
    const data = g.getImageData(0, 0, img.width, img.height).data
    const seen = new Set<number>()
    let blue = 0
    for (let i = 0; i < data.length; i += 4) {
      seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
      if (data[i + 2] > data[i] + 60 && data[i + 2] > data[i + 1] + 20) blue++
    }
    return { distinct: seen.size, blue }
  }, png.toString('base64'))
}
