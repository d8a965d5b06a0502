// DBF faults that real files expose (issue 8, kinds 1, 6 and 7), on both engines: character
// fields wider than 255 bytes, text after a NUL terminator, and Visual FoxPro tables. The handed
// cases (../shared/cases/import-realworld) carry their right values in their README; each kind
// also gets an example of our own that differs from the handed one.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DbfReader, parseDbfHeader } from '../../server/import/dbf-reader.ts'
import { dbfBytes, writeShapefile } from '../support/shapefile-writer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { ROOT } from './corpus-inputs.ts'
import { attempt, importFile, snapshot, storedRows } from './import-helpers.ts'

const CASES = join(ROOT, '..', 'shared', 'cases', 'import-realworld')
/** EPSG:4490, so that no test here depends on a CRS guess. */
const PRJ_4490 = readFileSync(join(CASES, 'nul_text.prj'), 'utf8')
const scratch = mkdtempSync(join(tmpdir(), 'rcgis-realworld-dbf-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const SQUARE: [number, number][] = [
  [102.6, 24.6],
  [102.6, 24.62],
  [102.62, 24.62],
  [102.62, 24.6],
  [102.6, 24.6],
]

interface VfpField {
  name: string
  type: string
  length: number
  decimals?: number
  /** VFP field flags: 0x01 system column, 0x02 nullable. */
  flags?: number
}

/**
 * A Visual FoxPro table written from the "Table File Structure" layout: version byte 0x30,
 * 32-byte descriptors with the displacement (12–15) and flags (18), the 0x0D terminator and the
 * 263-byte backlink. Each row is given as the raw bytes of each field.
 */
function vfpDbf(fields: VfpField[], rows: Buffer[][]): Buffer {
  const headerLength = 32 + 32 * fields.length + 1 + 263
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0)
  const header = Buffer.alloc(headerLength)
  header[0] = 0x30
  header.writeUInt32LE(rows.length, 4)
  header.writeUInt16LE(headerLength, 8)
  header.writeUInt16LE(recordLength, 10)
  header[29] = 0x4d // CP936
  let displacement = 1
  fields.forEach((f, i) => {
    const at = 32 + 32 * i
    header.write(f.name, at, 'latin1')
    header.write(f.type, at + 11, 'latin1')
    header.writeUInt32LE(displacement, at + 12)
    header[at + 16] = f.length
    header[at + 17] = f.decimals ?? 0
    header[at + 18] = f.flags ?? 0
    displacement += f.length
  })
  header[32 + 32 * fields.length] = 0x0d
  const records = rows.map((row) => Buffer.concat([Buffer.from([0x20]), ...row]))
  return Buffer.concat([header, ...records, Buffer.from([0x1a])])
}

const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32LE(n)
  return b
}
const double = (n: number) => {
  const b = Buffer.alloc(8)
  b.writeDoubleLE(n)
  return b
}
const int64 = (n: bigint) => {
  const b = Buffer.alloc(8)
  b.writeBigInt64LE(n)
  return b
}
const padded = (text: string, width: number) => Buffer.from(text.padEnd(width, ' '), 'latin1')

