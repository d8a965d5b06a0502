// TileJSON 3.0.0 at /tiles/{layers}.json and the MapLibre style at /style.json, over real HTTP on
// both engines: absolute URLs from the request or PUBLIC_URL, bounds equal to the data's extent
// (measured here with min/max over the rows, not ST_Extent), fields and zooms from the registry,
// and a style that the MapLibre style spec validates and that draws the bureau's conventions.
import {
  expression,
  type StylePropertySpecification,
  type StyleSpecification,
  validateStyleMin,
} from '@maplibre/maplibre-gl-style-spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getLayer } from '../../server/layers/registry.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from './decoded-tile.ts'
import { tileAt } from './tile-math.ts'

interface StyleLayer {
  id: string
  type: string
  'source-layer'?: string
  paint: Record<string, unknown>
  layout: Record<string, unknown> & { 'text-font'?: string[] }
}
type Style = {
  sources: Record<string, { url: string }>
  layers: StyleLayer[]
  glyphs?: string
  sprite?: string
}

/** Evaluates a style property's value for one feature at a zoom, with the style spec's own evaluator. */
function evaluate(value: unknown, zoom: number, properties: Record<string, unknown>, type = 'color') {
  const spec = {
    type,
    'property-type': 'data-driven',
    expression: { interpolated: true, parameters: ['zoom', 'feature'] },
  } as unknown as StylePropertySpecification
  const parsed = expression.createExpression(value, 'paint', spec)
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value))
  const feature = { type: 'Polygon', properties } as unknown as Parameters<typeof parsed.value.evaluate>[1]
  return parsed.value.evaluate({ zoom }, feature)
}

