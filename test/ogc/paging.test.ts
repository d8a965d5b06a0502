// Paging of /items on every engine: following `next` from page 1 yields exactly numberMatched
// features with no duplicates, in the order SQL gives; next links keep every other parameter
// exactly once; limit is clamped; the count carried in next links cannot be forged; big pages
// are read in keyset sub-pages that agree with one ORDER BY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer } from '../../server/layers/registry.ts'
import { parseItemsParams } from '../../server/ogc/items-params.ts'
import { itemsSql } from '../../server/ogc/items-sql.ts'
import { featureRows } from '../../server/ogc/items-stream.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

interface Page {
  features: { id: number }[]
  numberMatched: number
  numberReturned: number
  links: { rel: string; href: string }[]
}

// The west half of the demo city (lon 102.17…102.9), as a bbox.
const WEST_HALF = [102.0, 24.3, 102.9, 26.6]

describe.each(ENGINES)('OGC API paging on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
  })

  async function follow(first: string): Promise<{ ids: number[]; pages: Page[] }> {
    const pages: Page[] = []
    let url: string | undefined = `${app.url}${first}`
    while (url) {
      const res = await fetch(url)
      expect(res.status, url).toBe(200)
      const page = (await res.json()) as Page
      pages.push(page)
      expect(page.numberReturned).toBe(page.features.length)
      url = page.links.find((l) => l.rel === 'next')?.href
      expect(pages.length).toBeLessThan(500)
    }
    return { ids: pages.flatMap((p) => p.features.map((f) => Number(f.id))), pages }
  }

  it('yields exactly numberMatched features in id order, without duplicates, following next', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM reaches WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490)) ORDER BY id',
      WEST_HALF,
    )
    expect(rows.length).toBeGreaterThan(100)
    const { ids, pages } = await follow(`/ogc/collections/reaches/items?bbox=${WEST_HALF.join(',')}&limit=97`)
    expect(pages[0].numberMatched).toBe(rows.length)
    for (const p of pages) expect(p.numberMatched).toBe(rows.length)
    expect(ids).toEqual(rows.map((r) => Number(r.id)))
    expect(new Set(ids).size).toBe(ids.length)
    expect(pages.at(-1)!.links.some((l) => l.rel === 'next')).toBe(false)
  })

  it('follows next in sortby order with a nullable descending key, matching ORDER BY', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM rivers ORDER BY parent_code DESC, name, id',
    )
    const { ids } = await follow('/ogc/collections/rivers/items?sortby=-parent_code,%2Bname&limit=7')
    expect(ids).toEqual(rows.map((r) => Number(r.id)))
  })

  it('keeps every other parameter exactly once in next and prev links', async () => {
    const query = `bbox=${WEST_HALF.join(',')}&properties=code,name&sortby=-code&crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/4326')}&limit=5&offset=10`
    const page = (await (await fetch(`${app.url}/ogc/collections/reaches/items?${query}`)).json()) as Page
    for (const rel of ['next', 'prev']) {
      const link = new URL(page.links.find((l) => l.rel === rel)!.href)
      const names = [...link.searchParams.keys()]
      expect(new Set(names).size, rel).toBe(names.length)
      expect(link.searchParams.get('bbox')).toBe(WEST_HALF.join(','))
      expect(link.searchParams.get('properties')).toBe('code,name')
      expect(link.searchParams.get('sortby')).toBe('-code')
      expect(link.searchParams.get('crs')).toBe('http://www.opengis.net/def/crs/EPSG/0/4326')
      expect(link.searchParams.get('limit')).toBe('5')
      expect(link.searchParams.get('offset')).toBe(rel === 'next' ? '15' : '5')
      expect(link.origin).toBe(app.url)
      expect(link.pathname).toBe('/ogc/collections/reaches/items')
    }
  })

  it('clamps a limit above 10 000 instead of refusing it', async () => {
    const { rows } = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM admin_areas')
    const page = (await (
      await fetch(`${app.url}/ogc/collections/admin_areas/items?limit=50000`)
    ).json()) as Page
    expect(page.numberMatched).toBe(Number(rows[0].n))
    expect(page.numberReturned).toBe(Math.min(10_000, Number(rows[0].n)))
  })

  it('recounts when the carried count is forged or belongs to another filter', async () => {
    const { rows } = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM reaches')
    const real = Number(rows[0].n)
    const first = (await (await fetch(`${app.url}/ogc/collections/reaches/items?limit=5`)).json()) as Page
    const next = new URL(first.links.find((l) => l.rel === 'next')!.href)
    const token = next.searchParams.get('matched')!
    const forged = token.replace(/^\d+/, '7')
    const a = (await (
      await fetch(`${app.url}/ogc/collections/reaches/items?limit=5&matched=${forged}`)
    ).json()) as Page
    expect(a.numberMatched).toBe(real)
    // The same token with a bbox: the set is another, so its count is too.
    const { rows: inBox } = await t.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM reaches WHERE ST_Intersects(geom, ST_MakeEnvelope($1, $2, $3, $4, 4490))',
      WEST_HALF,
    )
    const b = (await (
      await fetch(
        `${app.url}/ogc/collections/reaches/items?limit=5&bbox=${WEST_HALF.join(',')}&matched=${token}`,
      )
    ).json()) as Page
    expect(b.numberMatched).toBe(Number(inBox[0].n))
  })

  it('reads a page in keyset sub-pages that agree with one ORDER BY, nulls and ties included', async () => {
    const layer = getLayer('rivers')
    const p = parseItemsParams({ sortby: 'parent_code,-grade', limit: '10000', offset: '3' }, layer)
    const s = await itemsSql(layer, p)
    const ids: number[] = []
    let statements = 0
    for await (const sub of featureRows(t.db, s, p.offset, p.limit, 4)) {
      statements++
      expect(sub.length).toBeLessThanOrEqual(4)
      ids.push(...sub.map((r) => Number(r.id)))
    }
    const { rows } = await t.db.query<{ id: string }>(
      'SELECT id FROM rivers ORDER BY parent_code, grade DESC, id OFFSET 3',
    )
    expect(ids).toEqual(rows.map((r) => Number(r.id)))
    expect(statements).toBeGreaterThan(2)
    // The order passes through NULL parent codes (rivers that flow out of the city).
    const { rows: nulls } = await t.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM rivers WHERE parent_code IS NULL',
    )
    expect(Number(nulls[0].n)).toBeGreaterThan(4)
  })
})