describe('the DBF header on its own', () => {
  const field = (name: string, type: string, byte16: number, byte17 = 0) => ({ name, type, byte16, byte17 })
  function header(fields: ReturnType<typeof field>[], recordLength: number): Buffer {
    const b = Buffer.alloc(32 + 32 * fields.length + 1)
    b[0] = 0x03
    b.writeUInt16LE(b.length, 8)
    b.writeUInt16LE(recordLength, 10)
    fields.forEach((f, i) => {
      b.write(f.name, 32 + 32 * i, 'latin1')
      b.write(f.type, 32 + 32 * i + 11, 'latin1')
      b[32 + 32 * i + 16] = f.byte16
      b[32 + 32 * i + 17] = f.byte17
    })
    b[b.length - 1] = 0x0d
    return b
  }

  it('reads a 16-bit character width when only that reading adds up to the record length', () => {
    // NAME is 512 bytes: byte 16 = 0, byte 17 = 2. 1 + 512 + 8 = 521.
    const h = parseDbfHeader(header([field('NAME', 'C', 0, 2), field('CODE', 'C', 8)], 521), 'w.dbf')
    expect(h.fields.map((f) => [f.name, f.offset, f.length])).toEqual([
      ['NAME', 1, 512],
      ['CODE', 513, 8],
    ])
    expect(h.warnings).toEqual([])
  })

  it('keeps byte 16 alone when that is the reading that adds up', () => {
    // A writer that left a stray byte 17 on a 20-byte C field: 1 + 20 + 8 = 29.
    const h = parseDbfHeader(header([field('NAME', 'C', 20, 1), field('CODE', 'C', 8)], 29), 'n.dbf')
    expect(h.fields.map((f) => f.length)).toEqual([20, 8])
    expect(h.warnings).toEqual([])
  })

  it('warns, naming the field, when neither reading adds up', () => {
    // 1 + 20 + 8 = 29 (or 1 + 276 + 8 = 285) against a record length of 40.
    const h = parseDbfHeader(header([field('NAME', 'C', 20, 1), field('CODE', 'C', 8)], 40), 'x.dbf')
    expect(h.warnings).toHaveLength(1)
    expect(h.warnings[0]).toMatch(
      /x\.dbf: the header says each record has 40 bytes but the fields add up to 29/,
    )
    expect(h.warnings[0]).toMatch(/check the values of NAME/)
    const plain = parseDbfHeader(header([field('NAME', 'C', 20), field('CODE', 'C', 8)], 40), 'y.dbf')
    expect(plain.warnings[0]).toMatch(/add up to 29.*check the values of CODE/)
  })

  it('refuses fields that need more bytes than a record has, whichever way they are read', () => {
    expect(() =>
      parseDbfHeader(header([field('NAME', 'C', 20), field('CODE', 'C', 8)], 20), 'z.dbf'),
    ).toThrow(/z\.dbf is not a readable dBASE table: its fields need 29 bytes per record .*records have 20/)
  })

  it('refuses a field type no dBASE or FoxPro version defines, naming field and type', () => {
    expect(() => parseDbfHeader(header([field('ODD', 'X', 4)], 5), 'u.dbf')).toThrow(
      /u\.dbf is not a readable dBASE table: field ODD has type 'X' \(0x58\)/,
    )
    // A NUL type byte (shapefile-js's bad.dbf) is named by its code: the message goes to the log.
    let message = ''
    try {
      parseDbfHeader(header([field('', '\0', 4)], 5), 'n.dbf')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/field 1 has type 0x0, which no dBASE/)
    expect(message).not.toContain('\0')
  })

  it('sets Visual FoxPro system columns apart and gives out null bits in field order', () => {
    const h = parseDbfHeader(
      vfpDbf(
        [
          { name: 'NAME', type: 'C', length: 10, flags: 0x02 },
          { name: 'NOTE', type: 'V', length: 10, flags: 0x02 },
          { name: 'QTY', type: 'I', length: 4, flags: 0x02 },
          { name: '_NullFlags', type: '0', length: 1, flags: 0x05 },
        ],
        [],
      ),
      'v.dbf',
    )
    expect(h.fields.map((f) => f.name)).toEqual(['NAME', 'NOTE', 'QTY'])
    expect(h.nullFlags).toMatchObject({ offset: 25, length: 1 })
    // NAME null: bit 0; NOTE length: bit 1, NOTE null: bit 2; QTY null: bit 3.
    expect(h.fields.map((f) => [f.nullBit, f.varLengthBit])).toEqual([
      [0, undefined],
      [2, 1],
      [3, undefined],
    ])
  })
})

