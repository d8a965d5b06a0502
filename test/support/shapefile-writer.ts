// A small shapefile writer for tests and the import benchmark: 2D points, lines and polygons,
// dBASE III attributes in UTF-8 or GBK, optional .shx/.prj/.cpg and language-driver byte. The
// `shapefile` package only reads; this writes exactly what a test needs to control.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type Ring = [number, number][]

export type ShapeInput =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'MultiPoint'; coordinates: [number, number][] }
  | { type: 'PolyLine'; parts: Ring[] }
  | { type: 'Polygon'; rings: Ring[] }
  | null

export interface FieldSpec {
  name: string
  type: 'C' | 'N' | 'D' | 'L'
  length: number
  decimals?: number
}

export interface ShapefileSpec {
  shapeType: 'Point' | 'MultiPoint' | 'PolyLine' | 'Polygon'
  fields: FieldSpec[]
  records: { shape: ShapeInput; values: (string | number | boolean | null)[] }[]
  /** How DBF text is encoded. */
  encoding?: 'utf-8' | 'gbk'
  languageDriver?: number
  cpg?: string
  prj?: string
  shx?: boolean
}

const TYPE_CODE = { Point: 1, PolyLine: 3, Polygon: 5, MultiPoint: 8 } as const

let gbkTable: Map<string, number[]> | null = null

/** GBK bytes for a string, by inverting Node's GBK decoder (Node can decode GBK, not encode it). */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map()
    const decoder = new TextDecoder('gbk')
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue
        const ch = decoder.decode(Uint8Array.of(hi, lo))
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [hi, lo])
      }
  }
  const bytes: number[] = []
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code < 0x80) bytes.push(code)
    else {
      const pair = gbkTable.get(ch)
      if (!pair) throw new Error(`no GBK code for ${ch}`)
      bytes.push(...pair)
    }
  }
  return Buffer.from(bytes)
}

function shapeContent(shape: ShapeInput): Buffer {
  if (!shape) {
    const b = Buffer.alloc(4)
    b.writeInt32LE(0, 0)
    return b
  }
  if (shape.type === 'Point') {
    const b = Buffer.alloc(20)
    b.writeInt32LE(1, 0)
    b.writeDoubleLE(shape.coordinates[0], 4)
    b.writeDoubleLE(shape.coordinates[1], 12)
    return b
  }
  const parts =
    shape.type === 'MultiPoint' ? [shape.coordinates] : shape.type === 'PolyLine' ? shape.parts : shape.rings
  const points = parts.flat()
  const xs = points.map((p) => p[0])
  const ys = points.map((p) => p[1])
  const bbox = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
  if (shape.type === 'MultiPoint') {
    const b = Buffer.alloc(40 + 16 * points.length)
    b.writeInt32LE(8, 0)
    for (const [i, v] of bbox.entries()) b.writeDoubleLE(v, 4 + 8 * i)
    b.writeInt32LE(points.length, 36)
    for (const [i, p] of points.entries()) {
      b.writeDoubleLE(p[0], 40 + 16 * i)
      b.writeDoubleLE(p[1], 48 + 16 * i)
    }
    return b
  }
  const b = Buffer.alloc(44 + 4 * parts.length + 16 * points.length)
  b.writeInt32LE(TYPE_CODE[shape.type], 0)
  for (const [i, v] of bbox.entries()) b.writeDoubleLE(v, 4 + 8 * i)
  b.writeInt32LE(parts.length, 36)
  b.writeInt32LE(points.length, 40)
  let start = 0
  parts.forEach((part, i) => {
    b.writeInt32LE(start, 44 + 4 * i)
    start += part.length
  })
  const at = 44 + 4 * parts.length
  points.forEach((p, i) => {
    b.writeDoubleLE(p[0], at + 16 * i)
    b.writeDoubleLE(p[1], at + 16 * i + 8)
  })
  return b
}

function fileHeader(typeCode: number, lengthBytes: number, bbox: number[]): Buffer {
  const h = Buffer.alloc(100)
  h.writeInt32BE(9994, 0)
  h.writeInt32BE(lengthBytes / 2, 24)
  h.writeInt32LE(1000, 28)
  h.writeInt32LE(typeCode, 32)
  for (const [i, v] of bbox.entries()) h.writeDoubleLE(v, 36 + 8 * i)
  return h
}

