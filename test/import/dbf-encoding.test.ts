// Encoding resolution: --encoding, then .cpg, then the language-driver byte, then the bytes.
// The PostGIS loader corpus's Latin1 tables are the oracle for what a correct loader reads.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodingLabel, resolveDbfEncoding } from '../../server/import/dbf-encoding.ts'
import { DbfReader } from '../../server/import/dbf-reader.ts'
import { dbfBytes, encodeGbk } from '../support/shapefile-writer.ts'
import { CORPUS } from './corpus-inputs.ts'

const LOADER = join(CORPUS, 'postgis-loader', 'regress', 'loader')
const bytesOf = (...chunks: Uint8Array[]) =>
  async function* () {
    yield* chunks
  }

async function readAll(path: string, encoding: string) {
  const dbf = await DbfReader.open(path, path.split('/').pop()!, encoding)
  const rows = []
  for (let r = await dbf.next(); r; r = await dbf.next()) rows.push(r)
  await dbf.close()
  return { fields: dbf.header.fields.map((f) => f.name), rows }
}

describe('encodingLabel', () => {
  it.each([
    ['936', 'gbk'],
    ['CP936', 'gbk'],
    ['ANSI 936', 'gbk'],
    ['cp 936', 'gbk'],
    ['GBK', 'gbk'],
    ['GB2312', 'gbk'],
    ['gb18030', 'gb18030'],
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['65001', 'utf-8'],
    ['OEM', 'gbk'],
    ['ANSI 1252', 'windows-1252'],
    ['1250', 'windows-1250'],
    ['ISO-8859-1', 'iso-8859-1'],
    ['88591', 'iso-8859-1'],
    ['LATIN1', 'iso-8859-1'],
    ['BIG5', 'big5'],
    ['950', 'big5'],
  ])('maps %s to %s, a label TextDecoder accepts', (name, label) => {
    expect(encodingLabel(name)).toBe(label)
    expect(() => new TextDecoder(label)).not.toThrow()
  })

  it('knows no decoder for DOS code pages TextDecoder lacks', () => {
    expect(encodingLabel('437')).toBeNull()
    expect(encodingLabel('made-up')).toBeNull()
  })
})

describe('resolveDbfEncoding', () => {
  const gbkText = encodeGbk('昆明市')

  it('prefers --encoding over everything, and says so', async () => {
    const choice = await resolveDbfEncoding({
      explicit: 'GBK',
      cpg: { text: 'UTF-8', fileName: 'x.cpg' },
      languageDriver: 0x03,
    })
    expect(choice).toEqual({ label: 'gbk', reason: '--encoding GBK' })
  })

  it('reads the .cpg next, tolerating a BOM and a newline', async () => {
    const choice = await resolveDbfEncoding({
      cpg: { text: '\uFEFFCP936\r\n', fileName: 'a.cpg' },
      languageDriver: 0x03,
    })
    expect(choice).toEqual({ label: 'gbk', reason: "a.cpg says 'CP936'" })
  })

  it('then the language-driver byte: 0x4D is CP936', async () => {
    const choice = await resolveDbfEncoding({ languageDriver: 0x4d, textBytes: bytesOf(Buffer.from('abc')) })
    expect(choice.label).toBe('gbk')
    expect(choice.reason).toMatch(/0x4D.*936/)
  })

  it('then UTF-8 when the bytes are valid UTF-8, else GB18030', async () => {
    const utf8 = await resolveDbfEncoding({
      languageDriver: 0,
      textBytes: bytesOf(Buffer.from('昆明市', 'utf8')),
    })
    expect(utf8.label).toBe('utf-8')
    expect(utf8.reason).toMatch(/valid UTF-8/)
    const gbk = await resolveDbfEncoding({ languageDriver: 0x57, textBytes: bytesOf(gbkText) })
    expect(gbk.label).toBe('gb18030')
    expect(gbk.reason).toMatch(/not valid UTF-8/)
    expect(new TextDecoder(gbk.label).decode(gbkText)).toBe('昆明市')
  })

  it('finds invalid UTF-8 split across chunks, and calls plain ASCII what it is', async () => {
    const utf8 = Buffer.from('滇池', 'utf8')
    const split = await resolveDbfEncoding({ textBytes: bytesOf(utf8.subarray(0, 2), utf8.subarray(2)) })
    expect(split.label).toBe('utf-8')
    const ascii = await resolveDbfEncoding({ textBytes: bytesOf(Buffer.from('plain')) })
    expect(ascii.reason).toMatch(/plain ASCII/)
  })

  it('refuses a .cpg that is an HTML page, or names a code page it cannot decode', async () => {
    const html = readFileSync(join(CORPUS, 'shapefile-js/test/data/htmlcpg.cpg'), 'utf8')
    await expect(resolveDbfEncoding({ cpg: { text: html, fileName: 'htmlcpg.cpg' } })).rejects.toThrow(
      /htmlcpg\.cpg does not name a code page \(it holds an HTML page\).*--encoding/,
    )
    await expect(resolveDbfEncoding({ cpg: { text: '437', fileName: 'dos.cpg' } })).rejects.toThrow(
      /--encoding/,
    )
    await expect(resolveDbfEncoding({ explicit: 'klingon' })).rejects.toThrow(/--encoding klingon/)
  })
})

