// The river-chief operations pages in chromium (issue 13 item 5 tests), on each engine: every page
// loads with no console error and no request off the server; patrol tracks are drawn green or red
// as the table says they are valid; the compliance table holds the API's rows; the dashboard
// shows every target the API computes and a failing section opens its trace; a report filed by
// clicking the map is stored (GET /api/reports) and its routing shown.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import type { TestDatabase } from '../support/test-database.ts'
import { clickMapCentre, openViewer, waitForIdle } from './support/chromium.ts'
import { describeViewerOnEngines } from './support/viewer-on-engines.ts'

// The pass / fail colours (web/map/pass-colours.ts, and a patrol's valid / invalid in the style) as
// MapLibre serialises an evaluated colour: #1a9641 pass, #d7191c fail, #9e9e9e not rated.
const VALID_RGBA = 'rgba(26,150,65,1)'
const INVALID_RGBA = 'rgba(215,25,28,1)'
const UNRATED_RGBA = 'rgba(158,158,158,1)'

interface Rendered {
  id: number
  props: Record<string, unknown>
  colour: string
}

/** The features of style layer `layer` drawn now, with the colour MapLibre evaluated for each. */
function rendered(page: Page, layer: string, paint: string): Promise<Rendered[]> {
  return page.evaluate(
    ([layer, paint]) => {
      const map = (window as unknown as { rcgisMap: import('maplibre-gl').Map }).rcgisMap
      return map.queryRenderedFeatures({ layers: [layer] }).map((f) => ({
        id: Number(f.id),
        props: f.properties,
        colour: String((f.layer.paint as Record<string, unknown>)[paint]),
      }))
    },
    [layer, paint],
  )
}

/** Moves the map to `zoom/lat/lon` and waits for its tiles. */
async function jumpTo(page: Page, zoom: number, lat: number, lon: number): Promise<void> {
  await page.evaluate(
    ([zoom, lat, lon]) => {
      const map = (window as unknown as { rcgisMap: import('maplibre-gl').Map }).rcgisMap
      map.jumpTo({ zoom, center: [lon, lat] })
    },
    [zoom, lat, lon],
  )
  await page
    .waitForFunction(() => document.body.dataset.mapIdle === 'false', undefined, { timeout: 5_000 })
    .catch(() => {})
  await waitForIdle(page)
}

interface PatrolAt {
  id: number
  lat: number
  lon: number
}

/** The first evaluated patrol of validity `valid` and its midpoint, straight from the table. */
async function patrolOf(test: TestDatabase, valid: boolean): Promise<PatrolAt> {
  const { rows } = await test.db.query<PatrolAt>(
    `SELECT id::int AS id, ST_Y(ST_LineInterpolatePoint(geom, 0.5)) AS lat,
            ST_X(ST_LineInterpolatePoint(geom, 0.5)) AS lon
       FROM patrols WHERE valid = $1 ORDER BY id LIMIT 1`,
    [valid],
  )
  expect(rows, `the demo has a${valid ? '' : 'n in'}valid patrol`).toHaveLength(1)
  return rows[0]
}

/** Every patrol's validity by id. */
async function validity(test: TestDatabase): Promise<Map<number, boolean | null>> {
  const { rows } = await test.db.query<{ id: number; valid: boolean | null }>(
    'SELECT id::int AS id, valid FROM patrols',
  )
  return new Map(rows.map((r) => [r.id, r.valid]))
}

