// Reads a dBASE III table (the .dbf of a shapefile) record by record, decoding text with the
// encoding resolved beforehand (dbf-encoding.ts). Values come out as JS values; what a value
// means for a layer attribute is decided later, so nothing here drops or guesses.
import { BadRequest } from '../errors.ts'
import { ByteReader } from './byte-reader.ts'

export type DbfValue = string | number | boolean | null

export interface DbfField {
  name: string
  /** Raw name bytes, decoded once the encoding is known. */
  nameBytes: Buffer
  type: string
  offset: number
  length: number
  decimals: number
}

export interface DbfHeader {
  version: number
  recordCount: number
  headerLength: number
  recordLength: number
  /** Byte 29: the language driver id (0x4D is CP936). */
  languageDriver: number
  fields: DbfField[]
}

export interface DbfRecord {
  deleted: boolean
  values: DbfValue[]
  /** Text whose bytes are not valid in the chosen encoding (decoded with U+FFFD, and said). */
  problems?: string[]
}

const FIELD_TYPES = new Set(['C', 'N', 'F', 'L', 'D', 'M', 'B', 'G', 'I', 'O', '@', '+', 'T', 'Y', 'V', 'P'])

export function parseDbfHeader(bytes: Buffer, fileName: string): DbfHeader {
  const bad = (why: string) => new BadRequest(`${fileName} is not a readable dBASE table: ${why}`)
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50)
    throw new BadRequest(`${fileName} is a zip archive, not a .dbf file: upload or name it as a .zip`)
  if (bytes.length < 32) throw bad('shorter than its 32-byte header')
  // Writers put all sorts of values in the version byte (GDAL reads them all); only dBASE 7,
  // whose field descriptors are 48 bytes, is a different layout.
  const version = bytes[0]
  if ((version & 0x07) === 4) throw bad('dBASE 7 tables are not supported; save it as dBASE III')
  const header: DbfHeader = {
    version,
    recordCount: bytes.readUInt32LE(4),
    headerLength: bytes.readUInt16LE(8),
    recordLength: bytes.readUInt16LE(10),
    languageDriver: bytes[29],
    fields: [],
  }
  if (header.headerLength < 33 || header.headerLength > bytes.length) throw bad('its header length is wrong')
  let offset = 1 // byte 0 of every record is the deletion flag
  for (let at = 32; at + 32 <= header.headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameEnd = bytes.indexOf(0, at)
    const nameBytes = Buffer.from(bytes.subarray(at, nameEnd >= at && nameEnd < at + 11 ? nameEnd : at + 11))
    const type = String.fromCharCode(bytes[at + 11]).toUpperCase()
    if (!FIELD_TYPES.has(type))
      throw bad(`field ${header.fields.length + 1} has an unknown type 0x${bytes[at + 11].toString(16)}`)
    const length = bytes[at + 16]
    header.fields.push({
      name: nameBytes.toString('latin1'),
      nameBytes,
      type,
      offset,
      length,
      decimals: bytes[at + 17],
    })
    offset += length
  }
  if (header.fields.length > 0 && offset > header.recordLength)
    throw bad(`its fields need ${offset} bytes per record but records have ${header.recordLength}`)
  return header
}

const isBlank = (b: number) => b === 0x20 || b === 0x00

export class DbfReader {
  private index = 0
  private readonly decoder: TextDecoder
  private readonly lenient: TextDecoder
  private problems: string[] | undefined
  readonly warnings: string[] = []

  private constructor(
    private readonly reader: ByteReader,
    readonly header: DbfHeader,
    readonly encoding: string,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true })
    this.lenient = new TextDecoder(encoding)
    for (const field of header.fields)
      field.name = this.lenient.decode(field.nameBytes).trim() || `field_${field.offset}`
    for (const field of header.fields)
      if (!'CNFLDIO+@T'.includes(field.type))
        this.warnings.push(
          `field ${field.name} of dBASE type ${field.type} cannot be read; its values are left empty`,
        )
  }

  static async open(path: string, fileName: string, encoding: string): Promise<DbfReader> {
    const reader = await ByteReader.open(path)
    try {
      const head = await reader.peek(65_536)
      const header = parseDbfHeader(head, fileName)
      await reader.skip(header.headerLength)
      return new DbfReader(reader, header, encoding)
    } catch (error) {
      await reader.close()
      throw error
    }
  }

  /** Whether the table has fields at all; a field-less table carries no attributes to match. */
  get hasFields(): boolean {
    return this.header.fields.length > 0
  }

  /** The next record, or null past the last one the header counts (or the end of the file). */
  async next(): Promise<DbfRecord | null> {
    if (this.index >= this.header.recordCount) return null
    const bytes = await this.reader.read(this.header.recordLength)
    if (bytes.length < this.header.recordLength || bytes[0] === 0x1a) return null
    this.index++
    this.problems = undefined
    const fields = this.header.fields
    const values: DbfValue[] = new Array(fields.length)
    for (let i = 0; i < fields.length; i++) values[i] = this.value(bytes, fields[i])
    return { deleted: bytes[0] === 0x2a, values, problems: this.problems }
  }

  /** Records read so far. */
  get count(): number {
    return this.index
  }

  /** Text without the padding; leading spaces are kept in character fields, as GDAL does. */
  private text(bytes: Buffer, start: number, end: number, field: DbfField): string | null {
    while (end > start && isBlank(bytes[end - 1])) end--
    if (field.type !== 'C') while (start < end && bytes[start] === 0x20) start++
    if (start === end) return null
    let ascii = true
    for (let i = start; i < end; i++)
      if (bytes[i] >= 0x80) {
        ascii = false
        break
      }
    if (ascii) return bytes.toString('latin1', start, end)
    try {
      return this.decoder.decode(bytes.subarray(start, end))
    } catch {
      this.problems ??= []
      this.problems.push(
        `${field.name}: bytes not valid in ${this.encoding}, unreadable characters replaced by U+FFFD`,
      )
      return this.lenient.decode(bytes.subarray(start, end))
    }
  }

  private value(bytes: Buffer, field: DbfField): DbfValue {
    const start = field.offset
    const end = start + field.length
    switch (field.type) {
      case 'C':
      case 'V':
        return this.text(bytes, start, end, field)
      case 'N':
      case 'F': {
        const raw = this.text(bytes, start, end, field)
        if (raw === null || /^\*+$/.test(raw)) return null // asterisks: a value too wide, i.e. none
        const n = Number(raw)
        return Number.isFinite(n) ? n : raw // kept as text; a numeric attribute reports it
      }
      case 'L': {
        const c = String.fromCharCode(bytes[start]).toUpperCase()
        return 'TY'.includes(c) ? true : 'FN'.includes(c) ? false : null
      }
      case 'D': {
        const raw = this.text(bytes, start, end, field)
        if (raw === null || /^0+$/.test(raw)) return null
        const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw)
        return m ? `${m[1]}-${m[2]}-${m[3]}` : raw
      }
      case 'I':
        return field.length >= 4 ? bytes.readInt32LE(start) : null
      case 'O':
        return field.length >= 8 ? bytes.readDoubleLE(start) : null
      case '+':
        return field.length >= 4 ? bytes.readInt32LE(start) : null
      case '@':
      case 'T':
        return null
      default:
        return null
    }
  }

  async close() {
    await this.reader.close()
  }
}
