// POST /api/project-geometry reads an outline with the import's readers and writes nothing: a GBK
// shapefile in CGCS2000 GK zone 34 (EPSG:4522, zone-prefixed eastings) comes back at the lon/lat
// proj4 gives, a GeoJSON of two parts as one MultiPolygon, and bad uploads are 400s in our words.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import proj4 from 'proj4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningApp, serveApp } from '../support/http.ts'
import { type Ring, writeShapefile } from '../support/shapefile-writer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// EPSG:4522 as the EPSG registry defines it: CGCS2000 / 3-degree Gauss-Kruger zone 34, CM 102°E.
const GK34 = '+proj=tmerc +lat_0=0 +lon_0=102 +k=1 +x_0=34500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'
const lonLatRing: Ring = [
  [102.7, 25.0],
  [102.7, 25.01],
  [102.71, 25.01],
  [102.71, 25.0],
  [102.7, 25.0],
]

function form(fields: Record<string, string>, files: { name: string; bytes: Buffer }[]): FormData {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  for (const f of files) body.append('file', new Blob([new Uint8Array(f.bytes)]), f.name)
  return body
}

describe.each(ENGINES)('POST /api/project-geometry on the %s engine', (engine) => {
  let t: TestDatabase
  let app: RunningApp
  let dir: string
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
    app = await serveApp(t.db)
    dir = mkdtempSync(join(tmpdir(), 'rcgis-outline-'))
  })
  afterAll(async () => {
    await app?.close()
    await t?.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  const post = (body: FormData) => fetch(`${app.url}/api/project-geometry`, { method: 'POST', body })

  it('reads a GBK shapefile in GK zone 34 back to the lon/lat proj4 gives, and intrusion takes it', async () => {
    const gkRing = lonLatRing.map(([lon, lat]) => proj4('EPSG:4326', GK34, [lon, lat]) as [number, number])
    expect(gkRing[0][0]).toBeGreaterThan(34_000_000) // zone-prefixed easting
    // A clockwise shell, as shapefiles store outer rings.
    writeShapefile(dir, 'outline', {
      shapeType: 'Polygon',
      fields: [{ name: 'XMMC', type: 'C', length: 40 }],
      records: [{ shape: { type: 'Polygon', rings: [[...gkRing].reverse()] }, values: ['滇池东岸项目'] }],
      encoding: 'gbk',
      cpg: 'GBK',
    })
    const files = ['shp', 'shx', 'dbf', 'cpg'].map((e) => ({
      name: `outline.${e}`,
      bytes: readFileSync(join(dir, `outline.${e}`)),
    }))
    const res = await post(form({ crs: 'EPSG:4522' }, files))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.crs.used).toBe('EPSG:4522')
    expect(body.encoding.used).toBe('gbk')
    expect(body.features).toBe(1)
    expect(body.geometry.type).toBe('Polygon')
    const ring: number[][] = body.geometry.coordinates[0]
    expect(ring).toHaveLength(5)
    for (const [lon, lat] of ring) {
      const nearest = Math.min(...lonLatRing.map(([x, y]) => Math.hypot(x - lon, y - lat)))
      expect(nearest).toBeLessThan(1e-7) // ≈ 1 cm
    }
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM import_log')
    const intrusion = await fetch(`${app.url}/api/intrusion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ geometry: body.geometry }),
    })
    expect(intrusion.status).toBe(200)
    expect(['forbidden', 'review', 'clear']).toContain((await intrusion.json()).verdict)
    const after = await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM import_log')
    expect(after.rows[0].n).toBe(rows[0].n)
  })

  it('gathers the polygons of a GeoJSON into one MultiPolygon', async () => {
    const shifted = lonLatRing.map(([x, y]) => [x + 0.05, y])
    const geojson = {
      type: 'FeatureCollection',
      features: [lonLatRing, shifted].map((ring) => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [ring] },
      })),
    }
    const res = await post(form({}, [{ name: 'p.geojson', bytes: Buffer.from(JSON.stringify(geojson)) }]))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.geometry.type).toBe('MultiPolygon')
    expect(body.geometry.coordinates).toHaveLength(2)
    expect(body.geometry.coordinates[1][0][0][0]).toBeCloseTo(102.75, 9)
  })

  it('answers 400 in our words for no file, a non-dataset and a GeoJSON without shapes', async () => {
    const cases = [
      form({}, []),
      form({}, [{ name: 'notes.txt', bytes: Buffer.from('hello') }]),
      form({}, [
        {
          name: 'empty.geojson',
          bytes: Buffer.from(
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}',
          ),
        },
      ]),
    ]
    for (const body of cases) {
      const res = await post(body)
      expect(res.status).toBe(400)
      const text = await res.text()
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/)
      expect(JSON.parse(text).error.code).toMatch(/bad_request|invalid/)
    }
  })
})