describeViewerOnEngines('river-chief operations pages in chromium', ({ engine, browser, test: db, app }) => {
  it('each operations page loads with no console error and no request off the server, in both languages', async () => {
    const tab = await openViewer(browser(), `${app().url}/?page=compliance`)
    try {
      const { page } = tab
      for (const id of ['compliance', 'targets', 'report']) {
        await page.click(`#tab-${id}`)
        expect(await page.isVisible(`#page-${id}`)).toBe(true)
      }
      // The county picker is filled from the admin areas of the store.
      const { rows } = await db().db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM admin_areas WHERE level = 'county'",
      )
      await expect.poll(() => page.locator('#compliance-county option').count()).toBe(rows[0].n + 1)
      // The layer panel's legend names both patrol colours and the report statuses.
      await page.click('#tab-layers')
      const legend = await page.locator('.layer-row').allTextContents()
      expect(legend.join(' ')).toContain('有效巡河')
      expect(legend.join(' ')).toContain('无效巡河')
      expect(legend.join(' ')).toContain('已受理')
      await waitForIdle(page)
      expect(tab.errors).toEqual([])
      expect(tab.foreign).toEqual([])
    } finally {
      await tab.close()
    }
    // In English the same pages speak English.
    const en = await openViewer(browser(), `${app().url}/?page=targets&lang=en`)
    try {
      const tabs = await en.page.locator('[role="tab"]').allTextContents()
      expect(tabs).toEqual(expect.arrayContaining(['Patrols', 'Targets', 'Report']))
      expect(await en.page.textContent('#page-targets h2')).toBe('2020 water targets (§2)')
      expect(await en.page.textContent('#report-send')).toBe('Send the report')
      expect(await en.page.locator('#report-category option').allTextContents()).toContain('Rubbish dumping')
      expect(en.errors).toEqual([])
      expect(en.foreign).toEqual([])
    } finally {
      await en.close()
    }
  })

  it('patrol tracks are drawn green when valid and red when not, as the table says', async () => {
    const invalid = await patrolOf(db(), false)
    const valid = await patrolOf(db(), true)
    const table = await validity(db())
    const tab = await openViewer(browser(), `${app().url}/?page=layers#15/${invalid.lat}/${invalid.lon}`)
    try {
      const { page } = tab
      await waitForIdle(page)
      const check = async (wanted: PatrolAt) => {
        const drawn = await rendered(page, 'patrols-line', 'line-color')
        expect(drawn.map((f) => f.id)).toContain(wanted.id)
        for (const f of drawn) {
          expect(table.has(f.id)).toBe(true)
          expect(f.props.valid).toBe(String(table.get(f.id)))
          expect(f.colour).toBe(table.get(f.id) ? VALID_RGBA : INVALID_RGBA)
        }
      }
      await check(invalid)
      await tab.screenshot(`patrols-invalid-${engine}`)
      await jumpTo(page, 15, valid.lat, valid.lon)
      await check(valid)
      await tab.screenshot(`patrols-valid-${engine}`)
      expect(tab.errors).toEqual([])
      expect(tab.foreign).toEqual([])
    } finally {
      await tab.close()
    }
  })
  it('the targets dashboard shows every target the API computes, and a failing section opens its trace', async () => {
    const answer = (await (await fetch(`${app().url}/api/targets`)).json()) as {
      year: number
      targets: {
        id: string
        rate: number | null
        met: boolean | null
        features: { met: boolean | null; upstream?: string }[]
      }[]
    }
    expect(answer.targets.length).toBeGreaterThan(0)
    const tab = await openViewer(browser(), `${app().url}/?page=targets`)
    try {
      const { page } = tab
      await page.click('#targets-go')
      await page.waitForSelector('#targets-summary', { timeout: 120_000 })
      const cards = page.locator('.target-card')
      expect(await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.target))).toEqual(
        answer.targets.map((t) => t.id),
      )
      expect(await cards.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.met))).toEqual(
        answer.targets.map((t) => String(t.met)),
      )
      // Every card has its chart, drawn: the rate's bar in green or red where the target is met or
      // not (a coloured pixel: red and green channels differ), and at least axes where it has none.
      const drawn = await page.locator('.target-card canvas').evaluateAll((canvases) =>
        canvases.map((c) => {
          const canvas = c as HTMLCanvasElement
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
          let inked = 0
          let coloured = 0
          for (let i = 0; i < data.length; i += 4) {
            if (data[i + 3] === 0) continue
            inked++
            if (Math.abs(data[i] - data[i + 1]) > 60) coloured++
          }
          return { inked, coloured }
        }),
      )
      expect(drawn).toHaveLength(answer.targets.length)
      answer.targets.forEach((t, i) => {
        expect(drawn[i].inked).toBeGreaterThan(50)
        // A zero count (none left) has no bar to colour.
        if (t.met !== null && t.rate) expect(drawn[i].coloured, t.id).toBeGreaterThan(50)
      })
      await tab.screenshot(`targets-${engine}`)
      // A failing section with an upstream trace opens the trace page on that section.
      const failing = answer.targets.flatMap((t) => t.features).find((f) => f.met === false && f.upstream)
      expect(failing, 'the demo has a failing section with an upstream trace').toBeDefined()
      const section = new URL(failing!.upstream!, app().url).searchParams.get('section')!
      const network = (await (
        await fetch(`${app().url}/api/network/upstream?section=${encodeURIComponent(section)}`)
      ).json()) as { reaches: { id: number }[] }
      await page.locator(`.trace-link[data-section="${section}"]`).first().click()
      await expect.poll(() => page.getAttribute('#tab-trace', 'aria-selected')).toBe('true')
      const items = page.locator('#trace-reaches li')
      await expect.poll(() => items.count(), { timeout: 60_000 }).toBe(network.reaches.length)
      expect(await page.inputValue('#trace-section')).toBe(section)
      expect(tab.errors).toEqual([])
      expect(tab.foreign).toEqual([])
    } finally {
      await tab.close()
    }
  })
  it('the compliance table of a county and quarter holds the rows the API answers, with scopes coloured pass or fail', async () => {
    // The quarter of the demo's latest patrol, worked out here: its first and last day.
    const { rows: latest } = await db().db.query<{ day: string }>(
      "SELECT to_char(max(started_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day FROM patrols",
    )
    const year = Number(latest[0].day.slice(0, 4))
    const quarter = Math.ceil(Number(latest[0].day.slice(5, 7)) / 3)
    const lastMonth = quarter * 3
    const from = `${year}-${String(lastMonth - 2).padStart(2, '0')}-01`
    const to = `${year}-${String(lastMonth).padStart(2, '0')}-${new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()}`
    // The first county (by code) whose answer has both a chief who passes and one who fails.
    const { rows: counties } = await db().db.query<{ code: string }>(
      "SELECT code FROM admin_areas WHERE level = 'county' ORDER BY code",
    )
    type Row = {
      chief_id: string
      name: string
      required: number
      done: number
      pass: boolean | null
      uncovered: { name: string }[]
    }
    let county = ''
    let chiefs: Row[] = []
    for (const c of counties) {
      const res = await fetch(`${app().url}/api/patrols/compliance?from=${from}&to=${to}&county=${c.code}`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { chiefs: Row[] }
      if (body.chiefs.some((x) => x.pass === true) && body.chiefs.some((x) => x.pass === false)) {
        county = c.code
        chiefs = body.chiefs
        break
      }
    }
    expect(county, 'a county with a chief who passes and one who fails').not.toBe('')
    const tab = await openViewer(browser(), `${app().url}/?page=compliance`)
    try {
      const { page } = tab
      await expect.poll(() => page.locator(`#compliance-county option[value="${county}"]`).count()).toBe(1)
      await page.selectOption('#compliance-county', county)
      await page.selectOption('#compliance-year', String(year))
      await page.selectOption('#compliance-quarter', String(quarter))
      await page.click('#compliance-go')
      await page.waitForSelector('#compliance-table', { timeout: 120_000 })
      const shown = await page.locator('#compliance-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')
          const row = tr as HTMLElement
          return {
            chief: row.dataset.chief,
            pass: row.dataset.pass,
            name: tr.querySelector('strong')?.textContent,
            required: Number(cells[2]),
            done: Number(cells[3]),
            uncovered: cells[5],
          }
        }),
      )
      expect(shown).toEqual(
        chiefs.map((c) => ({
          chief: c.chief_id,
          pass: String(c.pass),
          name: c.name,
          required: c.required,
          done: c.done,
          uncovered: c.uncovered.map((u) => u.name).join('、') || '—',
        })),
      )
      // The CSV link is the same question as CSV: one line per chief under a header.
      const href = await page.getAttribute('#compliance-csv', 'href')
      const csvUrl = new URL(href!, app().url)
      expect(Object.fromEntries(csvUrl.searchParams)).toEqual({ from, to, county, format: 'csv' })
      const csv = await (await fetch(csvUrl)).text()
      expect(csv.trim().split('\n')).toHaveLength(chiefs.length + 1)
      // The scopes on the map: each drawn green if its chief passes, red if not.
      await waitForIdle(page)
      const scopes = await rendered(page, 'compliance-scopes-line', 'line-color')
      expect(scopes.length).toBeGreaterThan(0)
      const passOf = new Map(chiefs.map((c) => [c.chief_id, c.pass]))
      for (const f of scopes) {
        expect(passOf.has(String(f.props.chief_id))).toBe(true)
        const pass = passOf.get(String(f.props.chief_id))
        expect(f.colour).toBe(pass === true ? VALID_RGBA : pass === false ? INVALID_RGBA : UNRATED_RGBA)
      }
      // Both kinds are drawn (a specialist's null `pass` is dropped from the tile, so it reads undefined).
      expect([...new Set(scopes.map((f) => f.props.pass))]).toEqual(expect.arrayContaining([true, false]))
      await tab.screenshot(`compliance-${engine}`)
      expect(tab.errors).toEqual([])
      expect(tab.foreign).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it('a report filed by clicking the map is stored, shown as routed, and its text never read as markup', async () => {
    // A point on a reach, from the table: the report there goes to a chief of that place.
    const { rows } = await db().db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
         FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) AS p FROM reaches ORDER BY id LIMIT 1) r`,
    )
    const at = rows[0]
    const tab = await openViewer(browser(), `${app().url}/?page=report#16/${at.lat}/${at.lon}`)
    try {
      const { page } = tab
      await clickMapCentre(page)
      await expect.poll(() => page.textContent('#report-point')).toMatch(/°E/)
      await page.selectOption('#report-category', 'dumping')
      const text = '<img src=x onerror="window.__injected=1">河边有人倾倒建筑垃圾'
      await page.fill('#report-text', text)
      await page.click('#report-send')
      const card = await page.waitForSelector('#report-routed', { timeout: 60_000 })
      const id = await card.getAttribute('data-report')
      // Stored: GET /api/reports around the point lists it, received, with the same routing.
      const d = 0.001
      const list = (await (
        await fetch(`${app().url}/api/reports?bbox=${at.lon - d},${at.lat - d},${at.lon + d},${at.lat + d}`)
      ).json()) as {
        features: {
          id: number | string
          geometry: { coordinates: [number, number] }
          properties: {
            category: string
            status: string
            chief: { name: string } | null
            office: { name: string }
            oversight: { name: string }
          }
        }[]
      }
      const stored = list.features.find((f) => String(f.id) === id)
      expect(stored, `report ${id} listed near the click`).toBeDefined()
      expect(stored!.properties.category).toBe('dumping')
      expect(stored!.properties.status).toBe('received')
      // The click's point: within a few metres of the map's centre at z16 (a pixel is ~2 m).
      const [lon, lat] = stored!.geometry.coordinates
      const metres = Math.hypot(
        (lon - at.lon) * 111_320 * Math.cos((at.lat * Math.PI) / 180),
        (lat - at.lat) * 110_574,
      )
      expect(metres).toBeLessThan(10)
      expect(await page.textContent('#report-office')).toBe(stored!.properties.office.name)
      expect(await page.textContent('#report-oversight')).toBe(stored!.properties.oversight.name)
      if (stored!.properties.chief)
        expect(await page.textContent('#report-chief')).toContain(stored!.properties.chief.name)
      // The text went out as text: nothing of it became an element or ran.
      expect(
        await page.evaluate(() => (window as unknown as { __injected?: number }).__injected),
      ).toBeUndefined()
      expect(await page.locator('#page-report img').count()).toBe(0)
      // The report layer shows it, red as received (#e31a1c): the page reloads the layer's tiles.
      await expect
        .poll(
          async () =>
            (await rendered(page, 'reports-circle', 'circle-color')).find((f) => String(f.id) === id)?.colour,
          { timeout: 60_000 },
        )
        .toBe('rgba(227,26,28,1)')
      await tab.screenshot(`report-${engine}`)
      expect(tab.errors).toEqual([])
      expect(tab.foreign).toEqual([])
    } finally {
      await tab.close()
    }
  })
})