describe.each(ENGINES)('TileJSON and style on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let proxied: RunningApp
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
    proxied = await serveApp(t.db, { PUBLIC_URL: 'https://gis.example.cn/rcgis/' })
  })
  afterAll(async () => {
    await app?.close()
    await proxied?.close()
    await t?.dispose()
  })

  it('describes one layer: absolute tile URL, zooms and fields from the registry, bounds of its rows', async () => {
    const res = await fetch(`${app.url}/tiles/reaches.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    const doc = await res.json()
    expect(doc.tilejson).toBe('3.0.0')
    expect(doc.tiles).toEqual([`${app.url}/tiles/reaches/{z}/{x}/{y}.mvt`])
    expect([doc.minzoom, doc.maxzoom]).toEqual([6, 14])
    expect(doc.vector_layers).toHaveLength(1)
    expect(doc.vector_layers[0]).toMatchObject({ id: 'reaches', minzoom: 6, maxzoom: 14 })
    expect(Object.keys(doc.vector_layers[0].fields)).toEqual(['code', 'name', 'river_code', 'river_name'])
    for (const description of Object.values(doc.vector_layers[0].fields)) expect(description).toMatch(/\S/)
    const { rows } = await t.db.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT min(ST_XMin(geom)) AS w, min(ST_YMin(geom)) AS s, max(ST_XMax(geom)) AS e, max(ST_YMax(geom)) AS n FROM reaches`,
    )
    const { w, s, e, n } = rows[0]
    for (const [i, v] of (doc.bounds as number[]).entries()) expect(v).toBeCloseTo([w, s, e, n][i], 6)
    expect(doc.center[0]).toBeCloseTo((w + e) / 2, 6)
    expect(doc.center[1]).toBeCloseTo((s + n) / 2, 6)
    expect(doc.center[2]).toBeGreaterThanOrEqual(6)
  })

  it('describes a composite in the order asked, and its tile URL serves those layers', async () => {
    const doc = await (await fetch(`${app.url}/tiles/lakes,monitoring_sections.json`)).json()
    expect(doc.tiles).toEqual([`${app.url}/tiles/lakes,monitoring_sections/{z}/{x}/{y}.mvt`])
    expect(doc.vector_layers.map((l: { id: string }) => l.id)).toEqual(['lakes', 'monitoring_sections'])
    expect(Object.keys(doc.vector_layers[1].fields)).toContain('latest_class')
    // The tile at the first monitoring section holds it, under its layer name.
    const { rows } = await t.db.query<{ id: number; lon: number; lat: number }>(
      'SELECT id, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM monitoring_sections ORDER BY id LIMIT 1',
    )
    const { z, x, y } = tileAt(rows[0].lon, rows[0].lat, 12)
    const url = doc.tiles[0].replace('{z}', z).replace('{x}', x).replace('{y}', y)
    const res = await fetch(url)
    expect(res.status).toBe(200)
    const tile = decodeTile(new Uint8Array(await res.arrayBuffer()))
    expect(tile.get('monitoring_sections')?.features.map((f) => f.id)).toContain(rows[0].id)
  })

  it('takes its URLs from PUBLIC_URL', async () => {
    const doc = await (await fetch(`${proxied.url}/tiles/lakes.json`)).json()
    expect(doc.tiles).toEqual(['https://gis.example.cn/rcgis/tiles/lakes/{z}/{x}/{y}.mvt'])
    const style = (await (await fetch(`${proxied.url}/style.json`)).json()) as Style
    expect(style.sources.rcgis.url).toMatch(/^https:\/\/gis\.example\.cn\/rcgis\/tiles\/[a-z_,]+\.json$/)
  })

  it('leaves personal fields out of restricted layers', async () => {
    const doc = await (await fetch(`${app.url}/tiles/patrols,reports.json`)).json()
    const fields = doc.vector_layers.flatMap((l: { fields: object }) => Object.keys(l.fields))
    for (const id of ['patrols', 'reports'] as const)
      for (const personal of getLayer(id).personalFields ?? []) expect(fields).not.toContain(personal)
    expect(fields).toContain('started_at')
  })

  it('answers 404 for an unknown layer and 400 for a repeated one, as JSON errors', async () => {
    const unknown = await fetch(`${app.url}/tiles/reaches,nope.json`)
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.message).toMatch(/nope/)
    const twice = await fetch(`${app.url}/tiles/lakes,lakes.json`)
    expect(twice.status).toBe(400)
    expect(await twice.text()).not.toMatch(/at .*\.ts/)
  })

  it('serves a style that validates, references only this server, and draws the conventions', async () => {
    const res = await fetch(`${app.url}/style.json`)
    expect(res.status).toBe(200)
    const style = (await res.json()) as Style
    expect(validateStyleMin(style as unknown as StyleSpecification)).toEqual([])
    expect(style.glyphs).toBeUndefined()
    expect(style.sprite).toBeUndefined()
    const urls = JSON.stringify(style).match(/https?:\/\/[^"]+/g) ?? []
    expect(urls.length).toBeGreaterThan(0)
    for (const url of urls) expect(url.startsWith(app.url)).toBe(true)
    // The source's TileJSON is served and lists every layer the style draws.
    const source = await (await fetch(style.sources.rcgis.url)).json()
    const sourceLayers = new Set(source.vector_layers.map((l: { id: string }) => l.id))
    for (const layer of style.layers.filter((l) => l['source-layer']))
      expect(sourceLayers).toContain(layer['source-layer'])

    const byId = new Map(style.layers.map((l) => [l.id, l]))
    const colour = (id: string, property: string, props: Record<string, unknown>) =>
      String(evaluate(byId.get(id)!.paint[property], 12, props))
    // Red, yellow and green zones are drawn in three different colours, reddish, yellowish, greenish.
    const zone = (c: string) =>
      evaluate(byId.get('water_resource_zones-fill')!.paint['fill-color'], 12, { colour: c }) as {
        r: number
        g: number
        b: number
      }
    const [red, yellow, green] = ['red', 'yellow', 'green'].map(zone)
    expect(red.r).toBeGreaterThan(red.g)
    expect(yellow.r).toBeGreaterThan(yellow.b)
    expect(yellow.g).toBeGreaterThan(yellow.b)
    expect(green.g).toBeGreaterThan(green.r)
    // Protection-zone grades: three fill colours, three outline styles.
    const grades = ['first', 'second', 'quasi']
    expect(
      new Set(grades.map((g) => colour('water_source_zones-fill', 'fill-color', { grade: g }))).size,
    ).toBe(3)
    const outlines = grades.map((g) => byId.get(`water_source_zones-outline-${g}`)!.paint)
    expect(new Set(outlines.map((p) => JSON.stringify([p['line-width'], p['line-dasharray']]))).size).toBe(3)
    // Rivers: a trunk (grade 1) is wider than a tributary of grade 3.
    const width = (grade: number) =>
      evaluate(byId.get('rivers-line')!.paint['line-width'], 12, { grade }, 'number') as number
    expect(width(1)).toBeGreaterThan(width(2))
    expect(width(2)).toBeGreaterThan(width(3))
    // Blue lines dashed; chief areas outlined wider and darker the higher the level.
    expect(byId.get('blue_lines-line')!.paint['line-dasharray']).toBeDefined()
    const chiefWidth = (level: string) =>
      evaluate(byId.get('chief_areas-outline')!.paint['line-width'], 12, { level }, 'number') as number
    expect(chiefWidth('city')).toBeGreaterThan(chiefWidth('county'))
    expect(chiefWidth('county')).toBeGreaterThan(chiefWidth('township'))
    // Monitoring sections: one colour per class, six in all.
    const classes = ['I', 'II', 'III', 'IV', 'V', 'worse_than_V']
    expect(
      new Set(classes.map((c) => colour('monitoring_sections-circle', 'circle-color', { latest_class: c })))
        .size,
    ).toBe(6)
    // Chinese labels in local fonts.
    const labels = style.layers.filter((l) => l.type === 'symbol')
    expect(labels.length).toBeGreaterThan(0)
    for (const l of labels) expect(l.layout['text-font']?.[0]).toBe('Noto Sans CJK SC')
    const sectionLabel = evaluate(
      byId.get('monitoring_sections-label')!.layout['text-field'],
      12,
      { name: '断面', latest_class: 'worse_than_V' },
      'string',
    )
    expect(String(sectionLabel)).toBe('断面 劣Ⅴ')
  })
})