describe.each(ENGINES)('%s engine: DBF faults of real files', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(() => t?.dispose())

  describe('kind 1: character fields wider than 255 bytes', () => {
    it('long_text_blue: NAME is 300 bytes and PFWJ lands in approval (README values)', async () => {
      const report = await importFile(t.db, join(CASES, 'long_text_blue.shp'), 'blue_lines')
      expect(report.counts).toMatchObject({ read: 1, inserted: 1, skipped: 0, rejected: 0 })
      expect(report.warnings).toEqual([])
      const [row] = await storedRows(t.db, 'blue_lines', report.importId!)
      expect(row.attributes.name).toBe(
        '松华坝水库城市蓝线（含冷水河、牧羊河入库河口段陆域范围，界线以2017年市政府批复图件为准）',
      )
      expect((row.attributes.name as string).length).toBe(46)
      expect(row.attributes.approval).toBe('昆规〔2017〕999号')
    })

    it('long_text: the field after NAME is the enumerated kind, read as prohibited', async () => {
      const report = await importFile(t.db, join(CASES, 'long_text.shp'), 'groundwater_zones')
      expect(report.counts).toMatchObject({ read: 1, inserted: 1, rejected: 0 })
      const [row] = await storedRows(t.db, 'groundwater_zones', report.importId!)
      expect(row.attributes).toMatchObject({
        name: '松华坝水库地下水禁采区（含冷水河、牧羊河入库河口段陆域范围，界线以2017年市政府批复图件为准）',
        kind: 'prohibited',
      })
    })

    it('our own: a 1000-byte UTF-8 field (.cpg UTF-8) before the kind, on polygons', async () => {
      // 300 CJK characters are 900 bytes in UTF-8; the field is 1000 wide (byte 16 = 0xE8,
      // byte 17 = 3), which the writer stores as Clipper does.
      const name = '禁'.repeat(299) + '区'
      const shp = writeShapefile(join(scratch, 'wide'), 'wide', {
        shapeType: 'Polygon',
        fields: [
          { name: 'MC', type: 'C', length: 1000, decimals: 3 },
          { name: 'LX', type: 'C', length: 12 },
        ],
        records: [{ shape: { type: 'Polygon', rings: [SQUARE] }, values: [name, 'restricted'] }],
        cpg: 'UTF-8',
      })
      const report = await importFile(t.db, shp, 'groundwater_zones')
      expect(report.encoding.used).toBe('utf-8')
      const [row] = await storedRows(t.db, 'groundwater_zones', report.importId!)
      expect(row.attributes).toMatchObject({ name, kind: 'restricted' })
    })
  })

  describe('kind 6: DBF text hygiene', () => {
    it('nul_text: text ends at the first NUL, as GDAL reads it (2 records, the first Outfall A)', async () => {
      const report = await importFile(t.db, join(CASES, 'nul_text.shp'), 'outfalls')
      expect(report.counts).toMatchObject({ read: 2, inserted: 2, rejected: 0 })
      const rows = await storedRows(t.db, 'outfalls', report.importId!)
      expect(rows.map((r) => [r.attributes.code, r.attributes.name])).toEqual([
        ['OF-001', 'Outfall A'],
        ['OF-002', 'Outfall B'],
      ])
    })

    it('our own: GBK polygons whose names hide old text behind a NUL', async () => {
      const shp = writeShapefile(join(scratch, 'nulgbk'), 'nulgbk', {
        shapeType: 'Polygon',
        encoding: 'gbk',
        cpg: '936',
        fields: [
          { name: 'MC', type: 'C', length: 40 },
          { name: 'LX', type: 'C', length: 12 },
        ],
        records: [
          { shape: { type: 'Polygon', rings: [SQUARE] }, values: ['黑龙潭禁采区\0旧名称残留', 'prohibited'] },
        ],
      })
      const report = await importFile(t.db, shp, 'groundwater_zones')
      const [row] = await storedRows(t.db, 'groundwater_zones', report.importId!)
      expect(row.attributes.name).toBe('黑龙潭禁采区')
      expect(row.extra).toEqual({})
    })
    it('GeoJSON too: NUL and lone surrogates are cleaned and reported by field and record, never a PostgreSQL error', async () => {
      const path = join(scratch, 'nul.geojson')
      // JSON.stringify writes U+0000 and a lone surrogate as \u escapes, which JSON.parse reads back.
      writeFileSync(
        path,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {
                code: 'OF-3',
                name: 'Outfall C\u0000tail',
                note: 'bad \ud800 half',
                more: { 'k\u0000x': 'v' },
              },
              geometry: { type: 'Point', coordinates: [102.7, 25.0] },
            },
          ],
        }),
      )
      const outcome = await attempt(() => importFile(t.db, path, 'outfalls'))
      expect(outcome.error?.message).toBeUndefined()
      const report = outcome.report!
      expect(report.counts).toMatchObject({ read: 1, inserted: 1 })
      expect(report.conversionProblems.map((p) => [p.recordNo, p.field, p.problem])).toEqual([
        [1, 'name', expect.stringMatching(/NUL character/)],
        [1, 'note', expect.stringMatching(/lone UTF-16 surrogate/)],
        [1, 'more', expect.stringMatching(/NUL character/)],
      ])
      const [row] = await storedRows(t.db, 'outfalls', report.importId!)
      expect(row.attributes.name).toBe('Outfall C')
      expect(row.extra).toEqual({ note: 'bad \uFFFD half', more: { k: 'v' } })
    })
  })

  describe('kind 7: Visual FoxPro tables', () => {
    // The julian day number of 2017-05-01 is 2457875 (JDN of 2000-01-01 is 2451545, plus 6330
    // days); 08:30 is 30 600 000 ms after midnight.
    const fields: VfpField[] = [
      { name: 'CODE', type: 'C', length: 8 },
      { name: 'NAME', type: 'C', length: 12 },
      { name: 'QTY', type: 'I', length: 4, flags: 0x02 },
      { name: 'DEPTH', type: 'B', length: 8, decimals: 2 },
      { name: 'FEE', type: 'Y', length: 8 },
      { name: 'SEEN', type: 'T', length: 8 },
      { name: 'NOTE', type: 'V', length: 10 },
      { name: '_NullFlags', type: '0', length: 1, flags: 0x05 },
    ]
    function vfpShapefile(dir: string, rows: Buffer[][]) {
      const shp = writeShapefile(join(scratch, dir), dir, {
        shapeType: 'Point',
        fields: [{ name: 'X', type: 'C', length: 1 }],
        prj: PRJ_4490,
        records: rows.map((_, i) => ({
          shape: { type: 'Point', coordinates: [102.7 + i / 100, 25] },
          values: ['x'],
        })),
      })
      writeFileSync(join(scratch, dir, `${dir}.dbf`), vfpDbf(fields, rows))
      return shp
    }
    const note = (text: string) => {
      const b = Buffer.alloc(10, 0)
      b.write(text, 'latin1')
      b[9] = text.length // bit 1 of _NullFlags (NOTE's length bit) says the last byte holds it
      return b
    }

    it('skips _NullFlags and reads I, B, Y, T and V, with nulls from the flags', async () => {
      const shp = vfpShapefile('vfp', [
        [
          padded('OF-101', 8),
          padded('Outfall 1', 12),
          int32(-123456),
          double(1234.5678),
          int64(123456n),
          Buffer.concat([int32(2457875), int32(30_600_000)]),
          note('short'),
          Buffer.from([0b10]),
        ],
        [
          padded('OF-102', 8),
          padded('Outfall 2', 12),
          int32(77), // null by QTY's null bit (bit 0), whatever the bytes say
          double(-0.5),
          int64(-25000n),
          Buffer.alloc(8), // day 0: no datetime
          padded('fullwidth!', 10),
          Buffer.from([0b01]),
        ],
      ])
      const report = await importFile(t.db, shp, 'outfalls')
      expect(report.counts).toMatchObject({ read: 2, inserted: 2, rejected: 0 })
      expect(report.unmappedFields).not.toContain('_NullFlags')
      expect(report.warnings).toEqual([])
      const rows = await storedRows(t.db, 'outfalls', report.importId!)
      expect(rows[0].extra).toEqual({
        QTY: -123456,
        DEPTH: 1234.5678,
        FEE: 12.3456,
        SEEN: '2017-05-01T08:30:00',
        NOTE: 'short',
      })
      expect(rows[1].attributes).toMatchObject({ code: 'OF-102', name: 'Outfall 2' })
      expect(rows[1].extra).toEqual({ DEPTH: -0.5, FEE: -2.5, NOTE: 'fullwidth!' })
    })

    it('reads the same bytes with DbfReader as the layout says', async () => {
      const path = join(scratch, 'vfp', 'vfp.dbf')
      const dbf = await DbfReader.open(path, 'vfp.dbf', 'gbk')
      const first = await dbf.next()
      await dbf.close()
      expect(dbf.header.fields.map((f) => f.name)).toEqual([
        'CODE',
        'NAME',
        'QTY',
        'DEPTH',
        'FEE',
        'SEEN',
        'NOTE',
      ])
      expect(first?.values).toEqual([
        'OF-101',
        'Outfall 1',
        -123456,
        1234.5678,
        12.3456,
        '2017-05-01T08:30:00',
        'short',
      ])
    })

    it('refuses a table with a truly unknown type, naming field and type, and leaves the layer as it was', async () => {
      const dir = join(scratch, 'odd')
      const shp = writeShapefile(dir, 'odd', {
        shapeType: 'Point',
        fields: [{ name: 'X', type: 'C', length: 1 }],
        records: [{ shape: { type: 'Point', coordinates: [102.7, 25] }, values: ['x'] }],
      })
      const bytes = dbfBytes({
        fields: [{ name: 'ODD', type: 'C', length: 1 }],
        records: [{ shape: null, values: ['x'] }],
      })
      bytes[32 + 11] = 'Z'.charCodeAt(0)
      writeFileSync(join(dir, 'odd.dbf'), bytes)
      copyFileSync(join(CASES, 'nul_text.prj'), join(dir, 'odd.prj'))
      const before = await snapshot(t.db, 'outfalls')
      const outcome = await attempt(() => importFile(t.db, shp, 'outfalls'))
      expect(outcome.error?.status).toBe(400)
      expect(outcome.error?.message).toMatch(
        /odd\.dbf .*field ODD has type 'Z' \(0x5a\), which no dBASE or FoxPro version defines/,
      )
      const after = await snapshot(t.db, 'outfalls')
      expect(after.digest).toBe(before.digest)
    })
  })
})