describe('DbfReader against the PostGIS loader corpus', () => {
  it('Latin1.dbf read as LATIN1 (its -W option) gives the Norwegian text', async () => {
    const { rows } = await readAll(join(LOADER, 'Latin1.dbf'), encodingLabel('LATIN1')!)
    const expected = readFileSync(join(LOADER, 'Latin1.select.expected'), 'utf8').trim().split('|')[1]
    expect(rows.map((r) => r.values[0])).toEqual([expected])
  })

  it('Latin1-implicit.dbf says 1252 in its language-driver byte, and that is enough', async () => {
    const path = join(LOADER, 'Latin1-implicit.dbf')
    const head = readFileSync(path)
    const choice = await resolveDbfEncoding({ languageDriver: head[29] })
    const { rows } = await readAll(path, choice.label)
    const expected = readFileSync(join(LOADER, 'Latin1-implicit.select.expected'), 'utf8')
      .trim()
      .split('|')[1]
    expect(rows[0].values[0]).toBe(expected)
  })

  it('CharNoWidth.dbf: zero-width fields read as empty, every other value as the loader did', async () => {
    const { rows } = await readAll(join(LOADER, 'CharNoWidth.dbf'), 'utf-8')
    const expected = readFileSync(join(LOADER, 'CharNoWidth.select.expected'), 'utf8')
      .split('\n')[0]
      .split('|')
    // The expected row starts with the loader's gid column; psql shows NULL as nothing.
    expect(rows[0].values.map((v) => (v === null ? '' : String(v)))).toEqual(expected.slice(1))
  })

  it('mfile.dbf holds the three rows of mfile.select.expected', async () => {
    const { fields, rows } = await readAll(join(LOADER, 'mfile.dbf'), 'utf-8')
    expect(fields).toEqual(['ADD', 'COLOR', 'SHORT'])
    const expected = readFileSync(join(LOADER, 'mfile.select.expected'), 'utf8').trim().split('\n')
    for (const [i, line] of expected.entries()) {
      const [address, short, color] = line.split('|')
      expect(rows[i].values).toEqual([address, color, short])
    }
  })

  it('reports bytes that are not valid in the chosen encoding instead of hiding them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcgis-dbf-'))
    const path = join(dir, 'gbk-read-as-utf8.dbf')
    writeFileSync(
      path,
      dbfBytes({
        encoding: 'gbk',
        fields: [{ name: 'MC', type: 'C', length: 20 }],
        records: [{ shape: null, values: ['昆明市'] }],
      }),
    )
    const { rows } = await readAll(path, 'utf-8')
    expect(rows[0].problems?.[0]).toMatch(/MC: bytes not valid in utf-8/)
    const { rows: right } = await readAll(path, 'gbk')
    expect(right[0].values).toEqual(['昆明市'])
    expect(right[0].problems).toBeUndefined()
    rmSync(dir, { recursive: true, force: true })
  })
})
