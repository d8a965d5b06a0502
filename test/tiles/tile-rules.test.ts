// The tile rules of tiles/tile-features.ts on a tiny hand-made fixture, for every source the
// engine has (geojson-vt on both, ST_AsMVT on the server), with expectations computed here from
// the slippy-map formulas: a feature under a pixel is kept as a one-pixel mark at its centre, a
// larger one keeps its shape; feature ids are row ids in id order, whatever the rows' physical
// order, so identical data gives identical bytes; derived properties read other tables; instants
// are ISO 8601 UTC; restricted layers carry no personal field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LayerId } from '../../server/layers/registry.ts'
import { GeojsonVtSource } from '../../tiles/geojson-vt-source.ts'
import { PostgisMvtSource } from '../../tiles/postgis-mvt.ts'
import type { TileSource } from '../../tiles/tile-source.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { decodeTile } from './decoded-tile.ts'
import { tileAt, toTileUnits } from './tile-math.ts'

const LON = 102.7
const LAT = 25.04
// 20 m in degrees at this latitude (WGS 84 sphere radius 6 371 km is plenty for a 20 m box).
const DLAT = 20 / 111_195
const DLON = DLAT / Math.cos((LAT * Math.PI) / 180)
const LAYERS: LayerId[] = ['lakes', 'reaches', 'monitoring_sections', 'patrols']

const box = (lon: number, lat: number) =>
  `ST_GeomFromText('MULTIPOLYGON(((${lon} ${lat}, ${lon + DLON} ${lat}, ${lon + DLON} ${lat + DLAT}, ${lon} ${lat + DLAT}, ${lon} ${lat})))', 4490)`

