// The registry is the one source: the migrations must create exactly what it declares, column
// for column: types, NOT NULL, UNIQUE and the allowed values (CHECK), read back from the catalogue
// of each engine. A migration that drifts from the registry (or the reverse) fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AttributeType, LAYERS, layersFor, zoneLayers } from '../../server/layers/registry.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// How each registry attribute type is stored (information_schema.columns.data_type).
const STORED: Record<AttributeType, string> = {
  text: 'text',
  integer: 'integer',
  number: 'double precision',
  date: 'date',
  timestamp: 'timestamp with time zone',
}
// Every layer table ends with the same columns, which the registry does not list.
const TAIL = [
  { name: 'id', type: 'bigint', nullable: false },
  { name: 'extra', type: 'jsonb', nullable: false },
  { name: 'import_id', type: 'bigint', nullable: true },
  { name: 'geom', type: 'USER-DEFINED', nullable: false },
]

interface Column {
  column_name: string
  data_type: string
  is_nullable: 'YES' | 'NO'
}
interface Constraint {
  contype: 'c' | 'u' | 'p'
  columns: string[]
  def: string
}

/** The values of `col = ANY (ARRAY['a'::text, …])` or `col IN ('a', …)` in a CHECK, sorted. */
function allowedValues(def: string): string[] {
  return [...def.matchAll(/'((?:[^']|'')*)'(?:::text)?/g)].map((m) => m[1].replaceAll("''", "'")).sort()
}

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(() => t?.dispose())

  const columnsOf = async (table: string) =>
    (
      await t.db.query<Column>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      )
    ).rows

  const constraintsOf = async (table: string) =>
    (
      await t.db.query<Constraint>(
        `SELECT c.contype::text AS contype, pg_get_constraintdef(c.oid) AS def,
                coalesce((SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                           WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)), '{}') AS columns
           FROM pg_constraint c WHERE c.conrelid = $1::regclass AND c.contype IN ('c', 'u', 'p')`,
        [table],
      )
    ).rows

  it.each(LAYERS.map((l) => [l.id, l] as const))(
    '%s: columns, types and NOT NULL as declared',
    async (_, layer) => {
      const expected = [
        ...layer.attributes.map((a) => ({ name: a.name, type: STORED[a.type], nullable: !a.required })),
        ...(layer.computed ?? []).map((c) => ({ name: c.name, type: c.type, nullable: true })),
        ...TAIL,
      ]
      const actual = (await columnsOf(layer.id)).map((c) => ({
        name: c.column_name,
        type: c.data_type,
        nullable: c.is_nullable === 'YES',
      }))
      expect(actual.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        expected.sort((a, b) => a.name.localeCompare(b.name)),
      )
    },
  )

  it.each(LAYERS.map((l) => [l.id, l] as const))('%s: CHECK and UNIQUE as declared', async (_, layer) => {
    const constraints = await constraintsOf(layer.id)
    const checks = constraints.filter((c) => c.contype === 'c')
    for (const a of layer.attributes) {
      const own = checks.filter((c) => c.columns.length === 1 && c.columns[0] === a.name)
      const expectedChecks = (a.values ? 1 : 0) + (a.pattern ? 1 : 0)
      expect(own.length, `${layer.id}.${a.name}: CHECK constraints`).toBe(expectedChecks)
      if (a.values) {
        const values = own.find((c) => !c.def.includes('~'))
        expect(values && allowedValues(values.def), `${layer.id}.${a.name} values`).toEqual(
          [...a.values].sort(),
        )
      }
      if (a.pattern) {
        const pattern = own.find((c) => c.def.includes('~'))
        expect(pattern && allowedValues(pattern.def), `${layer.id}.${a.name} pattern`).toEqual([a.pattern])
      }
      const unique = constraints.some((c) => c.contype === 'u' && c.columns.join() === a.name)
      expect(unique, `${layer.id}.${a.name} UNIQUE`).toBe(!!a.unique)
    }
    // No constraint on a column the registry does not know of, beyond the primary key.
    const known = new Set([...layer.attributes, ...(layer.computed ?? [])].map((a) => a.name))
    for (const c of constraints.filter((c) => c.contype !== 'p'))
      expect(
        c.columns.every((name) => known.has(name)),
        `${layer.id}: ${c.def}`,
      ).toBe(true)
  })

  it('stores each layer geometry as declared, in EPSG:4490', async () => {
    for (const layer of LAYERS) {
      const { rows } = await t.db.query<{ type: string; srid: number }>(
        `SELECT type, srid FROM geometry_columns WHERE f_table_name = $1`,
        [layer.id],
      )
      expect(rows, layer.id).toEqual([{ type: layer.geometry.toUpperCase(), srid: 4490 }])
    }
  })

  it('has intrusion rules only for constraint layers, on attributes those layers have', async () => {
    const { rows } = await t.db.query<{
      layer: string
      match_attribute: string | null
      match_value: string | null
    }>(`SELECT DISTINCT layer, match_attribute, match_value FROM intrusion_rules`)
    const constraint = new Map(layersFor('constraint').map((l) => [l.id as string, l]))
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const layer = constraint.get(row.layer)
      expect(layer, `intrusion_rules.layer ${row.layer}`).toBeDefined()
      if (!row.match_attribute) continue
      const attribute = layer!.attributes.find((a) => a.name === row.match_attribute)
      expect(attribute, `${row.layer}.${row.match_attribute}`).toBeDefined()
      if (attribute?.values) expect(attribute.values).toContain(row.match_value)
    }
    // Every constraint layer is judged by at least one rule.
    expect(new Set(rows.map((r) => r.layer))).toEqual(new Set(constraint.keys()))
  })
})

describe('registry', () => {
  it('declares zone fields that are attributes of their layer, and unique zone keys', () => {
    const keys = zoneLayers().map((l) => l.zone.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const layer of zoneLayers()) {
      const names = layer.attributes.map((a) => a.name)
      for (const field of layer.zone.fields) expect(names, `${layer.id}.${field}`).toContain(field)
      for (const flag of layer.zone.flags ?? []) expect(layer.zone.fields).toContain(flag)
    }
  })

  it('marks as constraint only polygon or line layers that intrusion reads', () => {
    // Intrusion measures a polygon by its boundary and a line by itself (the control lines).
    for (const layer of layersFor('constraint')) {
      expect(['MultiPolygon', 'MultiLineString'], layer.id).toContain(layer.geometry)
      expect(layer.analyses, layer.id).toContain('intrusion')
    }
  })
})
