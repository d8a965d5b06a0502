// The registry's tile declarations hold together on both engines: every field is an attribute or
// a derived field whose SQL runs, restricted layers never tile a personal field, the tables
// derived fields read exist, and tileTables lists exactly what a tile of some layers reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LAYERS } from '../../server/layers/registry.ts'
import { layerFeatures, TILE_CTE_SQL } from '../../tiles/tile-features.ts'
import { tileFields, tileTables } from '../../tiles/tile-fields.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe('tile declarations', () => {
  it.each(LAYERS.map((l) => [l.id, l] as const))(
    '%s: zooms in order, fields unique, no personal field',
    (_, layer) => {
      expect(layer.tiles.minzoom).toBeGreaterThanOrEqual(0)
      expect(layer.tiles.maxzoom).toBeLessThanOrEqual(24)
      expect(layer.tiles.minzoom).toBeLessThanOrEqual(layer.tiles.maxzoom)
      const names = tileFields(layer).map((f) => f.name)
      expect(new Set(names).size).toBe(names.length)
      expect(names).not.toContain('id')
      for (const personal of layer.personalFields ?? []) expect(names).not.toContain(personal)
    },
  )

  it('lists the tables a tile reads: the layers and what their derived fields read', () => {
    expect(tileTables(['reaches', 'monitoring_sections'])).toEqual([
      'measurements',
      'monitoring_sections',
      'reaches',
      'rivers',
    ])
    expect(tileTables(['lakes'])).toEqual(['lakes'])
  })
})

describe.each(ENGINES)('tile declarations against the %s schema', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(async () => {
    await t?.dispose()
  })

  it('names tables that exist, and every layer’s feature SQL runs', async () => {
    const { rows } = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    )
    const tables = new Set(rows.map((r) => r.name))
    for (const table of tileTables(LAYERS.map((l) => l.id))) expect(tables, table).toContain(table)
    for (const layer of LAYERS) {
      const { sql, fields } = layerFeatures(layer)
      const result = await t.db.query(`WITH tile AS (${TILE_CTE_SQL}) SELECT * FROM (${sql}) f`, [0, 0, 0])
      expect(result.rows, layer.id).toEqual([])
      expect(fields.length, layer.id).toBeGreaterThan(0)
    }
  })
})