describe.each(ENGINES)('tile rules on the %s engine', (engine) => {
  let t: TestDatabase
  const sources: [string, (layers: LayerId[]) => TileSource][] = []
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    await t.db.exec(`
      INSERT INTO lakes (name, geom) VALUES ('小塘', ${box(LON, LAT)}), ('二塘', ${box(LON + 0.001, LAT)});
      INSERT INTO rivers (code, name, geom)
        VALUES ('R1', '海河', ST_GeomFromText('MULTILINESTRING((102.6 25, 102.8 25.1))', 4490));
      INSERT INTO reaches (code, name, river_code, geom)
        VALUES ('R1-1', '海河一段', 'R1', ST_GeomFromText('LINESTRING(${LON} ${LAT + 0.01}, ${LON + DLON} ${LAT + 0.01})', 4490));
      INSERT INTO monitoring_sections (code, name, geom) VALUES ('S1', '海河口', ST_SetSRID(ST_MakePoint(${LON}, ${LAT - 0.01}), 4490));
      INSERT INTO measurements (section_code, measured_on, water_class)
        VALUES ('S1', '2024-01-10', 'II'), ('S1', '2024-03-10', 'worse_than_V'), ('S1', '2023-12-01', 'I');
      INSERT INTO patrols (chief_id, started_at, ended_at, geom)
        VALUES ('C-007', '2024-03-01 08:00:00+08', '2024-03-01 09:30:00+08',
                ST_GeomFromText('LINESTRING(${LON} ${LAT}, ${LON + 0.01} ${LAT + 0.01})', 4490));
      -- The first lake's row moves after the second's in the heap: its id does not change.
      UPDATE lakes SET name = name WHERE name = '小塘';`)
    sources.push(['geojson-vt', (layers) => new GeojsonVtSource(t.db, layers)])
    if (t.db.capabilities.asMvt) sources.push(['ST_AsMVT', (layers) => new PostgisMvtSource(t.db, layers)])
  })
  afterAll(async () => {
    await t?.dispose()
  })

  it('draws a lake and a reach under a pixel as one-pixel marks at their centres (z6)', async () => {
    const address = tileAt(LON, LAT, 6)
    for (const [name, source] of sources) {
      const tile = decodeTile(await source(LAYERS).getTile(address))
      const lake = tile.get('lakes')?.features[0]
      expect(lake, name).toBeDefined()
      const [ux, uy] = toTileUnits(LON + DLON / 2, LAT + DLAT / 2, address, 4096)
      const [cx, cy] = [Math.round(ux), Math.round(uy)]
      const corners = new Set(lake!.parts[0].map(([x, y]) => `${x},${y}`))
      expect(corners, name).toEqual(
        new Set([cx - 4, cx + 4].flatMap((x) => [cy - 4, cy + 4].map((y) => `${x},${y}`))),
      )
      const reach = tile.get('reaches')?.features[0]
      const [rx, ry] = toTileUnits(LON + DLON / 2, LAT + 0.01, address, 4096).map(Math.round)
      expect(reach?.parts, name).toEqual([
        [
          [rx - 4, ry],
          [rx + 4, ry],
        ],
      ])
    }
  })

  it('draws a polygon longer than a pixel but under a square pixel as a mark too (z6)', async () => {
    // About 12 × 3 units at z6 (a unit is 5.625° / 4096 of longitude): too thin to survive snap rounding.
    const [w, s, e, n] = [LON + 0.05, LAT, LON + 0.05 + 0.0165, LAT + 0.0037]
    await t.db.exec(`INSERT INTO lakes (name, geom) VALUES ('长塘', ST_GeomFromText(
      'MULTIPOLYGON(((${w} ${s}, ${e} ${s}, ${e} ${n}, ${w} ${n}, ${w} ${s})))', 4490))`)
    try {
      const address = tileAt(LON, LAT, 6)
      const [x0, y1] = toTileUnits(w, s, address, 4096)
      const [x1, y0] = toTileUnits(e, n, address, 4096)
      expect(x1 - x0).toBeGreaterThan(8)
      expect((x1 - x0) * (y1 - y0)).toBeLessThan(64)
      const [cx, cy] = [Math.round((x0 + x1) / 2), Math.round((y0 + y1) / 2)]
      for (const [name, source] of sources) {
        const lake = decodeTile(await source(['lakes']).getTile(address))
          .get('lakes')
          ?.features.find((f) => f.properties.name === '长塘')
        expect(lake, name).toBeDefined()
        const xs = lake!.parts[0].map((p) => p[0])
        const ys = lake!.parts[0].map((p) => p[1])
        expect([Math.min(...xs), Math.max(...xs)], name).toEqual([cx - 4, cx + 4])
        expect([Math.min(...ys), Math.max(...ys)], name).toEqual([cy - 4, cy + 4])
      }
    } finally {
      await t.db.exec(`DELETE FROM lakes WHERE name = '长塘'`)
    }
  })

  it('keeps the shape of a feature larger than a pixel (z14)', async () => {
    const address = tileAt(LON, LAT, 14)
    for (const [name, source] of sources) {
      const lake = decodeTile(await source(['lakes']).getTile(address))
        .get('lakes')
        ?.features.find((f) => f.properties.name === '小塘')
      const [x0, y0] = toTileUnits(LON, LAT, address, 4096)
      const [x1, y1] = toTileUnits(LON + DLON, LAT + DLAT, address, 4096)
      const xs = lake!.parts[0].map((p) => p[0])
      const ys = lake!.parts[0].map((p) => p[1])
      // 20 m is about 37 units at z14: the box, not a mark, to a unit.
      expect(Math.abs(Math.min(...xs) - x0), name).toBeLessThanOrEqual(1)
      expect(Math.abs(Math.max(...xs) - x1), name).toBeLessThanOrEqual(1)
      expect(Math.abs(Math.min(...ys) - y1), name).toBeLessThanOrEqual(1)
      expect(Math.abs(Math.max(...ys) - y0), name).toBeLessThanOrEqual(1)
      expect(x1 - x0).toBeGreaterThan(30)
    }
  })

  it('uses row ids as feature ids in id order, and gives identical bytes for identical data', async () => {
    const { rows } = await t.db.query<{ id: number }>(`SELECT id FROM lakes ORDER BY id`)
    const heap = await t.db.query<{ name: string }>(`SELECT name FROM lakes`)
    // The fixture's premise: the heap holds the rows out of id order.
    expect(heap.rows.map((r) => r.name)).toEqual(['二塘', '小塘'])
    const address = tileAt(LON, LAT, 9)
    for (const [name, source] of sources) {
      const first = await source(['lakes']).getTile(address)
      const again = await source(['lakes']).getTile(address)
      expect(Buffer.from(again!).equals(Buffer.from(first!)), name).toBe(true)
      expect(
        decodeTile(first)
          .get('lakes')
          ?.features.map((f) => f.id),
        name,
      ).toEqual(rows.map((r) => r.id))
    }
  })

  it('still cuts a tile when a polygon edited in by hand is invalid (a bow tie)', async () => {
    // Staff edit tables straight from QGIS, past the loader's ST_MakeValid.
    const d = 0.02
    await t.db.exec(`INSERT INTO lakes (name, geom) VALUES ('蝴蝶塘', ST_GeomFromText(
      'MULTIPOLYGON(((${LON} ${LAT + 0.05}, ${LON + d} ${LAT + 0.05 + d}, ${LON + d} ${LAT + 0.05}, ${LON} ${LAT + 0.05 + d}, ${LON} ${LAT + 0.05})))', 4490))`)
    try {
      const address = tileAt(LON + d / 2, LAT + 0.05 + d / 2, 12)
      for (const [name, source] of sources) {
        const lakes = decodeTile(await source(['lakes']).getTile(address)).get('lakes')
        expect(
          lakes?.features.map((f) => f.properties.name),
          name,
        ).toContain('蝴蝶塘')
      }
    } finally {
      await t.db.exec(`DELETE FROM lakes WHERE name = '蝴蝶塘'`)
    }
  })

  it('carries derived properties, ISO instants, and no personal field', async () => {
    const address = tileAt(LON, LAT, 12)
    for (const [name, source] of sources) {
      const tile = decodeTile(await source(LAYERS).getTile(address))
      expect(tile.get('reaches')?.features[0].properties, name).toEqual({
        code: 'R1-1',
        name: '海河一段',
        river_code: 'R1',
        river_name: '海河',
      })
      expect(tile.get('monitoring_sections')?.features[0].properties, name).toEqual({
        code: 'S1',
        name: '海河口',
        latest_class: 'worse_than_V',
        latest_on: '2024-03-10',
      })
      expect(tile.get('patrols')?.features[0].properties, name).toEqual({
        started_at: '2024-03-01T00:00:00Z',
        ended_at: '2024-03-01T01:30:00Z',
      })
    }
  })
})