function dbfValue(
  field: FieldSpec,
  value: string | number | boolean | null,
  encode: (s: string) => Buffer,
): Buffer {
  const out = Buffer.alloc(field.length, 0x20)
  if (value === null) return out
  if (field.type === 'N') {
    const text = typeof value === 'number' ? value.toFixed(field.decimals ?? 0) : String(value)
    Buffer.from(text.slice(-field.length), 'latin1').copy(out, Math.max(0, field.length - text.length))
  } else if (field.type === 'L') out.write(value ? 'T' : 'F', 'latin1')
  else if (field.type === 'D') out.write(String(value).replaceAll('-', ''), 'latin1')
  else encode(String(value)).copy(out, 0, 0, field.length)
  return out
}

export function dbfBytes(
  spec: Pick<ShapefileSpec, 'fields' | 'records' | 'encoding' | 'languageDriver'>,
): Buffer {
  const encode = spec.encoding === 'gbk' ? encodeGbk : (s: string) => Buffer.from(s, 'utf8')
  const headerLength = 32 + 32 * spec.fields.length + 1
  const recordLength = 1 + spec.fields.reduce((n, f) => n + f.length, 0)
  const header = Buffer.alloc(headerLength)
  header[0] = 0x03
  header[1] = 125
  header[2] = 1
  header[3] = 1
  header.writeUInt32LE(spec.records.length, 4)
  header.writeUInt16LE(headerLength, 8)
  header.writeUInt16LE(recordLength, 10)
  header[29] = spec.languageDriver ?? 0
  spec.fields.forEach((f, i) => {
    const at = 32 + 32 * i
    encode(f.name).copy(header, at, 0, 10)
    header.write(f.type, at + 11, 'latin1')
    header[at + 16] = f.length
    header[at + 17] = f.decimals ?? 0
  })
  header[headerLength - 1] = 0x0d
  const rows = spec.records.map((r) =>
    Buffer.concat([
      Buffer.from([0x20]),
      ...spec.fields.map((f, i) => dbfValue(f, r.values[i] ?? null, encode)),
    ]),
  )
  return Buffer.concat([header, ...rows, Buffer.from([0x1a])])
}

/** Writes name.shp/.shx/.dbf (and .prj/.cpg when given) into dir; returns the .shp path. */
export function writeShapefile(dir: string, name: string, spec: ShapefileSpec): string {
  mkdirSync(dir, { recursive: true })
  const contents = spec.records.map((r) => shapeContent(r.shape))
  const bbox = [Infinity, Infinity, -Infinity, -Infinity]
  for (const { shape: s } of spec.records) {
    if (!s) continue
    const points =
      s.type === 'Point'
        ? [s.coordinates]
        : s.type === 'MultiPoint'
          ? s.coordinates
          : (s.type === 'PolyLine' ? s.parts : s.rings).flat()
    for (const [x, y] of points) {
      bbox[0] = Math.min(bbox[0], x)
      bbox[1] = Math.min(bbox[1], y)
      bbox[2] = Math.max(bbox[2], x)
      bbox[3] = Math.max(bbox[3], y)
    }
  }
  if (bbox[0] === Infinity) bbox.splice(0, 4, 0, 0, 0, 0)
  const typeCode = TYPE_CODE[spec.shapeType]
  const records: Buffer[] = []
  const index: Buffer[] = []
  let offset = 100
  contents.forEach((content, i) => {
    const head = Buffer.alloc(8)
    head.writeInt32BE(i + 1, 0)
    head.writeInt32BE(content.length / 2, 4)
    records.push(head, content)
    const entry = Buffer.alloc(8)
    entry.writeInt32BE(offset / 2, 0)
    entry.writeInt32BE(content.length / 2, 4)
    index.push(entry)
    offset += 8 + content.length
  })
  const shp = join(dir, `${name}.shp`)
  writeFileSync(shp, Buffer.concat([fileHeader(typeCode, offset, bbox), ...records]))
  if (spec.shx !== false)
    writeFileSync(
      join(dir, `${name}.shx`),
      Buffer.concat([fileHeader(typeCode, 100 + 8 * index.length, bbox), ...index]),
    )
  writeFileSync(join(dir, `${name}.dbf`), dbfBytes(spec))
  if (spec.prj) writeFileSync(join(dir, `${name}.prj`), spec.prj)
  if (spec.cpg) writeFileSync(join(dir, `${name}.cpg`), spec.cpg)
  return shp
}
