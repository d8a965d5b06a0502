// The check page in chromium (issue 12 item 4 tests), on each engine: a project outline dropped as
// a GeoJSON file across a shoreline protection zone's edge gets 禁止 or 需审查 with that zone in the
// table, and the print view (the A4 report) holds the map image and the same table.
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { TestDatabase } from '../support/test-database.ts'
import { ARTIFACTS, openViewer, waitForIdle } from './support/chromium.ts'
import { describeViewerOnEngines } from './support/viewer-on-engines.ts'

interface Crossing {
  id: number
  name: string
  lon: number
  lat: number
  /** A 60 m disc (on the ellipsoid) centred on a vertex of the zone's edge: half in, half out. */
  outline: string
}

/** A shoreline protection zone and a small project across its edge, straight from the tables. */
async function crossing(test: TestDatabase): Promise<Crossing> {
  const { rows } = await test.db.query<Crossing>(
    `WITH z AS (SELECT id, name, ST_StartPoint(ST_ExteriorRing(ST_GeometryN(geom, 1))) AS p
                  FROM shoreline_zones WHERE function = 'protection' ORDER BY id LIMIT 1)
     SELECT id, name, ST_X(p) AS lon, ST_Y(p) AS lat,
            ST_AsGeoJSON(ST_Buffer(p::geography, 60)::geometry, 7) AS outline FROM z`,
  )
  expect(rows, 'the demo city has a shoreline protection zone').toHaveLength(1)
  return rows[0]
}

describeViewerOnEngines('check a project in chromium', ({ engine, browser, test: db, app }) => {
  it('a dropped outline across a shoreline zone is forbidden or review, listed, and printed with the map', async () => {
    const zone = await crossing(db())
    const tab = await openViewer(browser(), `${app().url}/?page=check#15/${zone.lat}/${zone.lon}`)
    try {
      const { page } = tab
      const feature = { type: 'Feature', properties: {}, geometry: JSON.parse(zone.outline) }
      await page.setInputFiles('#check-file', {
        name: 'project.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: [feature] })),
      })
      await page.waitForFunction(() => document.querySelector('.status-busy') === null)
      await page.click('#check-go')
      const verdict = await page.waitForSelector('#check-verdict', { timeout: 120_000 })
      expect(['禁止', '需审查']).toContain((await verdict.textContent())?.trim())
      const row = page.locator(`.check-result tr[data-layer="shoreline_zones"][data-id="${zone.id}"]`)
      await expect.poll(() => row.count()).toBe(1)
      expect(await row.textContent()).toContain(zone.name)
      await waitForIdle(page)
      await tab.screenshot(`check-${engine}`)

      await page.waitForSelector('#check-print:not([disabled])')
      await page.emulateMedia({ media: 'print' })
      const image = await page.getAttribute('#check-report img.report-map', 'src')
      expect(image?.startsWith('data:image/png;base64,')).toBe(true)
      expect(image?.length ?? 0).toBeGreaterThan(20_000) // a drawn map, not an empty canvas
      expect(await page.isVisible('#check-report img.report-map')).toBe(true)
      expect(await page.isVisible('#map')).toBe(false)
      const printed = page.locator(`#check-report tr[data-layer="shoreline_zones"][data-id="${zone.id}"]`)
      expect(await printed.count()).toBe(1)
      await tab.screenshot(`check-report-${engine}`)
      await page.pdf({
        path: join(ARTIFACTS, `check-report-${engine}.pdf`),
        format: 'A4',
        printBackground: true,
      })
      expect(tab.errors).toEqual([])
      expect(tab.foreign).toEqual([])
    } finally {
      await tab.close()
    }
  })
})
