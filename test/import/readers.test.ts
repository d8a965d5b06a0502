// The readers on their own: finding the dataset (zips, subfolders, case), reading .shp without
// .shx and past garbage, and cutting GeoJSON into features as it streams.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { GeoJsonReader } from '../../server/import/geojson-reader.ts'
import { DEFAULT_LIMITS } from '../../server/import/import-limits.ts'
import { JsonFeatureScanner } from '../../server/import/json-feature-scanner.ts'
import { ShpReader } from '../../server/import/shapefile-reader.ts'
import { discoverSource } from '../../server/import/source-files.ts'
import { CORPUS } from './corpus-inputs.ts'

const JS = join(CORPUS, 'shapefile-js')
const MB = join(CORPUS, 'mbostock-shapefile', 'test')
const UNZIP = { maxUnpackedBytes: 1 << 30, maxEntries: 100 }
const scratch = join(tmpdir(), `rcgis-readers-${process.pid}`)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

async function readShp(path: string) {
  const shp = await ShpReader.open(path, path.split('/').pop()!, DEFAULT_LIMITS)
  const records = []
  for (let r = await shp.next(); r; r = await shp.next()) records.push(r)
  await shp.close()
  return { records, warnings: shp.warnings, header: shp.header }
}

describe('finding the dataset', () => {
  it('unpacks a zip with the shapefile in a subfolder', async () => {
    const found = await discoverSource([join(JS, 'test/data/T8Th4_6n.zip')], UNZIP)
    try {
      expect(found.dataset).toMatchObject({ kind: 'shapefile', name: 'export/POLYLINE' })
      expect(found.primary.name).toBe('T8Th4_6n.zip')
    } finally {
      await found.cleanup()
    }
  })

  it('matches parts whatever the case of their extension (senate.DBF)', async () => {
    const found = await discoverSource([join(JS, 'test/data/mixedcase.zip')], UNZIP)
    try {
      expect(found.dataset.kind === 'shapefile' && found.dataset.dbf).toMatch(/senate\.DBF$/)
    } finally {
      await found.cleanup()
    }
  })

  it('finds the siblings of a .shp given alone, and reads a GeoJSON inside a zip', async () => {
    const shp = await discoverSource([join(JS, 'files/pandr.shp')], UNZIP)
    expect(shp.dataset).toMatchObject({
      kind: 'shapefile',
      dbf: expect.stringMatching(/pandr\.dbf$/),
      prj: expect.any(String),
    })
    const geojson = await discoverSource([join(JS, 'files/counties5.zip')], UNZIP)
    expect(geojson.dataset.kind).toBe('geojson')
    await geojson.cleanup()
  })

  it('refuses, by name, a zip without a .shp, a corrupt zip, and several datasets', async () => {
    await expect(discoverSource([join(JS, 'test/data/noshp.zip')], UNZIP)).rejects.toThrow(
      /counties\.dbf but no \.shp/,
    )
    await expect(discoverSource([join(JS, 'test/data/badzip.zip')], UNZIP)).rejects.toThrow(
      /badzip\.zip is not a readable zip archive/,
    )
    await expect(discoverSource([join(MB, 'points.shp'), join(MB, 'polygons.shp')], UNZIP)).rejects.toThrow(
      /2 datasets/,
    )
    await expect(
      discoverSource([join(JS, 'test/data/senate.zip')], { maxUnpackedBytes: 1000, maxEntries: 100 }),
    ).rejects.toThrow(/unpacks to more than/)
  })

  it('refuses a zip entry that climbs out of its folder', async () => {
    mkdirSync(scratch, { recursive: true })
    // A stored (uncompressed) zip with one entry named ../evil.shp, built byte by byte.
    const name = Buffer.from('../evil.shp')
    const data = Buffer.from('x')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(10, 4)
    local.writeUInt32LE(0x8cdc1683, 14) // crc32 of "x"
    local.writeUInt32LE(1, 18)
    local.writeUInt32LE(1, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(10, 4)
    central.writeUInt16LE(10, 6)
    central.writeUInt32LE(0x8cdc1683, 16)
    central.writeUInt32LE(1, 20)
    central.writeUInt32LE(1, 24)
    central.writeUInt16LE(name.length, 28)
    const localSize = 30 + name.length + 1
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(1, 8)
    end.writeUInt16LE(1, 10)
    end.writeUInt32LE(46 + name.length, 12)
    end.writeUInt32LE(localSize, 16)
    const zip = join(scratch, 'evil.zip')
    writeFileSync(zip, Buffer.concat([local, name, data, central, name, end]))
    await expect(discoverSource([zip], UNZIP)).rejects.toThrow(/evil\.zip/)
  })
})

describe('reading .shp', () => {
  it('needs no .shx', async () => {
    const { records } = await readShp(join(MB, 'polygonm.shp'))
    expect(records).toHaveLength(1)
    expect(records[0].geometry?.type).toBe('Polygon')
  })

  it('skips the garbage between records 6 and 7 of ne_10m_time_zones and says so', async () => {
    const { records, warnings } = await readShp(join(MB, 'ne_10m_time_zones.shp'))
    expect(records.map((r) => r.recordNo)).toEqual(records.map((_, i) => i + 1))
    expect(records.length).toBeGreaterThan(100)
    expect(records.every((r) => !r.problem)).toBe(true)
    expect(warnings.join('\n')).toMatch(/skipped 96 bytes that hold no record before record #7/)
  })

  it('stops at the trailing garbage of ipra_dresden_polygon and says so', async () => {
    const { records, warnings } = await readShp(join(JS, 'test/data/ipra_dresden_polygon.shp'))
    expect(records).toHaveLength(1)
    expect(warnings.join('\n')).toMatch(/ignored 320 bytes after record #1/)
  })

  it('drops Z and M, keeping x and y', async () => {
    // GDAL: MULTILINESTRING ZM ((-120 45 800 0,-119 44 1100 0,-118 43 2300 0),(-115 40 0 0,…))
    const { records } = await readShp(join(JS, 'test/data/export_polylinez.shp'))
    expect(records[0].geometry?.type).toBe('MultiLineString')
    expect([...records[0].geometry!.parts[0]]).toEqual([-120, 45, -119, 44, -118, 43])
  })

  it('refuses a .shp that is not one', async () => {
    await expect(readShp(join(JS, 'test/data/bad.shp'))).rejects.toThrow(/bad\.shp is not a shapefile/)
  })
})

describe('streaming GeoJSON', () => {
  const text = JSON.stringify({
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'EPSG:4490' } },
    features: [
      {
        type: 'Feature',
        properties: { name: '滇池', note: 'a "quoted" } string ]' },
        geometry: { type: 'Point', coordinates: [102.7, 24.8] },
      },
      { type: 'Feature', id: 7, properties: null, geometry: null },
      {
        type: 'Feature',
        properties: {},
        geometry: {
          type: 'LineString',
          coordinates: [
            [102, 25],
            [103, 26],
          ],
        },
      },
    ],
  })

  it('cuts features out however the text is split', () => {
    for (const size of [1, 2, 7, 64, text.length]) {
      const scanner = new JsonFeatureScanner('t.geojson')
      const features: string[] = []
      for (let i = 0; i < text.length; i += size) features.push(...scanner.push(text.slice(i, i + size)))
      expect(features.map((f) => JSON.parse(f).type)).toEqual(['Feature', 'Feature', 'Feature'])
      expect(JSON.parse(features[0]).properties.note).toBe('a "quoted" } string ]')
      expect(scanner.finish()).toMatchObject({ type: 'FeatureCollection', features: [] })
      expect(JSON.parse(scanner.members.get('crs')!)).toMatchObject({ properties: { name: 'EPSG:4490' } })
    }
  })

  it('reads a FeatureCollection, a single Feature and a bare geometry', async () => {
    mkdirSync(scratch, { recursive: true })
    const read = async (name: string, body: string) => {
      writeFileSync(join(scratch, name), body)
      const reader = await GeoJsonReader.open(join(scratch, name), name, null, DEFAULT_LIMITS)
      const out = []
      for await (const batch of reader.records()) out.push(...batch)
      return { out, crs: reader.crsName() }
    }
    const collection = await read('c.geojson', `\uFEFF${text}`)
    expect(collection.out.map((r) => r.geometry?.type ?? null)).toEqual(['Point', null, 'LineString'])
    expect(collection.out[1].fields).toEqual(['id'])
    expect(collection.crs).toBe('EPSG:4490')
    const feature = await read(
      'f.geojson',
      JSON.stringify({
        type: 'Feature',
        properties: { a: 1 },
        geometry: { type: 'Point', coordinates: [1, 2] },
      }),
    )
    expect(feature.out).toHaveLength(1)
    const geometry = await read('g.geojson', JSON.stringify({ type: 'Point', coordinates: [1, 2] }))
    expect(geometry.out[0].geometry?.type).toBe('Point')
    await expect(
      read('bad.geojson', '{"type": "FeatureCollection", "features": [{"type": "Feature",'),
    ).rejects.toThrow(/not valid JSON/)
    await expect(
      read(
        'late.geojson',
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}}',
      ),
    ).rejects.toThrow(/crs after its features/)
    await expect(
      read('gbk.geojson', Buffer.from([0x7b, 0x22, 0xc0, 0xa5, 0x22, 0x3a, 0x31, 0x7d]) as unknown as string),
    ).rejects.toThrow(/not valid UTF-8/)
  })
})
